// Seed 003 at run time: the driver of driver.yaml — one manual, non-power-managed queue per work
// item, created Passive + scope Queue, each work item (AutomaticSerialization TRUE) parented to
// its queue — plus one thing the seed does not show: an IOCTL queue (device defaults) whose
// EvtIoDeviceControl enqueues the work items, so the application can trigger them.
// What the timeline shows:
//   - WorkItem1 enqueued again while it runs: the second run waits for the first to return; it
//     holds device/ParentQueue1#lock, a mutex, at PASSIVE_LEVEL (S-4, S-5, S-10).
//   - WorkItem1 and WorkItem2 hold different mutexes: they run at the same time (CC-6).
// Each work item keeps its own state, so the run is clean: sharing a cell between func1 and
// func2 would be a DataRace.
//   npx wdfsim run examples/003-workitem-queue-scope/workitem-mutex.scenario.ts --trace workitems.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const IOCTL_KICK_1 = 1;
const IOCTL_KICK_2 = 2;

async function func1(ctx: WdfContext) {
  const state = ctx.cell("workItem1State", 0);
  const n = state.get();
  await ctx.stall(30); // passive-level work: talk to the device, allocate, wait
  state.set(n + 1); // safe: only WorkItem1 touches it, and it never overlaps itself
}

async function func2(ctx: WdfContext) {
  const state = ctx.cell("workItem2State", 0);
  const n = state.get();
  await ctx.stall(30);
  state.set(n + 1);
}

// Not in the seed: how the driver gets the work items going.
function EvtIoDeviceControl(
  ctx: WdfContext,
  _queue: string,
  request: SimRequest,
  _out: number,
  _in: number,
  ioctl: number,
) {
  ctx.WdfWorkItemEnqueue(
    ioctl === IOCTL_KICK_1 ? "device/ParentQueue1/WorkItem1" : "device/ParentQueue2/WorkItem2",
  );
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

export const driver = defineDriver({
  devices: {
    device: {
      queues: {
        IoctlQueue: {
          dispatchType: "Parallel",
          requestDispatching: ["DeviceControl"],
          callbacks: { EvtIoDeviceControl },
        },
        ParentQueue1: {
          dispatchType: "Manual",
          powerManaged: "WdfFalse",
          attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
          workItems: { WorkItem1: { callback: func1 } },
        },
        ParentQueue2: {
          dispatchType: "Manual",
          powerManaged: "WdfFalse",
          attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
          workItems: { WorkItem2: { callback: func2 } },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 4,
  run: async (io) => {
    io.send("DeviceControl", { ioctl: IOCTL_KICK_1 }); // WorkItem1 runs from t=0 to t=30
    await io.wait(5);
    io.send("DeviceControl", { ioctl: IOCTL_KICK_2 }); // WorkItem2 runs alongside it
    await io.wait(5);
    io.send("DeviceControl", { ioctl: IOCTL_KICK_1 }); // queued again: waits for ParentQueue1's mutex
    await io.wait(100);
  },
});
