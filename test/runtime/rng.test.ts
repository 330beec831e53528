// The seeded PRNG: xoshiro128** against the reference implementation's outputs, the seeding
// pinned against an independent implementation, unbiased nextInt, floats in [0, 1), and forks
// that are deterministic, independent of the parent's position and of each other.

import { describe, expect, it } from "vitest";
import { createRng, type Rng, rngFromState } from "../../src/runtime/rng.js";

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextU32());

describe("createRng", () => {
  it("xoshiro128** from state {1, 2, 3, 4} gives the reference outputs", () => {
    // From xoshiro128starstar.c 1.1 (https://prng.di.unimi.it/), as in rand_xoshiro's test.
    expect(draws(rngFromState([1, 2, 3, 4]), 10)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it("seeds through splitmix32: seeds 0 and 42 give the independently computed streams", () => {
    // Computed by a separate Python implementation of splitmix32 (Weyl step 0x9e3779b9, mixer
    // 16/0x21f0aaad/15/0x735a2d97/15) feeding xoshiro128**. Changing them changes every seed's runs.
    expect(draws(createRng(0), 6)).toEqual([
      1789933344, 44971166, 2521387044, 3848737593, 1138324114, 749234105,
    ]);
    expect(draws(createRng(42), 6)).toEqual([
      660444221, 3652823732, 77672526, 910233633, 2297337756, 3786072677,
    ]);
  });

  it("seeds above 2^32 keep their high bits: 2^32 + 1 is not seed 1", () => {
    expect(draws(createRng(2 ** 32 + 1), 4)).toEqual([3444608072, 607375077, 2339570335, 2294791237]);
    expect(draws(createRng(2 ** 32 + 1), 4)).not.toEqual(draws(createRng(1), 4));
  });

  it("rejects seeds that are not safe integers", () => {
    expect(() => createRng(0.5)).toThrow(RangeError);
    expect(() => createRng(2 ** 53)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });
});

describe("nextInt", () => {
  it("nextInt(6) over 60,000 draws lands within 3% of 10,000 in every bucket", () => {
    // Expected 10,000 per face; sd = sqrt(60000 * 1/6 * 5/6) ≈ 91, so ±300 is ~3.3 sd per bucket.
    const rng = createRng(2024);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.nextInt(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(300);
  });

  it("has no modulo bias for n = 3 * 2^30: the low third is not favoured", () => {
    // x % n over raw 32-bit draws would hit [0, 2^30) twice as often as the rest (1/2 vs 1/3 of draws).
    const n = 3 * 2 ** 30;
    const rng = createRng(5);
    let low = 0;
    for (let i = 0; i < 30_000; i++) if (rng.nextInt(n) < 2 ** 30) low++;
    expect(Math.abs(low - 10_000)).toBeLessThan(400); // sd ≈ 82
  });

  it("stays in range at the edges and rejects impossible ranges", () => {
    const rng = createRng(9);
    for (let i = 0; i < 100; i++) expect(rng.nextInt(1)).toBe(0);
    for (let i = 0; i < 100; i++) expect(rng.nextInt(2 ** 32)).toBeLessThan(2 ** 32);
    for (const n of [0, -1, 2.5, 2 ** 32 + 1, Number.NaN]) expect(() => rng.nextInt(n)).toThrow(RangeError);
  });
});

describe("nextFloat", () => {
  it("is in [0, 1) with mean near 1/2", () => {
    // Mean of 20,000 uniforms: sd = sqrt(1/12 / 20000) ≈ 0.002, so ±0.01 is 5 sd.
    const rng = createRng(77);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
  });
});

describe("fork", () => {
  it("is deterministic: the same seed and label give the same sub-stream", () => {
    expect(draws(createRng(42).fork("execution/0"), 4)).toEqual([
      4224909763, 967954819, 3807943707, 827799051,
    ]);
    expect(draws(createRng(42).fork("a").fork("b"), 8)).toEqual(draws(createRng(42).fork("a").fork("b"), 8));
  });

  it("does not depend on, or advance, the parent's position", () => {
    const parent = createRng(1);
    const before = draws(parent.fork("x"), 8);
    const next = draws(createRng(1), 9);
    const drawn = draws(parent, 8);
    expect(draws(parent.fork("x"), 8)).toEqual(before);
    expect([...drawn, parent.nextU32()]).toEqual(next);
  });

  it("different labels, seeds and parents give different streams", () => {
    const streams = [
      draws(createRng(1).fork("a"), 4),
      draws(createRng(1).fork("b"), 4),
      draws(createRng(2).fork("a"), 4),
      draws(createRng(1).fork("a").fork("a"), 4),
      draws(createRng(1), 4),
    ].map((s) => s.join(","));
    expect(new Set(streams).size).toBe(streams.length);
  });

  it("sibling sub-streams are uncorrelated: matching low bits about half the time", () => {
    // For independent streams each draw's low bit agrees with probability 1/2: over 20,000 draws
    // expect 10,000 agreements, sd ≈ 71, so ±400 is ~5.6 sd.
    const a = createRng(3).fork("execution/0");
    const b = createRng(3).fork("execution/1");
    let same = 0;
    for (let i = 0; i < 20_000; i++) if ((a.nextU32() & 1) === (b.nextU32() & 1)) same++;
    expect(Math.abs(same - 10_000)).toBeLessThan(400);
  });
});
