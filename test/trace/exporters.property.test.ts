// Properties of the exporters over random event streams — including ends out of LIFO order,
// ends nothing began, ends on another processor than their begin, tied timestamps, IRQL changes
// and requests completed twice or never: the Chrome trace always passes the structural checks,
// pairs its async slices and flows, draws each threaded callback once, and is the same bytes twice.
// Fixed seed so the suite is deterministic; a counterexample becomes a named example test.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../src/trace/events.js";
import { chromeTraceJson, toChromeTrace } from "../../src/trace/perfetto.js";
import { renderTimeline } from "../../src/trace/timeline.js";
import { chromeTraceErrors } from "./chrome-checks.js";
import { trace } from "./fixtures.js";

const RUNS = { seed: 42, numRuns: 300 } as const;

interface Step {
  readonly dt: number;
  readonly op: number;
  readonly a: number;
  readonly b: number;
  /** The callback's thread: none given, null (a DPC), or one of two names. */
  readonly th: number;
}

const step = fc.record({ dt: fc.nat(2), op: fc.nat(9), a: fc.nat(3), b: fc.nat(2), th: fc.nat(3) });

const IRQLS = ["PASSIVE_LEVEL", "DISPATCH_LEVEL", "DIRQL"] as const;
const THREADS = [undefined, null, "application", "worker0"] as const;

const threadField = (s: Step): { thread?: string | null } =>
  THREADS[s.th] === undefined ? {} : { thread: THREADS[s.th]! };

/** One event per step: which kind from `op`, which callback / request / lock from `a`, track from `b`. */
const toEvent = (s: Step, t: number): TraceEvent => {
  const track = s.b === 2 ? "worker0" : `cpu${s.b}`;
  const request = `request${s.a}`;
  switch (s.op) {
    case 0:
    case 1:
      return {
        t,
        type: "callback-begin",
        track,
        callback: `o${s.a}:Evt${s.a}`,
        object: `o${s.a}`,
        request: s.a % 2 ? request : null,
        irql: IRQLS[s.a % 3]!,
        ...threadField(s),
      };
    case 2:
      return { t, type: "callback-end", track, callback: `o${s.a}:Evt${s.a}` };
    case 3:
      return { t, type: "callback-end", track, callback: `o${s.a}:Evt${s.a}`, ...threadField(s) };
    case 4:
      return s.a % 2
        ? { t, type: "lock-acquire", track, lock: `lock${s.b}` }
        : { t, type: "lock-release", track, lock: `lock${s.b}` };
    case 5:
      return { t, type: "request-arrive", request, queue: "q", major: "Read" };
    case 6:
      return { t, type: "request-present", track: s.b === 2 ? "" : track, request, queue: "q" };
    case 7:
      return s.b === 2
        ? { t, type: "request-cancel", request }
        : { t, type: "request-complete", track, request, status: "STATUS_SUCCESS" };
    case 8:
      return { t, type: "finding", track: s.b === 2 ? null : track, rule: "Rule", message: `m${s.a}` };
    default:
      return { t, type: "irql", track, irql: IRQLS[s.a % 3]! };
  }
};

const toEvents = (steps: readonly Step[]): TraceEvent[] => {
  let t = 0;
  return steps.map((s) => {
    t += s.dt;
    return toEvent(s, t);
  });
};

const countBy = (values: readonly unknown[]): Map<unknown, number> => {
  const out = new Map<unknown, number>();
  for (const value of values) out.set(value, (out.get(value) ?? 0) + 1);
  return out;
};

describe("exporters (property)", () => {
  it("structure: any event stream gives named threads, valid nesting, bound flows, numeric counters", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        expect(chromeTraceErrors(toChromeTrace(trace(toEvents(steps))))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("threads: each callback-begin naming a thread is one slice on the threads process, on its thread", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = toEvents(steps);
        const chrome = toChromeTrace(trace(events));
        const names = new Map(
          chrome.traceEvents.filter((e) => e.name === "thread_name").map((e) => [e.tid, e.args?.["name"]]),
        );
        const onThreads = chrome.traceEvents
          .filter((e) => e.pid === 2 && e.ph === "B")
          .map((e) => `${String(names.get(e.tid)).replace(/ overflow.*/, "")} ${e.name}`);
        const threaded = events.flatMap((e) =>
          e.type === "callback-begin" && typeof e.thread === "string" ? [`${e.thread} ${e.callback}`] : [],
        );
        expect(onThreads.sort()).toEqual(threaded.sort());
      }),
      RUNS,
    );
  });

  it("requests: one b and one e per request id; each flow id has one s and one f", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = toChromeTrace(trace(toEvents(steps))).traceEvents;
        const ids = (ph: string) => countBy(events.filter((e) => e.ph === ph).map((e) => e.id));
        expect(ids("e")).toEqual(ids("b"));
        expect([...ids("b").values()].every((n) => n === 1)).toBe(true);
        expect(ids("f")).toEqual(ids("s"));
        expect([...ids("s").values()].every((n) => n === 1)).toBe(true);
      }),
      RUNS,
    );
  });

  it("determinism: the same stream gives the same JSON and the same timeline, without escapes", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const [a, b] = [trace(toEvents(steps)), trace(toEvents(steps))];
        expect(chromeTraceJson(b)).toBe(chromeTraceJson(a));
        const text = renderTimeline(a, { color: false, width: 70 });
        expect(renderTimeline(b, { color: false, width: 70 })).toBe(text);
        expect(text).not.toContain("\u001b");
      }),
      RUNS,
    );
  });
});
