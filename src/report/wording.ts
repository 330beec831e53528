// Shared wording of the human-readable explain reports (text and markdown): how objects, locks,
// callbacks, pairs and findings are phrased. Input is the wdfsim.explain/1 result as is.
import type {
  ExplainCallback,
  ExplainFinding,
  ExplainLock,
  ExplainObject,
  ExplainObjectKind,
  ExplainPair,
  ExplainResult,
  Severity,
} from "../analyze/explain-result.js";

export const SUCCESS = "STATUS_SUCCESS";

/** Severities in report order, with their group headings. */
const SEVERITIES: readonly { readonly severity: Severity; readonly heading: string }[] = [
  { severity: "error", heading: "Errors" },
  { severity: "warning", heading: "Warnings" },
  { severity: "info", heading: "Info" },
];

export interface FindingGroup {
  readonly severity: Severity;
  readonly heading: string;
  readonly findings: readonly ExplainFinding[];
}

/** Findings grouped errors, warnings, info (empty groups left out), result order within a group. */
export const findingGroups = (findings: readonly ExplainFinding[]): FindingGroup[] =>
  SEVERITIES.map(({ severity, heading }) => ({
    severity,
    heading,
    findings: findings.filter((finding) => finding.severity === severity),
  })).filter((group) => group.findings.length > 0);

/** Blocks of lines joined with one blank line between them. */
export const joinBlocks = (blocks: readonly (readonly string[])[]): string[] =>
  blocks.flatMap((block, i) => (i === 0 ? block : ["", ...block]));

export const frameworkName = (framework: ExplainResult["framework"]): string =>
  framework === "kmdf" ? "KMDF" : "UMDF 2";

export const kindName = (kind: ExplainObjectKind): string => {
  switch (kind) {
    case "workitem":
      return "work item";
    case "dpc":
      return "DPC";
    case "fileobject":
      return "file object";
    case "driver":
    case "device":
    case "queue":
    case "timer":
    case "interrupt":
    case "other":
      return kind;
    default: {
      const never: never = kind;
      return never;
    }
  }
};

export const lockKindName = (kind: ExplainLock["kind"]): string => (kind === "spin" ? "spin lock" : "mutex");

export const isFailed = (object: ExplainObject): boolean => object.status !== SUCCESS;

/** The last segment of an object id path (`device/ioctlQueue` → `ioctlQueue`). */
export const lastSegment = (id: string): string => id.slice(id.lastIndexOf("/") + 1);

const resolvedText = (declared: string | null, effective: string): string => {
  if (declared === null) return `${effective} (assumed; not statically known)`;
  if (declared === "InheritFromParent") return `${effective} (inherited)`;
  return declared === effective ? effective : `${declared} → ${effective}`;
};

/** Declared → effective synchronization scope: `Queue`, `Queue (inherited)` or `Queue → None`. */
export const scopeText = (object: ExplainObject): string =>
  resolvedText(object.declared.syncScope, object.effective.syncScope);

/** Declared → effective execution level, phrased like {@link scopeText}. */
export const levelText = (object: ExplainObject): string =>
  resolvedText(object.declared.executionLevel, object.effective.executionLevel);

const SERIALIZED_KINDS: readonly ExplainObjectKind[] = ["workitem", "timer", "dpc", "interrupt"];

/** Dispatch type for queues, AutomaticSerialization for work items, timers, DPCs and interrupts. */
export const objectDetails = (object: ExplainObject): string => {
  const { dispatch, numberOfPresentedRequests, automaticSerialization } = object.declared;
  if (object.kind === "queue") {
    if (dispatch === null) return "dispatch unknown";
    return numberOfPresentedRequests === null ? dispatch : `${dispatch} (max ${numberOfPresentedRequests})`;
  }
  if (!SERIALIZED_KINDS.includes(object.kind)) return "";
  if (automaticSerialization === null) return "AutomaticSerialization unknown";
  return `AutomaticSerialization=${automaticSerialization ? "TRUE" : "FALSE"}`;
};

/** The callback's id, with its WDF event appended when the id does not already name it. */
export const callbackName = (callback: ExplainCallback): string =>
  callback.id.includes(callback.event) ? callback.id : `${callback.id} (${callback.event})`;

/** The callbacks the framework runs while holding `lock`, in result order. */
export const lockHolders = (result: ExplainResult, lock: ExplainLock): readonly ExplainCallback[] =>
  result.callbacks.filter((callback) => callback.lock === lock.id);

/** Where a finding points: `file:line` when its source is known, else its object id. */
export const findingLocation = (finding: ExplainFinding): string => {
  if (finding.source !== null) return `${finding.source.file}:${finding.source.line}`;
  return finding.object ?? "";
};

/** Pairs split into "never at the same time" and "can overlap", each in result order. */
export const groupPairs = (
  pairs: readonly ExplainPair[],
): { readonly serialized: readonly ExplainPair[]; readonly concurrent: readonly ExplainPair[] } => ({
  serialized: pairs.filter((pair) => !pair.concurrent),
  concurrent: pairs.filter((pair) => pair.concurrent),
});

const plural = (count: number, one: string, many: string = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** `1 error, 2 warnings, 0 info`. */
export const findingCounts = (findings: readonly ExplainFinding[]): string =>
  SEVERITIES.map(({ severity }) => {
    const count = findings.filter((finding) => finding.severity === severity).length;
    return severity === "info" ? `${count} info` : plural(count, severity);
  }).join(", ");

/** `4 objects (1 failed), 2 locks, 3 callbacks, 6 pairs, 3 findings`. */
export const resultCounts = (result: ExplainResult): string => {
  const failed = result.objects.filter(isFailed).length;
  return [
    plural(result.objects.length, "object") + (failed > 0 ? ` (${failed} failed)` : ""),
    plural(result.locks.length, "lock"),
    plural(result.callbacks.length, "callback"),
    plural(result.pairs.length, "pair"),
    plural(result.findings.length, "finding"),
  ].join(", ");
};

/** The one line printed when `only` names nothing in the result. */
export const noMatchText = (only: string): string =>
  `Nothing here is called "${only}": it is not an object id, a callback id or a driver function name.`;
