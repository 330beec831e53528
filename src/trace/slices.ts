// Callback and lock slices: begin/end events paired per track, then laid out in lanes that each
// nest strictly (design.md "Timelines that render right"). Shared by perfetto.ts and timeline.ts.
// Nesting follows the order of events, not only their times: a callback that ends at t=5 before
// another begins at t=5 is its sibling, never its child.

import type { Trace, TraceEvent, TrackId } from "./events.js";

type CallbackBegin = Extract<TraceEvent, { type: "callback-begin" }>;
type CallbackEnd = Extract<TraceEvent, { type: "callback-end" }>;
type LockAcquire = Extract<TraceEvent, { type: "lock-acquire" }>;

/** A callback running, or a lock held, on one track from `start` to `end` (virtual µs). */
export interface Slice {
  readonly kind: "callback" | "lock";
  readonly track: TrackId;
  /** The callback id or the lock id. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Index of the begin event in the trace. */
  readonly seq: number;
  /** Index of the end event in the trace; Infinity when the trace ended first. */
  readonly endSeq: number;
  readonly begin: CallbackBegin | LockAcquire;
  /** True when the trace ended before the matching end/release (the slice is cut at the end). */
  readonly unfinished: boolean;
}

interface Open {
  readonly begin: CallbackBegin | LockAcquire;
  readonly seq: number;
}

/** The last virtual time in the trace (0 for an empty one). */
export const traceEnd = (trace: Trace): number =>
  trace.events.reduce((end, event) => Math.max(end, event.t), 0);

/** The first virtual time in the trace (0 for an empty one). */
export const traceStart = (trace: Trace): number =>
  trace.events.length === 0 ? 0 : trace.events.reduce((start, event) => Math.min(start, event.t), Infinity);

/** Begin time, then begin event: a parent always sorts before its children. */
export const byBegin = (a: Slice, b: Slice): number => a.start - b.start || a.seq - b.seq;

const openName = (open: Open): string =>
  open.begin.type === "callback-begin" ? open.begin.callback : open.begin.lock;

const toSlice = (open: Open, end: number, endSeq: number): Slice => ({
  kind: open.begin.type === "callback-begin" ? "callback" : "lock",
  track: open.begin.track,
  name: openName(open),
  start: open.begin.t,
  end: Math.max(end, open.begin.t),
  seq: open.seq,
  endSeq,
  begin: open.begin,
  unfinished: endSeq === Infinity,
});

/** Closes the most recent open slice of `name` on the stack; an end nothing opened is dropped. */
const close = (stack: Open[] | undefined, name: string, end: TraceEvent, seq: number, out: Slice[]): void => {
  if (stack === undefined) return;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (openName(stack[i]!) !== name) continue;
    out.push(toSlice(stack[i]!, end.t, seq));
    stack.splice(i, 1);
    return;
  }
};

/**
 * Pairs callback-begin/end and lock-acquire/release per track, matching each end with the most
 * recent open begin of the same name. Slices still open at the end of the trace are cut there.
 */
export const pairSlices = (trace: Trace): Slice[] => {
  const open = new Map<string, Open[]>();
  const out: Slice[] = [];
  trace.events.forEach((event, seq) => {
    if (event.type === "callback-begin" || event.type === "lock-acquire") {
      const key = `${event.type === "callback-begin" ? "callback" : "lock"} ${event.track}`;
      const stack = open.get(key) ?? [];
      stack.push({ begin: event, seq });
      open.set(key, stack);
    } else if (event.type === "callback-end") {
      close(open.get(`callback ${event.track}`), event.callback, event, seq, out);
    } else if (event.type === "lock-release") {
      close(open.get(`lock ${event.track}`), event.lock, event, seq, out);
    }
  });
  const end = traceEnd(trace);
  for (const stack of open.values()) for (const o of stack) out.push(toSlice(o, end, Infinity));
  return out.sort(byBegin);
};

/**
 * The open begin a callback-end closes on a thread track: on the thread the end names; else the
 * most recent one on the end's processor (as pairSlices does); else — a thread that slept and woke
 * on another processor — the most recent one of that callback on any thread. -1: none.
 */
const threadBeginOf = (open: readonly Open[], end: CallbackEnd): number => {
  const named = (o: Open): o is Open & { begin: CallbackBegin } =>
    o.begin.type === "callback-begin" && o.begin.callback === end.callback;
  if (typeof end.thread === "string")
    return open.findLastIndex((o) => named(o) && o.begin.thread === end.thread);
  const onTrack = open.findLastIndex((o) => named(o) && o.begin.track === end.track);
  if (onTrack >= 0 || end.thread === null) return onTrack;
  return open.findLastIndex((o) => named(o) && typeof o.begin.thread === "string");
};

const threadOf = (open: Open): string | null =>
  open.begin.type === "callback-begin" ? (open.begin.thread ?? null) : null;

/**
 * Callback slices per thread (the begin's `thread`; DPCs, timers and ISRs have none), threads in
 * order of first appearance, each list in `byBegin` order with `track` set to the thread. Ends pair
 * as threadBeginOf says, so a callback that moved processors while it slept stays one slice.
 */
export const pairThreadSlices = (trace: Trace): Map<string, Slice[]> => {
  const open: Open[] = [];
  const out = new Map<string, Slice[]>();
  const add = (o: Open, end: number, endSeq: number): void => {
    const thread = threadOf(o);
    if (thread !== null) out.get(thread)!.push({ ...toSlice(o, end, endSeq), track: thread });
  };
  trace.events.forEach((event, seq) => {
    // A thread that slept and woke elsewhere: its processor slices split, its thread slice does not.
    if ((event.type === "callback-begin" || event.type === "callback-end") && event.migrate === true) return;
    if (event.type === "callback-begin") {
      open.push({ begin: event, seq });
      if (typeof event.thread === "string" && !out.has(event.thread)) out.set(event.thread, []);
    } else if (event.type === "callback-end") {
      const i = threadBeginOf(open, event);
      if (i >= 0) add(open.splice(i, 1)[0]!, event.t, seq);
    }
  });
  const end = traceEnd(trace);
  for (const o of open) add(o, end, Infinity);
  for (const slices of out.values()) slices.sort(byBegin);
  return out;
};

/** `inner` began after `outer` and ended before it, in the trace's order and in time. */
export const encloses = (outer: Slice, inner: Slice): boolean =>
  outer.seq <= inner.seq &&
  inner.endSeq <= outer.endSeq &&
  outer.start <= inner.start &&
  inner.end <= outer.end;

/** `earlier` ended before `later` began, in the trace's order and in time. */
const precedes = (earlier: Slice, later: Slice): boolean =>
  earlier.endSeq < later.seq && earlier.end <= later.start;

/** Drops finished slices from a lane's open stack; says whether `slice` nests on top of it. */
const fitsOnTop = (stack: Slice[], slice: Slice): boolean => {
  while (stack.length > 0 && !encloses(stack.at(-1)!, slice) && precedes(stack.at(-1)!, slice)) stack.pop();
  return stack.length === 0 || encloses(stack.at(-1)!, slice);
};

/**
 * Lays slices (sorted by `byBegin`, one track and kind) out in lanes: lane 0 keeps every slice
 * that nests, and a slice that would cross one already there moves to the first lane where it nests.
 */
export const layoutLanes = (slices: readonly Slice[]): Slice[][] => {
  const lanes: Slice[][] = [];
  const stacks: Slice[][] = [];
  for (const slice of slices) {
    let lane = 0;
    while (lane < lanes.length && !fitsOnTop(stacks[lane]!, slice)) lane++;
    if (lane === lanes.length) {
      lanes.push([]);
      stacks.push([]);
    }
    lanes[lane]!.push(slice);
    stacks[lane]!.push(slice);
  }
  return lanes;
};

const trackKey = (track: TrackId): [number, number, string] => {
  const match = /^(cpu|worker)(\d+)$/.exec(track);
  if (match === null) return [2, 0, track];
  return [match[1] === "cpu" ? 0 : 1, Number(match[2]), track];
};

const byTrackOrder = (a: TrackId, b: TrackId): number => {
  const [ka, na, sa] = trackKey(a);
  const [kb, nb, sb] = trackKey(b);
  if (ka !== kb) return ka - kb;
  if (na !== nb) return na - nb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
};

/**
 * Track ids in display order: processors by number, then worker threads by number, then the rest.
 * An empty track id (an event the framework raises outside any processor) is no track.
 */
export const orderTracks = (trace: Trace): TrackId[] => {
  const tracks = new Set<TrackId>();
  for (let cpu = 0; cpu < trace.cpus; cpu++) tracks.add(`cpu${cpu}`);
  for (const event of trace.events) {
    if ("track" in event && event.track !== null && event.track !== "") tracks.add(event.track);
  }
  return [...tracks].sort(byTrackOrder);
};
