import { describe, expect, it } from "vitest";
import type { IrqlName, TraceEvent } from "../../src/trace/events.js";
import type { ChromeEvent, ChromeTrace } from "../../src/trace/perfetto.js";
import { chromeTraceJson, toChromeTrace } from "../../src/trace/perfetto.js";
import { chromeTraceErrors, enclosingSlice, onThread, sliceSequence, threadNames } from "./chrome-checks.js";
import { crossing, edges, trace, twoCpu, twoCpuEvents } from "./fixtures.js";

const of = (chrome: ChromeTrace, ph: ChromeEvent["ph"]): ChromeEvent[] =>
  chrome.traceEvents.filter((event) => event.ph === ph);

describe("toChromeTrace: threads and slices", () => {
  const chrome = toChromeTrace(twoCpu);

  it("structure: every B has its E on the same tid in LIFO order, in time order, all threads named", () => {
    expect(chromeTraceErrors(chrome)).toEqual([]);
    expect(chromeTraceErrors(toChromeTrace(edges))).toEqual([]);
    expect(chromeTraceErrors(toChromeTrace(crossing))).toEqual([]);
    expect(chromeTraceErrors(toChromeTrace(trace([])))).toEqual([]);
  });

  it("threads: one per track, processors first, lock lanes and the requests thread after", () => {
    expect([...threadNames(chrome)]).toEqual([
      [1, "cpu0"],
      [2, "cpu1"],
      [3, "cpu1 locks"],
      [4, "requests"],
    ]);
    const sortIndex = chrome.traceEvents.filter((event) => event.name === "thread_sort_index");
    expect(sortIndex.map((event) => [event.tid, event.args?.["sort_index"]])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(chrome.traceEvents[0]).toEqual({
      name: "process_name",
      ph: "M",
      pid: 1,
      args: { name: "wdfsim" },
    });
  });

  it("slices: the DPC nests inside the passive work item it preempts on cpu0", () => {
    expect(sliceSequence(chrome, "cpu0")).toEqual([
      "B device/workItem0:EvtWorkItem@0",
      "B device/dpc0:EvtDpcFunc@10",
      "E device/dpc0:EvtDpcFunc@20",
      "E device/workItem0:EvtWorkItem@40",
    ]);
    expect(sliceSequence(chrome, "cpu1 locks")).toEqual([
      "B device/IoctlQueue/lock@5",
      "E device/IoctlQueue/lock@12",
    ]);
  });

  it("slices: callback args carry object, request and IRQL; keys come in one fixed order", () => {
    const ioctl = of(chrome, "B").find((event) => event.name === "device/IoctlQueue:EvtIoDeviceControl")!;
    expect(ioctl).toEqual({
      name: "device/IoctlQueue:EvtIoDeviceControl",
      cat: "callback",
      ph: "B",
      ts: 5,
      pid: 1,
      tid: 2,
      args: { object: "device/IoctlQueue", request: "request1", irql: "DISPATCH_LEVEL" },
    });
    expect(Object.keys(ioctl)).toEqual(["name", "cat", "ph", "ts", "pid", "tid", "args"]);
  });

  it("overflow: a slice that crosses another moves to an overflow thread; later ones stay", () => {
    const crossed = toChromeTrace(crossing);
    expect(chromeTraceErrors(crossed)).toEqual([]);
    expect(sliceSequence(crossed, "cpu0")).toEqual(["B a:EvtA@0", "E a:EvtA@2", "B c:EvtC@4", "E c:EvtC@5"]);
    expect(sliceSequence(crossed, "cpu0 overflow")).toEqual(["B b:EvtB@1", "E b:EvtB@3"]);
  });

  it("ties: a callback that ends at t=0 before another begins at t=0 is its sibling, not its child", () => {
    // The runtime's own pattern: EvtIo returns at t=0, then the work item it queued starts at t=0.
    expect(sliceSequence(toChromeTrace(edges), "cpu0")).toEqual([
      "B a:EvtA@0",
      "E a:EvtA@0",
      "B b:EvtB@0",
      "B c:EvtC@0",
      "E c:EvtC@0",
      "E b:EvtB@3",
    ]);
  });

  it("unfinished: a callback still running when the trace ends is cut there and says so", () => {
    const chrome = toChromeTrace(edges);
    // d began inside b but outlived it: in event order that crosses b, so d gets its own thread.
    expect(sliceSequence(chrome, "cpu0 overflow")).toEqual(["B d:EvtD@2", "E d:EvtD@3"]);
    const cut = of(chrome, "B").find((event) => event.name === "d:EvtD")!;
    expect(cut.args).toEqual({ object: "d", request: null, irql: "PASSIVE_LEVEL", unfinished: true });
  });

  it("unfinished: callbacks still nested when the trace stops stay nested", () => {
    const stopped = toChromeTrace(trace([...twoCpuEvents.slice(0, 8)]));
    expect(chromeTraceErrors(stopped)).toEqual([]);
    expect(sliceSequence(stopped, "cpu0")).toEqual([
      "B device/workItem0:EvtWorkItem@0",
      "B device/dpc0:EvtDpcFunc@10",
      "E device/dpc0:EvtDpcFunc@10",
      "E device/workItem0:EvtWorkItem@10",
    ]);
  });
});

describe("toChromeTrace: counters, requests, instants", () => {
  const chrome = toChromeTrace(twoCpu);

  it("IRQL: a counter per processor, 0 passive and 2 while a DISPATCH_LEVEL callback runs", () => {
    const levels = of(chrome, "C").map((event) => [event.name, event.ts, event.args?.["level"]]);
    expect(levels.filter(([name]) => name === "IRQL cpu0")).toEqual([
      ["IRQL cpu0", 0, 0],
      ["IRQL cpu0", 10, 2],
      ["IRQL cpu0", 20, 0],
    ]);
    expect(levels.filter(([name]) => name === "IRQL cpu1")).toEqual([
      ["IRQL cpu1", 0, 0],
      ["IRQL cpu1", 5, 2],
      ["IRQL cpu1", 12, 0],
    ]);
  });

  it("IRQL: an irql event changes the level of the running callback (3 stands for DIRQL)", () => {
    const raised = toChromeTrace(
      trace([...twoCpuEvents, { t: 25, type: "irql", track: "cpu0", irql: "DIRQL" }]),
    );
    const cpu0 = of(raised, "C").filter((event) => event.name === "IRQL cpu0");
    expect(cpu0.map((event) => [event.ts, event.args?.["level"]])).toEqual([
      [0, 0],
      [10, 2],
      [20, 0],
      [25, 3],
    ]);
  });

  const levelsOf = (events: readonly TraceEvent[], track: string): number[][] =>
    of(toChromeTrace(trace(events)), "C")
      .filter((event) => event.name === `IRQL ${track}`)
      .map((event) => [event.ts!, event.args?.["level"] as number]);
  const begin = (
    t: number,
    callback: string,
    level: IrqlName = "PASSIVE_LEVEL",
    track = "cpu0",
  ): TraceEvent => ({
    t,
    type: "callback-begin",
    track,
    callback,
    object: callback.split(":")[0]!,
    request: null,
    irql: level,
  });
  const irql = (t: number, level: IrqlName, track = "cpu0"): TraceEvent => ({
    t,
    type: "irql",
    track,
    irql: level,
  });

  it("IRQL L-1/A-4: a spin lock raises a passive callback to 2, its release lowers it, and a callback that returns raised drops back at its end", () => {
    const w = "device/wi:EvtWorkItem";
    const events: TraceEvent[] = [
      begin(0, w),
      irql(2, "DISPATCH_LEVEL"), // WdfSpinLockAcquire
      irql(4, "PASSIVE_LEVEL"), // WdfSpinLockRelease restores the saved IRQL
      irql(6, "DISPATCH_LEVEL"), // acquired again and never released
      { t: 8, type: "callback-end", track: "cpu0", callback: w },
    ];
    expect(levelsOf(events, "cpu0")).toEqual([
      [0, 0],
      [2, 2],
      [4, 0],
      [6, 2],
      [8, 0],
    ]);
  });

  it("IRQL PL-3: an interrupt lock taken in a DPC shows DIRQL (3), and the processor is back at 0 when the DPC ends", () => {
    const dpc = "device/dpc0:EvtDpcFunc";
    const events: TraceEvent[] = [
      begin(10, dpc, "DISPATCH_LEVEL"),
      irql(11, "DIRQL"),
      { t: 13, type: "callback-end", track: "cpu0", callback: dpc },
    ];
    expect(levelsOf(events, "cpu0")).toEqual([
      [10, 0],
      [10, 2],
      [11, 3],
      [13, 0],
    ]);
  });

  it("IRQL: an end that closes nothing on its processor (a thread that woke elsewhere) leaves the running callback's level", () => {
    const events: TraceEvent[] = [
      begin(0, "device/wi1:EvtWorkItem", "PASSIVE_LEVEL", "cpu1"),
      begin(0, "device/wi0:EvtWorkItem"),
      irql(1, "DISPATCH_LEVEL"),
      { t: 2, type: "callback-end", track: "cpu0", callback: "device/wi1:EvtWorkItem" },
      irql(3, "PASSIVE_LEVEL"),
      { t: 4, type: "callback-end", track: "cpu0", callback: "device/wi0:EvtWorkItem" },
    ];
    expect(levelsOf(events, "cpu0")).toEqual([
      [0, 0],
      [1, 2],
      [3, 0],
    ]);
  });

  it("requests: one async b/e pair per request with the request id, arrival to completion", () => {
    const async = [...of(chrome, "b"), ...of(chrome, "e")].map((event) => [
      event.ph,
      event.id,
      event.ts,
      event.args,
    ]);
    expect(async).toEqual([
      ["b", "request2", 1, { queue: "device/IoctlQueue", major: "DeviceControl" }],
      ["b", "request1", 2, { queue: "device/IoctlQueue", major: "DeviceControl" }],
      ["b", "request3", 35, { queue: "device/IoctlQueue", major: "Read" }],
      ["e", "request1", 15, { status: "STATUS_SUCCESS" }],
      ["e", "request2", 31, { status: "STATUS_CANCELLED" }],
      ["e", "request3", 40, { unfinished: true }],
    ]);
    expect(of(chrome, "b").every((event) => event.cat === "request" && event.name === event.id)).toBe(true);
  });

  it("flows: arrival → presenting EvtIo → completing DPC, each s/f pair sharing one id", () => {
    const flows = [...of(chrome, "s"), ...of(chrome, "f")];
    const hops = flows.map((event) => [
      event.id,
      event.ph,
      onThread(chrome, event),
      enclosingSlice(chrome, event),
    ]);
    expect(hops.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, "s", "requests", "arrive"],
      [1, "f", "requests", "complete"],
      [2, "s", "requests", "arrive"],
      [2, "f", "cpu1", "device/IoctlQueue:EvtIoDeviceControl"],
      [3, "s", "cpu1", "device/IoctlQueue:EvtIoDeviceControl"],
      [3, "f", "cpu0", "device/dpc0:EvtDpcFunc"],
    ]);
    expect(of(chrome, "f").every((event) => event.bp === "e")).toBe(true);
  });

  it("instants: a cancel on the requests thread; findings named by rule, on their track or global", () => {
    const instants = of(chrome, "i").map((event) => [
      event.name,
      event.ts,
      event.s,
      onThread(chrome, event),
      event.args,
    ]);
    expect(instants).toEqual([
      ["DataRace", 18, "t", "cpu0", { message: 'data race on cell "pending"' }],
      ["cancel", 30, "t", "requests", { request: "request2" }],
      ["RequestCompleted", 36, "g", "tid undefined", { message: "request3 is never completed" }],
    ]);
  });
});

describe("chromeTraceJson", () => {
  it("JSON: parses back to toChromeTrace's object, in the format's outer dictionary", () => {
    const parsed = JSON.parse(chromeTraceJson(twoCpu)) as ChromeTrace;
    expect(parsed).toEqual(toChromeTrace(twoCpu));
    expect(Object.keys(parsed)).toEqual(["traceEvents", "displayTimeUnit", "metadata"]);
    expect(parsed.displayTimeUnit).toBe("ns");
    expect(parsed.metadata).toEqual({ wdfsimTraceVersion: 1, cpus: 2, seed: 7 });
  });

  it("determinism: the same trace gives byte-identical JSON", () => {
    const copy = trace(JSON.parse(JSON.stringify(twoCpuEvents)));
    expect(chromeTraceJson(copy)).toBe(chromeTraceJson(twoCpu));
    expect(chromeTraceJson(crossing)).toBe(chromeTraceJson(crossing));
  });

  it("timestamps: virtual µs stay µs, rounded to whole nanoseconds", () => {
    const fine = trace([
      { t: 0.0004, type: "request-arrive", request: "r", queue: "q", major: "Read" },
      { t: 1.23456, type: "request-cancel", request: "r" },
    ]);
    expect(of(toChromeTrace(fine), "i").map((event) => event.ts)).toEqual([1.235]);
    expect(of(toChromeTrace(fine), "b").map((event) => event.ts)).toEqual([0]);
  });
});

describe("toChromeTrace: ties at one instant", () => {
  it("flows: an arrival and its EvtIo at the same time still write the flow start first", () => {
    const sameTime = trace([
      { t: 5, type: "request-arrive", request: "r1", queue: "q", major: "Read" },
      { t: 5, type: "request-present", track: "", request: "r1", queue: "q" },
      {
        t: 5,
        type: "callback-begin",
        track: "cpu0",
        callback: "q:EvtIoRead",
        object: "q",
        request: "r1",
        irql: "PASSIVE_LEVEL",
      },
      { t: 5, type: "request-complete", track: "cpu0", request: "r1", status: "STATUS_SUCCESS" },
      { t: 5, type: "callback-end", track: "cpu0", callback: "q:EvtIoRead" },
    ]);
    const chrome = toChromeTrace(sameTime);
    expect(chromeTraceErrors(chrome)).toEqual([]);
    const f = of(chrome, "f")[0]!;
    expect([onThread(chrome, f), enclosingSlice(chrome, f)]).toEqual(["cpu0", "q:EvtIoRead"]);
  });
});
