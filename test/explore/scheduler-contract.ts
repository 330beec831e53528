// The contract every scheduling strategy passes (style.md "Contract batteries"): it chooses only
// offered options, the same seed gives the same choices, its record replays exactly, an
// execution's answers depend only on that execution's questions, and recording it changes
// nothing. Fixed fast-check seeds keep the battery deterministic.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReplayScheduler } from "../../src/explore/strategies/replay.js";
import { type ChoiceKind, RecordingScheduler, type Scheduler } from "../../src/runtime/scheduler.js";

export interface Question {
  readonly kind: ChoiceKind;
  readonly about: string;
  readonly labels: readonly string[];
  readonly current: number | null;
}

/** One execution's questions, in order. */
export type Execution = readonly Question[];

const RUNS = { seed: 20240611, numRuns: 150 } as const;

const TASKS = [
  "EvtIoRead#0",
  "EvtIoWrite#1",
  "EvtDpcFunc#2",
  "EvtWorkItem#3",
  "EvtTimerFunc#4",
  "EvtIoStop#5",
];

/** A question as the runtime asks it: distinct task ids, at least one option, `current` among them. */
export const question: fc.Arbitrary<Question> = fc
  .record({
    kind: fc.constantFrom<ChoiceKind>("task", "task", "processor", "value"),
    about: fc.constantFrom("task", "cpu", "cancel"),
    labels: fc.uniqueArray(fc.constantFrom(...TASKS), { minLength: 1, maxLength: 5 }),
    running: fc.option(fc.nat(), { nil: null }),
  })
  .map(({ kind, about, labels, running }) => ({
    kind,
    about,
    labels,
    current: running === null ? null : running % labels.length,
  }));

export const execution: fc.Arbitrary<Execution> = fc.array(question, { maxLength: 40 });

/** Runs `executions` on `scheduler` and returns each execution's answers. */
export function answers(scheduler: Scheduler, executions: readonly Execution[]): number[][] {
  return executions.map((questions) => {
    scheduler.newExecution();
    return questions.map((q) => scheduler.choose(q.kind, q.about, q.labels, q.current));
  });
}

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

export function schedulerContract(name: string, make: (seed: number) => Scheduler): void {
  describe(`${name}: scheduler contract`, () => {
    it("only ever returns an index among the offered options", () => {
      fc.assert(
        fc.property(seed, fc.array(execution, { minLength: 1, maxLength: 3 }), (s, executions) => {
          const got = answers(make(s), executions);
          executions.forEach((questions, e) => {
            questions.forEach((q, i) => {
              expect(Number.isInteger(got[e][i])).toBe(true);
              expect(got[e][i]).toBeGreaterThanOrEqual(0);
              expect(got[e][i]).toBeLessThan(q.labels.length);
            });
          });
        }),
        RUNS,
      );
    });

    it("the same seed gives the same choices for the same questions", () => {
      fc.assert(
        fc.property(seed, fc.array(execution, { minLength: 1, maxLength: 3 }), (s, executions) => {
          expect(answers(make(s), executions)).toEqual(answers(make(s), executions));
        }),
        RUNS,
      );
    });

    it("the choices are not all the same: different seeds answer differently somewhere", () => {
      // 20 two-way task questions (no current task): a strategy ignoring its seed would give one
      // answer list for every seed.
      const questions = Array.from({ length: 20 }, (_, i): Question => {
        const labels = [TASKS[i % 6], TASKS[(i + 1) % 6]];
        return { kind: i % 2 === 0 ? "task" : "value", about: "task", labels, current: null };
      });
      const distinct = new Set(
        Array.from({ length: 10 }, (_, s) => JSON.stringify(answers(make(s), [questions]))),
      );
      expect(distinct.size).toBeGreaterThan(1);
    });

    it("its recording replays exactly through ReplayScheduler, directly and re-recorded", () => {
      fc.assert(
        fc.property(seed, fc.array(execution, { minLength: 1, maxLength: 3 }), (s, executions) => {
          const recording = new RecordingScheduler(make(s));
          for (const questions of executions) {
            const [original] = answers(recording, [questions]);
            const record = [...recording.choices];
            expect(record.map((c) => c.chosen)).toEqual(original);

            expect(answers(new ReplayScheduler(record), [questions])).toEqual([original]);
            const rerecorded = new RecordingScheduler(new ReplayScheduler(record));
            expect(answers(rerecorded, [questions])).toEqual([original]);
            expect(rerecorded.choices).toEqual(record);
          }
        }),
        RUNS,
      );
    });

    it("newExecution resets per-execution state: execution 2 depends only on its own questions", () => {
      fc.assert(
        fc.property(seed, execution, execution, execution, (s, firstA, firstB, second) => {
          const [, afterA] = answers(make(s), [firstA, second]);
          const [, afterB] = answers(make(s), [firstB, second]);
          expect(afterA).toEqual(afterB);
        }),
        RUNS,
      );
    });

    it("answers the same whether or not it is recorded (forced choices consume nothing)", () => {
      fc.assert(
        fc.property(seed, fc.array(execution, { minLength: 1, maxLength: 3 }), (s, executions) => {
          expect(answers(new RecordingScheduler(make(s)), executions)).toEqual(answers(make(s), executions));
        }),
        RUNS,
      );
    });
  });
}
