// Device power and removal at run time, written from the queues rule book (section 11, with DSP-21,
// PWR-02, DEL-01 and BUG-16): EvtIoStop per driver-owned request and its flags, the three
// acknowledgement outcomes, queues without EvtIoStop, late and stray acknowledgements,
// non-power-managed queues, arrivals and retrieval while off, surprise removal.

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";
import {
  arrived,
  at,
  atIncl,
  began,
  completeAll,
  completed,
  count,
  ended,
  hangReported,
  labels,
  presented,
  Q,
  Q2,
  rig,
  specs,
  statusOf,
  timeIncl,
  timeOf,
} from "./rig.js";

const Suspend = 0x1;
const Purge = 0x2;
const Cancelable = 0x10000000;

const READ = `${Q}:EvtIoRead`;
const STOP = `${Q}:EvtIoStop`;
const RESUME = `${Q}:EvtIoResume`;

function OnCancel(ctx: WdfContext, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
}
function CompleteRead(ctx: WdfContext, _q: string, r: SimRequest) {
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
}
function Noop() {}
const hold = (held: SimRequest[]) =>
  function HoldRead(_ctx: WdfContext, _q: string, r: SimRequest) {
    held.push(r);
  };
const ackKeep = (log?: string[]) =>
  function AckKeep(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
    log?.push(`${r.id} ${flags}`);
    ctx.WdfRequestStopAcknowledge(r, false);
  };
/** A power-managed queue (explicitly) taking Read and Write by default. */
const pmQueue = (dispatchType: string, callbacks: object, extra: object = {}) => ({
  dispatchType,
  defaultQueue: true,
  powerManaged: "WdfTrue",
  callbacks,
  requestCancel: [OnCancel],
  ...extra,
});
const deviceCallbacks = {
  callbacks: {
    EvtDeviceSelfManagedIoSuspend: Noop,
    EvtDeviceD0Exit: Noop,
    EvtDeviceD0Entry: Noop,
    EvtDeviceSelfManagedIoRestart: Noop,
    EvtDeviceSurpriseRemoval: Noop,
    EvtDeviceReleaseHardware: Noop,
  },
};
const D0_EXIT = ":EvtDeviceD0Exit ";
const D0_ENTRY = ":EvtDeviceD0Entry ";

describe("11.3 EvtIoStop (PWR-10, PWR-13, PWR-16)", () => {
  it("PWR-10 / PWR-16 EvtIoStop is called once per driver-owned request, in order, with Suspend (0x1) and the Cancelable bit when cancelable", async () => {
    const held: SimRequest[] = [];
    const stops: string[] = [];
    let n = 0;
    function MarkSecond(ctx: WdfContext, _q: string, r: SimRequest) {
      if (n++ === 1) ctx.WdfRequestMarkCancelableEx(r, OnCancel);
      held.push(r);
    }
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: MarkSecond, EvtIoStop: ackKeep(stops) }) },
      deviceCallbacks,
    );
    const sent: SimRequest[] = [];
    await simulate(rg.spec, async (io) => {
      sent.push(io.send("Read"), io.send("Read"));
      await io.wait(10);
      await io.powerDown();
      await io.powerUp();
      rg.ctl(io, (ctx) => {
        ctx.WdfRequestUnmarkCancelable(held[1]!);
        completeAll(ctx, held);
      });
      await io.wait(10);
    });
    expect(stops).toEqual([`${sent[0]!.id} ${Suspend}`, `${sent[1]!.id} ${Suspend | Cancelable}`]);
  });

  it("PWR-13 / PWR-03 StopAcknowledge(FALSE) keeps the request: EvtIoResume after D0 entry, in the order of the power sequence", async () => {
    const held: SimRequest[] = [];
    const rg = rig(
      { q: pmQueue("Sequential", { EvtIoRead: hold(held), EvtIoStop: ackKeep(), EvtIoResume: Noop }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      await io.powerDown();
      await io.wait(10);
      await io.powerUp();
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    const order = [
      atIncl(r, ":EvtDeviceSelfManagedIoSuspend "),
      at(r, began(STOP, r1)),
      atIncl(r, D0_EXIT),
      atIncl(r, D0_ENTRY),
      at(r, began(RESUME, r1)),
      atIncl(r, ":EvtDeviceSelfManagedIoRestart "),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(count(r, presented(r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(r.findings).toEqual([]);
  });

  it("PWR-13 StopAcknowledge(TRUE) puts the request back at the head of the queue: re-presented after power-up, before older pending ones, with no EvtIoResume", async () => {
    const held: SimRequest[] = [];
    function AckRequeue(ctx: WdfContext, _q: string, r: SimRequest) {
      held.splice(held.indexOf(r), 1);
      ctx.WdfRequestStopAcknowledge(r, true);
    }
    const rg = rig(
      { q: pmQueue("Sequential", { EvtIoRead: hold(held), EvtIoStop: AckRequeue, EvtIoResume: Noop }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      r2 = io.send("Read"); // pending behind r1 (Sequential)
      await io.wait(10);
      await io.powerDown();
      await io.powerUp();
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    const presentations = labels(r)
      .filter((l) => l.startsWith("present ") && l.includes(` ${Q} `))
      .map((l) => l.split(" ")[1]);
    expect(presentations).toEqual([r1.id, r1.id, r2.id]);
    expect(at(r, presented(r1))).toBeLessThan(atIncl(r, D0_EXIT));
    expect(labels(r).lastIndexOf(`present ${r1.id} ${Q} `)).toBeGreaterThan(atIncl(r, D0_ENTRY));
    expect(count(r, began(RESUME))).toBe(0);
    expect([statusOf(r, r1), statusOf(r, r2)]).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
  });

  it("PWR-13 completing the request inside EvtIoStop lets the power-down finish; no EvtIoResume for it", async () => {
    function StopComplete(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: hold([]), EvtIoStop: StopComplete, EvtIoResume: Noop }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      await io.powerDown();
      await io.powerUp();
    });
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(at(r, completed(r1))).toBeLessThan(atIncl(r, D0_EXIT));
    expect(count(r, began(RESUME))).toBe(0);
    expect(r.outcome.kind).toBe("idle");
    expect(r.findings).toEqual([]);
  });

  it("11.2 / PWR-17 the hold waits until the running EvtIoRead returns: EvtIoStop never overlaps it on a power-managed queue", async () => {
    const held: SimRequest[] = [];
    async function SlowRead(ctx: WdfContext, _q: string, r: SimRequest) {
      await ctx.stall(100);
      held.push(r);
    }
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: SlowRead, EvtIoStop: ackKeep() }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(
      rg.spec,
      async (io) => {
        r1 = io.send("Read");
        await io.wait(10);
        await io.powerDown();
        await io.powerUp();
        rg.ctl(io, (ctx) => completeAll(ctx, held));
        await io.wait(10);
      },
      { cpus: 4 },
    );
    expect(at(r, began(STOP, r1))).toBeGreaterThan(at(r, ended(READ)));
    expect(timeOf(r, began(STOP, r1))).toBeGreaterThanOrEqual(100);
  });
});

describe("11.3 waiting for the driver (PWR-11, PWR-14, PWR-15)", () => {
  it("PWR-11 without EvtIoStop the power-down waits until the driver completes its request", async () => {
    const held: SimRequest[] = [];
    const rg = rig({ q: pmQueue("Parallel", { EvtIoRead: hold(held) }) }, deviceCallbacks);
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      const down = io.powerDown();
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await down;
      await io.powerUp();
    });
    expect(timeOf(r, completed(r1))).toBeGreaterThanOrEqual(100);
    expect(atIncl(r, D0_EXIT)).toBeGreaterThan(at(r, completed(r1)));
    expect(r.outcome.kind).toBe("idle");
    expect(hangReported(r)).toBe(false);
  });

  it("PWR-11 / BUG-24 without EvtIoStop a request that is never completed keeps the device from leaving D0: a hang", async () => {
    const rg = rig({ q: pmQueue("Parallel", { EvtIoRead: hold([]) }) }, deviceCallbacks);
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      await io.powerDown();
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
    expect(atIncl(r, D0_EXIT)).toBe(-1);
  });

  it("PWR-11 no EvtIoStop for a request the framework cancelled (Purge) but the driver has not completed yet; the power-down waits for its completion", async () => {
    const cancelled: SimRequest[] = [];
    const stops: string[] = [];
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, KeepCancelled);
    }
    function KeepCancelled(_ctx: WdfContext, r: SimRequest) {
      cancelled.push(r); // completed later
    }
    function PurgeDone(_ctx: WdfContext, _q: string) {}
    const rg = rig(
      {
        q: pmQueue(
          "Parallel",
          { EvtIoRead: MarkRead, EvtIoStop: ackKeep(stops) },
          { requestCancel: [KeepCancelled], stateCallbacks: { Purge: PurgeDone } },
        ),
      },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, PurgeDone));
      await io.wait(10);
      const down = io.powerDown();
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, cancelled, "STATUS_CANCELLED"));
      await down;
    });
    expect(cancelled).toHaveLength(0);
    expect(stops).toEqual([]);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(atIncl(r, D0_EXIT)).toBeGreaterThan(at(r, completed(r1)));
    expect(timeIncl(r, D0_EXIT)).toBeGreaterThanOrEqual(100);
  });

  it("PWR-15 / BUG-09 StopAcknowledge(TRUE) on a request still marked cancelable is reported and ignored: the hold goes on", async () => {
    const held: SimRequest[] = [];
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelableEx(r, OnCancel);
      held.push(r);
    }
    function AckRequeueCancelable(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestStopAcknowledge(r, true); // must unmark first
    }
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: MarkRead, EvtIoStop: AckRequeueCancelable }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      const down = io.powerDown();
      await io.wait(100);
      rg.ctl(io, (ctx) => {
        if (ctx.WdfRequestUnmarkCancelable(held[0]!) === "STATUS_SUCCESS") completeAll(ctx, held);
      });
      await down;
    });
    expect(specs(r).some((x) => x === "BUG-09" || x === "PWR-15" || x === "BUG-16")).toBe(true);
    expect(count(r, presented(r1))).toBe(1);
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
    expect(atIncl(r, D0_EXIT)).toBeGreaterThan(at(r, completed(r1)));
  });

  it("PWR-14 an acknowledgement made later, outside EvtIoStop, is only noticed at the queue's next dispatcher pass", async () => {
    const held: SimRequest[] = [];
    const stopped: SimRequest[] = [];
    function StopLater(_ctx: WdfContext, _q: string, r: SimRequest) {
      stopped.push(r);
    }
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: hold(held), EvtIoStop: StopLater, EvtIoResume: Noop }) },
      deviceCallbacks,
    );
    let r2!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      const down = io.powerDown();
      await io.wait(20);
      rg.ctl(io, (ctx) => ctx.WdfRequestStopAcknowledge(stopped[0]!, false));
      await io.wait(100);
      r2 = io.send("Read"); // an arrival: a dispatcher pass on q
      await down;
      await io.powerUp();
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(atIncl(r, D0_EXIT)).toBeGreaterThan(at(r, arrived(r2)));
    expect(timeIncl(r, D0_EXIT)).toBeGreaterThanOrEqual(130);
    expect(specs(r)).not.toContain("BUG-16");
    expect(statusOf(r, r2)).toBe("STATUS_SUCCESS");
  });

  it("BUG-16 / PWR-15 StopAcknowledge outside the EvtIoStop window is reported and ignored", async () => {
    const held: SimRequest[] = [];
    function AckEarly(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestStopAcknowledge(r, false); // no power transition yet
      held.push(r);
    }
    function StopNoAck() {}
    const rg = rig(
      { q: pmQueue("Parallel", { EvtIoRead: AckEarly, EvtIoStop: StopNoAck }) },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      const down = io.powerDown();
      await io.wait(100);
      rg.ctl(io, (ctx) => completeAll(ctx, held)); // the only thing that can release the hold
      await down;
    });
    expect(specs(r)).toContain("BUG-16");
    expect(count(r, began(STOP, r1))).toBe(1);
    expect(atIncl(r, D0_EXIT)).toBeGreaterThan(at(r, completed(r1)));
    expect(timeIncl(r, D0_EXIT)).toBeGreaterThanOrEqual(100);
  });
});

describe("11.1 / 11.4 queues while the device is off (PWR-01, PWR-20, PWR-21, DSP-21)", () => {
  it("PWR-01 a non-power-managed queue is not held: no EvtIoStop for its owned request, and it keeps presenting while the device is off", async () => {
    const held: SimRequest[] = [];
    let n = 0;
    function FirstHeld(ctx: WdfContext, _q: string, r: SimRequest) {
      if (n++ === 0) held.push(r);
      else ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const rg = rig(
      {
        q: pmQueue(
          "Parallel",
          { EvtIoWrite: CompleteRead },
          { defaultQueue: false, requestDispatching: ["Write"] },
        ),
        q2: {
          dispatchType: "Parallel",
          powerManaged: "WdfFalse",
          requestDispatching: ["Read"],
          callbacks: { EvtIoRead: FirstHeld, EvtIoStop: ackKeep() },
        },
      },
      deviceCallbacks,
    );
    let first!: SimRequest;
    let read!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      first = io.send("Read"); // owned by the driver across the power-down
      await io.wait(10);
      await io.powerDown();
      read = io.send("Read");
      await io.wait(10);
      await io.powerUp();
      rg.ctl(io, (ctx) => completeAll(ctx, held));
      await io.wait(10);
    });
    expect(count(r, began(`${Q2}:EvtIoStop`))).toBe(0);
    expect(atIncl(r, D0_EXIT)).toBeLessThan(at(r, completed(first)));
    expect(statusOf(r, read)).toBe("STATUS_SUCCESS");
    expect(at(r, completed(read))).toBeLessThan(atIncl(r, D0_ENTRY));
    expect(at(r, completed(read))).toBeGreaterThan(atIncl(r, D0_EXIT));
  });

  it("PWR-20 / OPS-10 a request arriving at a power-managed queue while off is accepted and waits; it is presented after power-up", async () => {
    const rg = rig({ q: pmQueue("Parallel", { EvtIoRead: CompleteRead }) }, deviceCallbacks);
    let r1!: SimRequest;
    let whileOff: string | null = "unset";
    const r = await simulate(rg.spec, async (io) => {
      await io.powerDown();
      r1 = io.send("Read");
      await io.wait(50);
      whileOff = r1.status;
      await io.powerUp();
      await io.wait(10);
    });
    expect(whileOff).toBeNull();
    expect(at(r, presented(r1))).toBeGreaterThan(atIncl(r, D0_ENTRY));
    expect(statusOf(r, r1)).toBe("STATUS_SUCCESS");
  });

  it("7.1 WdfIoQueueGetState reports PnpHeld (0x10) for a power-managed queue while the device is off, never for a non-power-managed one", async () => {
    const seen: string[] = [];
    const snap = (label: string) => (ctx: WdfContext) => {
      seen.push(`${label} ${ctx.WdfIoQueueGetState(Q).pnpHeld} ${ctx.WdfIoQueueGetState(Q2).pnpHeld}`);
    };
    const rg = rig(
      {
        q: pmQueue("Parallel", { EvtIoRead: CompleteRead }),
        q2: { dispatchType: "Parallel", powerManaged: "WdfFalse", callbacks: { EvtIoRead: CompleteRead } },
      },
      deviceCallbacks,
    );
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, snap("on"));
      await io.wait(10);
      await io.powerDown();
      rg.ctl(io, snap("off"));
      await io.wait(10);
      await io.powerUp();
      rg.ctl(io, snap("on again"));
      await io.wait(10);
    });
    expect(seen).toEqual(["on false false", "off true false", "on again false false"]);
  });

  it("PWR-21 / MAN-04 retrieval from a power-managed manual queue while off fails with STATUS_WDF_PAUSED; after power-up it succeeds", async () => {
    const got: string[] = [];
    const retrieve = (ctx: WdfContext) => {
      const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
      got.push(`${x.status} ${x.request?.id ?? "NULL"}`);
      if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
    };
    const rg = rig(
      { q: { dispatchType: "Manual", defaultQueue: true, powerManaged: "WdfTrue" } },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    await simulate(rg.spec, async (io) => {
      r1 = io.send("Read"); // pending requests do not hold the power-down (not driver-owned)
      await io.wait(10);
      await io.powerDown();
      rg.ctl(io, retrieve);
      await io.wait(10);
      await io.powerUp();
      rg.ctl(io, retrieve);
      await io.wait(10);
    });
    expect(got).toEqual(["STATUS_WDF_PAUSED NULL", `STATUS_SUCCESS ${r1.id}`]);
  });

  it("DSP-21 power-up re-arms ReadyNotify for a manual queue that still holds requests", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig(
      { q: { dispatchType: "Manual", defaultQueue: true, powerManaged: "WdfTrue", readyNotify: Ready } },
      deviceCallbacks,
    );
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      io.send("Read");
      await io.wait(10);
      await io.powerDown();
      log.push("down");
      await io.powerUp();
      await io.wait(10);
      log.push("up");
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(log).toEqual(["ready", "down", "ready", "up"]);
  });
});

describe("11.2 / 11.4 more power-transition details", () => {
  it("RDY-01 ReadyNotify is not delivered while the device is off; the arrival is announced after power-up", async () => {
    const log: string[] = [];
    function Ready(_ctx: WdfContext, _q: string) {
      log.push("ready");
    }
    const rg = rig(
      { q: { dispatchType: "Manual", defaultQueue: true, powerManaged: "WdfTrue", readyNotify: Ready } },
      deviceCallbacks,
    );
    await simulate(rg.spec, async (io) => {
      rg.ctl(io, (ctx) => ctx.WdfIoQueueReadyNotify(Q, Ready));
      await io.wait(10);
      await io.powerDown();
      io.send("Read");
      await io.wait(10);
      log.push("up");
      await io.powerUp();
      await io.wait(10);
      rg.ctl(io, (ctx) => {
        const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
        if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_SUCCESS");
      });
      await io.wait(10);
    });
    expect(log).toEqual(["up", "ready"]);
  });

  it("MAN-04 / PWR-21 retrieval is allowed during the power transition (inside EvtIoStop), only 'Off' answers STATUS_WDF_PAUSED", async () => {
    const got: string[] = [];
    const owned: SimRequest[] = [];
    function StopAndPeek(ctx: WdfContext, _q: string, r: SimRequest) {
      const x = ctx.WdfIoQueueRetrieveNextRequest(Q);
      got.push(`${x.status} ${x.request?.id ?? "NULL"}`);
      if (x.request) ctx.WdfRequestComplete(x.request, "STATUS_CANCELLED");
      ctx.WdfRequestStopAcknowledge(r, false);
    }
    const rg = rig(
      {
        q: {
          dispatchType: "Manual",
          defaultQueue: true,
          powerManaged: "WdfTrue",
          callbacks: { EvtIoStop: StopAndPeek },
        },
      },
      deviceCallbacks,
    );
    const sent: SimRequest[] = [];
    await simulate(rg.spec, async (io) => {
      sent.push(io.send("Read"), io.send("Read"));
      await io.wait(10);
      rg.ctl(io, (ctx) => owned.push(ctx.WdfIoQueueRetrieveNextRequest(Q).request!));
      await io.wait(10);
      await io.powerDown();
      await io.powerUp();
      rg.ctl(io, (ctx) => completeAll(ctx, owned));
      await io.wait(10);
    });
    expect(got).toEqual([`STATUS_SUCCESS ${sent[1]!.id}`]);
  });

  it("11.2 EvtIoResume is not called for a kept request the framework cancelled while the device was off", async () => {
    const held: SimRequest[] = [];
    const cancelled: SimRequest[] = [];
    function MarkRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelable(r, KeepCancelled);
      held.push(r);
    }
    function KeepCancelled(_ctx: WdfContext, r: SimRequest) {
      cancelled.push(r);
    }
    function PurgeDone(_ctx: WdfContext, _q: string) {}
    const rg = rig(
      {
        q: pmQueue(
          "Parallel",
          { EvtIoRead: MarkRead, EvtIoStop: ackKeep(), EvtIoResume: Noop },
          { requestCancel: [KeepCancelled], stateCallbacks: { Purge: PurgeDone } },
        ),
      },
      deviceCallbacks,
    );
    let r1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      await io.powerDown();
      rg.ctl(io, (ctx) => ctx.WdfIoQueuePurge(Q, PurgeDone)); // EvtRequestCancel even while off (DSP-06)
      await io.wait(10);
      await io.powerUp();
      await io.wait(10);
      rg.ctl(io, (ctx) => completeAll(ctx, cancelled, "STATUS_CANCELLED"));
      await io.wait(10);
    });
    expect(count(r, began(`${Q}:EvtRequestCancel:KeepCancelled`, r1))).toBe(1);
    expect(atIncl(r, `:EvtRequestCancel:KeepCancelled ${r1.id} `)).toBeLessThan(atIncl(r, D0_ENTRY));
    expect(count(r, began(RESUME))).toBe(0);
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
  });
});

describe("11.1 surprise removal (PWR-02, DEL-01)", () => {
  it("PWR-02 / PWR-16 surprise removal purges every queue: pending requests cancelled, EvtIoStop with Purge (0x2) for owned ones, arrivals rejected afterwards", async () => {
    const stops: string[] = [];
    function StopOnQ(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      stops.push(`q ${r.id} ${flags}`);
      if (flags & Purge) ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
      else ctx.WdfRequestStopAcknowledge(r, false);
    }
    function StopOnQ2(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      stops.push(`q2 ${r.id} ${flags}`);
      ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
    }
    const rg = rig(
      {
        q: pmQueue("Sequential", { EvtIoRead: hold([]), EvtIoStop: StopOnQ }),
        q2: {
          dispatchType: "Sequential",
          powerManaged: "WdfFalse",
          requestDispatching: ["Write"],
          callbacks: { EvtIoWrite: hold([]), EvtIoStop: StopOnQ2 },
        },
      },
      deviceCallbacks,
    );
    const sent: SimRequest[] = [];
    let after!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      sent.push(io.send("Read"), io.send("Read"), io.send("Write"), io.send("Write"));
      await io.wait(10);
      await io.surpriseRemove();
      after = io.send("Read");
      await io.wait(10);
    });
    const [read1, read2, write1, write2] = sent as [SimRequest, SimRequest, SimRequest, SimRequest];
    expect(stops).toEqual([`q ${read1.id} ${Suspend}`, `q ${read1.id} ${Purge}`, `q2 ${write1.id} ${Purge}`]);
    expect(sent.map((x) => statusOf(r, x))).toEqual([
      "STATUS_CANCELLED",
      "STATUS_CANCELLED",
      "STATUS_CANCELLED",
      "STATUS_CANCELLED",
    ]);
    expect(count(r, presented(read2)) + count(r, presented(write2))).toBe(0);
    expect(atIncl(r, ":EvtDeviceSurpriseRemoval ")).toBeLessThan(at(r, completed(read2)));
    expect(statusOf(r, after)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(r.outcome.kind).toBe("idle");
  });

  it("PWR-02 / PWR-17 surprise removal: EvtDeviceReleaseHardware follows the power-down and precedes the purge of the power-managed queues; non-power-managed queues are purged after them", async () => {
    function StopOnQ(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      if (flags & Purge) ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
      else ctx.WdfRequestStopAcknowledge(r, false);
    }
    const rg = rig(
      {
        q: pmQueue("Sequential", { EvtIoRead: hold([]), EvtIoStop: StopOnQ }),
        q2: {
          dispatchType: "Sequential",
          powerManaged: "WdfFalse",
          requestDispatching: ["Write"],
          callbacks: { EvtIoWrite: hold([]), EvtIoStop: StopOnQ },
        },
      },
      deviceCallbacks,
    );
    let read!: SimRequest;
    let write!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      read = io.send("Read");
      write = io.send("Write");
      await io.wait(10);
      await io.surpriseRemove();
    });
    const order = [
      atIncl(r, ":EvtDeviceSurpriseRemoval "),
      atIncl(r, D0_EXIT),
      atIncl(r, ":EvtDeviceReleaseHardware "),
      at(r, completed(read, "STATUS_CANCELLED")), // the power-managed queue's purge
      at(r, completed(write, "STATUS_CANCELLED")), // the non-power-managed queue's purge
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("PWR-02 / PWR-11 the removal purge cancels a cancelable owned request through EvtRequestCancel; EvtIoStop is not called for it", async () => {
    const stops: string[] = [];
    function MarkWrite(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestMarkCancelableEx(r, OnCancel);
    }
    function StopLog(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      stops.push(`${r.id} ${flags}`);
      ctx.WdfRequestStopAcknowledge(r, false);
    }
    const rg = rig(
      {
        q2: {
          dispatchType: "Parallel",
          powerManaged: "WdfFalse",
          defaultQueue: true,
          callbacks: { EvtIoWrite: MarkWrite, EvtIoStop: StopLog },
          requestCancel: [OnCancel],
        },
      },
      deviceCallbacks,
    );
    let w1!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      w1 = io.send("Write");
      await io.wait(10);
      await io.surpriseRemove();
    });
    expect(count(r, began(`${Q2}:EvtRequestCancel:OnCancel`, w1))).toBe(1);
    expect(stops).toEqual([]);
    expect(statusOf(r, w1)).toBe("STATUS_CANCELLED");
    expect(r.outcome.kind).toBe("idle");
  });

  it("OPS-01 after removal WdfIoQueueStart cannot make a queue accept again", async () => {
    function StopOnQ(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      if (flags & Purge) {
        ctx.WdfIoQueueStart(Q); // removal has set `shutdown`
        ctx.WdfRequestComplete(r, "STATUS_CANCELLED");
      } else ctx.WdfRequestStopAcknowledge(r, false);
    }
    const rg = rig(
      { q: pmQueue("Sequential", { EvtIoRead: hold([]), EvtIoStop: StopOnQ }) },
      deviceCallbacks,
    );
    let after!: SimRequest;
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      await io.surpriseRemove();
      after = io.send("Read");
      await io.wait(10);
    });
    expect(statusOf(r, after)).toBe("STATUS_INVALID_DEVICE_STATE");
    expect(count(r, presented(after))).toBe(0);
  });

  it("DEL-01 removal waits until the driver completes a request it still owns", async () => {
    const owned: SimRequest[] = [];
    function StopOnQ(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      if (flags & Purge) {
        owned.push(r);
        ctx.WdfWorkItemEnqueue("device/Later");
      } else ctx.WdfRequestStopAcknowledge(r, false);
    }
    async function Later(ctx: WdfContext) {
      await ctx.stall(200);
      completeAll(ctx, owned, "STATUS_CANCELLED");
    }
    const rg = rig(
      { q: pmQueue("Sequential", { EvtIoRead: hold([]), EvtIoStop: StopOnQ }) },
      { ...deviceCallbacks, workItems: { Later: { automaticSerialization: false, callback: Later } } },
    );
    let r1!: SimRequest;
    let removedAt = -1;
    const r = await simulate(rg.spec, async (io) => {
      r1 = io.send("Read");
      await io.wait(10);
      await io.surpriseRemove();
      removedAt = io.now;
    });
    expect(statusOf(r, r1)).toBe("STATUS_CANCELLED");
    expect(timeOf(r, completed(r1))).toBeGreaterThanOrEqual(200);
    expect(removedAt).toBeGreaterThanOrEqual(timeOf(r, completed(r1)));
    expect(r.outcome.kind).toBe("idle");
  });

  it("DEL-01 / BUG-24 removal with a request the driver never completes hangs", async () => {
    function StopOnQ(ctx: WdfContext, _q: string, r: SimRequest, flags: number) {
      if (!(flags & Purge)) ctx.WdfRequestStopAcknowledge(r, false);
    }
    const rg = rig(
      { q: pmQueue("Sequential", { EvtIoRead: hold([]), EvtIoStop: StopOnQ }) },
      deviceCallbacks,
    );
    const r = await simulate(rg.spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      await io.surpriseRemove();
    });
    expect(hangReported(r)).toBe(true);
    expect(r.outcome.kind).toBe("deadlock");
  });
});
