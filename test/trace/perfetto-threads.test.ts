// The threads process of the Chrome trace (src/trace/perfetto-threads.ts): one Chrome thread per
// simulated thread a callback ran on, next to the processor tracks, which stay as they were.

import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../src/trace/events.js";
import { chromeTraceJson, toChromeTrace } from "../../src/trace/perfetto.js";
import { chromeTraceErrors, processNames, sliceSequence, threadsOf } from "./chrome-checks.js";
import { threaded, threadedEvents, trace, twoCpu, withoutThreads } from "./fixtures.js";

const begin = (t: number, callback: string, thread: string, track = "cpu0"): TraceEvent => ({
  t,
  type: "callback-begin",
  track,
  callback,
  object: callback.split(":")[0]!,
  request: null,
  irql: "PASSIVE_LEVEL",
  thread,
});
const end = (t: number, callback: string, track = "cpu0", thread?: string): TraceEvent => ({
  t,
  type: "callback-end",
  track,
  callback,
  ...(thread !== undefined && { thread }),
});

describe("toChromeTrace: the threads process", () => {
  const chrome = toChromeTrace(threaded);

  it("processes: the processors first as pid 1, then a process named threads with a pid of its own", () => {
    expect([...processNames(chrome)]).toEqual([
      [1, "wdfsim"],
      [2, "threads"],
    ]);
    expect(chromeTraceErrors(chrome)).toEqual([]);
  });

  it("threads: one per distinct thread in order of first appearance; a DPC's null thread has none", () => {
    expect(threadsOf(chrome, "threads")).toEqual(["application", "worker0", "worker1", "pnp:powerDown"]);
    const tids = chrome.traceEvents.filter((e) => e.name === "thread_name").map((e) => [e.pid, e.tid]);
    // After cpu0, cpu1 and the requests thread: tids stay unique across the two processes.
    expect(tids).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 4],
      [2, 5],
      [2, 6],
      [2, 7],
    ]);
  });

  it("slices: each thread carries its callbacks; the DPC that preempted worker0 stays on cpu0 only", () => {
    expect(sliceSequence(chrome, "application")).toEqual([
      "B device/ReadQueue:EvtIoRead@0",
      "E device/ReadQueue:EvtIoRead@2",
    ]);
    expect(sliceSequence(chrome, "worker0")).toEqual([
      "B device/workItem0:EvtWorkItem@2",
      "E device/workItem0:EvtWorkItem@10",
    ]);
    expect(sliceSequence(chrome, "pnp:powerDown")).toEqual([
      "B device/ReadQueue:EvtIoStop@7",
      "E device/ReadQueue:EvtIoStop@9",
    ]);
    expect(sliceSequence(chrome, "cpu0")).toContain("B device/dpc0:EvtDpcFunc@4");
  });

  it("args: a thread slice has the same args as the processor slice of the same callback", () => {
    const read = chrome.traceEvents.filter((e) => e.ph === "B" && e.name === "device/ReadQueue:EvtIoRead");
    expect(read.map((e) => [e.pid, e.cat, e.args])).toEqual([
      [1, "callback", { object: "device/ReadQueue", request: "request1", irql: "PASSIVE_LEVEL" }],
      [2, "callback", { object: "device/ReadQueue", request: "request1", irql: "PASSIVE_LEVEL" }],
    ]);
  });

  it("migration: a thread that slept on cpu1 and ended its callback on cpu0 is one finished slice", () => {
    expect(sliceSequence(chrome, "worker1")).toEqual([
      "B device/workItem1:EvtWorkItem@5",
      "E device/workItem1:EvtWorkItem@12",
    ]);
    const onWorker1 = chrome.traceEvents.find((e) => e.ph === "B" && e.pid === 2 && e.tid === 6)!;
    expect(onWorker1.args).toEqual({ object: "device/workItem1", request: null, irql: "PASSIVE_LEVEL" });
  });

  it("processor tracks: exactly the events the same trace gives without thread fields", () => {
    const processors = chrome.traceEvents.filter((e) => e.pid === 1);
    expect(processors).toEqual(toChromeTrace(withoutThreads(threadedEvents)).traceEvents);
  });

  it("no threads: a trace whose callbacks name no thread has no threads process", () => {
    expect([...processNames(toChromeTrace(twoCpu))]).toEqual([[1, "wdfsim"]]);
    expect(toChromeTrace(twoCpu).traceEvents.every((e) => e.pid === 1)).toBe(true);
  });

  it("overflow: callbacks that cross on one thread move to that thread's overflow lane", () => {
    const crossed = toChromeTrace(
      trace(
        [
          begin(0, "a:EvtA", "application"),
          begin(1, "b:EvtB", "application", "cpu1"),
          end(2, "a:EvtA"),
          end(3, "b:EvtB", "cpu1"),
        ],
        2,
      ),
    );
    expect(chromeTraceErrors(crossed)).toEqual([]);
    expect(threadsOf(crossed, "threads")).toEqual(["application", "application overflow"]);
    expect(sliceSequence(crossed, "application overflow")).toEqual(["B b:EvtB@1", "E b:EvtB@3"]);
  });

  it("pairing: an end that names its thread closes that thread's callback, not another open on its processor", () => {
    // worker1 wakes on cpu0, where worker0 runs the same work item callback, and returns first.
    const w = "device/wi:EvtWorkItem";
    const chrome = toChromeTrace(
      trace([
        begin(0, w, "worker1", "cpu1"),
        begin(1, w, "worker0"),
        end(2, w, "cpu0", "worker1"),
        end(5, w),
      ]),
    );
    expect(sliceSequence(chrome, "worker1")).toEqual([`B ${w}@0`, `E ${w}@2`]);
    expect(sliceSequence(chrome, "worker0")).toEqual([`B ${w}@1`, `E ${w}@5`]);
    expect(chromeTraceErrors(chrome)).toEqual([]);
  });

  it("determinism: the same trace with threads gives byte-identical JSON", () => {
    const copy = trace(JSON.parse(JSON.stringify(threadedEvents)));
    expect(chromeTraceJson(copy)).toBe(chromeTraceJson(threaded));
  });
});
