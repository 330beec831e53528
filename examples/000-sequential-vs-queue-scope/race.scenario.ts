// Seed 000's design with a real bug: EvtIoDeviceControl and the work item (AutomaticSerialization
// FALSE, as posted) both update a shared counter. The queue lock serializes EvtIoDeviceControl
// calls, but nothing serializes the work item with them.
//   npx wdfsim run examples/000-sequential-vs-queue-scope/race.scenario.ts --trace race.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const IOCTL_PEND = 1; // completed later by the work item
const IOCTL_NOW = 2; // completed inline

async function VpaPci9030EvtIoDeviceControl(
  ctx: WdfContext,
  _queue: string,
  request: SimRequest,
  _out: number,
  _in: number,
  ioctl: number,
) {
  const served = ctx.cell("requestsServed", 0);
  if (ioctl === IOCTL_PEND) {
    ctx.cell<SimRequest | null>("pended", null).set(request);
    ctx.WdfWorkItemEnqueue("device/IoctlQueue/WorkItem");
    return;
  }
  const n = served.get();
  await ctx.stall(20); // talk to the hardware
  served.set(n + 1);
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

async function VpaPci9030EvtWorkItem(ctx: WdfContext) {
  const served = ctx.cell("requestsServed", 0);
  const n = served.get();
  await ctx.stall(20);
  served.set(n + 1); // lost update when EvtIoDeviceControl runs meanwhile
  const pended = ctx.cell<SimRequest | null>("pended", null).get();
  if (pended) ctx.WdfRequestComplete(pended, "STATUS_SUCCESS");
}

export const driver = defineDriver({
  devices: {
    device: {
      attributes: { synchronizationScope: "Queue" },
      queues: {
        IoctlQueue: {
          dispatchType: "Parallel",
          requestDispatching: ["DeviceControl"],
          callbacks: { EvtIoDeviceControl: VpaPci9030EvtIoDeviceControl },
          workItems: { WorkItem: { callback: VpaPci9030EvtWorkItem, automaticSerialization: false } },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 2,
  run: async (io) => {
    io.send("DeviceControl", { ioctl: IOCTL_PEND });
    await io.wait(5);
    io.send("DeviceControl", { ioctl: IOCTL_NOW });
    await io.wait(100);
  },
});
