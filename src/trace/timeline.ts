// A compact text timeline for the terminal (`wdfsim run`): one row per track, time flowing right,
// callback bars keyed by letter (legend below), `!` where findings happened, then the first findings.

import { micros } from "./chrome-event.js";
import type { Trace, TraceEvent } from "./events.js";
import { orderTracks, pairSlices, type Slice, traceEnd, traceStart } from "./slices.js";

export interface TimelineOptions {
  /** Total line width in columns (default 80). */
  readonly width?: number;
  /** ANSI colours; false writes no escape sequence at all. */
  readonly color: boolean;
}

type Finding = Extract<TraceEvent, { type: "finding" }>;
type Paint = (text: string) => string;

/** Findings listed under the timeline; the rest are counted. */
const MAX_FINDINGS = 5;
const MIN_COLUMNS = 10;
const KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PALETTE = ["36", "32", "35", "34", "33"] as const;

const sgr =
  (color: boolean, code: string): Paint =>
  (text) =>
    color && text !== "" ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Maps virtual time to columns: [floor(start), ceil(end)) so every slice gets at least one. */
interface Scale {
  readonly t0: number;
  readonly t1: number;
  readonly columns: number;
}

const column = (scale: Scale, t: number): number => {
  const span = Math.max(scale.t1 - scale.t0, 1e-9);
  return ((t - scale.t0) / span) * scale.columns;
};

const startColumn = (scale: Scale, t: number): number =>
  Math.min(scale.columns - 1, Math.max(0, Math.floor(column(scale, t))));

const endColumn = (scale: Scale, slice: Slice): number =>
  Math.min(scale.columns, Math.max(startColumn(scale, slice.start) + 1, Math.ceil(column(scale, slice.end))));

const formatTime = (t: number): string => `${micros(t)} µs`;

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

interface Row {
  readonly label: string;
  readonly body: string;
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
    cells.fill(slice, startColumn(scale, slice.start), endColumn(scale, slice));
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

const findingsRow = (findings: readonly Finding[], scale: Scale, red: Paint): string => {
  const cells: string[] = new Array(scale.columns).fill(" ");
  for (const finding of findings) cells[startColumn(scale, finding.t)] = red("!");
  return cells.join("");
};

const axis = (scale: Scale, indent: number): string => {
  const [left, right] = [formatTime(scale.t0), formatTime(scale.t1)];
  const gap = Math.max(1, scale.columns - left.length - right.length);
  return `${" ".repeat(indent)}${left}${" ".repeat(gap)}${right}`;
};

const legend = (keys: ReadonlyMap<string, number>, paints: Paint[]): string[] =>
  [...keys].map(([callback, index]) => `  ${paints[index % paints.length]!(keyChar(index))}  ${callback}`);

const findingList = (findings: readonly Finding[], bold: Paint, red: Paint): string[] => {
  if (findings.length === 0) return [];
  const shown = findings.slice(0, MAX_FINDINGS);
  const timeWidth = Math.max(...shown.map((f) => formatTime(f.t).length));
  const trackWidth = Math.max(...shown.map((f) => (f.track || "-").length));
  const lines = shown.map(
    (f) =>
      `  ${red("!")} ${formatTime(f.t).padStart(timeWidth)}  ${(f.track || "-").padEnd(trackWidth)}  ${bold(f.rule)}: ${f.message}`,
  );
  const more = findings.length - shown.length;
  return ["", bold(`findings (${findings.length})`), ...lines, ...(more > 0 ? [`  … and ${more} more`] : [])];
};

const layoutRows = (rows: readonly Row[], labelWidth: number, bold: Paint): string[] =>
  rows.map((row) => `${bold(row.label.padEnd(labelWidth))} |${row.body}|`);

interface Painters {
  readonly bold: Paint;
  readonly red: Paint;
  readonly bars: Paint[];
}

/** What the rows show: callback slices with their keys, and findings. */
interface Content {
  readonly slices: readonly Slice[];
  readonly keys: ReadonlyMap<string, number>;
  readonly findings: readonly Finding[];
}

/** Rows per track, then the findings row when there are findings. */
const timelineRows = (trace: Trace, content: Content, scale: Scale, paint: Painters): Row[] => {
  const rows: Row[] = orderTracks(trace).map((track) => ({
    label: track,
    body: trackRow(
      content.slices.filter((slice) => slice.track === track),
      content.keys,
      scale,
      paint.bars,
    ),
  }));
  if (content.findings.length > 0) {
    rows.push({ label: "findings", body: findingsRow(content.findings, scale, paint.red) });
  }
  return rows;
};

/**
 * The trace as a text timeline: a row per processor and worker thread, a bar per callback (the
 * innermost shows where one preempts another), `!` markers, a legend and the first findings.
 * @example process.stdout.write(renderTimeline(result.trace, { color: false, width: 100 }));
 */
export const renderTimeline = (trace: Trace, opts: TimelineOptions): string => {
  const paint: Painters = {
    bold: sgr(opts.color, "1"),
    red: sgr(opts.color, "1;31"),
    bars: PALETTE.map((code) => sgr(opts.color, code)),
  };
  const slices = pairSlices(trace).filter((slice) => slice.kind === "callback");
  const findings = trace.events.filter((event): event is Finding => event.type === "finding");
  const labels = [...orderTracks(trace), ...(findings.length > 0 ? ["findings"] : [])];
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const columns = Math.max(MIN_COLUMNS, (opts.width ?? 80) - labelWidth - 3);
  const scale: Scale = { t0: traceStart(trace), t1: traceEnd(trace), columns };
  const content: Content = { slices, keys: assignKeys(slices), findings };
  const cpus = `${trace.cpus} ${trace.cpus === 1 ? "cpu" : "cpus"}`;
  const header = `${paint.bold("timeline")}  ${cpus}, seed ${trace.seed}; 1 column = ${formatTime((scale.t1 - scale.t0) / columns)}`;
  return `${[
    header,
    ...layoutRows(timelineRows(trace, content, scale, paint), labelWidth, paint.bold),
    axis(scale, labelWidth + 2),
    ...(content.keys.size > 0 ? ["", ...legend(content.keys, paint.bars)] : []),
    ...findingList(findings, paint.bold, paint.red),
  ].join("\n")}\n`;
};
