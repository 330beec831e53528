// Properties of explain() over random well-formed DriverConfigs (test/helpers/arbitraries.ts):
// pairs complete and symmetric, one lock never overlaps, failed objects contribute nothing,
// determinism, locks[] completeness, UMDF IRQL, spin locks never at PASSIVE_LEVEL.
// Fixed seed so the suite is deterministic; a counterexample becomes a named example test.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { ExplainResult } from "../../src/analyze/explain-result.js";
import { canOverlap } from "../../src/analyze/pairs.js";
import type { DriverConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import { driverConfig } from "../helpers/arbitraries.js";

const RUNS = { seed: 42, numRuns: 200 } as const;

const pairKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Objects that do not exist: failed ones, and everything whose parent (or queue device) does not exist. */
const deadObjects = (cfg: DriverConfig, result: ExplainResult): Set<string> => {
  const status = new Map(result.objects.map((o) => [o.id, o.status]));
  const dead = new Set<string>();
  // Parents come before children in the config, so one pass sees every ancestor first.
  for (const o of cfg.objects) {
    const deps = [o.parent, o.kind === "queue" ? o.device : null].filter((d): d is string => d !== null);
    if (status.get(o.id) !== "STATUS_SUCCESS" || deps.some((d) => dead.has(d))) dead.add(o.id);
  }
  return dead;
};

describe("explain() properties", () => {
  it("the arbitrary is not vacuous: it yields both frameworks, failures, children of failures, shared locks and both answers", () => {
    const sample = fc.sample(driverConfig, RUNS).map((cfg) => ({ cfg, result: explain(cfg) }));
    const count = (p: (s: (typeof sample)[number]) => boolean): number => sample.filter(p).length;
    expect(count((s) => s.result.framework === "umdf2")).toBeGreaterThan(40);
    expect(count((s) => s.result.framework === "kmdf")).toBeGreaterThan(40);
    expect(count((s) => s.result.objects.some((o) => o.status !== "STATUS_SUCCESS"))).toBeGreaterThan(40);
    expect(
      count((s) => {
        const failed = new Set(
          s.result.objects.filter((o) => o.status !== "STATUS_SUCCESS").map((o) => o.id),
        );
        return s.cfg.objects.some((o) => o.parent !== null && failed.has(o.parent));
      }),
    ).toBeGreaterThan(10);
    expect(
      count((s) => {
        const held = s.result.callbacks.map((c) => c.lock).filter((l) => l !== null);
        return new Set(held).size < held.length;
      }),
    ).toBeGreaterThan(40);
    expect(count((s) => s.result.pairs.some((p) => p.a !== p.b && !p.concurrent))).toBeGreaterThan(40);
    expect(count((s) => s.result.pairs.some((p) => p.concurrent))).toBeGreaterThan(40);
    expect(
      count((s) => s.result.locks.some((l) => l.kind === "spin") && s.result.framework === "kmdf"),
    ).toBeGreaterThan(20);
  });

  it("(a) pairs are complete: n(n+1)/2 of them, every unordered pair once, each callback with itself, no unknown ids", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const result = explain(cfg);
        const ids = result.callbacks.map((c) => c.id);
        const n = ids.length;
        expect(new Set(ids).size).toBe(n);
        expect(result.pairs).toHaveLength((n * (n + 1)) / 2);
        const known = new Set(ids);
        const keys = new Set<string>();
        for (const p of result.pairs) {
          expect(known.has(p.a) && known.has(p.b), `${p.a} / ${p.b}`).toBe(true);
          keys.add(pairKey(p.a, p.b));
        }
        expect(keys.size).toBe(result.pairs.length);
        for (let i = 0; i < n; i++)
          for (let j = i; j < n; j++) expect(keys.has(pairKey(ids[i]!, ids[j]!))).toBe(true);
      }),
      RUNS,
    );
  });

  it("(a) pairs are symmetric: canOverlap(a, b) and canOverlap(b, a) give the same answer", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const resolved = resolve(cfg);
        const objects = new Map(resolved.objects.map((o) => [o.id, o]));
        const cbs = resolved.callbacks;
        for (let i = 0; i < cbs.length; i++) {
          for (let j = i + 1; j < cbs.length; j++) {
            const ab = canOverlap(cbs[i]!, cbs[j]!, objects).concurrent;
            const ba = canOverlap(cbs[j]!, cbs[i]!, objects).concurrent;
            expect(ba, `${cbs[i]!.id} / ${cbs[j]!.id}`).toBe(ab);
          }
        }
      }),
      RUNS,
    );
  });

  it("(b) CC-1: two callbacks holding the same lock are never concurrent (a callback with itself included)", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const result = explain(cfg);
        const lockOf = new Map(result.callbacks.map((c) => [c.id, c.lock]));
        for (const p of result.pairs) {
          const lock = lockOf.get(p.a);
          if (lock !== null && lock === lockOf.get(p.b))
            expect(p.concurrent, `${p.a} / ${p.b}: ${p.why}`).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("(c) a failed object reports lock null, and it and every object under it contribute no callbacks and no pairs", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const result = explain(cfg);
        for (const o of result.objects) if (o.status !== "STATUS_SUCCESS") expect(o.lock, o.id).toBeNull();
        const dead = deadObjects(cfg, result);
        for (const c of result.callbacks) expect(dead.has(c.object), c.id).toBe(false);
        const deadCallback = (id: string): boolean => [...dead].some((o) => id.startsWith(`${o}:`));
        for (const p of result.pairs)
          expect(deadCallback(p.a) || deadCallback(p.b), `${p.a} / ${p.b}`).toBe(false);
      }),
      RUNS,
    );
  });

  it("(d) determinism: explain twice, and on a structured clone, gives byte-identical JSON", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const first = JSON.stringify(explain(cfg));
        expect(JSON.stringify(explain(cfg))).toBe(first);
        expect(JSON.stringify(explain(structuredClone(cfg)))).toBe(first);
      }),
      RUNS,
    );
  });

  it("(e) every lock an object or callback names is in locks[] exactly once, owned by a listed object", () => {
    fc.assert(
      fc.property(driverConfig, (cfg) => {
        const result = explain(cfg);
        const ids = result.locks.map((l) => l.id);
        expect(new Set(ids).size).toBe(ids.length);
        const named = [...result.objects.map((o) => o.lock), ...result.callbacks.map((c) => c.lock)];
        expect(new Set(ids)).toEqual(new Set(named.filter((l) => l !== null)));
        const objectIds = new Set(result.objects.map((o) => o.id));
        for (const l of result.locks) expect(objectIds.has(l.owner), `${l.id} owner ${l.owner}`).toBe(true);
      }),
      RUNS,
    );
  });

  it("(f) IRQ-3: in UMDF every callback reports PASSIVE_LEVEL", () => {
    fc.assert(
      fc.property(
        driverConfig.filter((cfg) => cfg.framework === "umdf2"),
        (cfg) => {
          for (const c of explain(cfg).callbacks) expect(c.irql, c.id).toBe("PASSIVE_LEVEL");
        },
      ),
      RUNS,
    );
  });

  it("(g) IRQ-1 / L-1: in KMDF a callback holding a spin lock never reports PASSIVE_LEVEL", () => {
    fc.assert(
      fc.property(
        driverConfig.filter((cfg) => cfg.framework === "kmdf"),
        (cfg) => {
          const result = explain(cfg);
          const kind = new Map(result.locks.map((l) => [l.id, l.kind]));
          for (const c of result.callbacks) {
            if (c.lock !== null && kind.get(c.lock) === "spin")
              expect(c.irql, `${c.id} holds ${c.lock}`).not.toBe("PASSIVE_LEVEL");
          }
        },
      ),
      RUNS,
    );
  });
});
