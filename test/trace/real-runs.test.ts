// The exporters on traces the runtime writes (test/runtime/harness.ts `simulate`), not hand-built
// ones: the Chrome trace is structurally valid, has a thread track per simulated thread, IRQL
// counters follow driver locks, and the same run gives the same bytes.

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import type { RunResult } from "../../src/runtime/run.js";
import type { ScenarioIo } from "../../src/runtime/scenario.js";
import { chromeTraceJson, toChromeTrace } from "../../src/trace/perfetto.js";
import { renderTimeline } from "../../src/trace/timeline.js";
import { simulate } from "../runtime/harness.js";
import { chromeTraceErrors, sliceSequence, threadsOf } from "./chrome-checks.js";

type Io = (ctx: WdfContext, queue: string, request: SimRequest) => void | Promise<void>;

/** A passive default queue `q` with EvtIoRead, a DPC, two work items, a spin lock, an interrupt. */
const driver = (read: Io, workItem: (ctx: WdfContext) => Promise<void> = async () => {}) => ({
  devices: {
    device: {
      spinLocks: { L: {} },
      waitLocks: { W: {} },
      dpcs: {
        dpc0: {
          async callback(ctx: WdfContext) {
            await ctx.stall(3);
          },
        },
      },
      workItems: { wi0: { callback: workItem }, wi1: { callback: workItem } },
      interrupts: { irq: { callbacks: { EvtInterruptIsr: () => true, EvtInterruptDpc: () => {} } } },
      queues: {
        q: {
          dispatchType: "Parallel",
          defaultQueue: true,
          attributes: { executionLevel: "Passive" },
          callbacks: { EvtIoRead: read },
        },
      },
    },
  },
});

const oneRead = async (io: ScenarioIo): Promise<void> => {
  io.send("Read");
  await io.wait(50);
};

/** EvtIoRead inline on the application thread queues both work items and the DPC. */
const fanOut: Io = (ctx, _q, r) => {
  ctx.WdfWorkItemEnqueue("device/wi0");
  ctx.WdfWorkItemEnqueue("device/wi1");
  ctx.WdfDpcEnqueue("device/dpc0");
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
};

/** Both work items take the wait lock: one sleeps until the other releases it. */
const contend = async (ctx: WdfContext): Promise<void> => {
  await ctx.WdfWaitLockAcquire("device/W");
  await ctx.stall(10);
  ctx.WdfWaitLockRelease("device/W");
};

/** One Read on one processor: EvtIoRead runs 2 µs, takes a lock, holds it 5 µs, releases it (or
 * not), runs 1 µs more and completes the request. */
const holding = (
  take: (ctx: WdfContext) => Promise<void>,
  release: (ctx: WdfContext) => void = () => {},
): Promise<RunResult> =>
  simulate(
    driver(async (ctx, _q, req) => {
      await ctx.stall(2);
      await take(ctx);
      await ctx.stall(5);
      release(ctx);
      await ctx.stall(1);
      ctx.WdfRequestComplete(req, "STATUS_SUCCESS");
    }),
    oneRead,
    { cpus: 1 },
  );

const irqlLevels = (r: RunResult): string[] =>
  toChromeTrace(r.trace)
    .traceEvents.filter((e) => e.ph === "C")
    .map((e) => `${e.name}@${e.ts}=${e.args?.["level"]}`);

describe("exporters on runtime traces", () => {
  it("threads: inline EvtIoRead on the application thread, work items on workers, the DPC on no thread", async () => {
    const r = await simulate(driver(fanOut, contend), oneRead);
    const chrome = toChromeTrace(r.trace);
    expect(chromeTraceErrors(chrome)).toEqual([]);
    expect(threadsOf(chrome, "threads")).toEqual(["application", "worker0", "worker1"]);
    expect(sliceSequence(chrome, "application")).toEqual([
      "B device/q:EvtIoRead@0",
      "E device/q:EvtIoRead@0",
    ]);
    const onThreads = chrome.traceEvents.filter((e) => e.pid === 2 && e.ph === "B").map((e) => e.name);
    expect(onThreads).not.toContain("device/dpc0:EvtDpcFunc");
    expect(chrome.traceEvents.some((e) => e.pid === 1 && e.name === "device/dpc0:EvtDpcFunc")).toBe(true);
  });

  it("threads: a work item that sleeps on the wait lock is one finished slice on its worker, wherever it woke", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = await simulate(driver(fanOut, contend), oneRead, { seed });
      const chrome = toChromeTrace(r.trace);
      expect(chromeTraceErrors(chrome)).toEqual([]);
      const ends = r.trace.events.filter(
        (e) => e.type === "callback-end" && e.migrate !== true && e.callback.includes("wi"),
      );
      const threadSlices = chrome.traceEvents.filter(
        (e) => e.pid === 2 && e.ph === "B" && e.name.includes("wi"),
      );
      expect(threadSlices.map((e) => e.args?.["unfinished"])).toEqual([undefined, undefined]);
      const threadEnds = chrome.traceEvents.filter(
        (e) => e.pid === 2 && e.ph === "E" && e.name.includes("wi"),
      );
      expect(threadEnds.map((e) => e.ts).sort()).toEqual(ends.map((e) => e.t).sort());
    }
  });

  it("IRQL L-1/A-4: WdfSpinLockAcquire in a passive EvtIoRead raises its processor to 2 until the release", async () => {
    const r = await holding(
      (ctx) => ctx.WdfSpinLockAcquire("device/L"),
      (ctx) => ctx.WdfSpinLockRelease("device/L"),
    );
    expect(irqlLevels(r)).toEqual(["IRQL cpu0@0=0", "IRQL cpu0@2=2", "IRQL cpu0@7=0"]);
    expect(chromeTraceErrors(toChromeTrace(r.trace))).toEqual([]);
  });

  it("IRQL PL-3: WdfInterruptAcquireLock raises to DIRQL (3) until WdfInterruptReleaseLock", async () => {
    const r = await holding(
      (ctx) => ctx.WdfInterruptAcquireLock("device/irq"),
      (ctx) => ctx.WdfInterruptReleaseLock("device/irq"),
    );
    expect(irqlLevels(r)).toEqual(["IRQL cpu0@0=0", "IRQL cpu0@2=3", "IRQL cpu0@7=0"]);
  });

  it("IRQL BUG-34: a callback that returns holding a spin lock leaves its processor back at 0 when it ends", async () => {
    const r = await holding((ctx) => ctx.WdfSpinLockAcquire("device/L"));
    expect(r.findings.map((f) => f.rule)).toContain("IrqlMismatch");
    expect(irqlLevels(r)).toEqual(["IRQL cpu0@0=0", "IRQL cpu0@2=2", "IRQL cpu0@8=0"]);
  });

  it("determinism: the same run twice gives byte-identical JSON and the same timeline", async () => {
    const [a, b] = [
      await simulate(driver(fanOut, contend), oneRead),
      await simulate(driver(fanOut, contend), oneRead),
    ];
    expect(chromeTraceJson(b.trace)).toBe(chromeTraceJson(a.trace));
    expect(renderTimeline(b.trace, { color: false })).toBe(renderTimeline(a.trace, { color: false }));
  });

  it("structure: runs with cancels, DPCs and work items validate over several seeds", async () => {
    const cancelled: Io = (ctx, _q, req) => {
      ctx.WdfDpcEnqueue("device/dpc0");
      ctx.WdfRequestMarkCancelable(req, "EvtRequestCancel");
    };
    for (const seed of [1, 2, 3, 5, 8]) {
      const r = await simulate(
        driver(cancelled, contend),
        async (io) => {
          const request = io.send("Read");
          await io.wait(2);
          io.cancel(request);
          await io.wait(50);
        },
        { seed },
      );
      const json = JSON.parse(chromeTraceJson(r.trace));
      expect(chromeTraceErrors(json)).toEqual([]);
      expect(r.trace.events.some((e) => e.type === "request-cancel")).toBe(true);
    }
  });
});
