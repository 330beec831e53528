// PctScheduler: the contract battery; it runs the highest-priority runnable task, lowers the
// current task below all others exactly at its change points, draws priorities and change
// points uniformly, and finds a depth-2 bug as often as the PCT bound says.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PctScheduler, sampleDistinct } from "../../src/explore/strategies/pct.js";
import { createRng } from "../../src/runtime/rng.js";
import { schedulerContract } from "./scheduler-contract.js";

schedulerContract("PctScheduler", (seed) => new PctScheduler({ seed, depth: 3, maxSteps: 20 }));

const pct = (seed: number, depth: number, maxSteps: number): PctScheduler => {
  const s = new PctScheduler({ seed, depth, maxSteps });
  s.newExecution();
  return s;
};

const TASKS = ["EvtIoRead#0", "EvtIoWrite#1", "EvtDpcFunc#2", "EvtWorkItem#3"];

describe("PctScheduler priorities", () => {
  it("with depth 1 (no change points) always runs the highest-priority runnable task", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.shuffledSubarray(TASKS, { minLength: 2 }), fc.nat()), { maxLength: 30 }),
        (seed, questions) => {
          const s = pct(seed, 1, 50);
          // The ranking: ask for the full set, then the set without the winners so far.
          const ranking: string[] = [];
          while (ranking.length < TASKS.length) {
            const left = TASKS.filter((t) => !ranking.includes(t));
            ranking.push(left[s.choose("task", "task", left, null)]);
          }
          for (const [labels, running] of questions) {
            const chosen = labels[s.choose("task", "task", labels, running % labels.length)];
            expect(chosen).toBe(ranking.find((t) => labels.includes(t)));
          }
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  it("gives each task the top priority with probability 1/n", () => {
    // 3 tasks over 3,000 seeds: 1,000 expected per task, sd = sqrt(3000 · 1/3 · 2/3) ≈ 26; ±130 is 5 sd.
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const labels = TASKS.slice(0, 3);
      const top = labels[pct(seed, 1, 10).choose("task", "task", labels, null)];
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    for (const t of TASKS.slice(0, 3)) expect(Math.abs((counts.get(t) ?? 0) - 1000)).toBeLessThan(130);
  });
});

describe("PctScheduler change points", () => {
  it("depth 2, maxSteps 1: the only change point is step 0, so the running task is preempted there", () => {
    for (let seed = 0; seed < 50; seed++) {
      expect(pct(seed, 2, 1).choose("task", "task", ["a", "b"], 0)).toBe(1);
      expect(pct(seed, 2, 1).choose("task", "task", ["a", "b"], 1)).toBe(0);
    }
  });

  it("depth 3, maxSteps 2: steps 0 and 1 lower the running task; step 2 changes nothing; new tasks rank above lowered ones", () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = pct(seed, 3, 2);
      expect(s.changePoints).toEqual([0, 1]);
      expect(s.choose("task", "task", ["a", "b"], 0)).toBe(1); // a lowered
      expect(s.choose("task", "task", ["a", "b"], 1)).toBe(0); // b lowered below a
      expect(s.choose("task", "task", ["a", "b"], 0)).toBe(0); // no change point: a keeps running
      expect(s.choose("task", "task", ["a", "b", "c"], 0)).toBe(2); // c has an initial priority
    }
  });

  it("without a change point the running task is not preempted (depth 1)", () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = pct(seed, 1, 1);
      const first = s.choose("task", "task", ["a", "b"], null);
      for (let i = 0; i < 10; i++) expect(s.choose("task", "task", ["a", "b"], first)).toBe(first);
    }
  });

  it("with two runnable tasks, the running one is switched away from exactly at the change points", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 2, max: 6 }), (seed, depth) => {
        const s = pct(seed, depth, 30);
        expect(s.changePoints).toHaveLength(depth - 1);
        let running: number | null = null;
        for (let step = 0; step < 40; step++) {
          const next = s.choose("task", "task", ["a", "b"], running);
          if (running !== null) expect(next !== running).toBe(s.changePoints.includes(step));
          running = next;
        }
      }),
      { seed: 2, numRuns: 200 },
    );
  });

  it("counts only task choices with two or more options as steps", () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = pct(seed, 2, 1);
      s.choose("value", "cancel", ["now", "later"], null);
      s.choose("processor", "cpu", ["cpu0", "cpu1"], null);
      s.choose("task", "task", ["a"], 0);
      expect(s.steps).toBe(0);
      expect(s.choose("task", "task", ["a", "b"], 0)).toBe(1); // step 0's change point still applies
      expect(s.steps).toBe(1);
    }
  });

  it("places change points uniformly in [0, maxSteps)", () => {
    // depth 2, maxSteps 10, 5,000 seeds: 500 expected per step, sd = sqrt(5000 · 0.1 · 0.9) ≈ 21; ±100 is ~4.7 sd.
    const counts = Array.from({ length: 10 }, () => 0);
    for (let seed = 0; seed < 5000; seed++) counts[pct(seed, 2, 10).changePoints[0]]++;
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(100);
  });

  it("sampleDistinct returns count distinct ascending values in [0, n), all of them when count = n", () => {
    const rng = createRng(4);
    for (let i = 0; i < 200; i++) {
      const got = sampleDistinct(rng, 4, 9);
      expect(new Set(got).size).toBe(4);
      expect(got).toEqual([...got].sort((a, b) => a - b));
      for (const v of got) expect(v >= 0 && v < 9).toBe(true);
    }
    expect(sampleDistinct(rng, 5, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(pct(1, 10, 3).changePoints).toEqual([0, 1, 2]); // depth - 1 > maxSteps: every step
  });

  it("rejects depth and maxSteps below 1 and a current index outside the options", () => {
    expect(() => new PctScheduler({ seed: 1, depth: 0, maxSteps: 5 })).toThrow(RangeError);
    expect(() => new PctScheduler({ seed: 1, depth: 2, maxSteps: 0 })).toThrow(RangeError);
    expect(() => pct(1, 2, 5).choose("task", "task", ["a", "b"], 2)).toThrow(RangeError);
  });
});

describe("PctScheduler value choices", () => {
  it("draws value choices uniformly", () => {
    // 20,000 two-way draws: 10,000 expected, sd ≈ 71; ±350 is ~5 sd.
    const s = pct(8, 3, 10);
    let first = 0;
    for (let i = 0; i < 20_000; i++) if (s.choose("value", "cancel", ["now", "later"], null) === 0) first++;
    expect(Math.abs(first - 10_000)).toBeLessThan(350);
  });
});

/**
 * Two tasks of 5 steps each; the bug is an atomicity violation: B runs between A's first and
 * second step. Returns whether one execution hits it.
 */
function atomicityViolation(s: PctScheduler): boolean {
  s.newExecution();
  const left = new Map([
    ["A", 5],
    ["B", 5],
  ]);
  const trace: string[] = [];
  while (trace.length < 10) {
    const labels = ["A", "B"].filter((t) => (left.get(t) ?? 0) > 0);
    const running = labels.indexOf(trace.at(-1) ?? "");
    const next: string = labels[s.choose("task", "task", labels, running < 0 ? null : running)];
    left.set(next, (left.get(next) ?? 0) - 1);
    trace.push(next);
  }
  const firstA = trace.indexOf("A");
  return trace[firstA + 1] === "B" && trace.slice(firstA + 1).includes("A");
}

describe("PctScheduler finds bugs as the PCT bound says", () => {
  it("a depth-2 bug (one preemption) is found with probability 1/(n·k) = 1/20; depth 1 never finds it", () => {
    // n = 2 tasks, k = maxSteps = 10 (at most 9 steps have both tasks runnable). The bug needs A
    // on top (1/2) and the one change point at step 1, right after A's first step (1/10): exactly
    // 1/20 here, the bound 1/(n·k^(d-1)). Over 2,000 executions: 100 expected, sd ≈ 9.7; 60..140 is ~4 sd.
    const depth2 = new PctScheduler({ seed: 2010, depth: 2, maxSteps: 10 });
    let found = 0;
    for (let i = 0; i < 2000; i++) if (atomicityViolation(depth2)) found++;
    expect(found).toBeGreaterThan(60);
    expect(found).toBeLessThan(140);

    const depth1 = new PctScheduler({ seed: 2010, depth: 1, maxSteps: 10 });
    for (let i = 0; i < 200; i++) expect(atomicityViolation(depth1)).toBe(false);
  });
});
