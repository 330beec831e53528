// Shared lookups for the expert lints.

import type { ResolvedCallback, ResolvedDriver, ResolvedObject } from "../model/resolved.js";
import { toSource } from "./explain-objects.js";
import type { ExplainFinding, Severity } from "./explain-result.js";

export interface LintContext {
  readonly driver: ResolvedDriver;
  readonly objects: ReadonlyMap<string, ResolvedObject>;
  /** Existing objects only. */
  readonly live: readonly ResolvedObject[];
  readonly callbacksByLock: ReadonlyMap<string, readonly ResolvedCallback[]>;
}

export const lintContext = (driver: ResolvedDriver): LintContext => {
  const byLock = new Map<string, ResolvedCallback[]>();
  for (const cb of driver.callbacks) {
    if (cb.lock === null) continue;
    const list = byLock.get(cb.lock.id) ?? [];
    list.push(cb);
    byLock.set(cb.lock.id, list);
  }
  return {
    driver,
    objects: new Map(driver.objects.map((o) => [o.id, o])),
    live: driver.objects.filter((o) => o.exists),
    callbacksByLock: byLock,
  };
};

export const finding = (
  rule: string,
  severity: Severity,
  object: ResolvedObject | null,
  message: string,
): ExplainFinding => ({
  rule,
  severity,
  message,
  object: object?.id ?? null,
  source: toSource(object?.config.source),
});

export const isDeferredObject = (o: ResolvedObject): boolean =>
  o.config.kind === "workitem" ||
  o.config.kind === "timer" ||
  o.config.kind === "dpc" ||
  o.config.kind === "interrupt";

export const callbacksOf = (ctx: LintContext, object: string): ResolvedCallback[] =>
  ctx.driver.callbacks.filter((cb) => cb.object === object);
