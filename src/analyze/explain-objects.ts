// ResolvedObject -> the contract's `objects[]` entry (declared as written, effective as resolved).

import type { ObjectConfig, SourceSpan } from "../model/config.js";
import type { ResolvedObject } from "../model/resolved.js";
import type { ExplainDeclared, ExplainObject, ExplainSource } from "./explain-result.js";

export const toSource = (span: SourceSpan | null | undefined): ExplainSource | null =>
  span ? { file: span.file, line: span.line } : null;

const automaticSerialization = (config: ObjectConfig): boolean | null =>
  config.kind === "workitem" ||
  config.kind === "timer" ||
  config.kind === "dpc" ||
  config.kind === "interrupt"
    ? config.automaticSerialization
    : null;

export const declaredOf = (config: ObjectConfig): ExplainDeclared => {
  const queue = config.kind === "queue" ? config : null;
  return {
    syncScope: config.attributes?.synchronizationScope ?? "InheritFromParent",
    executionLevel: config.attributes?.executionLevel ?? "InheritFromParent",
    automaticSerialization: automaticSerialization(config),
    dispatch: queue?.dispatchType ?? null,
    numberOfPresentedRequests: queue?.numberOfPresentedRequests ?? null,
    defaultQueue: queue?.defaultQueue ?? null,
    powerManaged: queue?.powerManaged ?? null,
    period: config.kind === "timer" ? config.period : null,
  };
};

/** Unknown values are null in the contract (explain-json.md "Meanings"). */
const withUnknowns = (
  declared: ExplainDeclared,
  unknownFields: readonly string[] | undefined,
): ExplainDeclared => {
  if (!unknownFields || unknownFields.length === 0) return declared;
  const out: Record<string, unknown> = { ...declared };
  for (const field of unknownFields) if (field in out) out[field] = null;
  return out as unknown as ExplainDeclared;
};

export const explainObject = (object: ResolvedObject): ExplainObject => ({
  id: object.id,
  kind: object.config.kind,
  parent: object.config.parent,
  source: toSource(object.config.source),
  declared: withUnknowns(declaredOf(object.config), object.config.unknownFields),
  effective: { syncScope: object.scope, executionLevel: object.level },
  status: object.failure?.status ?? "STATUS_SUCCESS",
  lock: object.failure === null ? (object.callbackLock?.id ?? null) : null,
});
