// IRQL per processor over a trace (design.md "Timelines that render right": IRQL as counter
// tracks): a callback runs at its begin event's IRQL; an irql event — a driver taking or releasing
// a spin lock (L-1, A-4) or an interrupt lock (PL-3) — changes the level of the innermost callback
// running there; when a callback ends the processor is back at the level of the one it preempted
// (PASSIVE_LEVEL under none). Used by the Perfetto counters and the text timeline.

import type { IrqlName, Trace, TrackId } from "./events.js";
import type { Slice } from "./slices.js";

/** Counter values: 0 passive, 2 dispatch, 3 for any device IRQL (the stream does not say which). */
export const IRQL_LEVEL: Readonly<Record<IrqlName, number>> = {
  PASSIVE_LEVEL: 0,
  DISPATCH_LEVEL: 2,
  DIRQL: 3,
};

/** The processor's IRQL from `t` on, until its next step. */
export interface IrqlStep {
  readonly t: number;
  readonly irql: IrqlName;
  /** A driver's lock set it: it differs from the level the running callback was called at. */
  readonly raised: boolean;
}

/** A callback running on a processor (`seq`: its begin event; -1 for the processor's base). */
interface Level {
  readonly seq: number;
  /** The level it was called at. */
  readonly own: IrqlName;
  irql: IrqlName;
}

const step = (t: number, level: Level): IrqlStep => ({
  t,
  irql: level.irql,
  raised: level.irql !== level.own,
});

/**
 * Each track's IRQL steps, in trace order, the first at `t0` (PASSIVE_LEVEL). `callbacks` are the
 * callback slices pairSlices made: an end pops only the begin its slice paired with, so an end that
 * closes nothing on its track (a thread that slept and woke on another processor) leaves the levels
 * alone. Consecutive steps may repeat a level.
 */
export const irqlSteps = (
  trace: Trace,
  tracks: readonly TrackId[],
  callbacks: readonly Slice[],
  t0: number,
): Map<TrackId, IrqlStep[]> => {
  const closes = new Map(callbacks.filter((s) => !s.unfinished).map((s) => [s.endSeq, s.seq] as const));
  const base = (): Level => ({ seq: -1, own: "PASSIVE_LEVEL", irql: "PASSIVE_LEVEL" });
  const stacks = new Map<TrackId, Level[]>(tracks.map((track) => [track, [base()]]));
  const out = new Map<TrackId, IrqlStep[]>(tracks.map((track) => [track, [step(t0, base())]]));
  trace.events.forEach((event, seq) => {
    const stack = "track" in event && event.track !== null ? stacks.get(event.track) : undefined;
    if (stack === undefined) return;
    if (event.type === "callback-begin") stack.push({ seq, own: event.irql, irql: event.irql });
    else if (event.type === "irql") stack.at(-1)!.irql = event.irql;
    else if (event.type === "callback-end" && closes.has(seq))
      stack.splice(
        stack.findIndex((level) => level.seq === closes.get(seq)),
        1,
      );
    else return;
    out.get(event.track!)!.push(step(event.t, stack.at(-1)!));
  });
  return out;
};
