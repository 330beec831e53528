// Seed 002 at run time: device scope Device with three Sequential queues (read, write, device
// control), as in driver.yaml. Each callback programs the same device registers (a cell) for
// 20 µs. The three requests arrive together on a 3-processor machine, yet the callbacks run one
// after the other: all three hold the device's lock `device#lock` (Q-1, Q-3, CC-1), so the race
// detector finds nothing. Set `synchronizationScope: "None"` below and rerun: the three
// callbacks overlap and the register cell races (CC-6).
//   npx wdfsim run examples/002-device-scope-three-queues/device-scope.scenario.ts --trace device-scope.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

/** One register access sequence: read the shared device state, talk to the hardware, write it back. */
async function programDevice(ctx: WdfContext, what: string): Promise<void> {
  const registers = ctx.cell("deviceRegisters", "idle");
  const before = registers.get();
  await ctx.stall(20); // the hardware is busy with this request
  registers.set(`${what} after ${before}`);
}

async function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  await programDevice(ctx, "read");
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
}

async function EvtIoWrite(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  await programDevice(ctx, "write");
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
}

async function EvtIoDeviceControl(ctx: WdfContext, _queue: string, request: SimRequest) {
  await programDevice(ctx, "ioctl");
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

export const driver = defineDriver({
  devices: {
    device: {
      attributes: { synchronizationScope: "Device" },
      queues: {
        ReadQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["Read"],
          attributes: {},
          callbacks: { EvtIoRead },
        },
        WriteQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["Write"],
          attributes: {},
          callbacks: { EvtIoWrite },
        },
        IoctlQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["DeviceControl"],
          attributes: {},
          callbacks: { EvtIoDeviceControl },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 3, // a processor for each callback: only the lock can keep them apart
  run: async (io) => {
    io.send("Read");
    io.send("Write");
    io.send("DeviceControl", { ioctl: 1 });
    await io.wait(100);
  },
});
