// `wdfsim explain` as a terminal report a driver writer reads in 30 seconds: header, object
// tree, locks, callbacks, who can run at the same time (and why), findings.
import type { ExplainResult } from "../analyze/explain-result.js";
import { focusOn } from "./only.js";
import { findingLines } from "./text-findings.js";
import { makeStyle, type Style } from "./text-layout.js";
import { concurrencyLines } from "./text-matrix.js";
import { callbackTableLines, lockTableLines } from "./text-tables.js";
import { objectTreeLines } from "./text-tree.js";
import { findingCounts, frameworkName, joinBlocks, noMatchText, resultCounts } from "./wording.js";

export interface TextOptions {
  /** ANSI styling; the CLI passes false when stdout is not a TTY or NO_COLOR is set. */
  readonly color: boolean;
  /** An object id, callback id or driver function name to restrict the report to. */
  readonly only?: string | null;
  /** Terminal width for wrapping prose; unset keeps each sentence on one line. */
  readonly width?: number;
}

const section = (title: string, lines: readonly string[], style: Style): string[] =>
  lines.length === 0 ? [style.bold(title), "  none"] : [style.bold(title), ...lines];

/**
 * Renders an explain result for the terminal. Byte-identical for the same result and options.
 * @example renderText(explain(driver), { color: false, only: "device/ioctlQueue" })
 */
export const renderText = (result: ExplainResult, opts: TextOptions): string => {
  const view = focusOn(result, opts.only);
  if (view === null) return `${noMatchText(opts.only ?? "")}\n`;
  const style = makeStyle(opts.color);
  const { shown } = view;
  const header = [
    style.bold(`wdfsim explain: ${frameworkName(result.framework)} driver`) + ` — ${resultCounts(result)}`,
    ...(view.only === null ? [] : [`Showing only what involves "${view.only}".`]),
  ];
  const sections = [
    header,
    section("Objects", objectTreeLines(shown.objects, style), style),
    section("Locks", lockTableLines(shown.locks, result, style), style),
    section("Callbacks", callbackTableLines(shown.callbacks, style), style),
    section("Can these run at the same time?", concurrencyLines(view, style, opts.width), style),
    section(
      `Findings (${findingCounts(shown.findings)})`,
      findingLines(shown.findings, style, opts.width),
      style,
    ),
  ];
  return `${joinBlocks(sections).join("\n")}\n`;
};
