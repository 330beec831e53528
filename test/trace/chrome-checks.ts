// Checks a Chrome trace the way Perfetto's importer reads it, so a test fails on output that
// would render wrong: events in time order, B/E pairs per thread in LIFO order, flows inside an
// open slice and after their start.

import type { ChromeEvent, ChromeTrace } from "../../src/trace/perfetto.js";

interface Open {
  readonly name: string;
  readonly cat: string | undefined;
}

const checkFlow = (event: ChromeEvent, stack: readonly Open[], started: Set<unknown>, errors: string[]) => {
  if (event.ph !== "s" && event.ph !== "f") return;
  if (stack.length === 0)
    errors.push(`flow ${event.ph} ${event.id} at ${event.ts} on tid ${event.tid}: no enclosing slice`);
  if (event.ph === "s") started.add(event.id);
  else if (!started.has(event.id)) errors.push(`flow f ${event.id} at ${event.ts} comes before its s`);
};

/** Every problem found, as text; an empty list means the nesting is valid. */
export const nestingErrors = (events: readonly ChromeEvent[]): string[] => {
  const errors: string[] = [];
  const stacks = new Map<number | undefined, Open[]>();
  let lastTs = -Infinity;
  const started = new Set<unknown>();
  for (const event of events) {
    if (event.ph === "M") continue;
    if (event.ts === undefined || event.ts < lastTs) {
      errors.push(`${event.ph} ${event.name} on tid ${event.tid}: ts ${event.ts} goes back in time`);
    }
    lastTs = event.ts ?? lastTs;
    const stack = stacks.get(event.tid) ?? [];
    stacks.set(event.tid, stack);
    checkFlow(event, stack, started, errors);
    if (event.ph === "B") stack.push({ name: event.name, cat: event.cat });
    if (event.ph !== "E") continue;
    const top = stack.pop();
    if (top === undefined) errors.push(`E ${event.name} on tid ${event.tid} at ${event.ts}: nothing open`);
    else if (top.name !== event.name || top.cat !== event.cat) {
      errors.push(`E ${event.name} on tid ${event.tid} at ${event.ts} closes ${top.name} (not LIFO)`);
    }
  }
  for (const [tid, stack] of stacks)
    for (const open of stack) errors.push(`B ${open.name} on tid ${tid}: never ended`);
  return errors;
};

/** tid → thread name, from the `thread_name` metadata events. */
export const threadNames = (chrome: ChromeTrace): Map<number, string> =>
  new Map(
    chrome.traceEvents
      .filter((event) => event.ph === "M" && event.name === "thread_name")
      .map((event) => [event.tid!, String(event.args?.["name"])]),
  );

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
    if (event.tid !== target.tid) continue;
    if (event.ph === "B") stack.push(event.name);
    if (event.ph === "E") stack.pop();
  }
  return null;
};
