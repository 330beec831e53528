// zod issues -> config problems with wdfsim's wording: unknown keys with a suggestion and the
// allowed keys, enum values with the allowed values, "must be X, not Y" for everything else.

import * as z from "zod";
import type { ConfigPath, ConfigProblem } from "./problems.js";
import { label } from "./problems.js";
import { slotOwner } from "./slots.js";
import { closest, didYouMean } from "./suggest.js";

type Issue = z.core.$ZodIssue;

const NAME_RULE = "object names must be C identifiers (letters, digits and _, not starting with a digit)";

/** The schema that validates the value at `path`, through optional/lazy wrappers. */
function schemaAt(root: z.ZodType, path: ConfigPath): z.ZodType | undefined {
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined =>
    s instanceof z.ZodOptional || s instanceof z.ZodLazy ? unwrap(s.unwrap() as z.ZodType) : s;
  let schema = unwrap(root);
  for (const seg of path) {
    if (schema instanceof z.ZodObject) schema = unwrap(schema.shape[String(seg)] as z.ZodType | undefined);
    else if (schema instanceof z.ZodRecord) schema = unwrap(schema.valueType as z.ZodType);
    else if (schema instanceof z.ZodArray) schema = unwrap(schema.element as z.ZodType);
    else return undefined;
  }
  return schema;
}

const keysAt = (root: z.ZodType, path: ConfigPath): string[] => {
  const schema = schemaAt(root, path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
};

function valueAt(value: unknown, path: ConfigPath): unknown {
  let current = value;
  for (const seg of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[seg];
  }
  return current;
}

/** How a message shows a value the user wrote. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null) return "a mapping";
  return String(value);
}

const DEFAULT_PHRASE: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
};

/** What the schema wanted: the `error` phrase set in schema-fields.ts, else a default. */
function expectedPhrase(issue: Issue): string {
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
    return DEFAULT_PHRASE[issue.expected] ?? `a value of type ${issue.expected}`;
  }
  return issue.message;
}

/** Literal choices of a union (true/false for a boolean branch), or undefined if a branch is open. */
function unionChoices(branches: readonly (readonly Issue[])[]): string[] | undefined {
  const choices: string[] = [];
  for (const [first] of branches) {
    if (first?.code === "invalid_value") choices.push(...first.values.map(String));
    else if (first?.code === "invalid_type" && first.expected === "boolean") choices.push("true", "false");
    else return undefined;
  }
  return choices;
}

const isMissing = (input: unknown, path: ConfigPath): boolean => {
  const parent = valueAt(input, path.slice(0, -1));
  const key = path.at(-1);
  return path.length > 0 && typeof parent === "object" && parent !== null && !Object.hasOwn(parent, key!);
};

function choiceProblem(path: ConfigPath, value: unknown, allowed: string[]): ConfigProblem {
  const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
  return {
    path,
    target: "value",
    message: `invalid value ${show(value)} for "${label(path)}"${hint}`,
    allowed,
  };
}

function valueProblem(issue: Issue, path: ConfigPath, value: unknown): ConfigProblem {
  if (issue.code === "invalid_value") return choiceProblem(path, value, issue.values.map(String));
  if (issue.code === "invalid_union") {
    const choices = unionChoices(issue.errors);
    if (choices !== undefined) return choiceProblem(path, value, choices);
  }
  const phrase = expectedPhrase(issue);
  if (path.length === 0) {
    return {
      path,
      target: "value",
      message: `the file must hold ${phrase} at the top level, not ${show(value)}`,
    };
  }
  return { path, target: "value", message: `"${label(path)}" must be ${phrase}, not ${show(value)}` };
}

/** A WDF slot written in the wrong object's `callbacks`: say whose it is. */
function unknownKeyMessage(key: string, path: ConfigPath, allowed: readonly string[]): string {
  const owner = path.at(-1) === "callbacks" ? slotOwner(key) : undefined;
  if (owner !== undefined) return `unknown key "${key}" (it belongs in ${owner}'s callbacks)`;
  return `unknown key "${key}"${didYouMean(key, allowed)}`;
}

const pathKey = (path: ConfigPath): string => path.join("\u0000");

const toPath = (issue: Issue): ConfigPath =>
  issue.path.map((seg) => (typeof seg === "number" ? seg : String(seg)));

function issueProblems(issue: Issue, input: unknown, schema: z.ZodType, typos: Set<string>): ConfigProblem[] {
  const path = toPath(issue);
  if (issue.code === "unrecognized_keys") {
    const allowed = keysAt(schema, path);
    return issue.keys.map((key) => ({
      path: [...path, key],
      target: "key",
      message: unknownKeyMessage(key, path, allowed),
      allowed,
    }));
  }
  if (issue.code === "invalid_key") {
    return [{ path, target: "key", message: `invalid name ${show(path.at(-1))}: ${NAME_RULE}` }];
  }
  if (isMissing(input, path)) {
    // `dispatchTyp: Sequential` is one mistake: the unknown key already suggests the missing one.
    if (typos.has(pathKey(path))) return [];
    const entry = path.slice(0, -1);
    const owner = entry.length > 0 ? `"${label(entry)}" is ` : "";
    return [{ path: entry, target: "key", message: `${owner}missing required key "${String(path.at(-1))}"` }];
  }
  return [valueProblem(issue, path, valueAt(input, path))];
}

/** Paths of the keys that unknown keys look like typos of. */
function typoTargets(issues: readonly Issue[], schema: z.ZodType): Set<string> {
  const targets = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = toPath(issue);
    for (const key of issue.keys) {
      const meant = closest(key, keysAt(schema, path));
      if (meant !== undefined) targets.add(pathKey([...path, meant]));
    }
  }
  return targets;
}

/** Every problem zod found in `input`, in wdfsim's words. */
export function problemsFromIssues(
  issues: readonly Issue[],
  input: unknown,
  schema: z.ZodType,
): ConfigProblem[] {
  const typos = typoTargets(issues, schema);
  return issues.flatMap((issue) => issueProblems(issue, input, schema, typos));
}
