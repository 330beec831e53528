// Work items, timers, DPCs and interrupts at run time (objects spec 6.2-6.5, CB-12..CB-18, S-5,
// PL-3): each verifier check with a driver that trips it and one that does not.

import { describe, expect, it } from "vitest";
import { RandomScheduler } from "../../src/explore/strategies/random.js";
import { driverConfigFromPlain } from "../../src/frontends/config/index.js";
import { resolve } from "../../src/model/resolve.js";
import { raiseInterrupt } from "../../src/runtime/api-deferred.js";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { type ScenarioIo, scenarioIo } from "../../src/runtime/scenario.js";
import { RecordingScheduler } from "../../src/runtime/scheduler.js";
import { type CallbackFn, Simulator } from "../../src/runtime/simulator.js";
import type { TraceEvent } from "../../src/trace/events.js";
import { simulate } from "./harness.js";

type Io = Pick<ScenarioIo, "send" | "wait">;
const rules = (r: { findings: readonly { rule: string }[] }) => r.findings.map((f) => f.rule);
const begins = (events: readonly TraceEvent[], callback: string): number[] =>
  events.flatMap((e) => (e.type === "callback-begin" && e.callback === callback ? [e.t] : []));

/** A device with a default queue (`level` Passive unless told) and the deferred objects in `extra`. */
const device = (callbacks: object, extra: object = {}, queue: object = {}) => ({
  devices: {
    device: {
      ...extra,
      queues: {
        q: {
          dispatchType: "Parallel",
          defaultQueue: true,
          attributes: { executionLevel: "Passive" },
          callbacks,
          ...queue,
        },
      },
    },
  },
});

const complete = (ctx: WdfContext, r: SimRequest) => ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
/** A synchronous EvtIoRead that does `first`, then completes the request. */
const thenComplete =
  (first: (ctx: WdfContext) => unknown) => (ctx: WdfContext, _q: string, r: SimRequest) => {
    first(ctx);
    complete(ctx, r);
  };

/** Like harness.simulate, with a way to raise interrupts (the I/O sender's job in a scenario). */
const simulateIrq = async (
  spec: unknown,
  script: (io: Io, raise: (id: string, cpu?: number) => void) => Promise<void>,
  opts: { cpus?: number; seed?: number } = {},
) => {
  const { config, functions } = driverConfigFromPlain(spec, { file: "test.ts", allowFunctions: true });
  const scheduler = new RecordingScheduler(new RandomScheduler(opts.seed ?? 1));
  scheduler.newExecution();
  const fns = functions as unknown as ReadonlyMap<string, CallbackFn>;
  const sim = new Simulator(resolve(config), fns, { cpus: opts.cpus ?? 2, scheduler });
  sim.spawnThread("application", async () =>
    script(scenarioIo(sim), (id, cpu) => raiseInterrupt(sim, id, cpu)),
  );
  const outcome = await sim.run();
  return {
    outcome,
    findings: sim.log.findings,
    events: sim.engine.events,
    requests: sim.requests.map((r) => r.status),
    errors: sim.engine.asyncErrors,
  };
};

describe("timers (6.3)", () => {
  const T = "device/T:EvtTimerFunc";

  it("CB-13 T-1: a periodic timer fires every period while started, and no more after WdfTimerStop", async () => {
    let stopped: boolean | null = null;
    const driver = device(
      {
        EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfTimerStart("device/T", 1000);
          complete(ctx, r);
        },
        async EvtIoDeviceControl(ctx: WdfContext, _q: string, r: SimRequest) {
          stopped = await ctx.WdfTimerStop("device/T", true);
          complete(ctx, r);
        },
      },
      { timers: { T: { callback: () => {}, period: 1 } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(5500);
      io.send("DeviceControl");
      await io.wait(5000);
    });
    expect(begins(r.trace.events, T)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(stopped).toBe(true); // a periodic timer is back in the timer queue after each expiry
    expect(r.outcome.kind).toBe("idle");
    expect(rules(r)).toEqual([]);
  });

  it("T-1: a periodic timer nobody stops does not keep the run alive once the scenario is over", async () => {
    const driver = device(
      {
        EvtIoRead: thenComplete((ctx) => ctx.WdfTimerStart("device/T", 0)),
      },
      { timers: { T: { callback: () => {}, period: 1 } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(3500);
    });
    expect(begins(r.trace.events, T)).toEqual([0, 1000, 2000, 3000]);
    expect(r.outcome.kind).toBe("idle");
  });

  it("6.3: WdfTimerStart on a pending timer returns TRUE and re-arms it (one expiry, at the new due time)", async () => {
    const results: boolean[] = [];
    const driver = device(
      {
        EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          results.push(ctx.WdfTimerStart("device/T", 1000));
          complete(ctx, r);
        },
      },
      { timers: { T: { callback: () => {} } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(500);
      io.send("Read");
      await io.wait(3000);
    });
    expect(results).toEqual([false, true]);
    expect(begins(r.trace.events, T)).toEqual([1500]);
  });

  it("6.3: WdfTimerStop(Wait = FALSE) on a pending one-shot timer returns TRUE and it never fires; on an idle timer FALSE", async () => {
    const results: boolean[] = [];
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfTimerStart("device/T", 1000);
          results.push(await ctx.WdfTimerStop("device/T", false));
          results.push(await ctx.WdfTimerStop("device/T", false));
          complete(ctx, r);
        },
      },
      { timers: { T: { callback: () => {} } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(3000);
    });
    expect(results).toEqual([true, false]);
    expect(begins(r.trace.events, T)).toEqual([]);
  });

  it("6.3 Deadlock: WdfTimerStop(Wait = TRUE) from the passive timer's own callback is refused (FALSE); from another thread it waits", async () => {
    const seen: Array<[boolean, number]> = [];
    const build = (fromOwnCallback: boolean) =>
      device(
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            ctx.WdfTimerStart("device/T", 0);
            await ctx.stall(10);
            if (!fromOwnCallback) seen.push([await ctx.WdfTimerStop("device/T", true), ctx.now]);
            complete(ctx, r);
          },
        },
        {
          timers: {
            T: {
              attributes: { executionLevel: "Passive" },
              async callback(ctx: WdfContext) {
                if (fromOwnCallback) seen.push([await ctx.WdfTimerStop("device/T", true), ctx.now]);
                await ctx.stall(50);
              },
            },
          },
        },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(1000);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["Deadlock"]);
    expect(bad.findings[0]!.spec).toBe("6.3");
    expect(seen).toEqual([[false, 0]]);
    seen.length = 0;
    const good = await simulate(build(false), send);
    expect(rules(good)).toEqual([]);
    expect(seen).toEqual([[false, 50]]); // the expiry had passed (FALSE); it waited for the running callback
  });

  it("6.3 KmdfIrql: WdfTimerStop(Wait = TRUE) from a DISPATCH_LEVEL timer callback; Wait = FALSE there is fine", async () => {
    const build = (wait: boolean) =>
      device(
        {
          EvtIoRead: thenComplete((ctx) => ctx.WdfTimerStart("device/T", 0)),
        },
        { timers: { T: { callback: (ctx: WdfContext) => void ctx.WdfTimerStop("device/T", wait) } } },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(bad.findings[0]!.message).toContain("own callback");
    expect(rules(await simulate(build(false), send))).toEqual([]);
  });
});

describe("DPCs (6.4)", () => {
  const D = "device/D:EvtDpcFunc";

  it("CB-15: a DPC enqueued from a stalled passive callback runs on the same processor before that callback resumes", async () => {
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfDpcEnqueue("device/D");
          await ctx.stall(100);
          complete(ctx, r);
        },
      },
      { dpcs: { D: { callback: () => {} } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(500);
    });
    const slices = r.trace.events.filter(
      (e) =>
        (e.type === "callback-begin" || e.type === "callback-end") &&
        (e.callback === D || e.callback === "device/q:EvtIoRead"),
    );
    expect(
      slices.map((e) => [
        e.type,
        e.type === "callback-begin" || e.type === "callback-end" ? e.callback : "",
        e.t,
      ]),
    ).toEqual([
      ["callback-begin", "device/q:EvtIoRead", 0],
      ["callback-begin", D, 0],
      ["callback-end", D, 0],
      ["callback-end", "device/q:EvtIoRead", 100],
    ]);
    expect(new Set(slices.map((e) => ("track" in e ? e.track : null))).size).toBe(1);
    expect(rules(r)).toEqual([]);
  });

  it("6.4: WdfDpcEnqueue of a DPC still queued returns FALSE", async () => {
    const results: boolean[] = [];
    const driver = device(
      {
        EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          results.push(ctx.WdfDpcEnqueue("device/D"), ctx.WdfDpcEnqueue("device/D"));
          complete(ctx, r);
        },
      },
      { dpcs: { D: { callback: () => {} } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(results).toEqual([true, false]);
    expect(begins(r.trace.events, D)).toEqual([0]);
  });

  it("6.4: WdfDpcCancel of a queued DPC returns TRUE and the DPC never runs", async () => {
    let removed: boolean | null = null;
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfDpcEnqueue("device/D");
          removed = await ctx.WdfDpcCancel("device/D", true);
          complete(ctx, r);
        },
      },
      { dpcs: { D: { callback: () => {} } } },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(removed).toBe(true);
    expect(begins(r.trace.events, D)).toEqual([]);
  });

  it("6.4: WdfDpcCancel(Wait = TRUE) of a running DPC returns FALSE once it has returned (KeFlushQueuedDpcs)", async () => {
    const seen: Array<[boolean, number]> = [];
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          if (ctx.now === 0) ctx.WdfDpcEnqueue("device/D");
          else seen.push([await ctx.WdfDpcCancel("device/D", true), ctx.now]);
          complete(ctx, r);
        },
      },
      { dpcs: { D: { callback: async (ctx: WdfContext) => ctx.stall(50) } } },
    );
    await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(10);
      io.send("Read");
      await io.wait(200);
    });
    expect(seen).toEqual([[false, 50]]);
  });

  it("6.4 KmdfIrql: WdfDpcCancel(Wait = TRUE) from the DPC's own callback; Wait = FALSE there is fine", async () => {
    const build = (wait: boolean) =>
      device(
        {
          EvtIoRead: thenComplete((ctx) => ctx.WdfDpcEnqueue("device/D")),
        },
        { dpcs: { D: { callback: (ctx: WdfContext) => void ctx.WdfDpcCancel("device/D", wait) } } },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(bad.findings[0]!.spec).toBe("6.4");
    expect(rules(await simulate(build(false), send))).toEqual([]);
  });
});

describe("work items (6.2)", () => {
  it("CB-12: WdfWorkItemFlush waits until the work item has run; its effect is visible after the await", async () => {
    const seen: Array<[boolean, number]> = [];
    let done = false; // a plain variable: the race detector does not know that the flush orders the two
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfWorkItemEnqueue("device/W");
          await ctx.WdfWorkItemFlush("device/W");
          seen.push([done, ctx.now]);
          complete(ctx, r);
        },
      },
      {
        workItems: {
          W: {
            async callback(ctx: WdfContext) {
              await ctx.stall(30);
              done = true;
            },
          },
        },
      },
    );
    const r = await simulate(driver, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(seen).toEqual([[true, 30]]);
    expect(rules(r)).toEqual([]);
  });

  it("6.2 Deadlock: WdfWorkItemFlush from the work item's own callback is refused; from another thread it is clean", async () => {
    const build = (self: boolean) =>
      device(
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            ctx.WdfWorkItemEnqueue("device/W");
            if (!self) await ctx.WdfWorkItemFlush("device/W");
            complete(ctx, r);
          },
        },
        {
          workItems: { W: { callback: async (ctx: WdfContext) => self && ctx.WdfWorkItemFlush("device/W") } },
        },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["Deadlock"]);
    expect(bad.findings[0]!.message).toContain("FxWorkItem::FlushAndWait");
    expect(bad.outcome.kind).toBe("idle"); // reported, not hung
    expect(rules(await simulate(build(false), send))).toEqual([]);
  });

  it("S-5 Deadlock: flushing a queued work item while holding the queue lock its callback runs under; without AutomaticSerialization it is clean", async () => {
    const build = (automaticSerialization: boolean) =>
      device(
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            ctx.WdfWorkItemEnqueue("device/q/W");
            await ctx.WdfWorkItemFlush("device/q/W");
            complete(ctx, r);
          },
        },
        {},
        {
          attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
          workItems: { W: { automaticSerialization, callback: () => {} } },
        },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["Deadlock"]);
    expect(bad.findings[0]!.spec).toBe("S-5");
    expect(bad.findings[0]!.message).toContain("device/q#lock");
    expect(rules(await simulate(build(false), send))).toEqual([]);
  });

  it("6.2 KmdfIrql: WdfWorkItemFlush from a DPC (DISPATCH_LEVEL); from a passive callback it is clean", async () => {
    const driver = (fromDpc: boolean) =>
      device(
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            ctx.WdfWorkItemEnqueue("device/W");
            if (fromDpc) ctx.WdfDpcEnqueue("device/D");
            else await ctx.WdfWorkItemFlush("device/W");
            complete(ctx, r);
          },
        },
        {
          workItems: { W: { callback: () => {} } },
          dpcs: { D: { callback: (ctx: WdfContext) => void ctx.WdfWorkItemFlush("device/W") } },
        },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(driver(true), send);
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(bad.findings[0]!.spec).toBe("6.2");
    expect(rules(await simulate(driver(false), send))).toEqual([]);
  });

  it("BUG-33 InvalidHandle: enqueueing a work item whose creation failed", async () => {
    const driver = device(
      {
        EvtIoRead: thenComplete((ctx) => ctx.WdfWorkItemEnqueue("device/W")),
      },
      { attributes: { synchronizationScope: "Device" }, workItems: { W: { callback: () => {} } } },
      { attributes: {} }, // S-4: the device lacks the passive flag, so W fails (INCOMPATIBLE_EXECUTION_LEVEL)
    );
    const r = await simulate(driver, (io) => void io.send("Read"));
    expect(rules(r)).toEqual(["InvalidHandle"]);
  });
});

describe("interrupts (6.5, PL-3)", () => {
  const ISR = "device/I:EvtInterruptIsr";
  const irqDriver = (interrupt: object, callbacks: object = {}, queue: object = {}) =>
    device(
      { EvtIoRead: (ctx: WdfContext, _q: string, r: SimRequest) => complete(ctx, r), ...callbacks },
      { interrupts: { I: interrupt } },
      queue,
    );

  it("CB-16 CB-17: ISR at DIRQL → EvtInterruptDpc on the ISR's processor → completes the request the driver stored", async () => {
    const args: unknown[] = [];
    const driver = irqDriver(
      {
        callbacks: {
          EvtInterruptIsr(ctx: WdfContext, interrupt: string, messageId: number) {
            args.push(interrupt, messageId);
            ctx.WdfInterruptQueueDpcForIsr(interrupt);
            return true;
          },
          EvtInterruptDpc(ctx: WdfContext, interrupt: string, associated: string) {
            args.push(interrupt, associated);
            complete(ctx, ctx.cell<SimRequest | null>("pending", null).get()!);
          },
        },
      },
      {
        EvtIoRead: (ctx: WdfContext, _q: string, r: SimRequest) =>
          ctx.cell("pending", null as SimRequest | null).set(r),
      },
      { attributes: {} },
    );
    const r = await simulateIrq(driver, async (io, raise) => {
      io.send("Read");
      await io.wait(10);
      raise("device/I");
      await io.wait(100);
    });
    expect(r.requests).toEqual(["STATUS_SUCCESS"]);
    expect(args).toEqual(["device/I", 0, "device/I", "device"]);
    const begin = (cb: string) => r.events.find((e) => e.type === "callback-begin" && e.callback === cb);
    const isr = begin(ISR);
    const dpc = begin("device/I:EvtInterruptDpc");
    expect(isr && "irql" in isr && isr.irql).toBe("DIRQL");
    expect(dpc && "irql" in dpc && dpc.irql).toBe("DISPATCH_LEVEL");
    expect(dpc && "track" in dpc && dpc.track).toBe(isr && "track" in isr && isr.track);
    expect(rules(r)).toEqual([]);
  });

  it("6.5: WdfInterruptQueueDpcForIsr while the interrupt's DPC is still queued returns FALSE", async () => {
    const results: boolean[] = [];
    const driver = irqDriver({
      callbacks: {
        EvtInterruptIsr(ctx: WdfContext, i: string) {
          results.push(ctx.WdfInterruptQueueDpcForIsr(i), ctx.WdfInterruptQueueDpcForIsr(i));
          return true;
        },
        EvtInterruptDpc: () => {},
      },
    });
    const r = await simulateIrq(driver, async (_io, raise) => raise("device/I", 0));
    expect(results).toEqual([true, false]);
    expect(begins(r.events, "device/I:EvtInterruptDpc")).toHaveLength(1);
  });

  it("CB-16: an ISR preempts a stalled passive callback on its processor", async () => {
    const cpus: number[] = [];
    const driver = irqDriver(
      {
        callbacks: {
          EvtInterruptIsr: (ctx: WdfContext) => cpus.push(ctx.processor) > 0,
        },
      },
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          cpus.push(ctx.processor);
          await ctx.stall(100);
          complete(ctx, r);
        },
      },
    );
    const r = await simulateIrq(driver, async (io, raise) => {
      io.send("Read");
      await io.wait(10);
      raise("device/I", cpus[0]); // where EvtIoRead is stalled
      await io.wait(200);
    });
    expect(cpus[1]).toBe(cpus[0]);
    expect(begins(r.events, ISR)).toEqual([10]);
  });

  it("PL-3: an ISR waits while a passive thread holds the interrupt lock (WdfInterruptAcquireLock raises it to DIRQL)", async () => {
    const driver = irqDriver(
      { callbacks: { EvtInterruptIsr: () => true } },
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          await ctx.WdfInterruptAcquireLock("device/I");
          await ctx.stall(50);
          ctx.WdfInterruptReleaseLock("device/I");
          complete(ctx, r);
        },
      },
    );
    const r = await simulateIrq(driver, async (io, raise) => {
      io.send("Read");
      await io.wait(10);
      raise("device/I");
      await io.wait(200);
    });
    expect(begins(r.events, ISR)).toEqual([50]);
    const read = r.events.find((e) => e.type === "callback-begin" && e.callback === "device/q:EvtIoRead");
    const track = read && "track" in read ? read.track : "";
    expect(
      r.events.flatMap(
        (e): Array<[number, string]> =>
          e.type === "irql" && e.track === track
            ? [[e.t, e.irql]]
            : (e.type === "lock-acquire" || e.type === "lock-release") && e.lock === "device/I#interrupt-lock"
              ? [[e.t, e.type]]
              : [],
      ),
    ).toEqual([
      [0, "DIRQL"],
      [0, "lock-acquire"],
      [50, "lock-release"],
      [50, "PASSIVE_LEVEL"],
      [50, "lock-acquire"], // the ISR, under the same lock
      [50, "lock-release"],
    ]);
    expect(rules(r)).toEqual([]);
  });

  it("PL-3 WdfInterruptLock: WdfInterruptAcquireLock from the ISR itself (it already holds the lock); releasing a lock never taken", async () => {
    const bad = irqDriver({
      callbacks: {
        EvtInterruptIsr(ctx: WdfContext, i: string) {
          void ctx.WdfInterruptAcquireLock(i);
          ctx.WdfInterruptReleaseLock(i);
          return true;
        },
      },
    });
    const r = await simulateIrq(bad, async (_io, raise) => raise("device/I"));
    expect(rules(r)).toEqual(["WdfInterruptLock", "WdfInterruptLock"]);
    expect(r.findings[0]!.message).toContain("EvtInterruptIsr already runs under it");
    expect(r.outcome.kind).toBe("idle");
  });

  it("PL-3: WdfInterruptSynchronize runs its routine at DIRQL under the interrupt lock and returns its result; from the ISR it is WdfInterruptLock", async () => {
    const results: boolean[] = [];
    const build = (fromIsr: boolean) =>
      irqDriver(
        {
          callbacks: {
            EvtInterruptIsr(ctx: WdfContext, i: string) {
              if (fromIsr) void ctx.WdfInterruptSynchronize(i, () => true);
              return true;
            },
          },
        },
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            results.push(await ctx.WdfInterruptSynchronize("device/I", () => true));
            complete(ctx, r);
          },
        },
      );
    const good = await simulateIrq(build(false), async (io) => {
      io.send("Read");
      await io.wait(10);
    });
    expect(results).toEqual([true]);
    expect(good.events.filter((e) => e.type === "irql").map((e) => "irql" in e && e.irql)).toEqual([
      "DIRQL",
      "PASSIVE_LEVEL",
    ]);
    expect(rules(good)).toEqual([]);
    const bad = await simulateIrq(build(true), async (_io, raise) => raise("device/I"));
    expect(rules(bad)).toEqual(["WdfInterruptLock"]);
  });

  it("CB-16 CB-18: a passive-level interrupt runs its ISR and EvtInterruptWorkItem at PASSIVE_LEVEL", async () => {
    const driver = irqDriver({
      passiveHandling: true,
      callbacks: {
        EvtInterruptIsr: (ctx: WdfContext, i: string) => ctx.WdfInterruptQueueWorkItemForIsr(i),
        EvtInterruptWorkItem: () => {},
      },
    });
    const r = await simulateIrq(driver, async (io, raise) => {
      raise("device/I");
      await io.wait(10);
    });
    const irqls = r.events.flatMap((e) => (e.type === "callback-begin" ? [[e.callback, e.irql]] : []));
    expect(irqls).toEqual([
      [ISR, "PASSIVE_LEVEL"],
      ["device/I:EvtInterruptWorkItem", "PASSIVE_LEVEL"],
    ]);
    expect(rules(r)).toEqual([]);
  });

  it("PL-3 KmdfIrql: WdfInterruptAcquireLock of a passive-level interrupt (a wait lock) from a DPC; from a passive callback it is clean", async () => {
    const build = (fromDpc: boolean) =>
      device(
        {
          async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
            if (fromDpc) ctx.WdfDpcEnqueue("device/D");
            else {
              await ctx.WdfInterruptAcquireLock("device/I");
              ctx.WdfInterruptReleaseLock("device/I");
            }
            complete(ctx, r);
          },
        },
        {
          interrupts: { I: { passiveHandling: true, callbacks: { EvtInterruptIsr: () => true } } },
          dpcs: { D: { callback: (ctx: WdfContext) => void ctx.WdfInterruptAcquireLock("device/I") } },
        },
      );
    const send = async (io: Io) => {
      io.send("Read");
      await io.wait(100);
    };
    const bad = await simulate(build(true), send);
    expect(rules(bad)).toEqual(["KmdfIrql"]);
    expect(bad.findings[0]!.spec).toBe("PL-3");
    expect(rules(await simulate(build(false), send))).toEqual([]);
  });
});

describe("deferred work: determinism and the watchdog", () => {
  const mixed = () =>
    device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfTimerStart("device/T", 100);
          ctx.WdfWorkItemEnqueue("device/W");
          ctx.WdfDpcEnqueue("device/D");
          await ctx.stall(20);
          await ctx.WdfWorkItemFlush("device/W");
          complete(ctx, r);
        },
      },
      {
        timers: { T: { callback: (ctx: WdfContext) => ctx.cell("n", 0).update((n) => n + 1), period: 1 } },
        workItems: { W: { callback: async (ctx: WdfContext) => ctx.stall(15) } },
        dpcs: { D: { callback: async (ctx: WdfContext) => ctx.stall(5) } },
        interrupts: {
          I: {
            callbacks: {
              EvtInterruptIsr: (ctx: WdfContext, i: string) => ctx.WdfInterruptQueueDpcForIsr(i),
              EvtInterruptDpc: () => {},
            },
          },
        },
      },
    );
  const script = async (io: Io, raise: (id: string) => void) => {
    io.send("Read");
    io.send("Read");
    await io.wait(7);
    raise("device/I");
    await io.wait(3000);
  };

  it("same seed, same trace; every seed clean", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const a = await simulateIrq(mixed(), script, { seed });
      const b = await simulateIrq(mixed(), script, { seed });
      expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
      expect(rules(a)).toEqual([]);
      expect(a.errors).toEqual([]);
      expect(a.requests).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS"]);
    }
  });

  it("BUG-24: work blocked forever is still reported while a periodic timer keeps ticking", async () => {
    const driver = device(
      {
        async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
          ctx.WdfTimerStart("device/T", 0);
          await ctx.WdfInterruptAcquireLock("device/I"); // never released: the ISR can never run
          complete(ctx, r);
        },
      },
      {
        timers: { T: { callback: () => {}, period: 100 } },
        interrupts: { I: { callbacks: { EvtInterruptIsr: () => true } } },
      },
    );
    const r = await simulateIrq(driver, async (io, raise) => {
      io.send("Read");
      await io.wait(10);
      raise("device/I");
    });
    expect(r.outcome.kind).toBe("deadlock");
    expect(rules(r)).toContain("Deadlock");
    // declared after the blocked set stood still for the 60 s watchdog, not at the first tick
    expect(r.findings.find((f) => f.rule === "Deadlock")!.t).toBeGreaterThanOrEqual(60_000_000);
  });
});
