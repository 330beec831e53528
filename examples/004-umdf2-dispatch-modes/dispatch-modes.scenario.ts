// Seed 004 at run time: the UMDF 2 driver of driver.yaml — a Sequential default queue (read,
// write), a Parallel IOCTL queue, a Manual queue with ReadyNotify — with the default
// synchronization (scope None), plus one WDFWAITLOCK (not in the seed) the driver uses for the
// one counter it shares. Every callback runs at PASSIVE_LEVEL (D-1, U-1). What the timeline shows:
//   - Parallel: two IOCTLs sent together run at the same time (EvtIoDeviceControl overlaps
//     itself, S-10); the shared counter is safe only because the driver takes its own wait lock.
//   - Sequential is not synchronization: EvtIoRead completes its request and keeps working; a
//     write that arrives meanwhile is presented and EvtIoWrite runs alongside it (DSP-08).
//   - Manual: a request forwarded into PendingQueue is not presented; ReadyNotify tells the
//     driver, which retrieves it with WdfIoQueueRetrieveNextRequest (CFG-06e, RDY-04).
// The callbacks share nothing but the counter, so the run is clean.
//   npx wdfsim run examples/004-umdf2-dispatch-modes/dispatch-modes.scenario.ts --trace umdf2.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const IOCTL_STATS = 1; // bumps the shared counter
const IOCTL_WAIT = 2; // parked in the manual queue until the driver retrieves it

function EvtDeviceAdd(): void {}

async function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  await ctx.stall(5); // fetch the data
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
  await ctx.stall(20); // per-request bookkeeping after completion (no shared state)
}

async function EvtIoWrite(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  await ctx.stall(10);
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
}

async function EvtIoDeviceControl(
  ctx: WdfContext,
  _queue: string,
  request: SimRequest,
  _out: number,
  _in: number,
  ioctl: number,
) {
  if (ioctl === IOCTL_WAIT) {
    ctx.WdfRequestForwardToIoQueue(request, "device/PendingQueue");
    return;
  }
  await ctx.stall(5); // validate the request: overlaps the other IOCTL
  await ctx.WdfWaitLockAcquire("device/StatsLock"); // scope None: nothing else protects the counter
  const stats = ctx.cell("ioctlCount", 0);
  const n = stats.get();
  await ctx.stall(10);
  stats.set(n + 1);
  ctx.WdfWaitLockRelease("device/StatsLock");
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

// ReadyNotify: PendingQueue went from empty to non-empty. Nothing is presented; the driver polls.
async function EvtIoQueueReady(ctx: WdfContext, queue: string) {
  for (;;) {
    const { status, request } = ctx.WdfIoQueueRetrieveNextRequest(queue);
    if (status !== "STATUS_SUCCESS" || request === null) return; // STATUS_NO_MORE_ENTRIES
    await ctx.stall(5);
    ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
  }
}

export const driver = defineDriver({
  framework: "umdf2",
  driver: { callbacks: { EvtDriverDeviceAdd: EvtDeviceAdd } },
  devices: {
    device: {
      waitLocks: { StatsLock: {} },
      queues: {
        DefaultQueue: {
          dispatchType: "Sequential",
          defaultQueue: true,
          callbacks: { EvtIoRead, EvtIoWrite },
        },
        IoctlQueue: {
          dispatchType: "Parallel",
          requestDispatching: ["DeviceControl"],
          callbacks: { EvtIoDeviceControl },
        },
        PendingQueue: {
          dispatchType: "Manual",
          readyNotify: EvtIoQueueReady,
          retrievesRequests: true,
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 3,
  run: async (io) => {
    io.send("DeviceControl", { ioctl: IOCTL_STATS });
    io.send("DeviceControl", { ioctl: IOCTL_STATS }); // Parallel: runs alongside the first
    await io.wait(40);
    io.send("Read");
    await io.wait(10);
    io.send("Write"); // Sequential queue, but EvtIoRead is still running: they overlap
    await io.wait(40);
    io.send("DeviceControl", { ioctl: IOCTL_WAIT }); // forwarded to the manual queue
    await io.wait(50);
  },
});
