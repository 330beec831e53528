// Seed 001 at run time: the driver of driver.yaml (device scope Queue inherited by every queue)
// with small callback bodies. What the timeline shows:
//   - IoctlQueue is Parallel, but its lock `device/IoctlQueue#lock` lets one EvtIoDeviceControl
//     run at a time: two IOCTLs sent together run one after the other (CC-1).
//   - ReadQueue is Sequential: while the driver owns one read (pended for data), the second read
//     stays in the queue although the queue's lock is free; it is presented the moment the first
//     is completed (6.1, DSP-S11).
//   - Each queue has its own lock, so EvtIoRead and EvtIoDeviceControl run at the same time
//     (Q-4, CC-6). The IOCTL that hands data to the pended read takes the read queue's lock
//     with WdfObjectAcquireLock, so the race detector stays quiet.
//   - UnlockedQueue is Sequential with scope None: EvtIoWrite completes its request and keeps
//     working; the next write is presented on another processor while it still runs — EvtIoWrite
//     overlaps itself (S-10, DSP-08). It touches no shared state, so that is harmless here.
//   npx wdfsim run examples/001-queue-scope-vs-sequential/scope-vs-sequential.scenario.ts --trace scope.json
import { defineDriver, defineScenario, type SimRequest, type WdfContext } from "wdfsim";

const IOCTL_COUNT = 1; // bumps a counter the IOCTL callbacks share
const IOCTL_DATA_READY = 2; // completes the pended read with data

async function EvtIoRead(ctx: WdfContext, _queue: string, request: SimRequest, _length: number) {
  await ctx.stall(10); // program the DMA engine
  ctx.cell<SimRequest | null>("pendingRead", null).set(request); // under device/ReadQueue#lock
}

async function EvtIoDeviceControl(
  ctx: WdfContext,
  _queue: string,
  request: SimRequest,
  _out: number,
  _in: number,
  ioctl: number,
) {
  if (ioctl === IOCTL_DATA_READY) {
    // Another queue's state: take that queue's lock (this callback holds only IoctlQueue's).
    await ctx.WdfObjectAcquireLock("device/ReadQueue");
    const pendingRead = ctx.cell<SimRequest | null>("pendingRead", null);
    const read = pendingRead.get();
    pendingRead.set(null);
    ctx.WdfObjectReleaseLock("device/ReadQueue");
    if (read !== null) ctx.WdfRequestCompleteWithInformation(read, "STATUS_SUCCESS", read.outputLength);
    ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
    return;
  }
  const count = ctx.cell("ioctlCount", 0);
  const n = count.get();
  await ctx.stall(15); // talk to the hardware
  count.set(n + 1); // safe: device/IoctlQueue#lock is held
  ctx.WdfRequestComplete(request, "STATUS_SUCCESS");
}

function EvtIoStop(ctx: WdfContext, _queue: string, request: SimRequest, _actionFlags: number) {
  ctx.WdfRequestStopAcknowledge(request, false); // not reached here: the device stays in D0
}

async function EvtIoWrite(ctx: WdfContext, _queue: string, request: SimRequest, length: number) {
  await ctx.stall(5); // hand the data to the device
  ctx.WdfRequestCompleteWithInformation(request, "STATUS_SUCCESS", length);
  await ctx.stall(20); // per-request bookkeeping after completion (no shared state)
}

export const driver = defineDriver({
  devices: {
    device: {
      attributes: { synchronizationScope: "Queue" },
      queues: {
        ReadQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["Read"],
          attributes: {},
          callbacks: { EvtIoRead },
        },
        IoctlQueue: {
          dispatchType: "Parallel",
          requestDispatching: ["DeviceControl"],
          attributes: {},
          callbacks: { EvtIoDeviceControl, EvtIoStop },
        },
        UnlockedQueue: {
          dispatchType: "Sequential",
          requestDispatching: ["Write"],
          attributes: { synchronizationScope: "None" },
          callbacks: { EvtIoWrite },
        },
      },
    },
  },
});

export default defineScenario({
  driver,
  cpus: 3,
  run: async (io) => {
    io.send("Read"); // pended by the driver
    io.send("Read"); // Sequential: waits in the queue
    io.send("DeviceControl", { ioctl: IOCTL_COUNT }); // overlaps EvtIoRead (another queue's lock)
    io.send("DeviceControl", { ioctl: IOCTL_COUNT }); // Parallel, but waits for the queue lock
    await io.wait(40);
    io.send("DeviceControl", { ioctl: IOCTL_DATA_READY }); // completes read 1: read 2 is presented
    await io.wait(20);
    io.send("DeviceControl", { ioctl: IOCTL_DATA_READY }); // completes read 2
    await io.wait(20);
    io.send("Write");
    await io.wait(10);
    io.send("Write"); // presented while the first EvtIoWrite still runs
    await io.wait(100);
  },
});
