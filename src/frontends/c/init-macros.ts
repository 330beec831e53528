// WDF_*_INIT macro calls: zero the structure, then apply the header defaults and the macro's
// arguments (wdf-structs.ts has the table).

import { evaluate } from "./expressions.js";
import type { Interp } from "./interpreter.js";
import type { Node } from "./parser.js";
import { num, type Value } from "./values.js";
import { INIT_MACROS } from "./wdf-structs.js";

export const isInitMacro = (name: string): boolean => name in INIT_MACROS;

export const applyInitMacro = (interp: Interp, name: string, args: readonly Node[]): Value | undefined => {
  const macro = INIT_MACROS[name];
  const target = args[0] ? evaluate(interp, args[0]) : undefined;
  if (macro === undefined || target?.k !== "ref") return undefined;
  const storage = target.storage;
  for (const field of interp.store.snapshot(storage).keys()) interp.store.set(storage, field, num(0));
  const values = args.slice(1).map((a) => evaluate(interp, a));
  for (const [field, value] of macro.defaults(interp.framework, values))
    interp.store.set(storage, field, value);
  macro.args.forEach((field, i) => {
    const v = values[i];
    if (v !== undefined) interp.store.set(storage, field, v);
  });
  return undefined;
};
