// The one scheduling seam (design.md "Callback bodies and scheduling points"): every
// nondeterministic choice of the runtime goes through a Scheduler. Strategies (random, PCT, DPOR,
// replay) live in src/explore/strategies and implement this interface; the runtime never decides.

/** What a choice is about, recorded so a replay that diverges reports the first mismatching step. */
export type ChoiceKind =
  | "task" // which runnable simulated thread or DPC runs next
  | "processor" // which processor a new piece of work starts on
  | "value"; // a data choice (does a cancel arrive now? which timer fires first?)

export interface Choice {
  readonly kind: ChoiceKind;
  /** What the choice concerns, e.g. "task", "request arrival", an object id. */
  readonly about: string;
  readonly options: number;
  readonly chosen: number;
}

export interface Scheduler {
  /** Called once before each execution. */
  newExecution(): void;
  /**
   * Picks one of `options` (0 <= result < options). `labels` name the options (task ids) for
   * strategies that reason about them (DPOR, PCT priorities); `current` is the index of the option
   * that was running, if any (to count preemptions).
   */
  choose(kind: ChoiceKind, about: string, labels: readonly string[], current: number | null): number;
}

/** A Scheduler that records every choice it makes (for replay and shrinking). */
export class RecordingScheduler implements Scheduler {
  readonly choices: Choice[] = [];
  constructor(private readonly inner: Scheduler) {}
  newExecution(): void {
    this.choices.length = 0;
    this.inner.newExecution();
  }
  choose(kind: ChoiceKind, about: string, labels: readonly string[], current: number | null): number {
    const chosen = labels.length <= 1 ? 0 : this.inner.choose(kind, about, labels, current);
    this.choices.push({ kind, about, options: labels.length, chosen });
    return chosen;
  }
}
