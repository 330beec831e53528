// Cancellation at run time, written from the queues rule book (section 10, with 9.4 FWD-02, OPS-03,
// OPS-04 and the CompleteCanceledReq / IsCanceled verifier rows of section 14): a request cancelled
// while queued (CAN-10), while driver-owned and cancelable (CAN-20..23), marking an already
// cancelled request (10.2), the unmark race (10.3), WdfRequestIsCanceled (CAN-31, BUG-15),
// auto-cancel during a purge (CAN-40) and file-handle cleanup (CAN-50).

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";
import {
  at,
  atIncl,
  began,
  completeAll,
  completed,
  count,
  ended,
  locksAtBegin,
  presented,
  Q,
  Q2,
  rig,
  rules,
  specs,
  stateOf,
  statusOf,
} from "./rig.js";

const CANCELED_ON_QUEUE = (q: string) => `${q}:EvtIoCanceledOnQueue`;
const CANCEL = `${Q}:EvtRequestCancel:OnCancel`;
const READ = `${Q}:EvtIoRead`;

function OnCancel(ctx: WdfContext, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
}
function CompleteRead(ctx: WdfContext, _q: string, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
}
function CanceledOnQueue(ctx: WdfContext, _q: string, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
}
function PurgeDone(_ctx: WdfContext, _q: string) {}

const hold = (held: SimRequest[]) =>
  function HoldRead(_ctx: WdfContext, _q: string, r: SimRequest) {
    held.push(r);
  };
const queue = (dispatchType: string, callbacks: object, extra: object = {}) => ({
  dispatchType,
  defaultQueue: true,
  callbacks,
  requestCancel: [OnCancel],
  ...extra,
});

describe("10.1 cancelled while pending in a queue (CAN-10)", () => {
  it("CAN-10 a never-presented request cancelled in the queue is completed with STATUS_CANCELLED; EvtIoCanceledOnQueue is not called", async () => {
    const held: SimRequest[] = [];
    const rg = rig({
      q: queue("Sequential", { EvtIoRead: hold(held), EvtIoCanceledOnQueue: CanceledOnQueue }),
    });
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      io.cancel(r2);
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
    expect(at(r, completed(r2, "STATUS_CANCELLED"))).toBeGreaterThan(at(r, `cancel ${r2.id} `));
    expect(count(r, presented(r2))).toBe(0);
    expect(count(r, began(CANCELED_ON_QUEUE(Q)))).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it("CAN-10 / CAN-30 a presented (forwarded) request cancelled while queued goes to EvtIoCanceledOnQueue, which completes it", async () => {
    function ForwardRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestForwardToIoQueue(r, Q2);
    }
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: ForwardRead }),
      q2: { dispatchType: "Manual", callbacks: { EvtIoCanceledOnQueue: CanceledOnQueue } },
    });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      io.cancel(r2);
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const got = ctx.WdfIoQueueRetrieveNextRequest(Q2);
        if (got.request) ctx.WdfRequestComplete(got.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(count(r, began(CANCELED_ON_QUEUE(Q2), r2))).toBe(1);
    expect(at(r, began(CANCELED_ON_QUEUE(Q2), r2))).toBeGreaterThan(at(r, `cancel ${r2.id} `));
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(r.findings).toEqual([]);
  });

  it("CAN-10 a presented request cancelled in a queue without EvtIoCanceledOnQueue is completed by the framework with STATUS_CANCELLED", async () => {
    function ForwardRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestForwardToIoQueue(r, Q2);
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: ForwardRead }), q2: { dispatchType: "Manual" } });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
    });
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("DSP-07 / CAN-30 EvtIoCanceledOnQueue is delivered even while the Sequential queue's one slot is taken", async () => {
    const held2: SimRequest[] = [];
    function ForwardRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestForwardToIoQueue(r, Q2);
    }
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: ForwardRead }),
      q2: {
        dispatchType: "Sequential",
        callbacks: { EvtIoRead: hold(held2), EvtIoCanceledOnQueue: CanceledOnQueue },
      },
    });
    let r2!: SimRequest;
    let done!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read"); // owned by the driver in q2
      r2 = io.send("Read"); // pending in q2, presented once already
      await io.wait(10);
      io.cancel(r2);
      await io.wait(10);
      done = rg.ctl(io, (ctx) => completeAll(ctx, held2));
      await io.wait(10);
    });
    expect(count(r, began(CANCELED_ON_QUEUE(Q2), r2))).toBe(1);
    expect(at(r, began(CANCELED_ON_QUEUE(Q2), r2))).toBeLessThan(
      at(r, began("device/ctl:EvtIoDeviceControl", done)),
    );
    expect(statusOf(r, r2)).toBe("STATUS_CANCELLED");
  });

  it("FWD-02 forwarding a request whose IRP is already cancelled succeeds and the destination's EvtIoCanceledOnQueue gets it", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: hold(held) }),
      q2: {
        dispatchType: "Sequential",
        callbacks: { EvtIoRead: CompleteRead, EvtIoCanceledOnQueue: CanceledOnQueue },
      },
    });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1); // driver-owned, not cancelable: nothing happens yet (9.1)
      await io.wait(10);
      rg.ctl(io, (ctx) => statuses.push(ctx.WdfRequestForwardToIoQueue(held.pop()!, Q2)));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_SUCCESS"]);
    expect(count(r, began(CANCELED_ON_QUEUE(Q2), r1))).toBe(1);
    expect(count(r, began(`${Q2}:EvtIoRead`, r1))).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
  });

  it("FWD-02 forwarding an already-cancelled request to a queue without EvtIoCanceledOnQueue succeeds and completes it with STATUS_CANCELLED", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: hold(held) }),
      q2: { dispatchType: "Sequential", callbacks: { EvtIoRead: CompleteRead } },
    });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
      rg.ctl(io, (ctx) => statuses.push(ctx.WdfRequestForwardToIoQueue(held.pop()!, Q2)));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_SUCCESS"]);
    expect(count(r, began(`${Q2}:EvtIoRead`, r1))).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
  });
});

describe("10.2-10.4 driver-owned requests (CAN-20..CAN-31)", () => {
  it("CAN-20 / CAN-23 cancelling a driver-owned cancelable request runs its EvtRequestCancel, which may complete it (no finding)", async () => {
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: MarkRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
    });
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(at(r, began(CANCEL, r1))).toBeGreaterThan(at(r, `cancel ${r1.id} `));
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("CAN-31 / 9.1 cancelling a driver-owned request that is not cancelable changes nothing but WdfRequestIsCanceled", async () => {
    const held: SimRequest[] = [];
    const seen: boolean[] = [];
    const rg = rig({ q: queue("Parallel", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    let stateAfterCancel = "";
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => seen.push(ctx.WdfRequestIsCanceled(held[0]!)));
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
      stateAfterCancel = r1.state;
      rg.ctl(io, (ctx) => {
        seen.push(ctx.WdfRequestIsCanceled(held[0]!));
        ctx.WdfRequestComplete(held.pop()!, "STATUS_CANCELLED");
      });
      await io.wait(10);
    });
    expect(seen).toEqual([false, true]);
    expect(stateAfterCancel).toBe("driver-owned");
    expect(count(r, completed(r1))).toBe(1);
    expect(r.findings).toEqual([]);
  });

  it("10.2 WdfRequestMarkCancelable on an already-cancelled IRP runs the cancel routine", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: queue("Parallel", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfRequestMarkCancelable(held.pop()!, OnCancel));
      await io.wait(10);
    });
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("10.2 / DSP-02 MarkCancelable on an already-cancelled IRP from inside the queue's own callback runs the routine only after that callback returns", async () => {
    const log: string[] = [];
    function LoggedCancel(ctx: WdfContext, r: SimRequest) {
      log.push("cancel routine");
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    async function LateMark(ctx: WdfContext, _q: string, r: SimRequest) {
      await ctx.stall(50); // the application cancels the IRP meanwhile
      ctx.WdfRequestMarkCancelable(r, LoggedCancel);
      log.push("marked");
      await ctx.stall(20);
      log.push("callback returns");
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: LateMark }, { requestCancel: [LoggedCancel] }) });
    let r1!: SimRequest;
    const r = await simulate(
      rg.spec,
      async (io) => {
        r1 = io.send("Read");
        await io.wait(10);
        io.cancel(r1);
        await io.wait(200);
      },
      { cpus: 3 },
    );
    expect(log).toEqual(["marked", "callback returns", "cancel routine"]);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("10.2 WdfRequestMarkCancelableEx on an already-cancelled IRP returns STATUS_CANCELLED and never calls the routine", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    const rg = rig({ q: queue("Parallel", { EvtIoRead: hold(held) }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const req = held.pop()!;
        const status = ctx.WdfRequestMarkCancelableEx(req, OnCancel);
        statuses.push(status);
        if (status === "STATUS_CANCELLED") ctx.WdfRequestComplete(req, "STATUS_CANCELLED");
      });
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_CANCELLED"]);
    expect(count(r, began(CANCEL))).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(count(r, completed(r1))).toBe(1);
    expect(r.findings).toEqual([]);
  });

  it("10.3 UnmarkCancelable before any cancel returns STATUS_SUCCESS; the routine never runs afterwards", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
      held.push(r);
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: MarkRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => statuses.push(ctx.WdfRequestUnmarkCancelable(held[0]!)));
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_SUCCESS"]);
    expect(count(r, began(CANCEL))).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(r.findings).toEqual([]);
  });

  it("10.3 / CAN-21 when the cancel wins the race UnmarkCancelable returns STATUS_CANCELLED and EvtRequestCancel runs after the callback returns", async () => {
    const statuses: string[] = [];
    async function MarkStallUnmark(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
      await ctx.stall(50);
      const status = ctx.WdfRequestUnmarkCancelable(r);
      statuses.push(status);
      if (status !== "STATUS_CANCELLED") ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({
      q: queue(
        "Sequential",
        { EvtIoRead: MarkStallUnmark },
        { attributes: { synchronizationScope: "Queue" } },
      ),
    });
    let r1!: SimRequest;
    const r = await simulate(
      rg.spec,
      async (io) => {
        r1 = io.send("Read");
        await io.wait(10);
        io.cancel(r1);
        await io.wait(200);
      },
      { cpus: 3 },
    );
    expect(statuses).toEqual(["STATUS_CANCELLED"]);
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(at(r, began(CANCEL, r1))).toBeGreaterThan(at(r, ended(READ)));
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("10.3 / CompleteCanceledReq completing a request after UnmarkCancelable returned STATUS_CANCELLED is reported", async () => {
    async function CarelessUnmark(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
      await ctx.stall(50);
      ctx.WdfRequestUnmarkCancelable(r); // STATUS_CANCELLED: the cancel path owns completion now
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({
      q: queue(
        "Sequential",
        { EvtIoRead: CarelessUnmark },
        { attributes: { synchronizationScope: "Queue" } },
      ),
    });
    const r = await simulate(
      rg.spec,
      async (io) => {
        const r1 = io.send("Read");
        await io.wait(10);
        io.cancel(r1);
        await io.wait(200);
      },
      { cpus: 3 },
    );
    expect(rules(r)).toContain("CompleteCanceledReq");
  });

  it("BUG-03 completing a request while it is still marked cancelable is reported as CompleteCanceledReq", async () => {
    function Careless(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelableEx(r, OnCancel);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: Careless }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
    });
    expect(rules(r)).toEqual(["CompleteCanceledReq"]);
  });

  it("BUG-15 WdfRequestIsCanceled on a request that is still cancelable is reported and returns FALSE", async () => {
    const seen: boolean[] = [];
    function MarkAndAsk(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
      seen.push(ctx.WdfRequestIsCanceled(r));
      if (ctx.WdfRequestUnmarkCancelable(r) === "STATUS_SUCCESS") ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: MarkAndAsk }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
    });
    expect(seen).toEqual([false]);
    expect(specs(r)).toEqual(["BUG-15"]);
  });

  it("CAN-21 / DSP-02 on a queue without a lock, a cancel arriving while the request's EvtIoRead still runs is delivered after that callback returns", async () => {
    const log: string[] = [];
    function LoggedCancel(ctx: WdfContext, r: SimRequest) {
      log.push("cancel routine");
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    async function MarkThenWork(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, LoggedCancel);
      await ctx.stall(50);
      log.push("callback returns");
    }
    const rg = rig({
      q: queue(
        "Parallel",
        { EvtIoRead: MarkThenWork },
        { requestCancel: [LoggedCancel], attributes: { synchronizationScope: "None" } },
      ),
    });
    let r1!: SimRequest;
    const r = await simulate(
      rg.spec,
      async (io) => {
        r1 = io.send("Read");
        await io.wait(10);
        io.cancel(r1);
        await io.wait(200);
      },
      { cpus: 3 },
    );
    expect(log).toEqual(["callback returns", "cancel routine"]);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("10.3 UnmarkCancelable returns STATUS_CANCELLED when a Purge took the request first", async () => {
    const statuses: string[] = [];
    function Done(_ctx: WdfContext, _q: string) {}
    async function MarkStallUnmark(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
      await ctx.stall(50);
      const status = ctx.WdfRequestUnmarkCancelable(r);
      statuses.push(status);
      if (status !== "STATUS_CANCELLED") ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({
      q: queue(
        "Parallel",
        { EvtIoRead: MarkStallUnmark },
        { attributes: { synchronizationScope: "Queue" }, stateCallbacks: { Purge: Done } },
      ),
    });
    let r1!: SimRequest;
    const r = await simulate(
      rg.spec,
      async (io) => {
        r1 = io.send("Read");
        await io.wait(10);
        rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, Done));
        await io.wait(200);
      },
      { cpus: 3 },
    );
    expect(statuses).toEqual(["STATUS_CANCELLED"]);
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(r.findings).toEqual([]);
  });

  it("BUG-15 WdfRequestIsCanceled on a request the driver does not own (found in a manual queue) is reported and returns FALSE", async () => {
    const seen: boolean[] = [];
    const rg = rig({ q: { dispatchType: "Manual", defaultQueue: true } });
    const r = await simulate(rg.spec, async (io) => {
      const r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1); // pending: cancelled in the queue (CAN-10)...
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const found = ctx.WdfIoQueueFindRequest(Q).request!;
        seen.push(ctx.WdfRequestIsCanceled(found));
        const mine = ctx.WdfIoQueueRetrieveNextRequest(Q).request!;
        ctx.WdfRequestComplete(mine, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(seen).toEqual([false]);
    expect(specs(r).some((x) => x === "BUG-15" || x === "BUG-01")).toBe(true); // both rows cover it
  });

  it("BUG-08 UnmarkCancelable on a request that was never marked fails with STATUS_INVALID_DEVICE_REQUEST (verifier)", async () => {
    const statuses: string[] = [];
    function UnmarkOnly(ctx: WdfContext, _q: string, r: SimRequest) {
      statuses.push(ctx.WdfRequestUnmarkCancelable(r));
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: UnmarkOnly }) });
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_INVALID_DEVICE_REQUEST"]);
    expect(specs(r)).toContain("BUG-08");
  });

  it("CAN-22 on a scope-Queue queue EvtRequestCancel runs under the queue's presentation lock", async () => {
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
    }
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: MarkRead }, { attributes: { synchronizationScope: "Queue" } }),
    });
    const r = await simulate(rg.spec, async (io) => {
      const r1 = io.send("Read");
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
    });
    const readLocks = locksAtBegin(r, READ)[0]!;
    const cancelLocks = locksAtBegin(r, CANCEL);
    expect(readLocks.length).toBeGreaterThan(0);
    expect(cancelLocks).toHaveLength(1);
    expect(cancelLocks[0]).toContain(readLocks[readLocks.length - 1]);
  });
});

describe("OPS-03 / OPS-04 / CAN-40 purge and cancellation", () => {
  it("OPS-03 / CAN-31 Purge cancels a driver-owned cancelable request (EvtRequestCancel, IsCanceled TRUE) and waits for a non-cancelable one, which it leaves alone", async () => {
    const held: SimRequest[] = [];
    const canceledSeen: string[] = [];
    let n = 0;
    function MarkOdd(ctx: WdfContext, _q: string, r: SimRequest) {
      if (n++ === 0) ctx.WdfRequestMarkCancelable(r, SeeCancel);
      else held.push(r);
    }
    function SeeCancel(ctx: WdfContext, r: SimRequest) {
      canceledSeen.push(`${r.id} ${ctx.WdfRequestIsCanceled(r)}`);
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    const rg = rig({
      q: queue(
        "Parallel",
        { EvtIoRead: MarkOdd },
        { requestCancel: [SeeCancel], stateCallbacks: { Purge: PurgeDone } },
      ),
    });
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, PurgeDone));
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        canceledSeen.push(`${held[0]!.id} ${ctx.WdfRequestIsCanceled(held[0]!)}`);
        completeAll(ctx, held);
      });
      await io.wait(10);
    });
    expect(canceledSeen).toEqual([`${r1.id} true`, `${r2.id} false`]);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(statusOf(r, r2)).toBe("STATUS_SUCCESS");
    const purged = `${Q}:EvtIoQueueState[Purge]`;
    expect(at(r, began(purged))).toBeGreaterThan(at(r, completed(r2)));
    expect(r.findings).toEqual([]);
  });

  it("CAN-40 / OPS-04 while a Purge is outstanding MarkCancelableEx returns STATUS_CANCELLED; during a Drain it succeeds", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    function Done(_ctx: WdfContext, _q: string) {}
    const mark = (ctx: WdfContext) => {
      const req = held[0]!;
      const status = ctx.WdfRequestMarkCancelableEx(req, OnCancel);
      statuses.push(status);
      if (status === "STATUS_CANCELLED" || ctx.WdfRequestUnmarkCancelable(req) === "STATUS_SUCCESS")
        completeAll(ctx, held, "STATUS_CANCELLED");
    };
    const build = () =>
      rig({
        q: queue("Parallel", { EvtIoRead: hold(held) }, { stateCallbacks: { Purge: Done, Drain: Done } }),
      });
    const purge = build();
    await simulate(purge.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      purge.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, Done));
      await io.wait(10);
      purge.ctl(io, mark);
      await io.wait(10);
    });
    const drain = build();
    await simulate(drain.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      drain.ctl(io, (ctx) => ctx.WdfIoQueueDrain(Q, Done));
      await io.wait(10);
      drain.ctl(io, mark);
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_CANCELLED", "STATUS_SUCCESS"]);
  });

  it("OPS-02 / OPS-04 StopAndPurge without a callback leaves auto-cancel on (MarkCancelableEx answers STATUS_CANCELLED) until WdfIoQueueStart clears it", async () => {
    const held: SimRequest[] = [];
    const statuses: string[] = [];
    const rg = rig({ q: queue("Parallel", { EvtIoRead: hold(held) }) });
    await simulate(rg.spec, async (io) => {
      io.send("Read");
      io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfIoQueueStopAndPurge(Q, null);
        const first = held.shift()!;
        const s1 = ctx.WdfRequestMarkCancelableEx(first, OnCancel);
        statuses.push(s1);
        if (s1 === "STATUS_CANCELLED") ctx.WdfRequestComplete(first, "STATUS_CANCELLED");
        ctx.WdfIoQueueStart(Q);
        const second = held.shift()!;
        statuses.push(ctx.WdfRequestMarkCancelableEx(second, OnCancel));
        if (ctx.WdfRequestUnmarkCancelable(second) === "STATUS_SUCCESS")
          ctx.WdfRequestComplete(second, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(statuses).toEqual(["STATUS_CANCELLED", "STATUS_SUCCESS"]);
  });

  it("CAN-40 while a StopAndPurge is outstanding the non-Ex MarkCancelable schedules the cancel routine", async () => {
    const held: SimRequest[] = [];
    function Stopped(_ctx: WdfContext, _q: string) {}
    const rg = rig({
      q: queue("Parallel", { EvtIoRead: hold(held) }, { stateCallbacks: { StopAndPurge: Stopped } }),
    });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStopAndPurge(Q, Stopped));
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfRequestMarkCancelable(held.pop()!, OnCancel));
      await io.wait(10);
    });
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(at(r, began(`${Q}:EvtIoQueueState[StopAndPurge]`))).toBeGreaterThan(at(r, completed(r1)));
  });

  it("DSP-06 EvtRequestCancel is delivered even while the queue is stopped", async () => {
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, OnCancel);
    }
    const rg = rig({ q: queue("Parallel", { EvtIoRead: MarkRead }) });
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueStop(Q, null));
      await io.wait(10);
      io.cancel(r1);
      await io.wait(10);
    });
    expect(count(r, began(CANCEL, r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
  });
});

describe("10.8 file-handle cleanup (CAN-50)", () => {
  it("CAN-50 after EvtFileCleanup, the handle's pending requests are cancelled in every queue; other handles and driver-owned requests are untouched", async () => {
    const pendingAtCleanup: number[] = [];
    function EvtFileCleanup(ctx: WdfContext, _file: string) {
      pendingAtCleanup.push(ctx.WdfIoQueueGetState(Q).queueCount + ctx.WdfIoQueueGetState(Q2).queueCount);
    }
    function ForwardWrite(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestForwardToIoQueue(r, Q2);
    }
    const rg = rig(
      {
        q: { dispatchType: "Manual", defaultQueue: true },
        w: {
          dispatchType: "Parallel",
          requestDispatching: ["Write"],
          callbacks: { EvtIoWrite: ForwardWrite },
        },
        q2: { dispatchType: "Manual" },
      },
      { fileObject: { callbacks: { EvtFileCleanup } } },
    );
    const sent: SimRequest[] = [];
    let owned!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      const f1 = await io.open();
      const f2 = await io.open();
      owned = io.send("Read", { fileObject: f1 });
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueueRetrieveNextRequest(Q)); // the driver owns `owned`
      await io.wait(10);
      sent.push(io.send("Read", { fileObject: f2 }));
      sent.push(io.send("Read", { fileObject: f1 }));
      sent.push(io.send("Write", { fileObject: f1 })); // forwarded: pending in q2
      await io.wait(10);
      await io.cleanup(f1);
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        ctx.WdfRequestComplete(owned, "STATUS_SUCCESS");
        const got = ctx.WdfIoQueueRetrieveNextRequest(Q);
        if (got.request) ctx.WdfRequestComplete(got.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    const [f2Read, f1Read, f1Write] = sent as [SimRequest, SimRequest, SimRequest];
    expect(pendingAtCleanup).toEqual([3]);
    expect(statusOf(r, f1Read)).toBe("STATUS_CANCELLED");
    expect(statusOf(r, f1Write)).toBe("STATUS_CANCELLED");
    expect(atIncl(r, ":EvtFileCleanup")).toBeLessThan(at(r, completed(f1Read)));
    expect(statusOf(r, f2Read)).toBe("STATUS_SUCCESS");
    expect(statusOf(r, owned)).toBe("STATUS_SUCCESS");
    expect(at(r, completed(owned))).toBeGreaterThan(at(r, completed(f1Read)));
    expect(stateOf(r, owned)).toBe("completed");
  });
});
