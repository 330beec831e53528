// Checks a Chrome trace the way Perfetto's importer reads it, so a test fails on output that
// would render wrong: every process and thread named by metadata, events in time order, B/E pairs
// per thread in LIFO order and X slices nested with them, flows inside an open slice and after
// their start, async slices and counters well formed. Events are read as JSON gives them (any
// phase, X with `dur`), so the checks also apply to a file written by chromeTraceJson.

import type { ChromeEvent, ChromeTrace } from "../../src/trace/perfetto.js";

/** An event as the JSON holds it: a wider phase set than wdfsim writes, `dur` for X slices. */
export interface CheckedEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly ts?: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid?: number;
  readonly id?: string | number;
  readonly s?: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

interface Open {
  readonly name: string;
  readonly cat: string | undefined;
}

interface Interval {
  /** An X slice, or a B/E pair once its E came. */
  readonly ph: "X" | "B";
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const on = (event: CheckedEvent): string => `pid ${event.pid} tid ${event.tid}`;

const pushTo = <V>(map: Map<string, V[]>, key: string, value: V): V[] => {
  const list = map.get(key) ?? [];
  map.set(key, list);
  list.push(value);
  return list;
};

/** Per thread: the open B slices, the X slices and closed B/E pairs seen (for crossings and flows). */
interface Threads {
  readonly stacks: Map<string, (Open & { readonly start: number })[]>;
  readonly intervals: Map<string, Interval[]>;
}

const checkFlow = (event: CheckedEvent, threads: Threads, started: Set<unknown>, errors: string[]) => {
  const key = on(event);
  const inX = (threads.intervals.get(key) ?? []).some(
    (x) => x.ph === "X" && x.start <= event.ts! && event.ts! <= x.end,
  );
  if ((threads.stacks.get(key) ?? []).length === 0 && !inX)
    errors.push(`flow ${event.ph} ${event.id} at ${event.ts} on ${on(event)}: no enclosing slice`);
  if (event.ph === "s") {
    if (started.has(event.id)) errors.push(`flow s ${event.id} at ${event.ts}: id used twice`);
    started.add(event.id);
  } else if (!started.has(event.id)) errors.push(`flow f ${event.id} at ${event.ts} comes before its s`);
};

/** Pushes a B, pops an E (which must close the innermost open B), records an X. */
const checkSlice = (event: CheckedEvent, threads: Threads, errors: string[]): void => {
  const key = on(event);
  const stack = threads.stacks.get(key) ?? [];
  threads.stacks.set(key, stack);
  if (event.ph === "B") stack.push({ name: event.name, cat: event.cat, start: event.ts! });
  if (event.ph === "X") {
    if (typeof event.dur !== "number" || !(event.dur >= 0))
      errors.push(`X ${event.name} on ${on(event)} at ${event.ts}: dur ${event.dur} is not a duration`);
    else
      pushTo(threads.intervals, key, {
        ph: "X",
        name: event.name,
        start: event.ts!,
        end: event.ts! + event.dur,
      });
  }
  if (event.ph !== "E") return;
  const top = stack.pop();
  if (top === undefined) errors.push(`E ${event.name} on ${on(event)} at ${event.ts}: nothing open`);
  else if (top.name !== event.name || top.cat !== event.cat)
    errors.push(`E ${event.name} on ${on(event)} at ${event.ts} closes ${top.name} (not LIFO)`);
  else pushTo(threads.intervals, key, { ph: "B", name: top.name, start: top.start, end: event.ts! });
};

/** Intervals of one thread must form a tree: none starts inside another and ends after it. */
const crossings = (key: string, intervals: readonly Interval[]): string[] => {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Interval[] = [];
  const errors: string[] = [];
  for (const interval of sorted) {
    while (stack.length > 0 && stack.at(-1)!.end <= interval.start) stack.pop();
    const top = stack.at(-1);
    if (top !== undefined && interval.end > top.end)
      errors.push(
        `${interval.ph} ${interval.name} on ${key} [${interval.start}, ${interval.end}] crosses ${top.name}`,
      );
    else stack.push(interval);
  }
  return errors;
};

/** Time order, B/E and X nesting per thread, flows bound inside slices; an empty list: valid. */
export const nestingErrors = (events: readonly CheckedEvent[]): string[] => {
  const errors: string[] = [];
  const threads: Threads = { stacks: new Map(), intervals: new Map() };
  const started = new Set<unknown>();
  const finished = new Set<unknown>();
  let lastTs = -Infinity;
  for (const event of events) {
    if (event.ph === "M") continue;
    if (typeof event.ts !== "number" || !Number.isFinite(event.ts) || event.ts < lastTs)
      errors.push(`${event.ph} ${event.name} on ${on(event)}: ts ${event.ts} goes back in time`);
    lastTs = event.ts ?? lastTs;
    if (event.ph === "s" || event.ph === "f") checkFlow(event, threads, started, errors);
    if (event.ph === "f") finished.add(event.id);
    checkSlice(event, threads, errors);
  }
  for (const [key, stack] of threads.stacks)
    for (const open of stack) errors.push(`B ${open.name} on ${key}: never ended`);
  for (const [key, intervals] of threads.intervals) errors.push(...crossings(key, intervals));
  for (const id of started) if (!finished.has(id)) errors.push(`flow s ${id}: no f`);
  return errors;
};

/** Thread-scoped events: slices, flows, and instants that are not global or process-wide. */
const onAThread = (event: CheckedEvent): boolean =>
  ["B", "E", "X", "s", "f"].includes(event.ph) || (event.ph === "i" && (event.s ?? "t") === "t");

const isName = (value: unknown): boolean => typeof value === "string" && value !== "";

/** Every pid a process_name names, every thread-scoped (pid, tid) a thread_name, a tid in one pid only. */
export const metadataErrors = (events: readonly CheckedEvent[]): string[] => {
  const errors: string[] = [];
  const processes = new Set<number>();
  const threads = new Map<number, number>();
  for (const event of events.filter((e) => e.ph === "M")) {
    if (event.name === "process_name" && isName(event.args?.["name"])) processes.add(event.pid);
    if (event.name !== "thread_name") continue;
    if (typeof event.tid !== "number" || !isName(event.args?.["name"]))
      errors.push(`thread_name on ${on(event)}: no tid or no name`);
    else if (threads.has(event.tid))
      errors.push(`thread_name on ${on(event)}: tid already named in pid ${threads.get(event.tid)}`);
    else threads.set(event.tid, event.pid);
  }
  const reported = new Set<string>();
  for (const event of events) {
    const missing = !processes.has(event.pid)
      ? `pid ${event.pid} has no process_name`
      : onAThread(event) && threads.get(event.tid!) !== event.pid
        ? `${on(event)} has no thread_name in that process`
        : null;
    if (missing === null || reported.has(missing)) continue;
    reported.add(missing);
    errors.push(missing);
  }
  return errors;
};

/** Counters carry numbers only; async slices (b/e, keyed by cat and id) pair up. */
export const valueErrors = (events: readonly CheckedEvent[]): string[] => {
  const errors: string[] = [];
  const open = new Map<string, number>();
  for (const event of events) {
    if (event.ph === "C") {
      const values = Object.values(event.args ?? {});
      if (values.length === 0 || !values.every((v) => typeof v === "number" && Number.isFinite(v)))
        errors.push(`C ${event.name} at ${event.ts}: args ${JSON.stringify(event.args)} are not all numbers`);
    }
    if (event.ph !== "b" && event.ph !== "e") continue;
    const key = `${event.cat} ${event.id}`;
    const depth = (open.get(key) ?? 0) + (event.ph === "b" ? 1 : -1);
    if (depth < 0) errors.push(`e ${key} at ${event.ts}: no b open`);
    open.set(key, Math.max(depth, 0));
  }
  for (const [key, depth] of open) if (depth > 0) errors.push(`b ${key}: never ended`);
  return errors;
};

/** Every structural problem in the trace; an empty list means Perfetto reads it as intended. */
export const chromeTraceErrors = (chrome: { readonly traceEvents: readonly CheckedEvent[] }): string[] => [
  ...metadataErrors(chrome.traceEvents),
  ...nestingErrors(chrome.traceEvents),
  ...valueErrors(chrome.traceEvents),
];

const metadataNames = (chrome: ChromeTrace, name: string, key: "pid" | "tid"): Map<number, string> =>
  new Map(
    chrome.traceEvents
      .filter((event) => event.ph === "M" && event.name === name)
      .map((event) => [event[key]!, String(event.args?.["name"])]),
  );

/** tid → thread name, from the `thread_name` metadata events (tids are unique across processes). */
export const threadNames = (chrome: ChromeTrace): Map<number, string> =>
  metadataNames(chrome, "thread_name", "tid");

/** pid → process name, from the `process_name` metadata events. */
export const processNames = (chrome: ChromeTrace): Map<number, string> =>
  metadataNames(chrome, "process_name", "pid");

/** The names of one process's threads, in the order their metadata comes. */
export const threadsOf = (chrome: ChromeTrace, process: string): string[] => {
  const pid = [...processNames(chrome)].find(([, name]) => name === process)?.[0];
  return chrome.traceEvents
    .filter((event) => event.ph === "M" && event.name === "thread_name" && event.pid === pid)
    .map((event) => String(event.args?.["name"]));
};

/** The thread name of each event's tid, for readable expectations. */
export const onThread = (chrome: ChromeTrace, event: ChromeEvent): string =>
  threadNames(chrome).get(event.tid!) ?? `tid ${event.tid}`;

/** The B/E events of one thread, as `B name@ts` / `E name@ts`. */
export const sliceSequence = (chrome: ChromeTrace, thread: string): string[] =>
  chrome.traceEvents
    .filter((event) => (event.ph === "B" || event.ph === "E") && onThread(chrome, event) === thread)
    .map((event) => `${event.ph} ${event.name}@${event.ts}`);

/** The name of the slice open on the event's thread at that point in the file (or null). */
export const enclosingSlice = (chrome: ChromeTrace, target: ChromeEvent): string | null => {
  const stack: string[] = [];
  for (const event of chrome.traceEvents) {
    if (event === target) return stack.at(-1) ?? null;
    if (event.pid !== target.pid || event.tid !== target.tid) continue;
    if (event.ph === "B") stack.push(event.name);
    if (event.ph === "E") stack.pop();
  }
  return null;
};
