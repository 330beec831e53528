// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A
// Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010): run the
// highest-priority runnable task; at depth - 1 random change points, drop the current task's
// priority below every other.
//
// Guarantee (the paper's main theorem): for a run with at most n tasks and at most k = maxSteps
// steps, one execution finds a given bug of depth d (d ordering constraints between steps) with
// probability at least 1/(n · k^(d-1)): 1/n that the right task starts with the top priority,
// and for each of the d - 1 constraints, 1/k that a change point lands on its step. Change
// points here are a uniform (d - 1)-subset of [0, k): a given set is hit with probability
// 1/C(k, d-1) >= 1/k^(d-1), and lowering "below all others" makes their order follow the steps.
//
// Steps are the "task" choices with two or more options in one execution: a choice with one
// runnable task is no decision (the paper's §4.1, "Identifying Sequential Execution"; shuttle's
// pct.rs does the same), and RecordingScheduler never forwards it. "processor" and "value"
// choices are data, not priorities: they are uniform random draws.

import { createRng, type Rng } from "../../runtime/rng.js";
import type { ChoiceKind, Scheduler } from "../../runtime/scheduler.js";
import { type ExecutionOptions, executionRng, firstExecutionOf } from "./random.js";

export interface PctOptions extends ExecutionOptions {
  readonly seed: number;
  /** The bug depth d to target: d - 1 priority change points per execution (>= 1). */
  readonly depth: number;
  /** The bound k on steps (multi-option task choices) per execution; change points lie in [0, k). */
  readonly maxSteps: number;
}

/** A uniform random subset of [0, n) with `count` members (Floyd's algorithm), ascending. */
export function sampleDistinct(rng: Rng, count: number, n: number): number[] {
  const chosen = new Set<number>();
  for (let j = n - count; j < n; j++) {
    const t = rng.nextInt(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

const positiveInteger = (name: string, value: number, max: number): number => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw new RangeError(`PCT ${name} ${value} must be an integer in [1, ${max}]`);
  return value;
};

/** Index of the highest-priority label; equal priorities (a 2^-32 event) go to the smaller id. */
function highest(priorities: ReadonlyMap<string, number>, labels: readonly string[]): number {
  let best = 0;
  for (let i = 1; i < labels.length; i++) {
    const p = priorities.get(labels[i]) as number;
    const q = priorities.get(labels[best]) as number;
    if (p > q || (p === q && labels[i] < labels[best])) best = i;
  }
  return best;
}

interface ExecutionState {
  readonly priorities: Map<string, number>;
  readonly changePoints: ReadonlySet<number>;
  readonly priorityRng: Rng;
  readonly valueRng: Rng;
  /** The lowest priority so far: 0 until a change point; initial priorities are >= 1. */
  lowest: number;
  step: number;
}

export class PctScheduler implements Scheduler {
  readonly seed: number;
  readonly depth: number;
  readonly maxSteps: number;
  private readonly root: Rng;
  private nextExecution: number;
  private state: ExecutionState | null = null;
  private currentExecution = -1;

  constructor(options: PctOptions) {
    this.seed = options.seed;
    this.root = createRng(options.seed);
    this.depth = positiveInteger("depth", options.depth, Number.MAX_SAFE_INTEGER);
    this.maxSteps = positiveInteger("maxSteps", options.maxSteps, 0x1_0000_0000);
    this.nextExecution = firstExecutionOf(options);
  }

  /** Index of the current execution; -1 before the first one starts. */
  get execution(): number {
    return this.currentExecution;
  }

  /** This execution's change points (ascending step indices). */
  get changePoints(): readonly number[] {
    return [...this.ensureState().changePoints];
  }

  /** Steps (multi-option task choices) taken so far in this execution. */
  get steps(): number {
    return this.state?.step ?? 0;
  }

  newExecution(): void {
    this.start();
  }

  choose(kind: ChoiceKind, _about: string, labels: readonly string[], current: number | null): number {
    if (labels.length <= 1) return 0;
    const state = this.ensureState();
    if (kind !== "task") return state.valueRng.nextInt(labels.length);
    // A task seen for the first time gets a uniformly random rank among the initial priorities
    // (all above the lowered ones), which keeps the ranks a uniform random permutation.
    for (const label of labels)
      if (!state.priorities.has(label)) state.priorities.set(label, 1 + state.priorityRng.nextU32());
    if (current !== null && !(Number.isInteger(current) && current >= 0 && current < labels.length))
      throw new RangeError(`current ${current} is not an index into ${labels.length} options`);
    if (state.changePoints.has(state.step)) {
      // The running task is preempted; with none running, the one that would have started is.
      const lowered = labels[current ?? highest(state.priorities, labels)];
      state.lowest -= 1;
      state.priorities.set(lowered, state.lowest);
    }
    state.step += 1;
    return highest(state.priorities, labels);
  }

  private ensureState(): ExecutionState {
    return this.state ?? this.start(); // the first execution starts at the first choice at the latest
  }

  private start(): ExecutionState {
    this.currentExecution = this.nextExecution++;
    const stream = executionRng(this.root, this.currentExecution);
    const count = Math.min(this.depth - 1, this.maxSteps);
    this.state = {
      priorities: new Map(),
      changePoints: new Set(sampleDistinct(stream.fork("change-points"), count, this.maxSteps)),
      priorityRng: stream.fork("priorities"),
      valueRng: stream.fork("values"),
      lowest: 0,
      step: 0,
    };
    return this.state;
  }
}
