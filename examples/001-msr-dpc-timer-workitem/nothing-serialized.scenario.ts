// Seed 001, msr's follow-up, at run time: the driver of driver.yaml — a device left at Dispatch +
// scope None; a DPC and two passive timers with AutomaticSerialization parented to the device;
// one work item per manual Passive + scope-Queue queue — plus an IOCTL queue (not in the seed)
// whose EvtIoDeviceControl kicks them all, so the application can trigger them.
// Every callback updates one piece of device state, as the inherited driver presumably does.
// The run confirms msr's reading: AutomaticSerialization under a scope-None device takes no lock
// (S-3), so the DPC, both timers and the work items overlap and the state races (DataRace, CC-6).
// Only each work item is serialized with itself, by its own queue's mutex (S-4, S-5, S-10): the
// second WorkItem0 waits for the first, and its private counter never races.
//   npx wdfsim run examples/001-msr-dpc-timer-workitem/nothing-serialized.scenario.ts --trace msr.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const IOCTL_KICK_ALL = 1;
const IOCTL_KICK_WORKITEM0 = 2;

/** The inherited driver's shared state: read, work on the device, write back. */
async function touchDeviceState(ctx: WdfContext, us: number): Promise<void> {
  const state = ctx.cell("deviceState", 0);
  const n = state.get();
  await ctx.stall(us);
  state.set(n + 1);
}

async function EvtDpc(ctx: WdfContext) {
  await touchDeviceState(ctx, 10); // DISPATCH_LEVEL, no lock (S-3)
}

async function EvtTimer(ctx: WdfContext) {
  await touchDeviceState(ctx, 20); // PASSIVE_LEVEL, no lock (S-3): Timer0 and Timer1 overlap
}

async function EvtWorkItem0(ctx: WdfContext) {
  const runs = ctx.cell("workItem0Runs", 0);
  const n = runs.get();
  await touchDeviceState(ctx, 30); // holds device/SyncQueue0#lock, which nothing else takes
  runs.set(n + 1); // safe: WorkItem0 never overlaps itself
}

async function EvtWorkItem1(ctx: WdfContext) {
  await touchDeviceState(ctx, 30); // holds device/SyncQueue1#lock
}

// Not in the seed: how the driver gets its deferred work going.
function EvtIoDeviceControl(
  ctx: WdfContext,
  _queue: string,
  request: SimRequest,
  _out: number,
  _in: number,
  ioctl: number,
) {
  ctx.WdfWorkItemEnqueue("device/SyncQueue0/WorkItem0");
  if (ioctl === IOCTL_KICK_ALL) {
    ctx.WdfDpcEnqueue("device/Dpc");
    ctx.WdfTimerStart("device/Timer0", 5);
    ctx.WdfTimerStart("device/Timer1", 5);
    ctx.WdfWorkItemEnqueue("device/SyncQueue1/WorkItem1");
  }
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

export const driver = defineDriver({
  devices: {
    device: {
      attributes: {},
      dpcs: { Dpc: { callback: EvtDpc, automaticSerialization: true } },
      timers: {
        Timer0: {
          callback: EvtTimer,
          automaticSerialization: true,
          attributes: { executionLevel: "Passive" },
        },
        Timer1: {
          callback: EvtTimer,
          automaticSerialization: true,
          attributes: { executionLevel: "Passive" },
        },
      },
      queues: {
        IoctlQueue: {
          dispatchType: "Parallel",
          requestDispatching: ["DeviceControl"],
          callbacks: { EvtIoDeviceControl },
        },
        SyncQueue0: {
          dispatchType: "Manual",
          powerManaged: "WdfFalse",
          attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
          workItems: { WorkItem0: { callback: EvtWorkItem0, automaticSerialization: true } },
        },
        SyncQueue1: {
          dispatchType: "Manual",
          powerManaged: "WdfFalse",
          attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
          workItems: { WorkItem1: { callback: EvtWorkItem1, automaticSerialization: true } },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 6,
  run: async (io) => {
    io.send("DeviceControl", { ioctl: IOCTL_KICK_ALL }); // DPC, both timers, both work items
    await io.wait(10);
    io.send("DeviceControl", { ioctl: IOCTL_KICK_WORKITEM0 }); // WorkItem0 again: waits for its mutex
    await io.wait(100);
  },
});
