// ReplayScheduler: answers from the record, and a typed ReplayDivergence at the first step whose
// kind, subject or option count differs from the record, or that runs past its end.

import { describe, expect, it } from "vitest";
import { ReplayDivergence, ReplayScheduler } from "../../src/explore/strategies/replay.js";
import { type Choice, RecordingScheduler } from "../../src/runtime/scheduler.js";

const RECORD: readonly Choice[] = [
  { kind: "task", about: "task", options: 2, chosen: 1 },
  { kind: "value", about: "cancel", options: 2, chosen: 0 },
  { kind: "processor", about: "device/queue0/dpc0", options: 4, chosen: 3 },
];

/** The error `act` throws, which must be a ReplayDivergence. */
const divergence = (act: () => unknown): ReplayDivergence => {
  let error: unknown = null;
  try {
    act();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReplayDivergence);
  return error as ReplayDivergence;
};

/** A replay that has answered the first two recorded steps. */
const afterTwoSteps = (): ReplayScheduler => {
  const r = new ReplayScheduler(RECORD);
  r.newExecution();
  r.choose("task", "task", ["a", "b"], 0);
  r.choose("value", "cancel", ["no", "yes"], null);
  return r;
};

describe("ReplayScheduler", () => {
  it("answers each question with the recorded choice, and starts over on newExecution", () => {
    const r = new ReplayScheduler(RECORD);
    for (let run = 0; run < 2; run++) {
      r.newExecution();
      expect(r.choose("task", "task", ["a", "b"], 0)).toBe(1);
      expect(r.choose("value", "cancel", ["no", "yes"], null)).toBe(0);
      expect(r.finished).toBe(false);
      expect(r.choose("processor", "device/queue0/dpc0", ["0", "1", "2", "3"], null)).toBe(3);
      expect(r.finished).toBe(true);
    }
  });

  it("a different kind diverges, naming the step, the record and the question", () => {
    const e = divergence(() =>
      afterTwoSteps().choose("value", "device/queue0/dpc0", ["0", "1", "2", "3"], null),
    );
    expect(e.step).toBe(2);
    expect(e.reason).toBe("kind");
    expect(e.expected).toEqual(RECORD[2]);
    expect(e.asked).toEqual({ kind: "value", about: "device/queue0/dpc0", options: 4 });
    expect(e.message).toBe(
      'replay diverged at step 2: the schedule recorded a "processor" choice about "device/queue0/dpc0" among 4 options, ' +
        'but the run asked for a "value" choice about "device/queue0/dpc0" among 4 options',
    );
  });

  it("a different subject diverges", () => {
    const e = divergence(() =>
      afterTwoSteps().choose("processor", "device/queue0/timer0", ["0", "1", "2", "3"], null),
    );
    expect([e.step, e.reason]).toEqual([2, "about"]);
  });

  it("a different number of options diverges", () => {
    const r = new ReplayScheduler(RECORD);
    const e = divergence(() => r.choose("task", "task", ["a", "b", "c"], 0));
    expect([e.step, e.reason]).toEqual([0, "options"]);
    expect(e.message).toBe(
      'replay diverged at step 0: the schedule recorded a "task" choice about "task" among 2 options, ' +
        'but the run asked for a "task" choice about "task" among 3 options',
    );
  });

  it("a question past the end of the record diverges as exhausted", () => {
    const r = afterTwoSteps();
    r.choose("processor", "device/queue0/dpc0", ["0", "1", "2", "3"], null);
    const e = divergence(() => r.choose("task", "task", ["a", "b"], 1));
    expect([e.step, e.reason, e.expected]).toEqual([3, "exhausted", null]);
    expect(e.message).toBe(
      'replay diverged at step 3: the schedule ends after 3 choices, but the run asked for a "task" choice about "task" among 2 options',
    );
  });

  it("an empty record diverges at the first question, forced or not", () => {
    const e = divergence(() => new ReplayScheduler([]).choose("task", "task", ["a"], 0));
    expect([e.step, e.reason]).toEqual([0, "exhausted"]);
  });

  it("forced choices are checked when asked, and skipped when a real choice is asked past them", () => {
    const record: Choice[] = [
      { kind: "task", about: "task", options: 1, chosen: 0 },
      { kind: "value", about: "cancel", options: 2, chosen: 1 },
      { kind: "task", about: "task", options: 1, chosen: 0 },
    ];
    const direct = new ReplayScheduler(record);
    expect(divergence(() => direct.choose("value", "task", ["a"], 0)).reason).toBe("kind");

    const wrapped = new RecordingScheduler(new ReplayScheduler(record));
    wrapped.newExecution();
    expect(wrapped.choose("task", "task", ["a"], 0)).toBe(0);
    expect(wrapped.choose("value", "cancel", ["no", "yes"], null)).toBe(1);
    expect(wrapped.choose("task", "task", ["a"], 0)).toBe(0);
    expect(wrapped.choices).toEqual(record);
  });

  it("rejects a record whose chosen index is not among its options", () => {
    expect(() => new ReplayScheduler([{ kind: "task", about: "task", options: 2, chosen: 2 }])).toThrow(
      RangeError,
    );
    expect(() => new ReplayScheduler([{ kind: "task", about: "task", options: 2, chosen: -1 }])).toThrow(
      RangeError,
    );
  });
});
