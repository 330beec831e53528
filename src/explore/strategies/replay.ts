// Replay from a recorded list of choices (design.md: a schedule "replays without the strategy").
// The first question that does not match the record — another kind, another subject, another
// number of options, or one past its end — stops the run with a typed ReplayDivergence naming
// that step, which the runtime turns into a report instead of a wrong answer.

import type { Choice, ChoiceKind, Scheduler } from "../../runtime/scheduler.js";

/** The question the run asked where the record said something else. */
export interface AskedChoice {
  readonly kind: ChoiceKind;
  readonly about: string;
  readonly options: number;
}

/** Which part of the question differed; "exhausted" when the record had no step left. */
export type DivergenceReason = "kind" | "about" | "options" | "exhausted";

const phrase = (c: AskedChoice): string =>
  `a "${c.kind}" choice about ${JSON.stringify(c.about)} among ${c.options} option${c.options === 1 ? "" : "s"}`;

export class ReplayDivergence extends Error {
  /** Index into the record of the first mismatching step (the record's length when exhausted). */
  readonly step: number;
  /** The recorded choice at `step`; null when the record ran out. */
  readonly expected: Choice | null;
  readonly asked: AskedChoice;
  readonly reason: DivergenceReason;

  constructor(step: number, expected: Choice | null, asked: AskedChoice, reason: DivergenceReason) {
    const recorded =
      expected === null
        ? `the schedule ends after ${step} choice${step === 1 ? "" : "s"}`
        : `the schedule recorded ${phrase(expected)}`;
    super(`replay diverged at step ${step}: ${recorded}, but the run asked for ${phrase(asked)}`);
    this.name = "ReplayDivergence";
    this.step = step;
    this.expected = expected;
    this.asked = asked;
    this.reason = reason;
  }
}

const mismatch = (expected: Choice, asked: AskedChoice): DivergenceReason | null => {
  if (expected.kind !== asked.kind) return "kind";
  if (expected.about !== asked.about) return "about";
  if (expected.options !== asked.options) return "options";
  return null;
};

/**
 * Answers each question with the recorded `chosen`. Forced choices (at most one option) are
 * matched when asked, and skipped when a real choice is asked past them: RecordingScheduler
 * answers forced choices itself, so a recorded replay never sees them.
 */
export class ReplayScheduler implements Scheduler {
  private readonly choices: readonly Choice[];
  private next = 0;

  constructor(choices: readonly Choice[]) {
    for (const [i, c] of choices.entries()) {
      if (!Number.isInteger(c.chosen) || c.chosen < 0 || c.chosen >= Math.max(c.options, 1))
        throw new RangeError(`recorded choice ${i} chose ${c.chosen} of ${c.options} options`);
    }
    this.choices = choices;
  }

  /** Recorded choices consumed so far in this execution (skipped forced ones included). */
  get position(): number {
    return this.next;
  }

  /** Whether the record has no real choice left (a run that ends before that also diverged). */
  get finished(): boolean {
    return this.choices.slice(this.next).every((c) => c.options <= 1);
  }

  newExecution(): void {
    this.next = 0;
  }

  choose(kind: ChoiceKind, about: string, labels: readonly string[], _current: number | null): number {
    const asked: AskedChoice = { kind, about, options: labels.length };
    if (asked.options > 1) this.skipForced();
    const expected = this.choices[this.next];
    if (expected === undefined) throw new ReplayDivergence(this.next, null, asked, "exhausted");
    const reason = mismatch(expected, asked);
    if (reason !== null) throw new ReplayDivergence(this.next, expected, asked, reason);
    this.next++;
    return expected.chosen;
  }

  private skipForced(): void {
    while (this.next < this.choices.length && this.choices[this.next].options <= 1) this.next++;
  }
}
