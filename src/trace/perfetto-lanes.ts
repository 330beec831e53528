// Chrome threads that draw nesting lanes of slices (design.md "Timelines that render right"): the
// B/E events of one lane with the flow events bound inside them, and the metadata that names a
// process and its threads. Shared by the processors process and the threads process.

import { type ChromeEvent, chromeEvent, micros } from "./chrome-event.js";
import type { Attached, FlowOwner } from "./perfetto-requests.js";
import { encloses, type Slice } from "./slices.js";

/** One Chrome thread: one lane of a track's callback or lock slices, each nesting strictly. */
export interface LaneThread {
  readonly pid: number;
  readonly tid: number;
  readonly name: string;
  /** The processor ("cpu0") or thread ("worker0") whose slices the lane holds. */
  readonly track: string;
  readonly slices: readonly Slice[];
}

/** `cpu0`, `cpu0 overflow`, `cpu0 overflow 2`, …: lane 0 keeps the base name. */
const laneName = (base: string, lane: number): string => {
  if (lane === 0) return base;
  return lane === 1 ? `${base} overflow` : `${base} overflow ${lane}`;
};

/** One Chrome thread per lane of `track`, named after `base`, with tids from `firstTid` on. */
export const laneThreads = (
  pid: number,
  track: string,
  base: string,
  lanes: readonly (readonly Slice[])[],
  firstTid: number,
): LaneThread[] =>
  lanes.map((slices, i) => ({ pid, tid: firstTid + i, name: laneName(base, i), track, slices }));

/** Names the process and its threads; sort indexes keep the order the exporter chose. */
export const processMetadata = (
  pid: number,
  name: string,
  threads: readonly { readonly tid: number; readonly name: string }[],
): ChromeEvent[] => [
  chromeEvent({ name: "process_name", ph: "M", pid, args: { name } }),
  chromeEvent({ name: "process_sort_index", ph: "M", pid, args: { sort_index: pid } }),
  ...threads.flatMap(({ tid, name }) => [
    chromeEvent({ name: "thread_name", ph: "M", pid, tid, args: { name } }),
    chromeEvent({ name: "thread_sort_index", ph: "M", pid, tid, args: { sort_index: tid } }),
  ]),
];

const sliceArgs = (slice: Slice): Record<string, unknown> | undefined => {
  const unfinished = slice.unfinished ? { unfinished: true } : {};
  if (slice.begin.type === "lock-acquire") return slice.unfinished ? unfinished : undefined;
  const { object, request, irql } = slice.begin;
  return { object, request, irql, ...unfinished };
};

const sliceEvent = (slice: Slice, ph: "B" | "E", thread: LaneThread): ChromeEvent =>
  chromeEvent({
    name: slice.name,
    cat: slice.kind,
    ph,
    ts: micros(ph === "B" ? slice.start : slice.end),
    pid: thread.pid,
    tid: thread.tid,
    ...(ph === "B" && { args: sliceArgs(slice) }),
  });

/**
 * B/E events of one nesting lane, in time order, with each slice's flow events between its B and
 * E at their own time (an anchor is the innermost slice there, so no child covers that time).
 */
export const laneEvents = (
  thread: LaneThread,
  attached: ReadonlyMap<FlowOwner, readonly Attached[]>,
): ChromeEvent[] => {
  const out: ChromeEvent[] = [];
  const stack: { readonly slice: Slice; next: number }[] = [];
  const flush = (entry: { readonly slice: Slice; next: number }, upTo: number): void => {
    const list = attached.get(entry.slice) ?? [];
    while (entry.next < list.length && list[entry.next]!.u <= upTo) out.push(list[entry.next++]!.event);
  };
  const pop = (): void => {
    const entry = stack.pop()!;
    flush(entry, Infinity);
    out.push(sliceEvent(entry.slice, "E", thread));
  };
  for (const slice of thread.slices) {
    while (stack.length > 0 && !encloses(stack.at(-1)!.slice, slice)) pop();
    if (stack.length > 0) flush(stack.at(-1)!, slice.start);
    out.push(sliceEvent(slice, "B", thread));
    stack.push({ slice, next: 0 });
  }
  while (stack.length > 0) pop();
  return out;
};
