// Text report, "Locks" and "Callbacks": aligned tables of which lock each callback runs under
// and the highest IRQL the framework calls it at.
import type { ExplainCallback, ExplainLock, ExplainResult } from "../analyze/explain-result.js";
import { type Style, tableLines } from "./text-layout.js";
import { callbackName, lockHolders, lockKindName } from "./wording.js";

/** The "Locks" section lines; holders come from the whole result, even under `only`. */
export const lockTableLines = (
  locks: readonly ExplainLock[],
  full: ExplainResult,
  style: Style,
): string[] => {
  const rows = locks.map((lock) => {
    const holders = lockHolders(full, lock).map((callback) => callback.id);
    return [lock.id, lockKindName(lock.kind), lock.owner, holders.length > 0 ? holders.join(", ") : "—"];
  });
  return tableLines(["lock", "kind", "owner", "held by"], rows, style);
};

/** The "Callbacks" section lines: callback, driver function, lock or "—", IRQL. */
export const callbackTableLines = (callbacks: readonly ExplainCallback[], style: Style): string[] => {
  const rows = callbacks.map((callback) => [
    callbackName(callback),
    callback.function ?? "—",
    callback.lock ?? "—",
    callback.irql,
  ]);
  return tableLines(["callback", "function", "lock", "IRQL"], rows, style);
};
