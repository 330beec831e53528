// RandomScheduler: the contract battery, plus execution k reproducible by itself and fair dice.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomScheduler } from "../../src/explore/strategies/random.js";
import { answers, execution, schedulerContract } from "./scheduler-contract.js";

schedulerContract("RandomScheduler", (seed) => new RandomScheduler(seed));

describe("RandomScheduler", () => {
  it("execution k of seed s replays by itself with firstExecution: k", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(execution, { minLength: 1, maxLength: 4 }), (seed, executions) => {
        const all = answers(new RandomScheduler(seed), executions);
        executions.forEach((questions, k) => {
          const alone = new RandomScheduler(seed, { firstExecution: k });
          expect(answers(alone, [questions])).toEqual([all[k]]);
          expect(alone.execution).toBe(k);
        });
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it("the first choice starts the first execution if newExecution was not called", () => {
    const implicit = new RandomScheduler(3);
    const explicit = new RandomScheduler(3);
    explicit.newExecution();
    const ask = (s: RandomScheduler): number[] =>
      Array.from({ length: 8 }, () => s.choose("task", "task", ["a", "b", "c"], null));
    expect(ask(implicit)).toEqual(ask(explicit));
    expect(implicit.execution).toBe(0);
  });

  it("is a fair die: each of 3 options is chosen 1/3 of the time", () => {
    // 30,000 draws, expected 10,000 per option, sd = sqrt(30000 * 1/3 * 2/3) ≈ 82: ±400 is ~5 sd.
    const s = new RandomScheduler(11);
    s.newExecution();
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[s.choose("value", "cancel", ["now", "later", "never"], null)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it("rejects a seed that is not a safe integer and a negative firstExecution", () => {
    expect(() => new RandomScheduler(1.5)).toThrow(RangeError);
    expect(() => new RandomScheduler(1, { firstExecution: -1 })).toThrow(RangeError);
  });
});
