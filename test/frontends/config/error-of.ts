// Test helper: run `act` and return the InputError it throws as plain fields (anything else fails).

import { InputError } from "../../../src/frontends/input-error.js";

export interface Seen {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly allowed: readonly string[] | undefined;
}

export const thrown = (act: () => unknown): InputError => {
  try {
    act();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
};

export const errorOf = (act: () => unknown): Seen => {
  const e = thrown(act);
  return { line: e.line, column: e.column, message: e.message, allowed: e.allowed };
};
