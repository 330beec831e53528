// The schedule file (design.md "Determinism"): what a saved run needs to replay without its
// strategy — the scenario it belongs to, where it came from, and every choice in order. Written
// with a fixed key order and one choice per line, so saved schedules diff line by line.

import * as z from "zod";
import { InputError } from "../frontends/input-error.js";
import type { Choice, ChoiceKind } from "../runtime/scheduler.js";

export interface Schedule {
  readonly version: 1;
  /** Hash of the scenario (driver + scenario input) the choices were recorded against. */
  readonly scenarioHash: string;
  /** The strategy that made the choices ("random", "pct", …); replay does not need it. */
  readonly strategy: string;
  readonly seed: number;
  readonly cpus: number;
  readonly choices: readonly Choice[];
}

const KINDS = ["task", "processor", "value"] as const satisfies readonly ChoiceKind[];
const SCHEDULE_KEYS = ["version", "scenarioHash", "strategy", "seed", "cpus", "choices"] as const;
const CHOICE_KEYS = ["kind", "about", "options", "chosen"] as const;

// Each error phrase completes "<path> …", e.g. "choices[3].options must be a whole number".
const count = z.int({ error: "must be a whole number" }).min(0, { error: "must be at least 0" });
const text = z.string({ error: "must be a string" }).min(1, { error: "must be a non-empty string" });

const choiceSchema = z.strictObject(
  {
    kind: z.enum(KINDS, { error: "must be a choice kind" }),
    about: z.string({ error: "must be a string" }),
    options: count,
    chosen: count,
  },
  { error: `must be an object with ${CHOICE_KEYS.join(", ")}` },
);

const scheduleSchema = z.strictObject({
  version: z.literal(1),
  scenarioHash: text,
  strategy: text,
  seed: z.int({ error: "must be a whole number (a safe integer)" }),
  cpus: z.int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }),
  choices: z.array(choiceSchema, { error: "must be a list of choices" }),
});

/**
 * The file's text: keys in a fixed order, one choice per line, a trailing newline.
 * @example serializeSchedule({ version: 1, scenarioHash: "ab12", strategy: "pct", seed: 7, cpus: 2, choices: [] })
 */
export function serializeSchedule(s: Schedule): string {
  const choices = s.choices.map((c) => {
    const line = JSON.stringify({ kind: c.kind, about: c.about, options: c.options, chosen: c.chosen });
    return `    ${line}`;
  });
  const header = [
    `  "version": ${JSON.stringify(s.version)}`,
    `  "scenarioHash": ${JSON.stringify(s.scenarioHash)}`,
    `  "strategy": ${JSON.stringify(s.strategy)}`,
    `  "seed": ${JSON.stringify(s.seed)}`,
    `  "cpus": ${JSON.stringify(s.cpus)}`,
  ];
  const list = choices.length === 0 ? `  "choices": []` : `  "choices": [\n${choices.join(",\n")}\n  ]`;
  return `{\n${[...header, list].join(",\n")}\n}\n`;
}

type Path = readonly PropertyKey[];

/** `choices[3].kind`; "" for the file itself. */
const pathText = (path: Path): string =>
  path.reduce<string>(
    (acc, seg) =>
      typeof seg === "number" ? `${acc}[${seg}]` : acc === "" ? String(seg) : `${acc}.${String(seg)}`,
    "",
  );

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const seg of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

/** How a message shows a value the file holds. */
function show(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return JSON.stringify(value) ?? String(value);
}

/** One zod issue as "<path> must be …, not <value>" (+ the allowed words). */
function issueProblem(
  issue: z.core.$ZodIssue,
  input: unknown,
): { message: string; allowed?: readonly string[] } {
  const where = pathText(issue.path);
  const value = valueAt(input, issue.path);
  if (issue.code === "unrecognized_keys") {
    const unknown = `unknown key ${JSON.stringify(issue.keys[0])}`;
    return where === ""
      ? { message: unknown, allowed: SCHEDULE_KEYS }
      : { message: `${where}: ${unknown}`, allowed: CHOICE_KEYS };
  }
  if (value === undefined) {
    const parent = pathText(issue.path.slice(0, -1));
    const missing = `missing key ${JSON.stringify(String(issue.path.at(-1)))}`;
    return { message: parent === "" ? missing : `${parent}: ${missing}` };
  }
  const message = `${where} ${issue.message}, not ${show(value)}`;
  return issue.code === "invalid_value" ? { message, allowed: issue.values.map(String) } : { message };
}

/** JSON.parse's complaint without V8's echo of the text, and the offset it names, if any. */
function syntaxProblem(error: unknown, text: string, file: string): InputError {
  const raw = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(raw);
  const reason = raw.replace(/ in JSON at position \d+.*$/s, "").replace(/, ".*" is not valid JSON$/s, "");
  let line = 0;
  let column = 0;
  if (offset !== null) {
    const before = text.slice(0, Number(offset[1]));
    line = before.split("\n").length;
    column = before.length - before.lastIndexOf("\n");
  }
  return new InputError(
    { file, line, column },
    `not valid JSON: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
  );
}

/**
 * Parses and validates a schedule file; every problem is an InputError naming the file.
 * @example parseSchedule(serializeSchedule(schedule), "run.schedule.json") // deep-equals schedule
 */
export function parseSchedule(text: string, file: string): Schedule {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw syntaxProblem(e, text, file);
  }
  const whole = { file, line: 0, column: 0 };
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new InputError(
      whole,
      `a schedule file is a JSON object with ${SCHEDULE_KEYS.join(", ")}, not ${show(input)}`,
    );
  const version = (input as { version?: unknown }).version;
  if (version !== 1)
    throw new InputError(
      whole,
      version === undefined
        ? `missing key "version"`
        : `unsupported schedule version ${show(version)}: this wdfsim reads version 1`,
    );
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) {
    const problem = issueProblem(parsed.error.issues[0] as z.core.$ZodIssue, input);
    throw new InputError(whole, problem.message, problem.allowed);
  }
  for (const [i, c] of parsed.data.choices.entries()) {
    if (c.chosen >= Math.max(c.options, 1))
      throw new InputError(
        whole,
        `choices[${i}].chosen must be below options (${c.options}), not ${c.chosen}`,
      );
  }
  return parsed.data;
}
