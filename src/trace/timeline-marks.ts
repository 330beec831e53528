// The text timeline's mark rows and what they mean (timeline.ts): under a processor whose IRQL a
// driver's lock changed, an irql row (2 DISPATCH_LEVEL, 3 DIRQL); `x` where a request was
// cancelled; `!` where a finding happened, `#` for a Hang or Deadlock (BUG-24: the run is stuck);
// and the first findings, one line each (the run report prints them whole).

import type { IrqlName, TraceEvent } from "./events.js";
import { IRQL_LEVEL, type IrqlStep } from "./irql.js";
import { clip, endColumn, formatTime, type Scale, startColumn } from "./timeline-scale.js";

export type Finding = Extract<TraceEvent, { type: "finding" }>;
export type Cancel = Extract<TraceEvent, { type: "request-cancel" }>;
type Paint = (text: string) => string;

/** Findings listed under the timeline; the rest are counted. */
const MAX_FINDINGS = 5;
/** Rules that say the run is stuck (BUG-24): always listed, marked `#`. */
const STUCK: ReadonlySet<string> = new Set(["Hang", "Deadlock"]);
const STUCK_MARK = "#";

const findingMark = (finding: Finding): string => (STUCK.has(finding.rule) ? STUCK_MARK : "!");

/** One mark per point at its column; a stuck mark keeps its column. */
const marksRow = (
  points: readonly { readonly t: number; readonly mark: string }[],
  scale: Scale,
): string[] => {
  const cells: string[] = new Array(scale.columns).fill(" ");
  for (const { t, mark } of points) {
    const at = startColumn(scale, t);
    if (cells[at] !== STUCK_MARK) cells[at] = mark;
  }
  return cells;
};

/** `!` per finding, `#` per Hang or Deadlock. */
export const findingsRow = (findings: readonly Finding[], scale: Scale, red: Paint): string =>
  marksRow(
    findings.map((f) => ({ t: f.t, mark: findingMark(f) })),
    scale,
  )
    .map((cell) => (cell === " " ? cell : red(cell)))
    .join("");

/** `x` where a request was cancelled. */
export const cancelsRow = (cancels: readonly Cancel[], scale: Scale): string =>
  marksRow(
    cancels.map((c) => ({ t: c.t, mark: "x" })),
    scale,
  ).join("");

/** Did a driver's lock move this processor off its callback's IRQL? (Then it gets an irql row.) */
export const hasIrqlRow = (steps: readonly IrqlStep[]): boolean => steps.some((step) => step.raised);

/** The level digit wherever a driver's lock holds the processor off its callback's IRQL. */
export const irqlRow = (steps: readonly IrqlStep[], scale: Scale): string => {
  const cells: string[] = new Array(scale.columns).fill(" ");
  steps.forEach((step, i) => {
    if (!step.raised) return;
    const end = steps[i + 1]?.t ?? scale.t1;
    cells.fill(String(IRQL_LEVEL[step.irql]), startColumn(scale, step.t), endColumn(scale, step.t, end));
  });
  return cells.join("");
};

/** What an irql row's digit means (L-1 spin locks, PL-3 interrupt locks). */
const IRQL_MEANING: Readonly<Record<IrqlName, string>> = {
  PASSIVE_LEVEL: "irql PASSIVE_LEVEL, below the callback's own level",
  DISPATCH_LEVEL: "irql DISPATCH_LEVEL, raised by a spin lock",
  DIRQL: "irql DIRQL, raised by an interrupt lock",
};

/** What the marks mean: each irql digit shown, then the cancelled requests (as many as fit). */
export const markLegend = (
  irql: Iterable<readonly IrqlStep[]>,
  cancels: readonly Cancel[],
  width: number,
): string[] => {
  const shown = new Set([...irql].flatMap((steps) => steps.filter((s) => s.raised).map((s) => s.irql)));
  const levels = (Object.keys(IRQL_LEVEL) as IrqlName[]).filter((level) => shown.has(level));
  const lines = levels.map((level) => clip(`  ${IRQL_LEVEL[level]}  ${IRQL_MEANING[level]}`, width));
  if (cancels.length > 0) {
    const list = cancels.map((c) => `${c.request} at ${formatTime(c.t)}`).join(", ");
    lines.push(clip(`  x  cancelled: ${list}`, width));
  }
  return lines;
};

/** The first MAX_FINDINGS findings in trace order, every Hang and Deadlock among them first. */
const shownFindings = (findings: readonly Finding[]): Finding[] => {
  const stuck = findings.filter((f) => STUCK.has(f.rule)).slice(0, MAX_FINDINGS);
  const others = findings.filter((f) => !STUCK.has(f.rule)).slice(0, MAX_FINDINGS - stuck.length);
  return findings.filter((f) => stuck.includes(f) || others.includes(f));
};

/** One line per shown finding, its message cut to the width. */
export const findingList = (
  findings: readonly Finding[],
  width: number,
  paint: { readonly bold: Paint; readonly red: Paint },
): string[] => {
  if (findings.length === 0) return [];
  const shown = shownFindings(findings);
  const timeWidth = Math.max(...shown.map((f) => formatTime(f.t).length));
  const trackWidth = Math.max(...shown.map((f) => (f.track || "-").length));
  const lines = shown.map((f) => {
    const where = `${formatTime(f.t).padStart(timeWidth)}  ${(f.track || "-").padEnd(trackWidth)}`;
    const room = width - `  ! ${where}  ${f.rule}: `.length;
    return `  ${paint.red(findingMark(f))} ${where}  ${paint.bold(f.rule)}: ${clip(f.message, room)}`;
  });
  const more = findings.length - shown.length;
  return [
    "",
    paint.bold(`findings (${findings.length})`),
    ...lines,
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ];
};
