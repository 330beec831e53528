// The fix for buggy.scenario.ts: the queue has EvtIoStop and EvtIoResume. On D0 exit the framework
// calls EvtIoStop once for the read the driver keeps (PWR-10); the driver quiesces the hardware
// and acknowledges with WdfRequestStopAcknowledge(request, FALSE): it keeps the request, the queue
// reaches 'Off' and the power-down finishes (PWR-13, PWR-14). On D0 entry EvtIoResume re-arms the
// hardware for it. A write sent while the device is in Dx waits in the queue (PWR-20) and is
// presented after power-up; it brings the data, and both requests complete.
//   npx wdfsim run examples/006-power-down-evtiostop/fixed.scenario.ts
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

// The read waits for data: it stays driver-owned, parked in the device context.
function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, _length: number) {
  ctx.cell<SimRequest | null>("pendingRead", null).set(request);
  ctx.cell("hardwareArmed", false).set(true);
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

// D0 exit: called once per request the driver owns. Quiesce the hardware, keep the request.
async function EvtIoStop(ctx: WdfContext, _queue: string, request: SimRequest, _actionFlags: number) {
  await ctx.stall(5); // stop the DMA engine
  ctx.cell("hardwareArmed", false).set(false);
  ctx.WdfRequestStopAcknowledge(request, false); // FALSE: the driver keeps it; EvtIoResume follows
}

// D0 entry: the same request comes back; re-arm the hardware for it.
async function EvtIoResume(ctx: WdfContext, _queue: string, _request: SimRequest) {
  await ctx.stall(5);
  ctx.cell("hardwareArmed", false).set(true);
}

export const driver = defineDriver({
  devices: {
    device: {
      queues: {
        DefaultQueue: {
          dispatchType: "Parallel",
          defaultQueue: true,
          powerManaged: "WdfTrue",
          callbacks: { EvtIoRead, EvtIoWrite, EvtIoStop, EvtIoResume },
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
    await io.powerDown(); // EvtIoStop acknowledges: returns
    io.send("Write"); // held in the queue while the device is in Dx (PWR-20)
    await io.wait(20);
    await io.powerUp(); // EvtIoResume, then the write is presented
    await io.wait(50);
  },
});
