// explain(): ResolvedDriver -> ExplainResult (shared/spec/explain-json.md, schema wdfsim.explain/1).

import type { DriverConfig } from "../model/config.js";
import { resolve } from "../model/resolve.js";
import type { ResolvedDriver, ResolvedLock } from "../model/resolved.js";
import { assumedVersion, formatVersion } from "../model/version.js";
import { explainObject, toSource } from "./explain-objects.js";
import {
  EXPLAIN_SCHEMA,
  type ExplainFinding,
  type ExplainLock,
  type ExplainPair,
  type ExplainResult,
} from "./explain-result.js";
import { lintFindings } from "./lints.js";
import { canOverlap } from "./pairs.js";

/** Every lock an object or callback names, each once, in order of first mention. */
const collectLocks = (driver: ResolvedDriver): ExplainLock[] => {
  const seen = new Map<string, ResolvedLock>();
  const add = (lock: ResolvedLock | null): void => {
    if (lock !== null && !seen.has(lock.id)) seen.set(lock.id, lock);
  };
  for (const object of driver.objects) if (object.failure === null) add(object.callbackLock);
  for (const cb of driver.callbacks) add(cb.lock);
  return [...seen.values()].map((l) => ({ id: l.id, kind: l.kind, owner: l.owner }));
};

/** Every unordered pair, each callback with itself included, in callback order. */
export const explainPairs = (driver: ResolvedDriver): ExplainPair[] => {
  const objects = new Map(driver.objects.map((o) => [o.id, o]));
  const cbs = driver.callbacks;
  const pairs: ExplainPair[] = new Array((cbs.length * (cbs.length + 1)) / 2);
  // Reasons repeat across pairs; sharing one string per sentence keeps 500k pairs light (bench/).
  const interned = new Map<string, string>();
  let k = 0;
  for (let i = 0; i < cbs.length; i++) {
    const a = cbs[i]!;
    for (let j = i; j < cbs.length; j++) {
      const b = cbs[j]!;
      const d = canOverlap(a, b, objects);
      let why = interned.get(d.why);
      if (why === undefined) {
        why = d.why;
        interned.set(why, why);
      }
      pairs[k++] = { a: a.id, b: b.id, concurrent: d.concurrent, why };
    }
  }
  return pairs;
};

// VER-1: an unstated client version is evaluated as the newest headers, and said so once.
const versionFinding = (driver: ResolvedDriver): ExplainFinding[] =>
  driver.version !== null
    ? []
    : [
        {
          rule: "VER-1",
          severity: "info",
          message: `No client framework version stated; version gates are evaluated as ${driver.framework === "kmdf" ? "KMDF" : "UMDF"} ${formatVersion(assumedVersion(driver.framework))}.`,
          object: null,
          source: null,
        },
      ];

export const explainResolved = (driver: ResolvedDriver, config: DriverConfig): ExplainResult => ({
  schema: EXPLAIN_SCHEMA,
  framework: driver.framework,
  objects: driver.objects.map(explainObject),
  locks: collectLocks(driver),
  callbacks: driver.callbacks.map((cb) => ({
    id: cb.id,
    object: cb.object,
    event: cb.event,
    function: cb.function,
    lock: cb.lock?.id ?? null,
    irql: cb.irql,
  })),
  pairs: explainPairs(driver),
  findings: [
    ...config.notes.map((n) => ({ ...n, source: toSource(n.source) })),
    ...driver.findings.map((f) => ({ ...f, source: toSource(f.source) })),
    ...lintFindings(driver),
    ...versionFinding(driver),
  ],
});

/** The whole explain answer for a driver configuration. */
export const explain = (config: DriverConfig): ExplainResult => explainResolved(resolve(config), config);
