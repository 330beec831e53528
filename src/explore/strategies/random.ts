// Uniform random scheduling: every choice with two or more options is a fair die roll. Each
// execution draws from its own sub-stream of the seed, so execution k replays by itself
// (`new RandomScheduler(seed, { firstExecution: k })`) without running executions 0..k-1.

import { createRng, type Rng } from "../../runtime/rng.js";
import type { ChoiceKind, Scheduler } from "../../runtime/scheduler.js";

/** Where a scheduler's executions start counting, for reproducing execution k alone. */
export interface ExecutionOptions {
  /** Index of the first execution (default 0). */
  readonly firstExecution?: number;
}

/** The sub-stream of a seed's root stream that execution `execution` draws from (all strategies). */
export function executionRng(root: Rng, execution: number): Rng {
  return root.fork(`execution/${execution}`);
}

/** Validates `firstExecution` (a non-negative safe integer). */
export function firstExecutionOf(options: ExecutionOptions): number {
  const first = options.firstExecution ?? 0;
  if (!Number.isSafeInteger(first) || first < 0)
    throw new RangeError(`firstExecution ${first} must be a non-negative integer`);
  return first;
}

export class RandomScheduler implements Scheduler {
  private readonly root: Rng;
  private nextExecution: number;
  private rng: Rng | null = null;
  private currentExecution = -1;

  constructor(
    readonly seed: number,
    options: ExecutionOptions = {},
  ) {
    this.root = createRng(seed);
    this.nextExecution = firstExecutionOf(options);
  }

  /** Index of the current execution; -1 before the first one starts. */
  get execution(): number {
    return this.currentExecution;
  }

  newExecution(): void {
    this.start();
  }

  // A choice with at most one option draws nothing, as RecordingScheduler never forwards it: the
  // answers are the same whether or not the scheduler is recorded.
  choose(_kind: ChoiceKind, _about: string, labels: readonly string[], _current: number | null): number {
    if (labels.length <= 1) return 0;
    const rng = this.rng ?? this.start(); // the first execution starts at the first choice at the latest
    return rng.nextInt(labels.length);
  }

  private start(): Rng {
    this.currentExecution = this.nextExecution++;
    this.rng = executionRng(this.root, this.currentExecution);
    return this.rng;
  }
}
