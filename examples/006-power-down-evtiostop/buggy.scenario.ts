// A power-managed queue whose driver keeps each read until the device has data (here: until a
// write brings some, like the KMDF "echo" sample), with no EvtIoStop. When the device leaves D0
// the framework holds the queue and waits until the driver gives back every request it owns;
// nobody tells the driver, so the read is never completed and the power-down never finishes
// (Hang, BUG-24; PWR-11: a power-managed queue without EvtIoStop blocks Dx until its driver-owned
// requests are completed).
//   npx wdfsim run examples/006-power-down-evtiostop/buggy.scenario.ts
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

// The read waits for data: it stays driver-owned, parked in the device context.
function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, _length: number) {
  ctx.cell<SimRequest | null>("pendingRead", null).set(request);
}

// A write is the data the pending read waits for: both complete.
function EvtIoWrite(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  const pendingRead = ctx.cell<SimRequest | null>("pendingRead", null);
  const read = pendingRead.get();
  if (read !== null) {
    pendingRead.set(null);
    ctx.WdfRequestCompleteWithInformation(read, "STATUS_SUCCESS", Math.min(length, read.outputLength));
  }
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
}

export const driver = defineDriver({
  devices: {
    device: {
      queues: {
        DefaultQueue: {
          dispatchType: "Parallel",
          defaultQueue: true,
          powerManaged: "WdfTrue",
          callbacks: { EvtIoRead, EvtIoWrite }, // no EvtIoStop
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 2,
  run: async (io) => {
    io.send("Read"); // waits for data: driver-owned
    await io.wait(20);
    await io.powerDown(); // idle or system sleep: never returns
    io.send("Write");
    await io.powerUp();
    await io.wait(50);
  },
});
