// The structural checker itself (chrome-checks.ts): each check rejects the malformed trace it is
// for and accepts the well-formed one, so a green exporter test means something.

import { describe, expect, it } from "vitest";
import { type CheckedEvent, chromeTraceErrors, nestingErrors } from "./chrome-checks.js";

const meta = (pid: number, tid?: number): CheckedEvent[] => [
  { name: "process_name", ph: "M", pid, args: { name: `p${pid}` } },
  ...(tid === undefined ? [] : [{ name: "thread_name", ph: "M", pid, tid, args: { name: `t${tid}` } }]),
];
const e = (ph: string, name: string, ts: number, more: Partial<CheckedEvent> = {}): CheckedEvent => ({
  name,
  ph,
  ts,
  pid: 1,
  tid: 1,
  ...more,
});
const errors = (...events: CheckedEvent[]): string[] =>
  chromeTraceErrors({ traceEvents: [...meta(1, 1), ...events] });

describe("chromeTraceErrors", () => {
  it("accepts named threads with nested B/E and X slices, bound flows, numeric counters, paired async slices", () => {
    expect(
      errors(
        e("B", "a", 0),
        e("X", "x", 1, { dur: 2 }),
        e("s", "r", 2, { id: 1 }),
        e("E", "a", 4),
        e("X", "y", 5, { dur: 3 }),
        e("f", "r", 6, { id: 1 }),
        e("C", "IRQL cpu0", 6, { tid: undefined, args: { level: 2 } }),
        e("b", "r", 6, { tid: undefined, cat: "request", id: "r" }),
        e("e", "r", 7, { tid: undefined, cat: "request", id: "r" }),
      ),
    ).toEqual([]);
  });

  it("B/E: crossing, unmatched and backwards slices", () => {
    expect(errors(e("B", "a", 0), e("B", "b", 1), e("E", "a", 2), e("E", "b", 3))).toHaveLength(2);
    expect(errors(e("B", "a", 0))).toEqual(["B a on pid 1 tid 1: never ended"]);
    expect(errors(e("B", "a", 2), e("E", "a", 1))).toHaveLength(1);
  });

  it("X: a slice that starts inside another and ends after it, or has no duration", () => {
    expect(errors(e("X", "a", 0, { dur: 4 }), e("X", "b", 2, { dur: 4 }))).toEqual([
      "X b on pid 1 tid 1 [2, 6] crosses a",
    ]);
    expect(errors(e("B", "a", 0), e("X", "b", 1, { dur: 9 }), e("E", "a", 5))).toHaveLength(1);
    expect(errors(e("X", "a", 0))).toHaveLength(1);
    // Per thread: the same times on another tid do not cross.
    const other = chromeTraceErrors({
      traceEvents: [
        ...meta(1, 1),
        ...meta(2, 2),
        e("X", "a", 0, { dur: 4 }),
        e("X", "b", 2, { dur: 4, pid: 2, tid: 2 }),
      ],
    });
    expect(other).toEqual([]);
  });

  it("flows: outside any slice, an f before its s, an s never finished", () => {
    expect(
      errors(e("s", "r", 0, { id: 1 }), e("B", "a", 1), e("f", "r", 1, { id: 1 }), e("E", "a", 2)),
    ).toEqual(["flow s 1 at 0 on pid 1 tid 1: no enclosing slice"]);
    expect(errors(e("B", "a", 0), e("f", "r", 0, { id: 1 }), e("E", "a", 1))).toContain(
      "flow f 1 at 0 comes before its s",
    );
    expect(errors(e("B", "a", 0), e("s", "r", 0, { id: 1 }), e("E", "a", 1))).toEqual(["flow s 1: no f"]);
  });

  it("metadata: a thread or process no metadata names, a tid named in two processes", () => {
    expect(errors(e("B", "a", 0, { tid: 9 }), e("E", "a", 1, { tid: 9 }))).toEqual([
      "pid 1 tid 9 has no thread_name in that process",
    ]);
    expect(errors(e("i", "x", 0, { pid: 3, s: "g", tid: undefined }))).toEqual(["pid 3 has no process_name"]);
    const twice = chromeTraceErrors({ traceEvents: [...meta(1, 1), ...meta(2), { ...meta(2, 1)[1]! }] });
    expect(twice).toEqual(["thread_name on pid 2 tid 1: tid already named in pid 1"]);
  });

  it("values: a counter with a value that is not a number, an async end with no begin", () => {
    expect(errors(e("C", "IRQL cpu0", 0, { args: { level: "2" } }))).toHaveLength(1);
    expect(errors(e("C", "IRQL cpu0", 0, { args: {} }))).toHaveLength(1);
    expect(errors(e("e", "r", 0, { cat: "request", id: "r" }))).toEqual(["e request r at 0: no b open"]);
    expect(errors(e("b", "r", 0, { cat: "request", id: "r" }))).toEqual(["b request r: never ended"]);
  });

  it("nestingErrors alone needs no metadata (for streams cut from a trace)", () => {
    expect(nestingErrors([e("B", "a", 0), e("E", "a", 1)])).toEqual([]);
  });
});
