// The one seeded PRNG (style.md "Determinism"): xoshiro128** 1.1 (Blackman & Vigna, "Scrambled
// Linear Pseudorandom Number Generators", ACM TOMS 2021; https://prng.di.unimi.it/xoshiro128starstar.c),
// its 128-bit state expanded from a seed by splitmix32. Passed explicitly; never a singleton.

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform integer 0 <= x < n, without modulo bias (1 <= n <= 2^32). */
  nextInt(n: number): number;
  /** A uniform float 0 <= x < 1 with 53 random bits. */
  nextFloat(): number;
  /**
   * A deterministic sub-stream named `label`. It depends only on this stream's seed (and the
   * labels of the forks that led to it) and on `label` — not on how far this stream has been
   * drawn — and forking does not advance this stream.
   */
  fork(label: string): Rng;
}

/** Four 32-bit words; never all zero (xoshiro's one forbidden state). */
export type RngState = readonly [number, number, number, number];

const GOLDEN = 0x9e3779b9; // 2^32 / golden ratio: splitmix32's Weyl increment
const TWO_32 = 0x1_0000_0000;

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * splitmix32's output function: the 32-bit mixer from Wellons' hash-prospector
 * (shifts 16/15/15, multipliers 0x21f0aaad, 0x735a2d97), a bijection on 32-bit words.
 */
const mix32 = (x: number): number => {
  let t = x ^ (x >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
};

/** Four consecutive splitmix32 outputs from `x` (a Weyl sequence fed through mix32). */
const splitmix32x4 = (x: number): [number, number, number, number] => {
  const words: [number, number, number, number] = [0, 0, 0, 0];
  let s = x | 0;
  for (let i = 0; i < 4; i++) {
    s = (s + GOLDEN) | 0;
    words[i] = mix32(s);
  }
  return words;
};

/** FNV-1a over UTF-16 code units from basis `basis`, finished by mix32. */
const hashLabel = (label: string, basis: number): number => {
  let h = basis | 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return mix32(h ^ label.length);
};

const nonZero = (w: [number, number, number, number]): RngState =>
  w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 ? [1, 0, 0, 0] : w;

class Xoshiro128StarStar implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(private readonly origin: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = origin;
  }

  nextU32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32)
      throw new RangeError(`nextInt(${n}): n must be an integer in [1, 2^32]`);
    // Rejection sampling: accept only draws below the largest multiple of n that fits in 32 bits.
    const limit = TWO_32 - (TWO_32 % n);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return x % n;
  }

  nextFloat(): number {
    // 27 + 26 bits, as in the reference generators' genrand_res53.
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 0x4000000 + lo) / 0x20000000000000;
  }

  fork(label: string): Rng {
    // Each child word mixes one origin word with a different 32-bit hash of the label, so two
    // labels share a stream only if all four hashes collide.
    const child = this.origin.map((word, i) =>
      mix32(word ^ hashLabel(label, 0x811c9dc5 ^ Math.imul(i + 1, GOLDEN))),
    );
    return new Xoshiro128StarStar(nonZero(child as [number, number, number, number]));
  }
}

/**
 * A PRNG seeded by any safe integer: splitmix32 expands the low 32 bits into the state, and the
 * high bits (if any) are mixed in, so seeds 1 and 2^32 + 1 differ.
 * @example createRng(7).nextInt(6) // the same die roll on every machine
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed ${seed} must be a safe integer`);
  const words = splitmix32x4(seed >>> 0);
  const high = Math.floor(seed / TWO_32) >>> 0;
  if (high !== 0) {
    const more = splitmix32x4(mix32(high) ^ GOLDEN);
    for (let i = 0; i < 4; i++) words[i] = (words[i] ^ more[i]) >>> 0;
  }
  return new Xoshiro128StarStar(nonZero(words));
}

/** A PRNG started from raw xoshiro128** state (for known-answer tests against the reference). */
export function rngFromState(state: RngState): Rng {
  return new Xoshiro128StarStar(nonZero(state.map((w) => w >>> 0) as [number, number, number, number]));
}
