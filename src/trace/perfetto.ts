// Chrome Trace Event Format export, for ui.perfetto.dev (design.md "Timelines that render right"):
// a processors process with a thread per track lane, callback and lock slices nested strictly per
// thread (a slice that would cross another moves to an overflow thread), IRQL counters, requests
// and findings; then a threads process with the callbacks per simulated thread (perfetto-threads.ts).

import { byTs, type ChromeEvent, chromeEvent, micros, PID, THREADS_PID } from "./chrome-event.js";
import { TRACE_VERSION, type Trace, type TrackId } from "./events.js";
import { IRQL_LEVEL, irqlSteps } from "./irql.js";
import { type LaneThread, laneEvents, laneThreads, processMetadata } from "./perfetto-lanes.js";
import { type RequestLayout, requestEvents } from "./perfetto-requests.js";
import { threadLanes } from "./perfetto-threads.js";
import { layoutLanes, orderTracks, pairSlices, type Slice, traceEnd, traceStart } from "./slices.js";

export type { ChromeEvent } from "./chrome-event.js";

export interface ChromeTrace {
  readonly traceEvents: readonly ChromeEvent[];
  readonly displayTimeUnit: "ns";
  readonly metadata: { readonly wdfsimTraceVersion: number; readonly cpus: number; readonly seed: number };
}

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
): LaneThread[] => {
  const threads: LaneThread[] = [];
  for (const track of tracks) {
    for (const kind of ["callback", "lock"] as const) {
      const lanes = layoutLanes(groups.get(`${kind} ${track}`) ?? []);
      if (kind === "callback" && lanes.length === 0) lanes.push([]);
      const base = kind === "lock" ? `${track} locks` : track;
      threads.push(...laneThreads(PID, track, base, lanes, threads.length + 1));
    }
  }
  return threads;
};

/** The IRQL counter of each processor (irql.ts), a value written when the level changes. */
const irqlCounters = (
  trace: Trace,
  tracks: readonly TrackId[],
  mainTid: ReadonlyMap<TrackId, number>,
  callbacks: readonly Slice[],
): ChromeEvent[] => {
  const out: ChromeEvent[] = [];
  for (const [track, steps] of irqlSteps(trace, tracks, callbacks, traceStart(trace))) {
    let last: number | null = null;
    for (const { t, irql } of steps) {
      const level = IRQL_LEVEL[irql];
      if (level === last) continue;
      last = level;
      const tid = mainTid.get(track)!;
      out.push(
        chromeEvent({ name: `IRQL ${track}`, ph: "C", ts: micros(t), pid: PID, tid, args: { level } }),
      );
    }
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
  threads: readonly LaneThread[],
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
  // The requests tid stays reserved when unused, so tids never depend on whether requests exist.
  const onThreads = threadLanes(trace, requestsThread.tid + 1);
  const callbacks = tracks.flatMap((track) => groups.get(`callback ${track}`) ?? []);
  const sequences = [
    ...threads.map((thread) => laneEvents(thread, requests.attached)),
    requests.requestsThread,
    ...onThreads.map((thread) => laneEvents(thread, new Map())),
    irqlCounters(trace, tracks, mainTid, callbacks),
    requests.async,
    findingInstants(trace, mainTid),
  ];
  const metadata = [
    ...processMetadata(PID, "wdfsim", named),
    ...(onThreads.length > 0 ? processMetadata(THREADS_PID, "threads", onThreads) : []),
  ];
  return {
    traceEvents: [...metadata, ...mergeByTime(sequences)],
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
