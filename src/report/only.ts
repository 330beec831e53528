// The `only` focus of the human-readable reports: restricts an explain result to what involves
// one object id, callback id or driver function name.
import type { ExplainResult } from "../analyze/explain-result.js";

/** What a report shows: the whole result, and the part of it that involves `only`. */
export interface ReportView {
  readonly full: ExplainResult;
  readonly shown: ExplainResult;
  readonly only: string | null;
}

/**
 * Restricts `result` to `only`: the object with that id, the callbacks with that id, driver
 * function or object, the pairs where either side is such a callback, the locks those objects and
 * callbacks own or take, and the findings on those objects. Returns `null` when `only` names
 * nothing; an empty or missing `only` shows everything.
 */
export const focusOn = (result: ExplainResult, only: string | null | undefined): ReportView | null => {
  if (only === null || only === undefined || only === "") return { full: result, shown: result, only: null };
  const isObject = result.objects.some((object) => object.id === only);
  const callbacks = result.callbacks.filter(
    (callback) => callback.id === only || callback.function === only || callback.object === only,
  );
  if (!isObject && callbacks.length === 0) return null;
  const objectIds = new Set(callbacks.map((callback) => callback.object));
  if (isObject) objectIds.add(only);
  const callbackIds = new Set(callbacks.map((callback) => callback.id));
  const objects = result.objects.filter((object) => objectIds.has(object.id));
  const lockIds = new Set([...objects, ...callbacks].map((item) => item.lock));
  const shown: ExplainResult = {
    ...result,
    objects,
    locks: result.locks.filter((lock) => lockIds.has(lock.id) || objectIds.has(lock.owner)),
    callbacks,
    pairs: result.pairs.filter((pair) => callbackIds.has(pair.a) || callbackIds.has(pair.b)),
    findings: result.findings.filter((finding) => finding.object !== null && objectIds.has(finding.object)),
  };
  return { full: result, shown, only };
};
