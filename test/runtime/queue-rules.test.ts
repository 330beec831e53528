// Queue control and request hand-back rules at run time, written from the queues rule book
// (shared/spec/wdf-queues-and-requests.md sections 3, 4, 6-9, 14, 15): the state-change
// callbacks and their slots (7.2), the …Synchronously forms and their hangs (OPS-08/09), ReadyNotify
// (7.3), requeue (9.6), forward (9.4), manual retrieval and FindRequest (8), and two properties of
// the whole simulator (request conservation, determinism).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import type { ScenarioIo } from "../../src/runtime/scenario.js";
import { simulate } from "./harness.js";
import {
  at,
  began,
  completeAll,
  completed,
  count,
  ended,
  hangReported,
  irqlsOf,
  locksAtBegin,
  presented,
  Q,
  Q2,
  rig,
  rules,
  specs,
  statusOf,
  timeOf,
} from "./rig.js";

const READ = `${Q}:EvtIoRead`;
const READ2 = `${Q2}:EvtIoRead`;
const CTL = "device/ctl:EvtIoDeviceControl";
const SLOT = (registration: string) => `${Q}:EvtIoQueueState[${registration}]`;
const READY = SLOT("ReadyNotify");

const hold = (held: SimRequest[]) =>
  function HoldRead(_ctx: WdfContext, _q: string, r: SimRequest) {
    held.push(r);
  };
function CompleteRead(ctx: WdfContext, _q: string, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
}
const queue = (dispatchType: string, callbacks: object, extra: object = {}) => ({
  dispatchType,
  defaultQueue: true,
  callbacks,
  ...extra,
});
const manual = (extra: object = {}) => ({ dispatchType: "Manual", defaultQueue: true, ...extra });

// EvtIoQueueState routines (declared in stateCallbacks / readyNotify and passed by the driver).
function StopDone(_ctx: WdfContext, _q: string) {}
function StopPurgeDone(_ctx: WdfContext, _q: string) {}
function DrainDone(_ctx: WdfContext, _q: string) {}
function PurgeDone(_ctx: WdfContext, _q: string) {}
const allSlots = { Stop: StopDone, StopAndPurge: StopPurgeDone, Drain: DrainDone, Purge: PurgeDone };

const retrieveAndComplete = (ctx: WdfContext, queueId: string): void => {
  for (;;) {
    const got = ctx.WdfIoQueueRetrieveNextRequest(queueId);
    if (got.request === null) return;
    ctx.WdfRequestComplete(got.request, "STATUS_SUCCESS");
  }
};

describe("7.2 state-change callbacks (DSP-S3, DSP-S4, OPS-05)", () => {
  it("DSP-S3 the Stop callback waits for the driver-owned request, not for pending ones; Start presents what the stopped queue kept", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    let start!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, StopDone));
      await io.wait(10);
      r2 = io.send("Read"); // accepted while stopped (7.2: Stop keeps accept)
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      start = rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(count(r, began(SLOT("Stop")))).toBe(1);
    expect(at(r, completed(r1, "STATUS_SUCCESS"))).toBeLessThan(at(r, began(SLOT("Stop"))));
    expect(at(r, began(SLOT("Stop")))).toBeLessThan(at(r, began(CTL, start)));
    expect(at(r, presented(r2))).toBeGreaterThan(at(r, began(CTL, start)));
    expect(statusOf(r, r2)).toBe("STATUS_SUCCESS");
    expect(r.findings).toEqual([]);
  });

  it("DSP-S3 / OPS-05 on an idle queue the Stop callback runs before WdfIoQueueStop returns, on the calling thread", async () => {
    const log: string[] = [];
    function StopDoneLogged(_ctx: WdfContext, _q: string) {
      log.push("callback");
    }
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: CompleteRead }, { stateCallbacks: { Stop: StopDoneLogged } }),
    });
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, StopDoneLogged);
        log.push("returned");
      });
      await io.wait(20);
    });
    expect(log).toEqual(["callback", "returned"]);
    expect(r.findings).toEqual([]);
  });

  it("DSP-S3 / DSP-05 the Stop callback also waits for a callback of the queue still running after it completed its request", async () => {
    async function EarlyComplete(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.stall(100);
    }
    const rg = rig({ q: queue("Sequential", { EvtIoRead: EarlyComplete }, { stateCallbacks: allSlots }) });
    const r = await simulate(
      rg.spec,
      async (io) => {
        io.send("Read");
        await io.wait(20);
        rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, StopDone));
        await io.wait(300);
      },
      { cpus: 4 },
    );
    expect(count(r, began(SLOT("Stop")))).toBe(1);
    expect(at(r, began(SLOT("Stop")))).toBeGreaterThan(at(r, ended(READ)));
    expect(timeOf(r, began(SLOT("Stop")))).toBeGreaterThanOrEqual(100);
  });

  it("DSP-S4 Drain keeps presenting what is pending, rejects new arrivals, and calls back once nothing is pending or owned", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    let r3!: SimRequest;
    let c1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
      r3 = io.send("Read");
      await io.wait(10);
      c1 = rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(statusOf(r, r3)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(count(r, presented(r3))).toBe(0);
    expect(at(r, presented(r2))).toBeGreaterThan(at(r, began(CTL, c1)));
    expect(count(r, began(SLOT("Drain")))).toBe(1);
    expect(at(r, began(SLOT("Drain")))).toBeGreaterThan(at(r, completed(r2, "STATUS_SUCCESS")));
    expect([statusOf(r, r1), statusOf(r, r2)]).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
  });

  it("DSP-S4 Purge completes never-presented pending requests with STATUS_CANCELLED at once and calls back when the owned one is completed", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    let r3!: SimRequest;
    let done!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      r3 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, PurgeDone));
      await io.wait(10);
      done = rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect([statusOf(r, r2), statusOf(r, r3)]).toEqual(["STATUS_CANCELLED", "STATUS_CANCELLED"]);
    expect(at(r, completed(r3, "STATUS_CANCELLED"))).toBeLessThan(at(r, began(CTL, done)));
    expect(count(r, presented(r2)) + count(r, presented(r3))).toBe(0);
    expect(count(r, began(SLOT("Purge")))).toBe(1);
    expect(at(r, began(SLOT("Purge")))).toBeGreaterThan(at(r, completed(r1, "STATUS_SUCCESS")));
    expect(r.findings).toEqual([]);
  });

  it("OPS-05 on a scope-Queue queue the Stop-slot callback runs without the presentation lock; the Drain-slot callback holds it", async () => {
    const rg = rig({
      q: queue(
        "Sequential",
        { EvtIoRead: CompleteRead },
        { attributes: { synchronizationScope: "Queue" }, stateCallbacks: allSlots },
      ),
    });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, StopDone));
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
    });
    const readLocks = locksAtBegin(r, READ);
    expect(readLocks).toHaveLength(1);
    expect(readLocks[0]!.length).toBeGreaterThan(0);
    const presentationLock = readLocks[0]![readLocks[0]!.length - 1]!;
    expect(locksAtBegin(r, SLOT("Stop"))).toEqual([[]]);
    expect(locksAtBegin(r, SLOT("Drain"))).toHaveLength(1);
    expect(locksAtBegin(r, SLOT("Drain"))[0]).toContain(presentationLock);
  });

  it("7.2 StopAndPurge cancels what is pending at the call, keeps later arrivals, calls back when nothing is owned; Start presents the kept one", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    let r3!: SimRequest;
    let start!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStopAndPurge(Q, StopPurgeDone));
      await io.wait(10);
      r3 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      start = rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
    expect(statusOf(r, r3)).toBe("STATUS_SUCCESS");
    expect(at(r, began(SLOT("StopAndPurge")))).toBeGreaterThan(at(r, completed(r1, "STATUS_SUCCESS")));
    expect(at(r, began(SLOT("StopAndPurge")))).toBeLessThan(at(r, began(CTL, start)));
    expect(at(r, presented(r3))).toBeGreaterThan(at(r, began(CTL, start)));
    expect(r.findings).toEqual([]);
  });

  it("OPS-06 a Stop-slot and a Drain-slot registration may be outstanding together: both fire, no error", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, StopDone);
        ctx.WdfIoQueueDrain(Q, DrainDone);
      });
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(count(r, began(SLOT("Stop")))).toBe(1);
    expect(count(r, began(SLOT("Drain")))).toBe(1);
    expect(at(r, began(SLOT("Stop")))).toBeGreaterThan(at(r, completed(r1)));
    expect(at(r, began(SLOT("Drain")))).toBeGreaterThan(at(r, completed(r1)));
    expect(r.findings).toEqual([]);
  });

  it("BUG-22 a second Stop registration while the first is outstanding is a WDF_QUEUE_FATAL_ERROR", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, StopDone);
        ctx.WdfIoQueueStop(Q, StopDone);
      });
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(specs(r)).toContain("BUG-22");
  });

  it("BUG-22 a …Synchronously call while the same slot is outstanding is a WDF_QUEUE_FATAL_ERROR", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }, { stateCallbacks: allSlots }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
      rg.work(io, (ctx) => ctx.WdfIoQueueDrainSynchronously(Q));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(specs(r)).toContain("BUG-22");
  });

  it("ARR-01 / section 15 a request arriving at a queue that does not accept is completed with STATUS_INVALID_DEVICE_STATE, unseen by the driver; Start accepts again", async () => {
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(10);
      r2 = io.send("Read");
      await io.wait(10);
    });
    expect(count(r, began(SLOT("Drain")))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(count(r, presented(r1))).toBe(0);
    expect(count(r, began(READ, r1))).toBe(0);
    expect(statusOf(r, r2)).toBe("STATUS_SUCCESS");
  });

  it("7.1 WdfIoQueueGetState reports the STOPPED, busy and DRAINED states with their counts", async () => {
    const held: SimRequest[] = [];
    const seen: Array<{ state: number; queueCount: number; driverCount: number }> = [];
    const snap = (ctx: WdfContext) => {
      const s = ctx.WdfIoQueueGetState(Q);
      seen.push({ state: s.state, queueCount: s.queueCount, driverCount: s.driverCount });
    };
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, null);
        snap(ctx); // accept | noRequests | driverNoRequests
        ctx.WdfIoQueueStart(Q);
      });
      await io.wait(10);
      io.send("Read");
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, snap); // accept | dispatch, 1 pending, 1 owned
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueDrain(Q, null);
        snap(ctx); // dispatch | noRequests | driverNoRequests
      });
      await io.wait(10);
    });
    expect(seen).toEqual([
      { state: 0x1 | 0x4 | 0x8, queueCount: 0, driverCount: 0 },
      { state: 0x1 | 0x2, queueCount: 1, driverCount: 1 },
      { state: 0x2 | 0x4 | 0x8, queueCount: 0, driverCount: 0 },
    ]);
  });
});

describe("presentation and hand-back details (PRS-02, 6.1, 9.3, DSP-10)", () => {
  it("PRS-02 / PRS-03 a zero-length read is completed with STATUS_SUCCESS unseen, unless zero-length requests are allowed; with only EvtIoWrite it is STATUS_INVALID_DEVICE_REQUEST", async () => {
    const lengths: number[] = [];
    function SeeLength(ctx: WdfContext, _q: string, r: SimRequest, length: number) {
      lengths.push(length);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const zero = (spec: object) =>
      simulate({ devices: { device: { queues: { q: spec } } } }, async (io) => {
        io.send("Read", { outputLength: 0 });
        await io.wait(10);
      });
    const plain = await zero(queue("Parallel", { EvtIoRead: SeeLength }));
    expect(plain.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS"]);
    expect(lengths).toEqual([]);
    const allowed = await zero(
      queue("Parallel", { EvtIoRead: SeeLength }, { allowZeroLengthRequests: true }),
    );
    expect(allowed.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS"]);
    expect(lengths).toEqual([0]);
    const writeOnly = await zero(queue("Parallel", { EvtIoWrite: SeeLength }));
    expect(writeOnly.requests.map((x) => x.status)).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
    expect(lengths).toEqual([0]);
  });

  it("6.1 a Sequential queue allows retrieval; the retrieved request counts as driver-owned and holds back presentation", async () => {
    const held: SimRequest[] = [];
    const got: string[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    let r2!: SimRequest;
    let r3!: SimRequest;
    let second!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        got.push(`${x.status} ${x.request?.id}`);
        if (x.request) held.push(x.request);
        ctx.WdfRequestComplete(held.shift()!, "STATUS_SUCCESS"); // r1; r2 is still owned
      });
      await io.wait(10);
      r3 = io.send("Read");
      await io.wait(10);
      second = rg.ctl(io, (ctx) => completeAll(ctx, held)); // r2
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held)); // r3
      await io.wait(10);
    });
    expect(got).toEqual([`STATUS_SUCCESS ${r2.id}`]);
    expect(count(r, presented(r2))).toBe(0);
    expect(at(r, presented(r3))).toBeGreaterThan(at(r, began(CTL, second)));
    expect(statusOf(r, r3)).toBe("STATUS_SUCCESS");
  });

  it("9.3 / REQ-05 WDF-facility statuses are rewritten on completion (STATUS_WDF_BUSY -> STATUS_DEVICE_BUSY, others -> STATUS_INVALID_DEVICE_REQUEST)", async () => {
    const statuses = [
      "STATUS_WDF_BUSY",
      "STATUS_WDF_PAUSED",
      "STATUS_WDF_NO_CALLBACK",
      "STATUS_UNSUCCESSFUL",
    ];
    let i = 0;
    function CompleteWith(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, statuses[i++]!);
    }
    const r = await simulate(
      { devices: { device: { queues: { q: queue("Sequential", { EvtIoRead: CompleteWith }) } } } },
      async (io) => {
        for (let k = 0; k < statuses.length; k++) io.send("Read");
        await io.wait(10);
      },
    );
    expect(r.requests.map((x) => x.status)).toEqual([
      "STATUS_DEVICE_BUSY",
      "STATUS_DEVICE_BUSY",
      "STATUS_INVALID_DEVICE_REQUEST",
      "STATUS_UNSUCCESSFUL",
    ]);
  });

  it("DSP-10 / OPS-11 on a passive-level queue, a completion from a DPC presents the next request and runs the Stop callback at PASSIVE_LEVEL", async () => {
    const held: SimRequest[] = [];
    const rg = rig({
      q: queue(
        "Sequential",
        { EvtIoRead: hold(held) },
        { attributes: { executionLevel: "Passive" }, stateCallbacks: allSlots },
      ),
    });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      io.send("Read");
      await io.wait(10);
      rg.dpc(io, (ctx) => completeAll(ctx, held)); // r1: r2 is presented next
      await io.wait(20);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, StopDone));
      await io.wait(10);
      rg.dpc(io, (ctx) => completeAll(ctx, held)); // r2: the Stop callback follows
      await io.wait(20);
    });
    expect(irqlsOf(r, "device/D:EvtDpcFunc")).toEqual(["DISPATCH_LEVEL", "DISPATCH_LEVEL"]);
    expect(irqlsOf(r, READ)).toEqual(["PASSIVE_LEVEL", "PASSIVE_LEVEL"]);
    expect(irqlsOf(r, SLOT("Stop"))).toEqual(["PASSIVE_LEVEL"]);
    expect(r.requests.filter((x) => x.type === "Read").map((x) => x.status)).toEqual([
      "STATUS_SUCCESS",
      "STATUS_SUCCESS",
    ]);
  });

  it("7.2 WdfIoQueueStop sets accept again: after a drain, a stopped queue accepts and keeps arrivals until Start", async () => {
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }, { stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let start!: SimRequest;
    let kept: string | null = "unset";
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, null));
      await io.wait(10);
      r1 = io.send("Read");
      await io.wait(10);
      kept = r1.status;
      start = rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(10);
    });
    expect(kept).toBeNull();
    expect(at(r, presented(r1))).toBeGreaterThan(at(r, began(CTL, start)));
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });
});

describe("…Synchronously forms (OPS-08, OPS-09, BUG-23)", () => {
  it("OPS-08 StopSynchronously from a work item returns only once the driver-owned request is completed", async () => {
    const held: SimRequest[] = [];
    const returnedAt: number[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.work(io, async (ctx) => {
        await ctx.WdfIoQueueStopSynchronously(Q);
        returnedAt.push(ctx.now);
      });
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(100);
    });
    expect(returnedAt).toHaveLength(1);
    expect(returnedAt[0]).toBeGreaterThanOrEqual(timeOf(r, completed(r1, "STATUS_SUCCESS")));
    expect(timeOf(r, completed(r1))).toBeGreaterThanOrEqual(100);
    expect(r.outcome.kind).toBe("idle");
    expect(hangReported(r)).toBe(false);
  });

  it("OPS-08 DrainSynchronously from the application side (a passive thread) returns once pending and owned requests are gone; arrivals meanwhile are rejected", async () => {
    const held: SimRequest[] = [];
    const returnedAt: number[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    let r2!: SimRequest;
    let r3!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, async (ctx) => {
        await ctx.WdfIoQueueDrainSynchronously(Q);
        returnedAt.push(ctx.now);
      });
      await io.wait(10);
      r3 = io.send("Read");
      await io.wait(30);
      rg.ctl(io, (ctx) => completeAll(ctx, held)); // r1; r2 is presented next
      await io.wait(30);
      rg.ctl(io, (ctx) => completeAll(ctx, held)); // r2
      await io.wait(30);
    });
    expect(statusOf(r, r3)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(returnedAt).toHaveLength(1);
    expect(returnedAt[0]).toBeGreaterThanOrEqual(timeOf(r, completed(r2, "STATUS_SUCCESS")));
    expect(r.outcome.kind).toBe("idle");
  });

  it("OPS-08 PurgeSynchronously from a work item cancels the pending request at once and returns when the owned one is completed", async () => {
    const held: SimRequest[] = [];
    const returnedAt: number[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.work(io, async (ctx) => {
        await ctx.WdfIoQueuePurgeSynchronously(Q);
        returnedAt.push(ctx.now);
      });
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(100);
    });
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
    expect(timeOf(r, completed(r2))).toBeLessThan(100);
    expect(returnedAt).toHaveLength(1);
    expect(returnedAt[0]).toBeGreaterThanOrEqual(timeOf(r, completed(r1, "STATUS_SUCCESS")));
    expect(r.outcome.kind).toBe("idle");
  });

  it("OPS-08 StopAndPurgeSynchronously from the application side cancels the pending request and returns when nothing is owned", async () => {
    const held: SimRequest[] = [];
    const returnedAt: number[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, async (ctx) => {
        await ctx.WdfIoQueueStopAndPurgeSynchronously(Q);
        returnedAt.push(ctx.now);
      });
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(100);
    });
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
    expect(returnedAt).toHaveLength(1);
    expect(returnedAt[0]).toBeGreaterThanOrEqual(timeOf(r, completed(r1, "STATUS_SUCCESS")));
    expect(r.outcome.kind).toBe("idle");
  });

  it("OPS-09 StopSynchronously from the queue's own callback while it owns the request never returns (hang reported)", async () => {
    const log: string[] = [];
    async function SelfStop(ctx: WdfContext, q: string, r: SimRequest) {
      log.push("before");
      await ctx.WdfIoQueueStopSynchronously(q);
      log.push("after");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: SelfStop }, { attributes: { executionLevel: "Passive" } }),
    });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
    expect(log).toEqual(["before"]);
  });

  it("OPS-09 / DSP-05 StopSynchronously from the queue's own callback hangs even after that callback completed its request: the stop completes only in the outermost activation", async () => {
    const log: string[] = [];
    async function CompleteThenStop(ctx: WdfContext, q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.WdfIoQueueStopSynchronously(q);
      log.push("after");
    }
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: CompleteThenStop }, { attributes: { executionLevel: "Passive" } }),
    });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
    expect(log).toEqual([]);
  });

  it("OPS-09 DrainSynchronously while holding the presentation lock the queue needs to present a waiting request hangs", async () => {
    const log: string[] = [];
    const rg = rig({
      q: queue(
        "Sequential",
        { EvtIoRead: CompleteRead },
        { attributes: { executionLevel: "Passive", synchronizationScope: "Queue" } },
      ),
    });
    const r = await simulate(rg.spec, async (io) => {
      rg.work(io, async (ctx) => {
        await ctx.WdfObjectAcquireLock(Q);
        await ctx.stall(30); // a request arrives meanwhile: its EvtIoRead needs this lock
        await ctx.WdfIoQueueDrainSynchronously(Q);
        log.push("drained");
        ctx.WdfObjectReleaseLock(Q);
      });
      await io.wait(10);
      io.send("Read");
      await io.wait(200);
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
    expect(log).toEqual([]);
  });

  it("OPS-09 DrainSynchronously on a stopped queue with a pending request hangs (nothing presents it)", async () => {
    const log: string[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, null));
      await io.wait(10);
      r1 = io.send("Read");
      await io.wait(10);
      rg.work(io, async (ctx) => {
        await ctx.WdfIoQueueDrainSynchronously(Q);
        log.push("returned");
      });
      await io.wait(100);
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
    expect(log).toEqual([]);
    expect(count(r, presented(r1))).toBe(0);
  });

  it("OPS-09 DrainSynchronously on a stopped queue completes once someone calls WdfIoQueueStart", async () => {
    const returnedAt: number[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, null));
      await io.wait(10);
      r1 = io.send("Read");
      await io.wait(10);
      rg.work(io, async (ctx) => {
        await ctx.WdfIoQueueDrainSynchronously(Q);
        returnedAt.push(ctx.now);
      });
      await io.wait(100);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(100);
    });
    expect(hangReported(r)).toBe(false);
    expect(r.outcome.kind).toBe("idle");
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(returnedAt).toHaveLength(1);
    expect(returnedAt[0]).toBeGreaterThanOrEqual(100);
  });

  it("BUG-23 / OPS-08 DrainSynchronously at DISPATCH_LEVEL (from a DPC) is reported and does nothing: the queue still accepts", async () => {
    const log: string[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.dpc(io, async (ctx) => {
        await ctx.WdfIoQueueDrainSynchronously(Q);
        log.push("returned");
      });
      await io.wait(20);
      r1 = io.send("Read");
      await io.wait(20);
    });
    expect(specs(r)).toContain("BUG-23");
    expect(log).toEqual(["returned"]);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(hangReported(r)).toBe(false);
  });
});

describe("7.3 ReadyNotify (RDY-01, DSP-21)", () => {
  it("RDY-01 ReadyNotify fires once per empty-to-non-empty transition, also while the driver still owns earlier requests", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      log.push("send1");
      io.send("Read");
      await io.wait(10);
      log.push("send2");
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueRetrieveNextRequest(Q);
        ctx.WdfIoQueueRetrieveNextRequest(Q);
        log.push(`owned ${ctx.WdfIoQueueGetState(Q).driverCount}`);
      });
      await io.wait(10);
      log.push("send3");
      io.send("Read");
      await io.wait(10);
    });
    expect(log).toEqual(["send1", "ready", "send2", "owned 2", "send3", "ready"]);
    expect(count(r, began(READY))).toBe(2);
  });

  // Modelling choice (docs/runtime.md): the model's readyNotify is registered from the start, as
  // EvtDriverDeviceAdd would; the driver's own first registration of that routine is the same
  // registration (STATUS_SUCCESS), a second one is the BUG-21 double registration.
  it("7.3 / BUG-21 the declared ReadyNotify is registered from the start; re-registering it once is that registration, twice is BUG-21", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => log.push(ctx.WdfIoQueueReadyNotify(Q, Ready)));
      await io.wait(10);
      rg.ctl(io, (ctx) => log.push(ctx.WdfIoQueueReadyNotify(Q, Ready)));
      await io.wait(10);
      rg.ctl(io, (ctx) => retrieveAndComplete(ctx, Q));
      await io.wait(10);
    });
    expect(log).toEqual(["ready", "STATUS_SUCCESS", "STATUS_INVALID_DEVICE_REQUEST"]);
    expect(specs(r).filter((x) => x === "BUG-21")).toHaveLength(1);
  });

  it("DSP-21 WdfIoQueueStart re-arms ReadyNotify when requests are pending, and only then", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, null);
        log.push("restart (1 pending)");
        ctx.WdfIoQueueStart(Q);
      });
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const got = ctx.WdfIoQueueRetrieveNextRequest(Q);
        ctx.WdfIoQueueStop(Q, null);
        log.push("restart (0 pending)");
        ctx.WdfIoQueueStart(Q);
        ctx.WdfRequestComplete(got.request!, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(log).toEqual(["ready", "restart (1 pending)", "ready", "restart (0 pending)"]);
  });

  it("RDY-01 a stopped manual queue announces nothing; Start delivers the ReadyNotify for what arrived meanwhile", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueReadyNotify(Q, Ready);
        ctx.WdfIoQueueStop(Q, null);
      });
      await io.wait(10);
      io.send("Read");
      await io.wait(10);
      log.push("start");
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q));
      await io.wait(10);
      rg.ctl(io, (ctx) => retrieveAndComplete(ctx, Q));
      await io.wait(10);
    });
    expect(log).toEqual(["start", "ready"]);
  });

  it("DSP-22 / 7.3 a ReadyNotify registered after the queue was emptied by polling is still delivered (spurious, on an empty queue); unregistering needs a stopped queue", async () => {
    const log: string[] = [];
    function Ready(ctx: WdfContext, q: string) {
      log.push(`ready pending=${ctx.WdfIoQueueGetState(q).queueCount}`);
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueReadyNotify(Q, Ready); // (the driver's registration)
        log.push(`unregister while started ${ctx.WdfIoQueueReadyNotify(Q, null)}`);
        ctx.WdfIoQueueStop(Q, null);
        log.push(`unregister while stopped ${ctx.WdfIoQueueReadyNotify(Q, null)}`);
        ctx.WdfIoQueueStart(Q);
      });
      await io.wait(10);
      io.send("Read"); // a transition from empty, nobody registered
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        retrieveAndComplete(ctx, Q); // emptied by polling: the transition flag stays set
        log.push(`register ${ctx.WdfIoQueueReadyNotify(Q, Ready)}`);
      });
      await io.wait(10);
    });
    expect(log.slice(0, 2)).toEqual([
      "unregister while started STATUS_INVALID_DEVICE_REQUEST",
      "unregister while stopped STATUS_SUCCESS",
    ]);
    expect(log.slice(2).sort()).toEqual(["ready pending=0", "register STATUS_SUCCESS"]);
  });

  it("RDY-04 on a scope-Queue manual queue ReadyNotify runs under the queue's presentation lock", async () => {
    function Ready(_ctx: WdfContext, _q: string) {}
    const rg = rig({ q: manual({ readyNotify: Ready, attributes: { synchronizationScope: "Queue" } }) });
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => retrieveAndComplete(ctx, Q));
      await io.wait(10);
    });
    expect(locksAtBegin(r, READY)).toEqual([[`${Q}#lock`]]);
  });

  it("BUG-21 WdfIoQueueReadyNotify on a queue that is not manual fails with STATUS_INVALID_DEVICE_REQUEST", async () => {
    const statuses: string[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => statuses.push(ctx.WdfIoQueueReadyNotify(Q, "Ready")));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
  });
});

describe("9.6 WdfRequestRequeue", () => {
  it("9.6 Requeue puts the request back at the head of the queue and gives the slot back", async () => {
    const log: string[] = [];
    const rg = rig({ q: manual() });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      io.send("Read");
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueRetrieveNextRequest(Q);
        const second = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        log.push(`requeue ${second.id} ${ctx.WdfRequestRequeue(second)}`);
        log.push(
          `owned ${ctx.WdfIoQueueGetState(Q).driverCount} pending ${ctx.WdfIoQueueGetState(Q).queueCount}`,
        );
        log.push(`next ${ctx.WdfIoQueueRetrieveNextRequest(Q).request?.id}`);
      });
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        retrieveAndComplete(ctx, Q);
      });
      await io.wait(10);
    });
    const [, r2] = r.requests;
    expect(log).toEqual([`requeue ${r2!.id} STATUS_SUCCESS`, "owned 1 pending 2", `next ${r2!.id}`]);
  });

  it("9.6 / DSP-S10 Requeue into an empty manual queue makes it non-empty again: ReadyNotify fires again", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig({ q: manual({ readyNotify: Ready }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const got = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        log.push("requeue");
        ctx.WdfRequestRequeue(got);
      });
      await io.wait(10);
      rg.ctl(io, (ctx) => retrieveAndComplete(ctx, Q));
      await io.wait(10);
    });
    expect(log).toEqual(["ready", "requeue", "ready"]);
  });

  it("CAN-40 / 9.6 Requeue while a Purge is outstanding cancels the request instead and returns STATUS_SUCCESS", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual({ stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const mine = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        ctx.WdfIoQueuePurge(Q, PurgeDone);
        got.push(ctx.WdfRequestRequeue(mine));
      });
      await io.wait(10);
    });
    expect(got).toEqual(["STATUS_SUCCESS"]);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(at(r, began(SLOT("Purge")))).toBeGreaterThan(at(r, completed(r1)));
  });

  it("9.6 Requeue of a request whose IRP was cancelled cancels it on the queue: EvtIoCanceledOnQueue (it was presented)", async () => {
    const got: string[] = [];
    function CanceledOnQueue(ctx: WdfContext, _q: string, r: SimRequest) {
      got.push(`canceled-on-queue ${r.id}`);
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    const rg = rig({ q: manual({ callbacks: { EvtIoCanceledOnQueue: CanceledOnQueue } }) });
    let r1!: SimRequest;
    const mine: SimRequest[] = [];
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => mine.push(ctx.WdfIoQueueRetrieveNextRequest(Q).request!));
      await io.wait(10);
      io.cancel(r1); // driver-owned, not cancelable: only flagged
      await io.wait(10);
      rg.ctl(io, (ctx) => got.push(ctx.WdfRequestRequeue(mine[0]!)));
      await io.wait(10);
    });
    expect(got.sort()).toEqual([`canceled-on-queue ${r1.id}`, "STATUS_SUCCESS"].sort());
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
  });

  it("BUG-13 Requeue on a Sequential queue fails with STATUS_INVALID_DEVICE_REQUEST; the driver still owns the request", async () => {
    const statuses: string[] = [];
    function RequeueRead(ctx: WdfContext, _q: string, r: SimRequest) {
      statuses.push(ctx.WdfRequestRequeue(r));
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({ q: queue("Sequential", { EvtIoRead: RequeueRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(count(r, presented(r1))).toBe(1);
    expect(count(r, completed(r1))).toBe(1);
    expect(specs(r)).toEqual(["BUG-13"]); // the misuse is recorded; the completion is clean
  });
});

describe("9.4 WdfRequestForwardToIoQueue", () => {
  const forwarding = (statuses: string[], onFailure?: (ctx: WdfContext, r: SimRequest) => void) =>
    function ForwardRead(ctx: WdfContext, _q: string, r: SimRequest) {
      const status = ctx.WdfRequestForwardToIoQueue(r, Q2);
      statuses.push(status);
      if (status !== "STATUS_SUCCESS") onFailure?.(ctx, r);
    };
  const secondary = (callbacks: object, extra: object = {}) => ({
    dispatchType: "Sequential",
    callbacks,
    ...extra,
  });

  it("6.2 / FWD-04 a successful forward moves ownership: the Sequential source presents its next request while the first is held by the destination", async () => {
    const statuses: string[] = [];
    const held2: SimRequest[] = [];
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: forwarding(statuses) }),
      q2: secondary({ EvtIoRead: hold(held2) }),
    });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held2));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held2));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
    expect(at(r, `present ${r1.id} ${Q2} `)).toBeGreaterThan(-1);
    expect(at(r, `present ${r2.id} ${Q} `)).toBeLessThan(at(r, completed(r1)));
    expect(at(r, `present ${r2.id} ${Q2} `)).toBeGreaterThan(at(r, completed(r1)));
    expect([statusOf(r, r1), statusOf(r, r2)]).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
    expect(r.findings).toEqual([]);
  });

  it("BUG-09 forwarding a request still marked cancelable fails with STATUS_INVALID_DEVICE_REQUEST; the driver keeps it", async () => {
    const statuses: string[] = [];
    function Cancel(ctx: WdfContext, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    function MarkThenForward(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, Cancel);
      statuses.push(ctx.WdfRequestForwardToIoQueue(r, Q2));
      if (ctx.WdfRequestUnmarkCancelable(r) === "STATUS_SUCCESS") ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: MarkThenForward }, { requestCancel: [Cancel] }),
      q2: secondary({ EvtIoRead: CompleteRead }),
    });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
    expect(count(r, `present ${r1.id} ${Q2} `)).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(rules(r)).not.toContain("DoubleCompletion");
  });

  it("BUG-10 forwarding to the queue the request came from fails with STATUS_INVALID_DEVICE_REQUEST", async () => {
    const statuses: string[] = [];
    function ForwardToSelf(ctx: WdfContext, q: string, r: SimRequest) {
      statuses.push(ctx.WdfRequestForwardToIoQueue(r, q));
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({ q: queue("Sequential", { EvtIoRead: ForwardToSelf }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
    expect(count(r, presented(r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(rules(r)).not.toContain("DoubleCompletion");
  });

  it("9.4 forwarding to a queue that does not accept returns STATUS_WDF_BUSY and the source keeps counting the request", async () => {
    const statuses: string[] = [];
    const held: SimRequest[] = [];
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: forwarding(statuses, (_ctx, r) => held.push(r)) }),
      q2: secondary({ EvtIoRead: CompleteRead }),
    });
    let r1!: SimRequest;
    let r2!: SimRequest;
    let done!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q2, null));
      await io.wait(10);
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      done = rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_WDF_BUSY", "STATUS_WDF_BUSY"]);
    expect(at(r, presented(r2))).toBeGreaterThan(at(r, began(CTL, done)));
    expect([statusOf(r, r1), statusOf(r, r2)]).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
    expect(count(r, began(READ2))).toBe(0);
  });

  it("FWD-03 forwarding to a stopped queue succeeds; the request waits there until WdfIoQueueStart", async () => {
    const statuses: string[] = [];
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: forwarding(statuses) }),
      q2: secondary({ EvtIoRead: CompleteRead }),
    });
    let r1!: SimRequest;
    let start!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q2, null));
      await io.wait(10);
      r1 = io.send("Read");
      await io.wait(10);
      start = rg.ctl(io, (ctx) => ctx.WdfIoQueueStart(Q2));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_SUCCESS"]);
    expect(at(r, `present ${r1.id} ${Q2} `)).toBeGreaterThan(at(r, began(CTL, start)));
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });
});

describe("8 manual retrieval and FindRequest (MAN-*)", () => {
  it("MAN-03 retrieval from a Parallel queue fails with STATUS_INVALID_DEVICE_STATE and no request (MAN-07)", async () => {
    const got: Array<{ status: string; request: string | null }> = [];
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Parallel", { EvtIoRead: hold(held) }) });
    await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        got.push({ status: x.status, request: x.request?.id ?? null });
        completeAll(ctx, held);
      });
      await io.wait(10);
    });
    expect(got).toEqual([{ status: "STATUS_INVALID_DEVICE_STATE", request: null }]);
  });

  it("MAN-04b / MAN-07 retrieval from a stopped manual queue fails with STATUS_WDF_PAUSED and NULL; after Start it succeeds", async () => {
    const got: Array<{ status: string; request: string | null }> = [];
    const rg = rig({ q: manual() });
    let r1!: SimRequest;
    await simulate(rg.spec, async (io) => {
      const file = await io.open();
      r1 = io.send("Read", { fileObject: file });
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStop(Q, null);
        for (const x of [
          ctx.WdfIoQueueRetrieveNextRequest(Q),
          ctx.WdfIoQueueRetrieveRequestByFileObject(Q, file),
        ])
          got.push({ status: x.status, request: x.request?.id ?? null });
        ctx.WdfIoQueueStart(Q);
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        got.push({ status: x.status, request: x.request?.id ?? null });
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(got).toEqual([
      { status: "STATUS_WDF_PAUSED", request: null },
      { status: "STATUS_WDF_PAUSED", request: null },
      { status: "STATUS_SUCCESS", request: r1.id },
    ]);
  });

  it("MAN-04e / MAN-06 retrieval is FIFO, makes the request driver-owned, and answers STATUS_NO_MORE_ENTRIES when empty", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual() });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => got.push(ctx.WdfIoQueueRetrieveNextRequest(Q).status));
      await io.wait(10);
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const a = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        const b = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        const s = ctx.WdfIoQueueGetState(Q);
        got.push(`${a.id} ${b.id} pending ${s.queueCount} owned ${s.driverCount}`);
        ctx.WdfRequestComplete(a, "STATUS_SUCCESS");
        ctx.WdfRequestComplete(b, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(got).toEqual(["STATUS_NO_MORE_ENTRIES", `${r1.id} ${r2.id} pending 0 owned 2`]);
    expect(r.findings).toEqual([]);
  });

  it("MAN-05 retrieval completes a zero-length read with STATUS_SUCCESS itself and hands out the next request", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual() });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read", { outputLength: 0 });
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        got.push(`${x.status} ${x.request?.id}`);
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(got).toEqual([`STATUS_SUCCESS ${r2.id}`]);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(r.findings).toEqual([]);
  });

  it("MAN-08 RetrieveRequestByFileObject takes the oldest request of that handle only", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual() });
    const sent: SimRequest[] = [];
    await simulate(rg.spec, async (io) => {
      const f1 = await io.open();
      const f2 = await io.open();
      sent.push(io.send("Read", { fileObject: f1 }));
      sent.push(io.send("Read", { fileObject: f2 }));
      sent.push(io.send("Read", { fileObject: f1 }));
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        for (const f of [f2, f1, f1, f2]) {
          const x = ctx.WdfIoQueueRetrieveRequestByFileObject(Q, f);
          got.push(`${x.status} ${x.request?.id ?? "NULL"}`);
          if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
        }
      });
      await io.wait(10);
    });
    expect(got).toEqual([
      `STATUS_SUCCESS ${sent[1]!.id}`,
      `STATUS_SUCCESS ${sent[0]!.id}`,
      `STATUS_SUCCESS ${sent[2]!.id}`,
      "STATUS_NO_MORE_ENTRIES NULL",
    ]);
  });

  it("MAN-09 a draining manual queue can still be emptied by retrieval; the Drain callback follows", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual({ stateCallbacks: allSlots }) });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, DrainDone));
      await io.wait(10);
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        got.push(`${x.status} ${x.request?.id}`);
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(got).toEqual([`STATUS_SUCCESS ${r1.id}`]);
    expect(statusOf(r, r2)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(at(r, began(SLOT("Drain")))).toBeGreaterThan(at(r, completed(r1)));
  });

  it("8.2 FindRequest leaves the request in the queue and not owned: completing it is InvalidReqAccess and ignored; RetrieveFoundRequest then owns it", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual() });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const found = ctx.WdfIoQueueFindRequest(Q);
        got.push(`find ${found.status} ${found.request?.id}`);
        got.push(`pending ${ctx.WdfIoQueueGetState(Q).queueCount}`);
        ctx.WdfRequestComplete(found.request!, "STATUS_SUCCESS"); // not owned
        got.push(`pending ${ctx.WdfIoQueueGetState(Q).queueCount}`);
        const mine = ctx.WdfIoQueueRetrieveFoundRequest(Q, found.request!);
        got.push(`retrieve ${mine.status} ${mine.request?.id}`);
        ctx.WdfRequestComplete(mine.request!, "STATUS_SUCCESS");
        retrieveAndComplete(ctx, Q);
      });
      await io.wait(10);
    });
    expect(got).toEqual([
      `find STATUS_SUCCESS ${r1.id}`,
      "pending 2",
      "pending 2",
      `retrieve STATUS_SUCCESS ${r1.id}`,
    ]);
    expect(rules(r)).toContain("InvalidReqAccess");
    expect(rules(r)).not.toContain("DoubleCompletion");
    expect(count(r, completed(r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });

  it("8.2 FindRequest with a tag continues after it; STATUS_NO_MORE_ENTRIES past the last", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual() });
    const sent: SimRequest[] = [];
    await simulate(rg.spec, async (io) => {
      sent.push(io.send("Read"), io.send("Read"));
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const a = ctx.WdfIoQueueFindRequest(Q);
        const b = ctx.WdfIoQueueFindRequest(Q, a.request);
        const c = ctx.WdfIoQueueFindRequest(Q, b.request);
        for (const x of [a, b, c]) got.push(`${x.status} ${x.request?.id ?? "NULL"}`);
        retrieveAndComplete(ctx, Q);
      });
      await io.wait(10);
    });
    expect(got).toEqual([
      `STATUS_SUCCESS ${sent[0]!.id}`,
      `STATUS_SUCCESS ${sent[1]!.id}`,
      "STATUS_NO_MORE_ENTRIES NULL",
    ]);
  });

  it("MAN-10 / BUG-01 forwarding a request found with FindRequest (not owned) fails and leaves it in its queue", async () => {
    const got: string[] = [];
    const rg = rig({ q: manual(), q2: { dispatchType: "Manual" } });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const found = ctx.WdfIoQueueFindRequest(Q).request!;
        got.push(ctx.WdfRequestForwardToIoQueue(found, Q2));
        got.push(`pending ${ctx.WdfIoQueueGetState(Q).queueCount} ${ctx.WdfIoQueueGetState(Q2).queueCount}`);
        retrieveAndComplete(ctx, Q);
      });
      await io.wait(10);
    });
    expect(got).toEqual(["STATUS_INVALID_DEVICE_REQUEST", "pending 1 0"]);
    expect(rules(r)).toContain("InvalidReqAccess");
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });

  it("REQ-51 / BUG-01 completing a request after forwarding it (now pending in the destination) is InvalidReqAccess and ignored", async () => {
    const got: string[] = [];
    function ForwardThenComplete(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestForwardToIoQueue(r, Q2); // pending in the manual q2: the framework owns it
      ctx.WdfRequestComplete(r, "STATUS_UNSUCCESSFUL");
    }
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: ForwardThenComplete }),
      q2: { dispatchType: "Manual" },
    });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q2);
        got.push(`${x.status} ${x.request?.id}`);
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(got).toEqual([`STATUS_SUCCESS ${r1.id}`]);
    expect(rules(r)).toContain("InvalidReqAccess");
    expect(rules(r)).not.toContain("DoubleCompletion");
    expect(count(r, completed(r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });

  it("BUG-20 FindRequest on a queue that is not manual fails with STATUS_INVALID_DEVICE_REQUEST", async () => {
    const got: string[] = [];
    const rg = rig({ q: queue("Sequential", { EvtIoRead: CompleteRead }) });
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => got.push(ctx.WdfIoQueueFindRequest(Q).status));
      await io.wait(10);
    });
    expect(got).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random scenarios.

type Action = "complete" | "forward" | "pend" | "cancelable" | "keep";
type Step = { k: "send" } | { k: "wait"; us: number } | { k: "cancel"; i: number };

/** A driver whose EvtIoRead does actions[n] for its n-th presentation (cyclically). */
const randomDriver = (actions: readonly Action[], laterUnmark: boolean) => {
  const pended: SimRequest[] = [];
  const cancelables: SimRequest[] = [];
  let n = 0;
  function OnCancel(ctx: WdfContext, r: SimRequest) {
    const i = cancelables.indexOf(r);
    if (i >= 0) cancelables.splice(i, 1);
    ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
  }
  function RandomRead(ctx: WdfContext, _q: string, r: SimRequest) {
    const a = actions[n++ % actions.length]!;
    if (a === "complete") ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    else if (a === "forward") {
      if (ctx.WdfRequestForwardToIoQueue(r, Q2) !== "STATUS_SUCCESS")
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    } else if (a === "pend") {
      pended.push(r);
      ctx.WdfWorkItemEnqueue("device/Later");
    } else if (a === "cancelable") {
      if (ctx.WdfRequestMarkCancelableEx(r, OnCancel) === "STATUS_CANCELLED")
        ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
      else {
        cancelables.push(r);
        if (laterUnmark) ctx.WdfWorkItemEnqueue("device/Later");
      }
    }
    // "keep": the driver forgets the request (a leak the run must report)
  }
  async function Later(ctx: WdfContext) {
    await ctx.stall(3);
    for (const r of pended.splice(0)) ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    if (laterUnmark)
      for (const r of cancelables.splice(0))
        if (ctx.WdfRequestUnmarkCancelable(r) === "STATUS_SUCCESS")
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
  }
  return {
    devices: {
      device: {
        queues: {
          q: {
            dispatchType: "Parallel",
            defaultQueue: true,
            callbacks: { EvtIoRead: RandomRead },
            requestCancel: [OnCancel],
          },
          q2: { dispatchType: "Sequential", callbacks: { EvtIoRead: CompleteRead } },
        },
        workItems: { Later: { automaticSerialization: false, callback: Later } },
      },
    },
  };
};

const runSteps = (steps: readonly Step[]) => async (io: ScenarioIo) => {
  const sent: SimRequest[] = [];
  for (const s of steps) {
    if (s.k === "send") sent.push(io.send("Read"));
    else if (s.k === "wait") await io.wait(s.us);
    else if (sent.length > 0) io.cancel(sent[s.i % sent.length]!);
  }
  await io.wait(50);
};

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ k: "send" }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 6 }).map((us): Step => ({ k: "wait", us })), weight: 2 },
  { arbitrary: fc.nat(7).map((i): Step => ({ k: "cancel", i })), weight: 3 },
);
const actionArb = fc.constantFrom<Action>("complete", "forward", "pend", "cancelable", "keep");

describe("properties", () => {
  it("9.1 / BUG-02 request conservation: every request is completed exactly once, or reported by RequestLeak", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 14 }),
        fc.array(actionArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 1000 }),
        async (steps, actions, laterUnmark, cpus, seed) => {
          const r = await simulate(randomDriver(actions, laterUnmark), runSteps(steps), { cpus, seed });
          expect(r.errors).toEqual([]);
          expect(rules(r).filter((x) => x !== "RequestLeak")).toEqual([]);
          const completions = new Map<string, number>();
          for (const e of r.trace.events)
            if (e.type === "request-complete")
              completions.set(e.request, (completions.get(e.request) ?? 0) + 1);
          for (const req of r.requests) {
            const n = completions.get(req.id) ?? 0;
            const leaked = r.findings.some(
              (f) => f.rule === "RequestLeak" && new RegExp(`\\b${req.id}\\b`).test(f.message),
            );
            expect(
              n === 1 ? !leaked : n === 0 && leaked,
              `${req.id}: ${n} completion(s), leak=${leaked}`,
            ).toBe(true);
            expect(n === 1 ? req.state : "not completed").toBe(n === 1 ? "completed" : "not completed");
          }
        },
      ),
      { seed: 2024, numRuns: 80 },
    );
  });

  it("determinism: the same seed gives a byte-identical trace, for 20 seeds", async () => {
    const scenario = () => {
      const held: SimRequest[] = [];
      function CancelRead(ctx: WdfContext, r: SimRequest) {
        ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
      }
      async function MixedRead(ctx: WdfContext, _q: string, r: SimRequest) {
        await ctx.stall(2);
        const k = Number(r.id.slice(3)) % 3;
        if (k === 0) ctx.WdfRequestForwardToIoQueue(r, Q2);
        else if (k === 1) ctx.WdfRequestMarkCancelable(r, CancelRead);
        else held.push(r);
      }
      function Stop(ctx: WdfContext, _q: string, r: SimRequest) {
        ctx.WdfRequestStopAcknowledge(r, false);
      }
      const rg = rig({
        q: queue(
          "Parallel",
          { EvtIoRead: MixedRead, EvtIoStop: Stop },
          { requestCancel: [CancelRead], numberOfPresentedRequests: 3 },
        ),
        q2: { dispatchType: "Sequential", callbacks: { EvtIoRead: CompleteRead } },
      });
      const script = async (io: ScenarioIo) => {
        const sent: SimRequest[] = [];
        for (let i = 0; i < 7; i++) {
          sent.push(io.send("Read"));
          await io.wait(i % 3);
        }
        io.cancel(sent[1]!);
        rg.work(io, (ctx) => completeAll(ctx, held));
        await io.wait(5);
        await io.powerDown();
        io.send("Read");
        await io.powerUp();
        io.cancel(sent[4]!);
        rg.ctl(io, (ctx) => completeAll(ctx, held));
        await io.wait(20);
      };
      return { spec: rg.spec, script };
    };
    for (let seed = 1; seed <= 20; seed++) {
      const a = scenario();
      const b = scenario();
      const ra = await simulate(a.spec, a.script, { seed, cpus: 3 });
      const rb = await simulate(b.spec, b.script, { seed, cpus: 3 });
      expect(ra.trace.events.length).toBeGreaterThan(20);
      expect(JSON.stringify(rb.trace.events)).toBe(JSON.stringify(ra.trace.events));
    }
  });
});
