// The fix for buggy.scenario.ts, the pattern of the KMDF "echo" sample: before completing from the
// timer, WdfRequestUnmarkCancelable; if it returns STATUS_CANCELLED the cancel path owns the
// request and only EvtRequestCancel completes it (with STATUS_CANCELLED). The queue has scope Queue
// and the timer keeps AutomaticSerialization, so the timer and EvtRequestCancel both run under the
// queue's lock and hand the shared "currentRequest" pointer over atomically (CAN-22, S-4).
//   npx wdfsim run examples/005-cancel-vs-complete/fixed.scenario.ts             # exit 0 on every seed
//   npx wdfsim run examples/005-cancel-vs-complete/fixed.scenario.ts --seed 11   # the timer wins the tie
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const TIMER = "device/ReadQueue/HardwareTimer";
const HARDWARE_US = 50; // the device answers 50 µs after EvtIoRead started it

function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, _length: number) {
  ctx.cell<SimRequest | null>("currentRequest", null).set(request);
  ctx.WdfRequestMarkCancelable(request, EvtRequestCancel);
  ctx.WdfTimerStart(TIMER, HARDWARE_US);
}

// The timer: the hardware finished. Runs under the queue lock (AutomaticSerialization).
async function EvtTimerFunc(ctx: WdfContext) {
  const current = ctx.cell<SimRequest | null>("currentRequest", null);
  const request = current.get();
  if (request === null) return; // EvtRequestCancel already completed it
  await ctx.stall(10); // read the result registers
  if (ctx.WdfRequestUnmarkCancelable(request) === "STATUS_CANCELLED") return; // EvtRequestCancel will complete it
  current.set(null);
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", request.outputLength);
}

// Runs under the queue lock too (CAN-22): never in the middle of the timer.
function EvtRequestCancel(ctx: WdfContext, request: SimRequest) {
  ctx.cell<SimRequest | null>("currentRequest", null).set(null);
  ctx.WdfRequestComplete(request, "STATUS_CANCELLED");
}

export const driver = defineDriver({
  devices: {
    device: {
      queues: {
        ReadQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["Read"],
          attributes: { synchronizationScope: "Queue" },
          callbacks: { EvtIoRead },
          requestCancel: [EvtRequestCancel],
          timers: { HardwareTimer: { callback: EvtTimerFunc, automaticSerialization: true } },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 2,
  run: async (io) => {
    io.send("Read"); // completed by the timer at t=60
    await io.wait(100);
    const second = io.send("Read"); // its timer fires at t=150
    await io.wait(HARDWARE_US); // ... and the application gives up at that very moment
    io.cancel(second);
    await io.wait(100);
  },
});
