// `wdfsim explain --markdown`: the explain result for a forum post or a code review — headings,
// GitHub tables for objects, locks, callbacks and pairs, findings as a list. No ANSI.
import type { ExplainFinding, ExplainPair, ExplainResult } from "../analyze/explain-result.js";
import { focusOn } from "./only.js";
import {
  callbackName,
  findingGroups,
  findingLocation,
  frameworkName,
  groupPairs,
  isFailed,
  joinBlocks,
  kindName,
  levelText,
  lockHolders,
  lockKindName,
  noMatchText,
  objectDetails,
  resultCounts,
  scopeText,
} from "./wording.js";

export interface MarkdownOptions {
  /** An object id, callback id or driver function name to restrict the report to. */
  readonly only?: string | null;
}

/** A code span, or "—" for a missing value. */
const code = (text: string | null): string => (text === null || text === "" ? "—" : `\`${text}\``);

/** Table cells stay on one line and cannot end the cell early. */
const cell = (text: string): string => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

const table = (titles: readonly string[], rows: readonly (readonly string[])[]): string[] => {
  if (rows.length === 0) return ["None."];
  return [
    `| ${titles.join(" | ")} |`,
    `|${titles.map(() => " --- |").join("")}`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
};

const objectsTable = (result: ExplainResult): string[] =>
  table(
    ["object", "kind", "scope", "level", "dispatch / serialization", "lock", "status"],
    result.objects.map((object) => [
      code(object.id),
      kindName(object.kind),
      scopeText(object),
      levelText(object),
      objectDetails(object) || "—",
      code(object.lock),
      isFailed(object) ? `✗ ${code(object.status)}` : "ok",
    ]),
  );

const locksTable = (shown: ExplainResult, full: ExplainResult): string[] =>
  table(
    ["lock", "kind", "owner", "held by"],
    shown.locks.map((lock) => {
      const holders = lockHolders(full, lock).map((callback) => code(callback.id));
      return [code(lock.id), lockKindName(lock.kind), code(lock.owner), holders.join(", ") || "—"];
    }),
  );

const callbacksTable = (result: ExplainResult): string[] =>
  table(
    ["callback", "function", "lock", "IRQL"],
    result.callbacks.map((callback) => [
      code(callbackName(callback)),
      code(callback.function),
      code(callback.lock),
      callback.irql,
    ]),
  );

const pairRow = (pair: ExplainPair): string[] => [
  code(pair.a),
  pair.a === pair.b ? "itself" : code(pair.b),
  pair.concurrent ? "yes" : "no",
  pair.why,
];

/** Serialized pairs first ("never at the same time"), then those that can overlap. */
const pairsTable = (result: ExplainResult): string[] => {
  const { serialized, concurrent } = groupPairs(result.pairs);
  return table(
    ["callback A", "callback B", "at the same time?", "why"],
    [...serialized, ...concurrent].map(pairRow),
  );
};

const findingItem = (finding: ExplainFinding): string => {
  const location = findingLocation(finding);
  return `- ${code(finding.rule)} ${finding.message.replace(/\r?\n/g, " ")}${location ? ` (${code(location)})` : ""}`;
};

const findingsList = (findings: readonly ExplainFinding[]): string[] => {
  if (findings.length === 0) return ["None."];
  return joinBlocks(
    findingGroups(findings).map((group) => [`### ${group.heading}`, "", ...group.findings.map(findingItem)]),
  );
};

/**
 * Renders an explain result as GitHub markdown. Byte-identical for the same result and options.
 * @example renderMarkdown(explain(driver), { only: "MyEvtIoDeviceControl" })
 */
export const renderMarkdown = (result: ExplainResult, opts: MarkdownOptions): string => {
  const view = focusOn(result, opts.only);
  if (view === null) return `${noMatchText(opts.only ?? "")}\n`;
  const { shown } = view;
  const blocks = [
    [`# wdfsim explain: ${frameworkName(result.framework)} driver`],
    [`${resultCounts(result)}.`],
    ...(view.only === null ? [] : [[`Showing only what involves ${code(view.only)}.`]]),
    ["## Objects", "", ...objectsTable(shown)],
    ["## Locks", "", ...locksTable(shown, result)],
    ["## Callbacks", "", ...callbacksTable(shown)],
    ["## Can these run at the same time?", "", ...pairsTable(shown)],
    ["## Findings", "", ...findingsList(shown.findings)],
  ];
  return `${joinBlocks(blocks).join("\n")}\n`;
};
