// Config problems before they become an InputError: a path into the config, whether the key or
// the value is at fault, and the message. Only the first one by position is reported.

import { InputError } from "../input-error.js";

export type ConfigPath = readonly (string | number)[];

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where `path` is written: the key (`target` "key", the default) or the value. A sequence
 * element's key is the element itself. Returns null when the frontend cannot tell.
 */
export type Locate = (path: (string | number)[], target?: "key" | "value") => Position | null;

export interface ConfigProblem {
  readonly path: ConfigPath;
  readonly target: "key" | "value";
  readonly message: string;
  readonly allowed?: readonly string[] | undefined;
}

/** `devices.device.queues.q.requestDispatching[1]`. */
export function formatPath(path: ConfigPath): string {
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}

/** The quoted name a message uses for the value at `path`: its key, or `key[i]` for an element. */
export function label(path: ConfigPath): string {
  const last = path.at(-1);
  if (typeof last !== "number") return last ?? "";
  return `${String(path.at(-2) ?? "")}[${last}]`;
}

const toError = (problem: ConfigProblem, file: string, locate: Locate | undefined): InputError => {
  const where = locate?.([...problem.path], problem.target) ?? null;
  if (where !== null) return new InputError({ file, ...where }, problem.message, problem.allowed);
  // No position: say where in the config instead (the key itself is already in the message).
  const context = problem.target === "key" ? problem.path.slice(0, -1) : problem.path;
  const prefix = context.length > 0 ? `at ${formatPath(context)}: ` : "";
  return new InputError({ file, line: 0, column: 0 }, `${prefix}${problem.message}`, problem.allowed);
};

/** The problem written first in the file (unlocated ones keep their order, after located ones). */
export function firstProblem(
  problems: readonly ConfigProblem[],
  file: string,
  locate: Locate | undefined,
): InputError {
  const errors = problems.map((p) => toError(p, file, locate));
  const rank = (e: InputError): number => (e.line === 0 ? Number.POSITIVE_INFINITY : e.line * 1e6 + e.column);
  let best = errors[0] ?? new InputError({ file, line: 0, column: 0 }, "invalid driver config");
  for (const e of errors) if (rank(e) < rank(best)) best = e;
  return best;
}
