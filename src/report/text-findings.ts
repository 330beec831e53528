// Text report, "Findings": grouped by severity (errors, warnings, info); each line gives the rule,
// `file:line` (so editors can jump there) or the object id, and the message.
import type { ExplainFinding, Severity } from "../analyze/explain-result.js";
import { displayWidth, type Paint, padEnd, type Style, wrapProse } from "./text-layout.js";
import { findingGroups, findingLocation, joinBlocks } from "./wording.js";

const severityPaint = (severity: Severity, style: Style): Paint => {
  switch (severity) {
    case "error":
      return style.red;
    case "warning":
      return style.yellow;
    case "info":
      return style.dim;
    default: {
      const never: never = severity;
      return never;
    }
  }
};

/** Below this many columns for the message, continuation lines hang under the rule instead. */
const MIN_MESSAGE_WIDTH = 40;

const MARKERS: Readonly<Record<Severity, string>> = { error: "✗", warning: "!", info: "i" };

/** One severity group: the rule and location columns aligned, the message wrapped after them. */
const groupLines = (
  findings: readonly ExplainFinding[],
  severity: Severity,
  width: number | undefined,
  style: Style,
): string[] => {
  const paint = severityPaint(severity, style);
  const ruleWidth = Math.max(...findings.map((finding) => displayWidth(finding.rule)));
  const locationWidth = Math.max(...findings.map((finding) => displayWidth(findingLocation(finding))));
  return findings.flatMap((finding) => {
    const location = padEnd(findingLocation(finding), locationWidth);
    const prefix = `    ${MARKERS[severity]} ${padEnd(finding.rule, ruleWidth)}  ${location}  `;
    const narrow = width !== undefined && width - displayWidth(prefix) < MIN_MESSAGE_WIDTH;
    const hanging = " ".repeat(narrow ? 6 : displayWidth(prefix));
    return wrapProse(finding.message, width, prefix, hanging).map(paint);
  });
};

/** The "Findings" section lines (without its heading); "none" when there are none. */
export const findingLines = (
  findings: readonly ExplainFinding[],
  style: Style,
  width: number | undefined,
): string[] => {
  if (findings.length === 0) return ["  none"];
  return joinBlocks(
    findingGroups(findings).map(({ severity, heading, findings: group }) => [
      `  ${style.bold(heading)} (${group.length})`,
      ...groupLines(group, severity, width, style),
    ]),
  );
};
