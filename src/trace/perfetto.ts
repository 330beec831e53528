// Chrome Trace Event Format export, for ui.perfetto.dev (design.md "Timelines that render right"):
// one process, a thread per track lane, callback and lock slices nested strictly per thread (a
// slice that would cross another moves to an overflow thread), IRQL counters, findings as instants.

import { byTs, type ChromeEvent, chromeEvent, micros, PID } from "./chrome-event.js";
import { type IrqlName, TRACE_VERSION, type Trace, type TrackId } from "./events.js";
import { type Attached, type FlowOwner, type RequestLayout, requestEvents } from "./perfetto-requests.js";
import {
  encloses,
  layoutLanes,
  orderTracks,
  pairSlices,
  type Slice,
  traceEnd,
  traceStart,
} from "./slices.js";

export type { ChromeEvent } from "./chrome-event.js";

export interface ChromeTrace {
  readonly traceEvents: readonly ChromeEvent[];
  readonly displayTimeUnit: "ns";
  readonly metadata: { readonly wdfsimTraceVersion: number; readonly cpus: number; readonly seed: number };
}

/** One Chrome thread: lane `lane` of a track's callback or lock slices. */
interface Thread {
  readonly tid: number;
  readonly name: string;
  readonly track: TrackId;
  readonly slices: readonly Slice[];
}

/** Counter values: 0 passive, 2 dispatch, 3 for any device IRQL (the stream does not say which). */
const IRQL_LEVEL: Readonly<Record<IrqlName, number>> = { PASSIVE_LEVEL: 0, DISPATCH_LEVEL: 2, DIRQL: 3 };

const threadName = (track: TrackId, kind: Slice["kind"], lane: number): string => {
  const base = kind === "lock" ? `${track} locks` : track;
  if (lane === 0) return base;
  return lane === 1 ? `${base} overflow` : `${base} overflow ${lane}`;
};

/** Slices grouped by kind and track (`"callback cpu0"`), each group still in `byBegin` order. */
const groupSlices = (slices: readonly Slice[]): Map<string, Slice[]> => {
  const groups = new Map<string, Slice[]>();
  for (const slice of slices) {
    const key = `${slice.kind} ${slice.track}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [slice]);
    else group.push(slice);
  }
  return groups;
};

/** Threads in display order: per track, its callback lanes (always one), then its lock lanes. */
const layoutThreads = (
  tracks: readonly TrackId[],
  groups: ReadonlyMap<string, readonly Slice[]>,
): Thread[] => {
  const threads: Thread[] = [];
  for (const track of tracks) {
    for (const kind of ["callback", "lock"] as const) {
      const lanes = layoutLanes(groups.get(`${kind} ${track}`) ?? []);
      if (kind === "callback" && lanes.length === 0) lanes.push([]);
      lanes.forEach((lane, i) => {
        threads.push({ tid: threads.length + 1, name: threadName(track, kind, i), track, slices: lane });
      });
    }
  }
  return threads;
};

const metadataEvents = (
  threads: readonly { readonly tid: number; readonly name: string }[],
): ChromeEvent[] => [
  chromeEvent({ name: "process_name", ph: "M", pid: PID, args: { name: "wdfsim" } }),
  ...threads.flatMap(({ tid, name }) => [
    chromeEvent({ name: "thread_name", ph: "M", pid: PID, tid, args: { name } }),
    chromeEvent({ name: "thread_sort_index", ph: "M", pid: PID, tid, args: { sort_index: tid } }),
  ]),
];

const sliceArgs = (slice: Slice): Record<string, unknown> | undefined => {
  const unfinished = slice.unfinished ? { unfinished: true } : {};
  if (slice.begin.type === "lock-acquire") return slice.unfinished ? unfinished : undefined;
  const { object, request, irql } = slice.begin;
  return { object, request, irql, ...unfinished };
};

const sliceEvent = (slice: Slice, ph: "B" | "E", tid: number): ChromeEvent =>
  chromeEvent({
    name: slice.name,
    cat: slice.kind,
    ph,
    ts: micros(ph === "B" ? slice.start : slice.end),
    pid: PID,
    tid,
    ...(ph === "B" && { args: sliceArgs(slice) }),
  });

/**
 * B/E events of one nesting lane, in time order, with each slice's flow events between its B and
 * E at their own time (an anchor is the innermost slice there, so no child covers that time).
 */
const laneEvents = (thread: Thread, attached: ReadonlyMap<FlowOwner, readonly Attached[]>): ChromeEvent[] => {
  const out: ChromeEvent[] = [];
  const stack: { readonly slice: Slice; next: number }[] = [];
  const flush = (entry: { readonly slice: Slice; next: number }, upTo: number): void => {
    const list = attached.get(entry.slice) ?? [];
    while (entry.next < list.length && list[entry.next]!.u <= upTo) out.push(list[entry.next++]!.event);
  };
  const pop = (): void => {
    const entry = stack.pop()!;
    flush(entry, Infinity);
    out.push(sliceEvent(entry.slice, "E", thread.tid));
  };
  for (const slice of thread.slices) {
    while (stack.length > 0 && !encloses(stack.at(-1)!.slice, slice)) pop();
    if (stack.length > 0) flush(stack.at(-1)!, slice.start);
    out.push(sliceEvent(slice, "B", thread.tid));
    stack.push({ slice, next: 0 });
  }
  while (stack.length > 0) pop();
  return out;
};

/**
 * IRQL per track: a callback runs at its begin event's IRQL, an irql event changes the level of
 * the callback running, and when a callback ends the track is back at the level of the one it
 * preempted (PASSIVE_LEVEL under none). A value is written when it changes.
 */
const irqlCounters = (
  trace: Trace,
  tracks: readonly TrackId[],
  mainTid: ReadonlyMap<TrackId, number>,
): ChromeEvent[] => {
  const stacks = new Map<TrackId, IrqlName[]>(tracks.map((track) => [track, ["PASSIVE_LEVEL"]]));
  const last = new Map<TrackId, number>();
  const out: ChromeEvent[] = [];
  const set = (track: TrackId, t: number, irql: IrqlName): void => {
    const level = IRQL_LEVEL[irql];
    if (last.get(track) === level) return;
    last.set(track, level);
    out.push(
      chromeEvent({
        name: `IRQL ${track}`,
        ph: "C",
        ts: micros(t),
        pid: PID,
        tid: mainTid.get(track)!,
        args: { level },
      }),
    );
  };
  for (const track of tracks) set(track, traceStart(trace), "PASSIVE_LEVEL");
  for (const event of trace.events) {
    const track = "track" in event ? event.track : null;
    const stack = track === null ? undefined : stacks.get(track);
    if (track === null || stack === undefined) continue;
    if (event.type === "callback-begin") stack.push(event.irql);
    else if (event.type === "callback-end" && stack.length > 1) stack.pop();
    else if (event.type === "irql") stack.splice(-1, 1, event.irql);
    else continue;
    set(track, event.t, stack.at(-1)!);
  }
  return out.sort(byTs);
};

/** Findings as instants: on the track's thread when the finding names one, global otherwise. */
const findingInstants = (trace: Trace, mainTid: ReadonlyMap<TrackId, number>): ChromeEvent[] =>
  trace.events
    .flatMap((event) => {
      if (event.type !== "finding") return [];
      const tid = event.track === null ? undefined : mainTid.get(event.track);
      const where = tid === undefined ? { s: "g" as const } : { tid, s: "t" as const };
      return [
        chromeEvent({
          name: event.rule,
          cat: "finding",
          ph: "i",
          ts: micros(event.t),
          pid: PID,
          ...where,
          args: { message: event.message },
        }),
      ];
    })
    .sort(byTs);

/**
 * Merges sequences that are each in time order. Perfetto keeps file order among equal timestamps
 * (trace_sorter.h; only an X event would switch it to reordering, hence B/E slices), so at one
 * instant a flow end waits until its start is written, or the arrow would be lost.
 */
const mergeByTime = (sequences: readonly (readonly ChromeEvent[])[]): ChromeEvent[] => {
  const heads = sequences.map(() => 0);
  const started = new Set<string | number>();
  const out: ChromeEvent[] = [];
  const headAt = (i: number, now: number): ChromeEvent | undefined => {
    const event = sequences[i]![heads[i]!];
    return event?.ts === now ? event : undefined;
  };
  const take = (i: number): void => {
    const event = sequences[i]![heads[i]!++]!;
    if (event.ph === "s") started.add(event.id!);
    out.push(event);
  };
  const ready = (event: ChromeEvent | undefined): boolean =>
    event !== undefined && (event.ph !== "f" || started.has(event.id!));
  for (;;) {
    const now = Math.min(...sequences.map((seq, i) => seq[heads[i]!]?.ts ?? Infinity));
    if (now === Infinity) return out;
    for (let moved = true; moved; ) {
      moved = false;
      sequences.forEach((_, i) => {
        for (; ready(headAt(i, now)); moved = true) take(i);
      });
    }
    // Only flow ends whose start is missing are left at `now`: write them anyway.
    sequences.forEach((_, i) => {
      while (headAt(i, now) !== undefined) take(i);
    });
  }
};

/** Where request flows can bind: each track's callback slices and the thread each one landed on. */
const requestLayout = (
  trace: Trace,
  tracks: readonly TrackId[],
  groups: ReadonlyMap<string, readonly Slice[]>,
  threads: readonly Thread[],
): RequestLayout => {
  const tidOf = new Map(
    threads.flatMap((thread) => thread.slices.map((slice) => [slice, thread.tid] as const)),
  );
  return {
    callbackSlices: new Map(tracks.map((track) => [track, groups.get(`callback ${track}`) ?? []] as const)),
    tidOf: (slice) => tidOf.get(slice)!,
    requestsTid: threads.length + 1,
    end: traceEnd(trace),
  };
};

/**
 * The trace as a Chrome Trace Event Format object (open the JSON in ui.perfetto.dev).
 * @example writeFileSync("run.json", JSON.stringify(toChromeTrace(trace)));
 */
export const toChromeTrace = (trace: Trace): ChromeTrace => {
  const tracks = orderTracks(trace);
  const groups = groupSlices(pairSlices(trace));
  const threads = layoutThreads(tracks, groups);
  const mainTid = new Map(threads.filter((t) => t.name === t.track).map((t) => [t.track, t.tid] as const));
  const requests = requestEvents(trace, requestLayout(trace, tracks, groups, threads));
  const requestsThread = { tid: threads.length + 1, name: "requests" };
  const named = requests.requestsThread.length > 0 ? [...threads, requestsThread] : threads;
  const sequences = [
    ...threads.map((thread) => laneEvents(thread, requests.attached)),
    requests.requestsThread,
    irqlCounters(trace, tracks, mainTid),
    requests.async,
    findingInstants(trace, mainTid),
  ];
  return {
    traceEvents: [...metadataEvents(named), ...mergeByTime(sequences)],
    displayTimeUnit: "ns",
    metadata: { wdfsimTraceVersion: TRACE_VERSION, cpus: trace.cpus, seed: trace.seed },
  };
};

/**
 * The Chrome trace as JSON text, one event per line; the same trace always gives the same bytes.
 * @example writeFileSync("run.json", chromeTraceJson(trace));
 */
export const chromeTraceJson = (trace: Trace): string => {
  const chrome = toChromeTrace(trace);
  const events = chrome.traceEvents.map((event) => JSON.stringify(event)).join(",\n");
  const rest = `"displayTimeUnit":${JSON.stringify(chrome.displayTimeUnit)},"metadata":${JSON.stringify(chrome.metadata)}`;
  return `{"traceEvents":[\n${events}\n],${rest}}\n`;
};
