// A driver that pends each read for "hardware", marks it cancelable, and completes it later from a
// timer — without WdfRequestUnmarkCancelable. Every completion from the timer breaks into the
// verifier (CompleteCanceledReq, BUG-03); when the application cancels while the timer is already
// working on the request, EvtRequestCancel completes it too (DoubleCompletion, BUG-02).
// The cancel of the second read lands exactly when its timer fires; the seed decides who runs first.
//   npx wdfsim run examples/005-cancel-vs-complete/buggy.scenario.ts             # seed 1: the cancel first, CompleteCanceledReq only
//   npx wdfsim run examples/005-cancel-vs-complete/buggy.scenario.ts --seed 11   # the timer first: DoubleCompletion too
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const TIMER = "device/ReadQueue/HardwareTimer";
const HARDWARE_US = 50; // the device answers 50 µs after EvtIoRead started it

function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, _length: number) {
  ctx.cell<SimRequest | null>("currentRequest", null).set(request);
  ctx.WdfRequestMarkCancelable(request, EvtRequestCancel);
  ctx.WdfTimerStart(TIMER, HARDWARE_US);
}

// The timer: the hardware finished. BUG: no WdfRequestUnmarkCancelable before completing.
async function EvtTimerFunc(ctx: WdfContext) {
  const current = ctx.cell<SimRequest | null>("currentRequest", null);
  const request = current.get();
  if (request === null) return; // EvtRequestCancel got there first
  await ctx.stall(10); // read the result registers
  current.set(null);
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", request.outputLength);
}

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
          callbacks: { EvtIoRead },
          requestCancel: [EvtRequestCancel],
          timers: { HardwareTimer: { callback: EvtTimerFunc } },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 2,
  run: async (io) => {
    io.send("Read"); // completed by the timer at t=50..60: still cancelable
    await io.wait(100);
    const second = io.send("Read"); // its timer fires at t=150
    await io.wait(HARDWARE_US); // ... and the application gives up at that very moment
    io.cancel(second);
    await io.wait(100);
  },
});
