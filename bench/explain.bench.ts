// Explain throughput on generated drivers of 10, 100 and 1,000 objects: objects/s and pairs/s,
// with a floor measured in the same run — a bare loop building the same number of pair records
// ({a, b, concurrent, why}) — and the ratio explain/floor. Target: 1,000 callbacks (~500k pairs) < 1 s.

import { explain } from "../src/analyze/explain.js";
import { resolve } from "../src/model/resolve.js";
import { generateDriver, generateDriverWithCallbacks } from "./generate-driver.js";
import { bestMs, emit } from "./measure.js";

const floorMs = (callbacks: readonly { id: string }[]): number =>
  bestMs(3, () => {
    const n = callbacks.length;
    const pairs = new Array((n * (n + 1)) / 2);
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        pairs[k++] = {
          a: callbacks[i]!.id,
          b: callbacks[j]!.id,
          concurrent: (i ^ j) & 1,
          why: `pair ${i} ${j}`,
        };
      }
    }
    if (pairs.length !== k) throw new Error("floor miscounted");
  });

const CASES = [
  { name: "objects10", size: 10, config: () => generateDriver(10) },
  { name: "objects100", size: 100, config: () => generateDriver(100) },
  { name: "objects1000", size: 1000, config: () => generateDriver(1000) },
  { name: "callbacks1000", size: 0, config: () => generateDriverWithCallbacks(1000) },
];

export const runExplainBench = (): void => {
  for (const c of CASES) {
    const config = c.config();
    const size = c.size || config.objects.length;
    const callbacks = resolve(config).callbacks;
    let pairs = 0;
    const ms = bestMs(size >= 1000 ? 3 : 10, () => {
      pairs = explain(config).pairs.length;
    });
    const floor = floorMs(callbacks);
    emit({ name: `explain.${c.name}.callbacks`, value: callbacks.length, unit: "count" });
    emit({ name: `explain.${c.name}.time`, value: ms, unit: "ms" });
    emit({ name: `explain.${c.name}.objects_per_s`, value: (size / ms) * 1000, unit: "objects/s" });
    emit({ name: `explain.${c.name}.pairs_per_s`, value: (pairs / ms) * 1000, unit: "pairs/s" });
    emit({ name: `explain.${c.name}.floor_time`, value: floor, unit: "ms" });
    emit({ name: `explain.${c.name}.ratio_to_floor`, value: ms / floor, unit: "x" });
  }
};
