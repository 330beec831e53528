// Lookups into an explain result (shared/spec/explain-json.md), so analyze tests name callbacks,
// objects and pairs by their contract ids and fail with a message listing what was there.

import type {
  ExplainCallback,
  ExplainFinding,
  ExplainLock,
  ExplainObject,
  ExplainPair,
  ExplainResult,
} from "../../src/analyze/explain-result.js";

/** The pair of callbacks `a` and `b`, in either order; `b` omitted: the self-pair of `a`. */
export const pairOf = (result: ExplainResult, a: string, b: string = a): ExplainPair => {
  const found = result.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (found === undefined) {
    throw new Error(`no pair ${a} / ${b}; callbacks: ${result.callbacks.map((c) => c.id).join(", ")}`);
  }
  return found;
};

/** The callbacks[] entry with this id. */
export const callbackNamed = (result: ExplainResult, id: string): ExplainCallback => {
  const found = result.callbacks.find((c) => c.id === id);
  if (found === undefined)
    throw new Error(`no callback ${id}; have ${result.callbacks.map((c) => c.id).join(", ")}`);
  return found;
};

/** The objects[] entry with this id. */
export const objectNamed = (result: ExplainResult, id: string): ExplainObject => {
  const found = result.objects.find((o) => o.id === id);
  if (found === undefined)
    throw new Error(`no object ${id}; have ${result.objects.map((o) => o.id).join(", ")}`);
  return found;
};

/** The locks[] entry for a lock id taken from an object's or callback's `lock` (null for none). */
export const lockEntry = (result: ExplainResult, id: string | null): ExplainLock | null =>
  id === null ? null : (result.locks.find((l) => l.id === id) ?? null);

/** The findings of one rule. */
export const findingsOf = (result: ExplainResult, rule: string): ExplainFinding[] =>
  result.findings.filter((f) => f.rule === rule);
