// Driver-acquired locks (objects spec 4 and 8; queues spec BUG-24/33/34): WDFSPINLOCK, WDFWAITLOCK
// and WdfObjectAcquireLock in the simulator, each verifier check with a driver that trips it and
// one that does not. Expected values come from the spec and the framework source cited in
// src/runtime/api-locks.ts.

import { describe, expect, it } from "vitest";
import { RandomScheduler } from "../../src/explore/strategies/random.js";
import { driverConfigFromPlain } from "../../src/frontends/config/index.js";
import { resolve } from "../../src/model/resolve.js";
import { blockingWait } from "../../src/runtime/blocking.js";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import type { RunResult } from "../../src/runtime/run.js";
import type { ScenarioIo } from "../../src/runtime/scenario.js";
import { type CallbackFn, Simulator } from "../../src/runtime/simulator.js";
import type { TraceEvent } from "../../src/trace/events.js";
import { toChromeTrace } from "../../src/trace/perfetto.js";
import { simulate } from "./harness.js";

type Io = (ctx: WdfContext, q: string, r: SimRequest) => void | Promise<void>;

/** One device with locks L, M (spin) and W (wait), and one default queue `q` (EvtIoRead, …). */
const driver = (io: Io | Record<string, Io>, queue: object = {}, device: object = {}) => ({
  devices: {
    device: {
      spinLocks: { L: {}, M: {} },
      waitLocks: { W: {} },
      queues: {
        q: {
          dispatchType: "Parallel",
          defaultQueue: true,
          callbacks: typeof io === "function" ? { EvtIoRead: io } : io,
          ...queue,
        },
      },
      ...device,
    },
  },
});
const passive = { attributes: { executionLevel: "Passive" } };

const rules = (r: RunResult): string[] => r.findings.map((f) => f.rule);
const finding = (r: RunResult, rule: string) => r.findings.find((f) => f.rule === rule);
const sendReads =
  (n: number, gap = 0) =>
  async (io: ScenarioIo): Promise<void> => {
    for (let i = 0; i < n; i++) {
      io.send("Read");
      if (gap > 0) await io.wait(gap);
    }
    await io.wait(200);
  };
const events = <T extends TraceEvent["type"]>(r: RunResult, type: T) =>
  r.trace.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

/** Read-stall-write on one cell: two of these in progress together race unless a lock covers them. */
const increment = async (ctx: WdfContext): Promise<void> => {
  const c = ctx.cell("count", 0);
  const v = c.get();
  await ctx.stall(5);
  c.set(v + 1);
};

describe("WDFSPINLOCK", () => {
  it("L-1: two async EvtIoRead contending for a spin lock serialize (no DataRace); without it the race is found", async () => {
    const locked = driver(async (ctx, _q, r) => {
      await ctx.WdfSpinLockAcquire("device/L");
      await increment(ctx);
      ctx.WdfSpinLockRelease("device/L");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    });
    const unlocked = driver(async (ctx, _q, r) => {
      await increment(ctx);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    });
    const a = await simulate(locked, sendReads(2));
    expect(rules(a)).toEqual([]);
    // The second holder takes the lock at t=5, when the first releases it (5 µs of stall).
    expect(events(a, "lock-acquire").map((e) => [e.t, e.lock])).toEqual([
      [0, "device/L#lock"],
      [5, "device/L#lock"],
    ]);
    expect(events(a, "lock-release").map((e) => e.t)).toEqual([5, 10]);
    expect(rules(await simulate(unlocked, sendReads(2)))).toContain("DataRace");
  });

  it("L-1 / A-4: a PASSIVE_LEVEL callback runs at DISPATCH_LEVEL while it holds a spin lock, and spins for it at DISPATCH_LEVEL", async () => {
    const r = await simulate(
      driver(async (ctx, _q, req) => {
        await ctx.WdfSpinLockAcquire("device/L");
        await ctx.stall(5);
        ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
      }, passive),
      sendReads(2),
    );
    expect(rules(r)).toEqual([]);
    // Both raise at t=0 (the second before it spins, as KeAcquireSpinLock does); each release
    // restores PASSIVE_LEVEL, the IRQL its acquire saved.
    expect(events(r, "irql").map((e) => [e.t, e.irql])).toEqual([
      [0, "DISPATCH_LEVEL"],
      [0, "DISPATCH_LEVEL"],
      [5, "PASSIVE_LEVEL"],
      [10, "PASSIVE_LEVEL"],
    ]);
  });

  it("L-4 WdfSpinlock: acquiring a WDFSPINLOCK this thread holds is reported and does not hang the run; once is clean", async () => {
    const twice = driver(async (ctx, _q, r) => {
      await ctx.WdfSpinLockAcquire("device/L");
      await ctx.WdfSpinLockAcquire("device/L");
      ctx.WdfSpinLockRelease("device/L");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    });
    const once = driver(async (ctx, _q, r) => {
      await ctx.WdfSpinLockAcquire("device/L");
      ctx.WdfSpinLockRelease("device/L");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    });
    const bad = await simulate(twice, sendReads(1));
    expect(rules(bad)).toEqual(["WdfSpinlock"]);
    expect(bad.outcome.kind).toBe("idle");
    // fxspinlock.cpp has no recursion check: no WDF bugcheck, the processor spins forever.
    expect(finding(bad, "WdfSpinlock")!.bugcheck).toContain("0x1000");
    expect(rules(await simulate(once, sendReads(1)))).toEqual([]);
  });

  it("L-4 WdfSpinlock: WdfSpinLockRelease by a thread that never acquired it is WDF_INVALID_LOCK_OPERATION (lock verification)", async () => {
    const bad = await simulate(
      driver((ctx, _q, r) => {
        ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      }),
      sendReads(1),
    );
    expect(rules(bad)).toEqual(["WdfSpinlock"]);
    expect(bad.findings[0]!.bugcheck).toContain("0xB (WDF_INVALID_LOCK_OPERATION), parameter 3 = 0x1");
  });

  it("BUG-33 InvalidHandle: WdfSpinLockAcquire on a wait lock or an unknown name; the spin lock itself is clean", async () => {
    for (const handle of ["device/W", "device/nope"]) {
      const r = await simulate(
        driver((ctx, _q, req) => {
          void ctx.WdfSpinLockAcquire(handle);
          ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
        }),
        sendReads(1),
      );
      expect(rules(r)).toEqual(["InvalidHandle"]);
      expect(r.findings[0]!.bugcheck).toBe("WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)");
    }
    const ok = driver((ctx, _q, req) => {
      void ctx.WdfSpinLockAcquire("device/L");
      ctx.WdfSpinLockRelease("device/L");
      ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
    });
    expect(rules(await simulate(ok, sendReads(1)))).toEqual([]);
  });

  it("PL-3 WdfSpinlock: a WDFSPINLOCK given to an interrupt cannot be acquired with WdfSpinLockAcquire", async () => {
    const withInterrupt = (lock: string) =>
      driver(
        (ctx, _q, r) => {
          void ctx.WdfSpinLockAcquire("device/M");
          ctx.WdfSpinLockRelease("device/M");
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
        {},
        { interrupts: { i: { lock, callbacks: { EvtInterruptIsr: () => true } } } },
      );
    expect(rules(await simulate(withInterrupt("M"), sendReads(1)))).toEqual(["WdfSpinlock", "WdfSpinlock"]);
    expect(rules(await simulate(withInterrupt("L"), sendReads(1)))).toEqual([]);
  });

  it("L-1: a synchronous callback that would have to spin is an error and does not take the lock; uncontended it is clean", async () => {
    const callbacks = {
      async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
        await ctx.WdfSpinLockAcquire("device/L");
        await ctx.stall(20);
        ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      },
      EvtIoWrite(ctx: WdfContext, _q: string, r: SimRequest) {
        void ctx.WdfSpinLockAcquire("device/L");
        ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      },
    };
    const script = (gap: number) => async (io: ScenarioIo) => {
      io.send("Read");
      await io.wait(gap);
      io.send("Write");
      await io.wait(100);
    };
    const contended = await simulate(driver(callbacks), script(1));
    expect(contended.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("WdfSpinLockAcquire in device/q:EvtIoWrite must wait (device/L#lock held by"),
    ]);
    // Not taken, so its release is one by a thread that does not hold it.
    expect(rules(contended)).toEqual(["WdfSpinlock"]);
    const free = await simulate(driver(callbacks), script(50));
    expect(free.errors).toEqual([]);
    expect(rules(free)).toEqual([]);
  });
});

describe("WDFWAITLOCK", () => {
  /** EvtIoRead holds W for 100 µs; EvtIoWrite, 10 µs later, waits for it up to `timeout`. */
  const contend = (timeout: number | undefined) => {
    const seen: Array<[number, string]> = [];
    const spec = driver(
      {
        async EvtIoRead(ctx, _q, r) {
          await ctx.WdfWaitLockAcquire("device/W");
          await ctx.stall(100);
          ctx.WdfWaitLockRelease("device/W");
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
        async EvtIoWrite(ctx, _q, r) {
          const status = await ctx.WdfWaitLockAcquire("device/W", timeout);
          seen.push([ctx.now, status]);
          if (status === "STATUS_SUCCESS") ctx.WdfWaitLockRelease("device/W");
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
      },
      passive,
    );
    const script = async (io: ScenarioIo) => {
      io.send("Read");
      await io.wait(10);
      io.send("Write");
      await io.wait(300);
    };
    return { spec, script, seen };
  };

  it("L-2: a timed WdfWaitLockAcquire returns STATUS_TIMEOUT when the timeout expires (t = 10 + 30 µs)", async () => {
    const { spec, script, seen } = contend(30);
    const r = await simulate(spec, script);
    expect(rules(r)).toEqual([]);
    expect(seen).toEqual([[40, "STATUS_TIMEOUT"]]);
  });

  it("L-2: a timed WdfWaitLockAcquire gets the lock when it is released in time; no timeout waits as long as it takes", async () => {
    const timed = contend(500);
    expect(rules(await simulate(timed.spec, timed.script))).toEqual([]);
    expect(timed.seen).toEqual([[100, "STATUS_SUCCESS"]]);
    const forever = contend(undefined);
    await simulate(forever.spec, forever.script);
    expect(forever.seen).toEqual([[100, "STATUS_SUCCESS"]]);
  });

  it("L-2: timeout 0 tries once: STATUS_TIMEOUT at once while held, even from a synchronous callback", async () => {
    const seen: string[] = [];
    const spec = driver(
      {
        async EvtIoRead(ctx, _q, r) {
          await ctx.WdfWaitLockAcquire("device/W");
          await ctx.stall(100);
          ctx.WdfWaitLockRelease("device/W");
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
        EvtIoWrite(ctx, _q, r) {
          void ctx.WdfWaitLockAcquire("device/W", 0).then((s) => seen.push(s));
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
      },
      passive,
    );
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(10);
      io.send("Write");
      await io.wait(300);
    });
    expect(r.errors).toEqual([]);
    expect(rules(r)).toEqual([]);
    expect(seen).toEqual(["STATUS_TIMEOUT"]);
  });

  it("L-2 KmdfIrql: WdfWaitLockAcquire with a non-zero timeout at DISPATCH_LEVEL fails with STATUS_INVALID_DEVICE_REQUEST; timeout 0 is allowed", async () => {
    const statuses: string[] = [];
    const at = (timeout: number | undefined) =>
      driver(async (ctx, _q, r) => {
        const status = await ctx.WdfWaitLockAcquire("device/W", timeout);
        statuses.push(status);
        if (status === "STATUS_SUCCESS") ctx.WdfWaitLockRelease("device/W");
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      }); // a Dispatch-level queue: EvtIoRead runs at DISPATCH_LEVEL (IRQ-2)
    const bad = await simulate(at(10), sendReads(1));
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(rules(await simulate(at(undefined), sendReads(1)))).toEqual(["KmdfIrql"]);
    expect(rules(await simulate(at(0), sendReads(1)))).toEqual([]);
    expect(statuses).toEqual([
      "STATUS_INVALID_DEVICE_REQUEST",
      "STATUS_INVALID_DEVICE_REQUEST",
      "STATUS_SUCCESS",
    ]);
  });

  it("L-4 WdfWaitlock: re-acquiring a held wait lock with a timeout waits for itself until STATUS_TIMEOUT; release by a non-owner is reported", async () => {
    const seen: Array<[number, string]> = [];
    const recursive = driver(async (ctx, _q, r) => {
      await ctx.WdfWaitLockAcquire("device/W");
      const status = await ctx.WdfWaitLockAcquire("device/W", 25);
      seen.push([ctx.now, status]);
      ctx.WdfWaitLockRelease("device/W");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }, passive);
    const r = await simulate(recursive, sendReads(1));
    expect(rules(r)).toEqual(["WdfWaitlock"]);
    expect(seen).toEqual([[25, "STATUS_TIMEOUT"]]);
    const stray = driver((ctx, _q, req) => {
      ctx.WdfWaitLockRelease("device/W");
      ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
    }, passive);
    expect(rules(await simulate(stray, sendReads(1)))).toEqual(["WdfWaitlock"]);
  });
});

describe("WdfObjectAcquireLock", () => {
  /**
   * Queue q with scope Queue (its EvtIoRead runs under device/q#lock); the first EvtIoRead queues
   * work item w, which takes q's presentation lock itself for 50 µs.
   */
  const presentation = (level: "Passive" | "Dispatch", w: (ctx: WdfContext) => Promise<void>) => {
    let reads = 0;
    return {
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              attributes: { executionLevel: level, synchronizationScope: "Queue" },
              callbacks: {
                EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
                  if (reads++ === 0) ctx.WdfWorkItemEnqueue("device/q/w");
                  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
                },
              },
              workItems: { w: { automaticSerialization: false, callback: w } },
            },
          },
        },
      },
    };
  };
  const holdFor50 = async (ctx: WdfContext): Promise<void> => {
    await ctx.WdfObjectAcquireLock("device/q");
    await ctx.stall(50);
    ctx.WdfObjectReleaseLock("device/q");
  };
  const twoReads = async (io: ScenarioIo): Promise<void> => {
    io.send("Read");
    await io.wait(10);
    io.send("Read"); // arrives while the work item holds device/q#lock
    await io.wait(200);
  };
  const readBegins = (r: RunResult): number[] =>
    events(r, "callback-begin")
      .filter((e) => e.callback === "device/q:EvtIoRead")
      .map((e) => e.t);

  it("A-1 / A-3: while the driver holds a spin-class presentation lock the queue's locked callback waits, and the holder runs at DISPATCH_LEVEL", async () => {
    const r = await simulate(presentation("Dispatch", holdFor50), twoReads);
    expect(rules(r)).toEqual([]);
    expect(readBegins(r)).toEqual([0, 50]);
    // The passive work item is raised while it holds the lock; release restores its IRQL.
    expect(events(r, "irql").map((e) => [e.t, e.irql])).toEqual([
      [0, "DISPATCH_LEVEL"],
      [50, "PASSIVE_LEVEL"],
    ]);
  });

  it("A-3: a mutex-class presentation lock (Passive queue) keeps the IRQL and still excludes the locked callback", async () => {
    const r = await simulate(presentation("Passive", holdFor50), twoReads);
    expect(rules(r)).toEqual([]);
    expect(readBegins(r)).toEqual([0, 50]);
    expect(events(r, "irql")).toEqual([]);
  });

  it("A-3 KmdfIrql: WdfObjectAcquireLock on a mutex-class lock at DISPATCH_LEVEL; at PASSIVE_LEVEL it is clean", async () => {
    const fromSpin = async (ctx: WdfContext): Promise<void> => {
      await ctx.WdfSpinLockAcquire("device/L");
      await ctx.WdfObjectAcquireLock("device/q");
      ctx.WdfObjectReleaseLock("device/q");
      ctx.WdfSpinLockRelease("device/L");
    };
    const spec = presentation("Passive", fromSpin) as { devices: { device: Record<string, unknown> } };
    spec.devices.device.spinLocks = { L: {} };
    const bad = await simulate(spec, twoReads);
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(bad.findings[0]!.spec).toBe("A-3");
    expect(rules(await simulate(presentation("Passive", holdFor50), twoReads))).toEqual([]);
  });

  it("A-2: WdfObjectAcquireLock on the driver or a work item is WDF_INVALID_LOCK_OPERATION; on the device it is clean", async () => {
    for (const handle of ["driver", "device/q/w"]) {
      const r = await simulate(
        presentation("Dispatch", async (ctx) => {
          await ctx.WdfObjectAcquireLock(handle);
        }),
        twoReads,
      );
      expect(rules(r)).toEqual(["WdfObjectAcquireLock"]);
      expect(r.findings[0]!.bugcheck).toBe(
        "WDF_VIOLATION 0x10D, parameter 1 = 0xB (WDF_INVALID_LOCK_OPERATION)",
      );
    }
    const device = presentation("Dispatch", async (ctx) => {
      await ctx.WdfObjectAcquireLock("device");
      ctx.WdfObjectReleaseLock("device");
    });
    expect(rules(await simulate(device, twoReads))).toEqual([]);
  });

  it("L-4 WdfSpinlock: WdfObjectReleaseLock without WdfObjectAcquireLock, or of the callback lock the framework holds", async () => {
    const stray = await simulate(
      presentation("Dispatch", async (ctx) => ctx.WdfObjectReleaseLock("device/q")),
      twoReads,
    );
    expect(rules(stray)).toEqual(["WdfSpinlock"]);
    const own = driver(
      (ctx, q, r) => {
        ctx.WdfObjectReleaseLock(q); // EvtIoRead already runs under device/q#lock (scope Queue)
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      },
      { attributes: { synchronizationScope: "Queue" } },
    );
    const released = await simulate(own, sendReads(1));
    expect(rules(released)).toEqual(["WdfSpinlock"]);
    expect(released.findings[0]!.message).toContain("the callback lock the framework holds");
  });
});

describe("BUG-34: a callback returns still holding a lock it took", () => {
  /** Passive EvtIoRead takes a lock with `take`, releases it only when `release`; two reads. */
  const keep = (
    take: (ctx: WdfContext) => Promise<unknown>,
    release: (ctx: WdfContext) => void,
    releases: boolean,
  ) =>
    driver(async (ctx, _q, r) => {
      await take(ctx);
      if (releases) release(ctx);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }, passive);
  const cases = [
    {
      rule: "WdfSpinlockRelease",
      lock: "device/L#lock",
      take: (ctx: WdfContext) => ctx.WdfSpinLockAcquire("device/L"),
      release: (ctx: WdfContext) => ctx.WdfSpinLockRelease("device/L"),
      // Still at DISPATCH_LEVEL on return: the enhanced verifier's VerifyIrqlExit.
      also: ["IrqlMismatch"],
      bugcheck: null,
    },
    {
      rule: "WdfWaitlockRelease",
      lock: "device/W#lock",
      take: (ctx: WdfContext) => ctx.WdfWaitLockAcquire("device/W"),
      release: (ctx: WdfContext) => ctx.WdfWaitLockRelease("device/W"),
      also: [],
      // FxWaitLock entered a critical region that only release leaves: VerifyCriticalRegionExit.
      bugcheck:
        "WDF_VIOLATION 0x10D, parameter 1 = 0xF (WDF_VERIFIER_CRITICAL_REGION_MISMATCH), with the enhanced verifier",
    },
    {
      rule: "WdfObjectLockRelease",
      lock: "device#lock",
      take: (ctx: WdfContext) => ctx.WdfObjectAcquireLock("device"),
      release: (ctx: WdfContext) => ctx.WdfObjectReleaseLock("device"),
      also: ["IrqlMismatch"], // the default device lock is spin-class (Dispatch level)
      bugcheck: null,
    },
  ];

  for (const c of cases) {
    it(`BUG-34 ${c.rule}: the lock stays held, so the next request's EvtIoRead waits forever (deadlock); released it is clean`, async () => {
      const leaked = await simulate(keep(c.take, c.release, false), sendReads(2, 10));
      // The second request's EvtIoRead never completes it: still owned when the scenario ends.
      expect(rules(leaked)).toEqual([c.rule, ...c.also, "RequestLeak", "Deadlock"]);
      const leak = finding(leaked, c.rule)!;
      expect(leak.spec).toBe("BUG-34");
      expect(leak.callback).toBe("device/q:EvtIoRead");
      expect(leak.bugcheck).toBe(c.bugcheck);
      expect(leaked.outcome.kind).toBe("deadlock");
      // The trace keeps the lock slice open: acquired once, never released.
      expect(events(leaked, "lock-acquire").filter((e) => e.lock === c.lock)).toHaveLength(1);
      expect(events(leaked, "lock-release").filter((e) => e.lock === c.lock)).toHaveLength(0);
      expect(rules(await simulate(keep(c.take, c.release, true), sendReads(2, 10)))).toEqual([]);
    });
  }

  it("BUG-34 IrqlMismatch: a passive queue callback returning at DISPATCH_LEVEL is WDF_VERIFIER_IRQL_MISMATCH; one called at DISPATCH_LEVEL leaks the lock but not the IRQL", async () => {
    const leaked = await simulate(keep(cases[0]!.take, cases[0]!.release, false), sendReads(1));
    expect(finding(leaked, "IrqlMismatch")!.bugcheck).toBe(
      "WDF_VIOLATION 0x10D, parameter 1 = 0xE (WDF_VERIFIER_IRQL_MISMATCH), with the enhanced verifier",
    );
    // A Dispatch-level queue's callback is called at DISPATCH_LEVEL: keeping a spin lock leaks it,
    // but the IRQL is what it was.
    const atDispatch = driver(async (ctx, _q, r) => {
      await ctx.WdfSpinLockAcquire("device/L");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    });
    expect(rules(await simulate(atDispatch, sendReads(1)))).toEqual(["WdfSpinlockRelease"]);
  });
});

describe("BUG-24 Deadlock", () => {
  /** EvtIoRead takes A then B; EvtIoWrite takes `order` — with a stall between, so they overlap. */
  const twoLocks = (order: readonly [string, string]) =>
    driver(
      {
        async EvtIoRead(ctx, _q, r) {
          await ctx.WdfSpinLockAcquire("device/A");
          await ctx.stall(5);
          await ctx.WdfSpinLockAcquire("device/B");
          ctx.WdfSpinLockRelease("device/B");
          ctx.WdfSpinLockRelease("device/A");
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
        async EvtIoWrite(ctx, _q, r) {
          await ctx.WdfSpinLockAcquire(order[0]);
          await ctx.stall(5);
          await ctx.WdfSpinLockAcquire(order[1]);
          ctx.WdfSpinLockRelease(order[1]);
          ctx.WdfSpinLockRelease(order[0]);
          ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
        },
      },
      {},
      { spinLocks: { A: {}, B: {} } },
    );
  const readAndWrite = async (io: ScenarioIo): Promise<void> => {
    io.send("Read");
    io.send("Write");
    await io.wait(100);
  };

  it("BUG-24: two locks taken in opposite order deadlock, with the wait labels; the same order is clean", async () => {
    const r = await simulate(twoLocks(["device/B", "device/A"]), readAndWrite);
    expect(r.outcome.kind).toBe("deadlock");
    if (r.outcome.kind !== "deadlock") return;
    expect(r.outcome.waits.map((w) => w.waitingFor).sort()).toEqual([
      // EvtIoWrite (holding B) waits for A; EvtIoRead (holding A) waits for B.
      expect.stringMatching(/^WdfSpinLockAcquire: device\/A#lock held by device\/q:EvtIoRead#\d+$/),
      expect.stringMatching(/^WdfSpinLockAcquire: device\/B#lock held by device\/q:EvtIoWrite#\d+$/),
    ]);
    expect(rules(r)).toContain("Deadlock");
    const clean = await simulate(twoLocks(["device/A", "device/B"]), readAndWrite);
    expect(clean.outcome.kind).toBe("idle");
    expect(rules(clean)).toEqual([]);
  });

  it("BUG-24 determinism: same seed, same trace and findings for the deadlocking driver (20 seeds)", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = await simulate(twoLocks(["device/B", "device/A"]), readAndWrite, { seed, cpus: 3 });
      const b = await simulate(twoLocks(["device/B", "device/A"]), readAndWrite, { seed, cpus: 3 });
      expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
      expect(b.findings).toEqual(a.findings);
    }
  });
});

describe("blocking.ts", () => {
  /** A simulator with one thread that sleeps in a framework wait at `irql` until another sets a flag. */
  const sleepAt = async (irql: "PASSIVE_LEVEL" | "DISPATCH_LEVEL") => {
    const { config, functions } = driverConfigFromPlain(
      driver(() => {}),
      { file: "t.ts", allowFunctions: true },
    );
    const sim = new Simulator(resolve(config), functions as unknown as ReadonlyMap<string, CallbackFn>, {
      cpus: 2,
      scheduler: new RandomScheduler(1),
    });
    let flag = false;
    sim.spawnThread("waiter", async () => {
      const task = sim.engine.running!;
      task.irql = irql;
      await blockingWait(sim, task, "WdfTestWait", "the flag", () => flag, false);
    });
    sim.spawnThread("setter", async () => {
      await sim.engine.sleepUntil(20);
      flag = true;
    });
    const outcome = await sim.run();
    return { outcome, findings: sim.log.findings };
  };

  it("L-2 KmdfIrql: a sleeping wait at DISPATCH_LEVEL is a blocking call at DISPATCH_LEVEL; at PASSIVE_LEVEL it is clean", async () => {
    const bad = await sleepAt("DISPATCH_LEVEL");
    expect(bad.findings.map((f) => [f.rule, f.spec])).toEqual([["KmdfIrql", "L-2"]]);
    expect(bad.findings[0]!.message).toContain("blocking call at DISPATCH_LEVEL");
    expect(bad.findings[0]!.bugcheck).toContain("IRQL_NOT_LESS_OR_EQUAL");
    const ok = await sleepAt("PASSIVE_LEVEL");
    expect(ok.outcome.kind).toBe("idle");
    expect(ok.findings).toEqual([]);
  });
});

describe("UMDF", () => {
  it("L-3: a UMDF spin lock is a critical section: no IRQL change, and contention still serializes", async () => {
    const spec = {
      framework: "umdf2",
      ...driver(async (ctx, _q, r) => {
        await ctx.WdfSpinLockAcquire("device/L");
        await increment(ctx);
        ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      }),
    };
    const r = await simulate(spec, sendReads(2));
    expect(rules(r)).toEqual([]);
    expect(events(r, "irql")).toEqual([]);
    expect(events(r, "lock-acquire").map((e) => e.t)).toEqual([0, 5]);
  });
});

describe("trace", () => {
  it("L-1: driver lock holds are lock slices on the processor's locks lane in Perfetto; a leaked one stays open", async () => {
    const r = await simulate(
      driver(async (ctx, _q, req) => {
        await ctx.WdfSpinLockAcquire("device/L");
        await ctx.stall(5);
        if (req.id === "req1") ctx.WdfSpinLockRelease("device/L");
        ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
      }, passive),
      sendReads(2),
    );
    const slices = toChromeTrace(r.trace).traceEvents.filter((e) => e.cat === "lock" && e.ph === "B");
    expect(slices.map((e) => [e.name, e.ts, e.args?.unfinished ?? false])).toEqual([
      ["device/L#lock", 0, false],
      ["device/L#lock", 5, true],
    ]);
  });
});
