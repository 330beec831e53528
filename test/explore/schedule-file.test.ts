// The schedule file: fixed key order, one choice per line, trailing newline; parse(serialize(s))
// is s; a bad file is an InputError whose one line says what is wrong and where.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSchedule, type Schedule, serializeSchedule } from "../../src/explore/schedule-file.js";
import type { ChoiceKind } from "../../src/runtime/scheduler.js";
import { thrown } from "../frontends/config/error-of.js";

const SCHEDULE: Schedule = {
  version: 1,
  scenarioHash: "9f86d081884c7d65",
  strategy: "pct",
  seed: 42,
  cpus: 2,
  choices: [
    { kind: "task", about: "task", options: 2, chosen: 1 },
    { kind: "value", about: "device/queue0/request3 cancel", options: 2, chosen: 0 },
  ],
};

const TEXT = `{
  "version": 1,
  "scenarioHash": "9f86d081884c7d65",
  "strategy": "pct",
  "seed": 42,
  "cpus": 2,
  "choices": [
    {"kind":"task","about":"task","options":2,"chosen":1},
    {"kind":"value","about":"device/queue0/request3 cancel","options":2,"chosen":0}
  ]
}
`;

const schedule: fc.Arbitrary<Schedule> = fc.record({
  version: fc.constant(1 as const),
  scenarioHash: fc.string({ minLength: 1 }),
  strategy: fc.constantFrom("random", "pct", "dpor"),
  seed: fc.maxSafeInteger().filter((n) => n >= 0),
  cpus: fc.integer({ min: 1, max: 64 }),
  choices: fc.array(
    fc.integer({ min: 1, max: 8 }).chain((options) =>
      fc.record({
        kind: fc.constantFrom<ChoiceKind>("task", "processor", "value"),
        about: fc.string(),
        options: fc.constant(options),
        chosen: fc.integer({ min: 0, max: options - 1 }),
      }),
    ),
    { maxLength: 20 },
  ),
});

/** The one line the CLI would print for parsing `text`. */
const complaint = (text: string): string => thrown(() => parseSchedule(text, "run.schedule.json")).format();
const withField = (patch: Record<string, unknown>): string => JSON.stringify({ ...SCHEDULE, ...patch });

describe("serializeSchedule", () => {
  it("writes keys in a fixed order, one choice per line, with a trailing newline", () => {
    expect(serializeSchedule(SCHEDULE)).toBe(TEXT);
  });

  it("does not depend on the key order of the objects it is given", () => {
    const shuffled = {
      choices: SCHEDULE.choices.map((c) => ({
        chosen: c.chosen,
        options: c.options,
        about: c.about,
        kind: c.kind,
      })),
      cpus: 2,
      seed: 42,
      strategy: "pct",
      scenarioHash: "9f86d081884c7d65",
      version: 1 as const,
    };
    expect(serializeSchedule(shuffled)).toBe(TEXT);
  });

  it("writes an empty schedule's choices as []", () => {
    expect(serializeSchedule({ ...SCHEDULE, choices: [] })).toContain('  "choices": []\n}\n');
  });
});

describe("parseSchedule", () => {
  it("reads the written text back", () => {
    expect(parseSchedule(TEXT, "run.schedule.json")).toEqual(SCHEDULE);
  });

  it("round-trips any schedule, and serializing again gives the same bytes", () => {
    fc.assert(
      fc.property(schedule, (s) => {
        const text = serializeSchedule(s);
        const back = parseSchedule(text, "s.json");
        expect(back).toEqual(s);
        expect(serializeSchedule(back)).toBe(text);
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it("a JSON syntax error names the line and column", () => {
    const broken = TEXT.replace('"cpus": 2,', '"cpus": 2,,');
    expect(complaint(broken)).toBe(
      "run.schedule.json:6:13: not valid JSON: expected double-quoted property name",
    );
  });

  it("an unknown choice kind lists the allowed kinds", () => {
    const text = TEXT.replace('"kind":"value"', '"kind":"timer"');
    expect(complaint(text)).toBe(
      'run.schedule.json: choices[1].kind must be a choice kind, not "timer" (allowed: task, processor, value)',
    );
  });

  it("a chosen index outside the options is rejected", () => {
    const text = TEXT.replace('"options":2,"chosen":1', '"options":2,"chosen":2');
    expect(complaint(text)).toBe("run.schedule.json: choices[0].chosen must be below options (2), not 2");
  });

  it("missing keys, unknown keys, wrong types and other versions each get one clear line", () => {
    const { cpus: _cpus, ...noCpus } = SCHEDULE;
    expect(complaint(JSON.stringify(noCpus))).toBe('run.schedule.json: missing key "cpus"');
    expect(complaint(withField({ sed: 1 }))).toBe(
      'run.schedule.json: unknown key "sed" (allowed: version, scenarioHash, strategy, seed, cpus, choices)',
    );
    expect(complaint(withField({ seed: "42" }))).toBe(
      'run.schedule.json: seed must be a whole number (a safe integer), not "42"',
    );
    expect(complaint(withField({ cpus: 0 }))).toBe("run.schedule.json: cpus must be at least 1, not 0");
    expect(complaint(withField({ choices: [{ kind: "task", about: "task", options: 2 }] }))).toBe(
      'run.schedule.json: choices[0]: missing key "chosen"',
    );
    expect(complaint(withField({ version: 2 }))).toBe(
      "run.schedule.json: unsupported schedule version 2: this wdfsim reads version 1",
    );
    expect(complaint("[]")).toBe(
      "run.schedule.json: a schedule file is a JSON object with version, scenarioHash, strategy, seed, cpus, choices, not a list",
    );
  });
});
