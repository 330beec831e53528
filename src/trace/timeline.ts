// A compact text timeline for the terminal (`wdfsim run`): one row per track, time flowing right,
// callback bars keyed by letter (legend below), then the mark rows of timeline-marks.ts — IRQL a
// driver's lock raised, cancels, findings — and the first findings.

import type { Trace, TrackId } from "./events.js";
import { type IrqlStep, irqlSteps } from "./irql.js";
import { orderTracks, pairSlices, type Slice, traceEnd, traceStart } from "./slices.js";
import {
  type Cancel,
  cancelsRow,
  type Finding,
  findingList,
  findingsRow,
  hasIrqlRow,
  irqlRow,
  markLegend,
} from "./timeline-marks.js";
import { endColumn, formatTime, type Scale, startColumn } from "./timeline-scale.js";

export interface TimelineOptions {
  /** Total line width in columns (default 80). */
  readonly width?: number;
  /** ANSI colours; false writes no escape sequence at all. */
  readonly color: boolean;
}

type Paint = (text: string) => string;

const MIN_COLUMNS = 10;
const KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PALETTE = ["36", "32", "35", "34", "33"] as const;
/** Indented under its processor's row. */
const IRQL_LABEL = "  irql";

const sgr =
  (color: boolean, code: string): Paint =>
  (text) =>
    color && text !== "" ? `\u001b[${code}m${text}\u001b[0m` : text;

/** The callback id without its object prefix: `EvtIoDeviceControl`, `EvtRequestCancel:MyCancel`. */
const shortName = (slice: Slice): string => {
  const prefix = slice.begin.type === "callback-begin" ? `${slice.begin.object}:` : "";
  return prefix !== "" && slice.name.startsWith(prefix) ? slice.name.slice(prefix.length) : slice.name;
};

/** One key per callback id, in order of first appearance (`?` past the 62nd). */
const assignKeys = (slices: readonly Slice[]): Map<string, number> => {
  const keys = new Map<string, number>();
  for (const slice of slices) if (!keys.has(slice.name)) keys.set(slice.name, keys.size);
  return keys;
};

const keyChar = (index: number): string => KEYS[index] ?? "?";

/** A row: its label, and its body once the label width has fixed the scale. */
interface Row {
  readonly label: string;
  readonly draw: (scale: Scale) => string;
}

/** Longer slices first, so a child or a zero-length callback paints over what encloses it. */
const byPaintOrder = (a: Slice, b: Slice): number => a.start - b.start || b.end - a.end || a.seq - b.seq;

/** A track's row: children paint over their parents, each run of one slice is one bar. */
const trackRow = (
  slices: readonly Slice[],
  keys: ReadonlyMap<string, number>,
  scale: Scale,
  paints: Paint[],
): string => {
  const cells: (Slice | null)[] = new Array(scale.columns).fill(null);
  for (const slice of [...slices].sort(byPaintOrder))
    cells.fill(slice, startColumn(scale, slice.start), endColumn(scale, slice.start, slice.end));
  let body = "";
  for (let i = 0; i < cells.length; ) {
    const slice = cells[i];
    let n = 1;
    while (i + n < cells.length && cells[i + n] === slice) n++;
    body += slice ? bar(slice, n, keys, paints) : " ".repeat(n);
    i += n;
  }
  return body;
};

/** `A:EvtWorkItem====` when the name fits, `A:EvtWork…` when some of it does, else `A===`. */
const bar = (slice: Slice, n: number, keys: ReadonlyMap<string, number>, paints: Paint[]): string => {
  const index = keys.get(slice.name)!;
  const label = `${keyChar(index)}:${shortName(slice)}`;
  const text =
    label.length <= n
      ? label + "=".repeat(n - label.length)
      : n >= 5
        ? `${label.slice(0, n - 1)}…`
        : keyChar(index) + "=".repeat(n - 1);
  return paints[index % paints.length]!(text);
};

const axis = (scale: Scale, indent: number): string => {
  const [left, right] = [formatTime(scale.t0), formatTime(scale.t1)];
  const gap = Math.max(1, scale.columns - left.length - right.length);
  return `${" ".repeat(indent)}${left}${" ".repeat(gap)}${right}`;
};

const legend = (keys: ReadonlyMap<string, number>, paints: Paint[]): string[] =>
  [...keys].map(([callback, index]) => `  ${paints[index % paints.length]!(keyChar(index))}  ${callback}`);

interface Painters {
  readonly bold: Paint;
  readonly red: Paint;
  readonly bars: Paint[];
}

/** What the rows show: callback slices with their keys, IRQL steps, cancels and findings. */
interface Content {
  readonly tracks: readonly TrackId[];
  readonly slices: readonly Slice[];
  readonly keys: ReadonlyMap<string, number>;
  readonly irql: ReadonlyMap<TrackId, readonly IrqlStep[]>;
  readonly cancels: readonly Cancel[];
  readonly findings: readonly Finding[];
}

/** Everything the timeline draws, from the trace. */
const contentOf = (trace: Trace): Content => {
  const tracks = orderTracks(trace);
  const slices = pairSlices(trace).filter((slice) => slice.kind === "callback");
  return {
    tracks,
    slices,
    keys: assignKeys(slices),
    irql: irqlSteps(trace, tracks, slices, traceStart(trace)),
    cancels: trace.events.filter((event): event is Cancel => event.type === "request-cancel"),
    findings: trace.events.filter((event): event is Finding => event.type === "finding"),
  };
};

/** Per track its row (and its irql row when a driver's lock moved its IRQL), then cancels, findings. */
const timelineRows = (content: Content, paint: Painters): Row[] => {
  const rows: Row[] = [];
  for (const track of content.tracks) {
    const slices = content.slices.filter((slice) => slice.track === track);
    rows.push({ label: track, draw: (scale) => trackRow(slices, content.keys, scale, paint.bars) });
    const steps = content.irql.get(track) ?? [];
    if (hasIrqlRow(steps)) rows.push({ label: IRQL_LABEL, draw: (scale) => irqlRow(steps, scale) });
  }
  if (content.cancels.length > 0)
    rows.push({ label: "cancels", draw: (scale) => cancelsRow(content.cancels, scale) });
  if (content.findings.length > 0)
    rows.push({ label: "findings", draw: (scale) => findingsRow(content.findings, scale, paint.red) });
  return rows;
};

/**
 * The trace as a text timeline: a row per processor and worker thread, a bar per callback (the
 * innermost shows where one preempts another), IRQL raised by driver locks, cancels and findings
 * as marks, a legend and the first findings.
 * @example process.stdout.write(renderTimeline(result.trace, { color: false, width: 100 }));
 */
export const renderTimeline = (trace: Trace, opts: TimelineOptions): string => {
  const paint: Painters = {
    bold: sgr(opts.color, "1"),
    red: sgr(opts.color, "1;31"),
    bars: PALETTE.map((code) => sgr(opts.color, code)),
  };
  const width = opts.width ?? 80;
  const content = contentOf(trace);
  const rows = timelineRows(content, paint);
  const labelWidth = Math.max(0, ...rows.map((row) => row.label.length));
  const columns = Math.max(MIN_COLUMNS, width - labelWidth - 3);
  const scale: Scale = { t0: traceStart(trace), t1: traceEnd(trace), columns };
  const cpus = `${trace.cpus} ${trace.cpus === 1 ? "cpu" : "cpus"}`;
  const header = `${paint.bold("timeline")}  ${cpus}, seed ${trace.seed}; 1 column = ${formatTime((scale.t1 - scale.t0) / columns)}`;
  const marks = markLegend(content.irql.values(), content.cancels, width);
  const legendLines = [...legend(content.keys, paint.bars), ...marks];
  return `${[
    header,
    ...rows.map((row) => `${paint.bold(row.label.padEnd(labelWidth))} |${row.draw(scale)}|`),
    axis(scale, labelWidth + 2),
    ...(legendLines.length > 0 ? ["", ...legendLines] : []),
    ...findingList(content.findings, width, paint),
  ].join("\n")}\n`;
};
