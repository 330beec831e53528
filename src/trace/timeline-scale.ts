// The text timeline's time axis (timeline.ts): virtual time to columns, and how times and cut
// text are written. A slice spans [floor(start), ceil(end)) so every slice gets a column.

import { micros } from "./chrome-event.js";

export interface Scale {
  readonly t0: number;
  readonly t1: number;
  readonly columns: number;
}

/** The fractional column of virtual time `t`. */
export const column = (scale: Scale, t: number): number => {
  const span = Math.max(scale.t1 - scale.t0, 1e-9);
  return ((t - scale.t0) / span) * scale.columns;
};

/** The column a span starting at `t` (or a mark at `t`) takes first. */
export const startColumn = (scale: Scale, t: number): number =>
  Math.min(scale.columns - 1, Math.max(0, Math.floor(column(scale, t))));

/** The column after a span [start, end): at least one past its start. */
export const endColumn = (scale: Scale, start: number, end: number): number =>
  Math.min(scale.columns, Math.max(startColumn(scale, start) + 1, Math.ceil(column(scale, end))));

export const formatTime = (t: number): string => `${micros(t)} µs`;

/** `text` cut to `room` columns, with `…` where it was cut. */
export const clip = (text: string, room: number): string =>
  text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;
