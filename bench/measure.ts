// Timing helpers for bench/ (the only place wdfsim reads clocks) and the JSON-lines output.

export interface BenchLine {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Best-of-N wall time in ms after a warm-up run (best-of resists noise from the other core). */
export const bestMs = (runs: number, fn: () => void): number => {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};

export const emit = (line: BenchLine): void => {
  const value = Number(line.value.toPrecision(4));
  process.stdout.write(`${JSON.stringify({ name: line.name, value, unit: line.unit })}\n`);
};
