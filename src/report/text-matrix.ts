// Text report, "Can these run at the same time?": a concurrency matrix for up to MATRIX_LIMIT
// callbacks, then every pair with its `why`, serialized pairs first (CC-1..CC-6, S-10).
import type { ExplainCallback, ExplainPair } from "../analyze/explain-result.js";
import type { ReportView } from "./only.js";
import { displayWidth, layoutColumns, type Style, wrapProse } from "./text-layout.js";
import { callbackName, groupPairs, joinBlocks } from "./wording.js";

/** The most callbacks drawn as a matrix; above it only the pair list is printed. */
export const MATRIX_LIMIT = 24;

const CONCURRENT = "●";
const SERIALIZED = "·";

/** Matrix columns: the shown callbacks and their partners in the shown pairs, in result order. */
export const matrixColumns = (view: ReportView): readonly ExplainCallback[] => {
  const ids = new Set(view.shown.callbacks.map((callback) => callback.id));
  for (const pair of view.shown.pairs) ids.add(pair.a).add(pair.b);
  return view.full.callbacks.filter((callback) => ids.has(callback.id));
};

const pairKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

const matrixCell = (pair: ExplainPair | undefined, style: Style): string => {
  if (pair === undefined) return " ";
  return pair.concurrent ? style.yellow(CONCURRENT) : style.dim(SERIALIZED);
};

type Labels = ReadonlyMap<string, string>;

/** Short matrix labels A, B, C… by column (MATRIX_LIMIT keeps them within the alphabet). */
const matrixLabels = (columns: readonly ExplainCallback[]): Labels =>
  new Map(columns.map((callback, i) => [callback.id, String.fromCharCode(65 + i)]));

const matrixLines = (
  view: ReportView,
  columns: readonly ExplainCallback[],
  labelOf: Labels,
  style: Style,
): string[] => {
  const labels = [...labelOf.values()];
  const pairs = new Map(view.shown.pairs.map((pair) => [pairKey(pair.a, pair.b), pair]));
  const lines = [`     ${style.dim(labels.join(" "))}`];
  for (const row of view.shown.callbacks) {
    const cells = columns.map((column) => matrixCell(pairs.get(pairKey(row.id, column.id)), style));
    lines.push(`  ${style.dim(labelOf.get(row.id) ?? "?")}  ${cells.join(" ")}`);
  }
  const legend = columns.map((callback) => [labelOf.get(callback.id)!, callbackName(callback)]);
  lines.push(
    "",
    `  ${CONCURRENT} can overlap   ${SERIALIZED} never at the same time`,
    ...layoutColumns(legend, "  "),
  );
  return lines;
};

const pairLines = (pair: ExplainPair, labelOf: Labels | null, width: number | undefined): string[] => {
  const names = pair.a === pair.b ? `${pair.a} with itself` : `${pair.a} and ${pair.b}`;
  const tag = labelOf === null ? "" : `${labelOf.get(pair.a) ?? "?"}–${labelOf.get(pair.b) ?? "?"}  `;
  const whyIndent = " ".repeat(4 + displayWidth(tag) + 2);
  return [`    ${tag}${names}`, ...wrapProse(pair.why, width, whyIndent, whyIndent)];
};

const pairGroupLines = (
  title: string,
  pairs: readonly ExplainPair[],
  labelOf: Labels | null,
  width: number | undefined,
  style: Style,
): string[] => {
  const heading = `  ${style.bold(title)} (${pairs.length} ${pairs.length === 1 ? "pair" : "pairs"})`;
  if (pairs.length === 0) return [heading, "    (none)"];
  return [heading, ...pairs.flatMap((pair) => pairLines(pair, labelOf, width))];
};

/** The "Can these run at the same time?" section lines (without its heading). */
export const concurrencyLines = (view: ReportView, style: Style, width: number | undefined): string[] => {
  const columns = matrixColumns(view);
  if (columns.length === 0) return ["  no callbacks"];
  const labelOf = columns.length <= MATRIX_LIMIT ? matrixLabels(columns) : null;
  const lines = labelOf
    ? matrixLines(view, columns, labelOf, style)
    : [
        `  ${columns.length} callbacks: too many for a matrix (it shows up to ${MATRIX_LIMIT}), pairs listed only.`,
      ];
  const { serialized, concurrent } = groupPairs(view.shown.pairs);
  return joinBlocks([
    lines,
    pairGroupLines("Never at the same time", serialized, labelOf, width, style),
    pairGroupLines("Can overlap", concurrent, labelOf, width, style),
  ]);
};
