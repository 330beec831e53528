// Evaluating C expressions to the abstract values of values.ts. Identifiers resolve in this
// order: local variable or parameter, #define, enumerator, driver function, WDF constant or
// enumerator name, a handle stored under that name. Anything else is not statically known.

import type { Interp } from "./interpreter.js";
import { type Node, withExpression } from "./parser.js";
import { kids } from "./source-file.js";
import { NULL_VALUE, num, type Storage, unknown, type Value } from "./values.js";

const CONSTANTS: Readonly<Record<string, Value>> = {
  TRUE: num(1),
  FALSE: num(0),
  true: num(1),
  false: num(0),
  NULL: NULL_VALUE,
  nullptr: NULL_VALUE,
  WDF_NO_OBJECT_ATTRIBUTES: NULL_VALUE,
  WDF_NO_HANDLE: NULL_VALUE,
  WDF_NO_CONTEXT: NULL_VALUE,
  WDF_NO_SEND_OPTIONS: NULL_VALUE,
};

export const parseIntegerLiteral = (text: string): number | null => {
  const t = text.replace(/[uUlL]+$/, "");
  const v = /^0[xX]/.test(t)
    ? Number.parseInt(t, 16)
    : /^0[0-7]+$/.test(t)
      ? Number.parseInt(t, 8)
      : Number(t);
  return Number.isFinite(v) ? v : null;
};

const defineDepth = new WeakMap<Interp, number>();

/** An object-like #define: its body evaluated as a C expression (guarded against recursion). */
const evaluateDefine = (interp: Interp, name: string, at: Node): Value => {
  const def = interp.symbols.defines.get(name)!;
  const depth = defineDepth.get(interp) ?? 0;
  if (depth > 16) return unknown(`#define ${name} is recursive`, interp.span(at));
  if (def.undecided) return unknown(`#define ${name} depends on ${def.undecided}`, interp.span(at));
  const literal = parseIntegerLiteral(def.text.replace(/^\((.*)\)$/, "$1").trim());
  if (literal !== null) return num(literal);
  defineDepth.set(interp, depth + 1);
  try {
    if (/^[A-Za-z_]\w*$/.test(def.text)) return identifier(interp, def.text, at);
    return (
      withExpression(def.text, (node) => evaluate(interp, node)) ??
      unknown(`#define ${name} ${def.text}`, interp.span(at))
    );
  } finally {
    defineDepth.set(interp, depth);
  }
};

const identifier = (interp: Interp, name: string, at: Node): Value => {
  const local = interp.lookupVar(name);
  if (local !== undefined) return local;
  if (interp.symbols.defines.has(name)) return evaluateDefine(interp, name, at);
  const enumerator = interp.symbols.enumerators.get(name);
  if (enumerator !== undefined) return num(enumerator);
  if (interp.symbols.functions.has(name)) return { k: "fn", name };
  const constant = CONSTANTS[name];
  if (constant !== undefined) return constant;
  if (/^Wdf[A-Z]\w*$/.test(name)) return { k: "enum", name };
  const handle = interp.builder.handleNamed(name);
  if (handle !== null) return { k: "handle", object: handle };
  // Most remaining names are callbacks declared with EVT_WDF_* typedefs or defined elsewhere; a
  // non-callback field that receives one is reported as not statically known (field-values.ts).
  return { k: "fn", name };
};

/** `a.b.c` / `p->b.c`: the storage the path starts in and the dotted field path. */
export const fieldTarget = (
  interp: Interp,
  node: Node,
): { storage: Storage | null; path: string; field: string } => {
  const fields: string[] = [];
  let cur: Node = node;
  while (cur.type === "field_expression") {
    fields.unshift(cur.childForFieldName("field")!.text);
    const op = cur.childForFieldName("operator")?.text ?? cur.children[1]?.text;
    const arg = cur.childForFieldName("argument")!;
    if (op === "->" || arg.type !== "field_expression") {
      cur = arg;
      break;
    }
    cur = arg;
  }
  const base = evaluate(interp, cur);
  return {
    storage: base.k === "ref" ? base.storage : null,
    path: fields.join("."),
    field: fields.at(-1) ?? "",
  };
};

const fieldValue = (interp: Interp, node: Node): Value => {
  const { storage, path, field } = fieldTarget(interp, node);
  if (storage !== null) return interp.store.get(storage, path) ?? num(0);
  // A context field (devCtx->IoctlQueue): the handle stored under that field name, if any.
  const handle = interp.builder.handleNamed(field);
  return handle !== null
    ? { k: "handle", object: handle }
    : unknown(`${node.text} is not statically known`, interp.span(node));
};

const arithmetic = (op: string, a: number, b: number): number | null => {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? null : Math.trunc(a / b);
    case "%":
      return b === 0 ? null : a % b;
    case "|":
      return a | b;
    case "&":
      return a & b;
    case "^":
      return a ^ b;
    case "<<":
      return a << b;
    case ">>":
      return a >> b;
    case "==":
      return a === b ? 1 : 0;
    case "!=":
      return a !== b ? 1 : 0;
    case "<":
      return a < b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case "<=":
      return a <= b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
    case "&&":
      return a && b ? 1 : 0;
    case "||":
      return a || b ? 1 : 0;
    default:
      return null;
  }
};

const binary = (interp: Interp, node: Node): Value => {
  const op = node.childForFieldName("operator")?.text ?? "";
  const a = evaluate(interp, node.childForFieldName("left")!);
  const b = evaluate(interp, node.childForFieldName("right")!);
  if (a.k === "num" && b.k === "num") {
    const v = arithmetic(op, a.v, b.v);
    if (v !== null) return num(v);
  }
  if ((op === "==" || op === "!=") && a.k === "enum" && b.k === "enum")
    return num((a.name === b.name) === (op === "==") ? 1 : 0);
  return unknown(`${node.text} is not statically known`, interp.span(node));
};

const unary = (interp: Interp, node: Node): Value => {
  const op = node.childForFieldName("operator")?.text ?? "";
  const v = evaluate(interp, node.childForFieldName("argument")!);
  if (v.k !== "num")
    return op === "!" && v.k === "null"
      ? num(1)
      : unknown(`${node.text} is not statically known`, interp.span(node));
  return num(op === "!" ? (v.v ? 0 : 1) : op === "-" ? -v.v : op === "~" ? ~v.v : v.v);
};

const conditional = (interp: Interp, node: Node): Value => {
  const c = evaluate(interp, node.childForFieldName("condition")!);
  const yes = () => evaluate(interp, node.childForFieldName("consequence")!);
  const no = () => evaluate(interp, node.childForFieldName("alternative")!);
  if (c.k === "num") return c.v ? yes() : no();
  return unknown(`${node.text} depends on a runtime value`, interp.span(node));
};

export const evaluate = (interp: Interp, node: Node): Value => {
  switch (node.type) {
    case "number_literal": {
      const v = parseIntegerLiteral(node.text);
      return v === null ? unknown(`${node.text} is not an integer`, interp.span(node)) : num(v);
    }
    case "true":
      return num(1);
    case "false":
      return num(0);
    case "null":
      return NULL_VALUE;
    case "identifier":
      return identifier(interp, node.text, node);
    case "parenthesized_expression":
    case "comma_expression":
      return evaluate(interp, kids(node).at(-1)!);
    case "cast_expression":
      return evaluate(interp, node.childForFieldName("value")!);
    case "pointer_expression":
      return evaluate(interp, node.childForFieldName("argument")!);
    case "field_expression":
      return fieldValue(interp, node);
    case "binary_expression":
      return binary(interp, node);
    case "unary_expression":
      return unary(interp, node);
    case "conditional_expression":
      return conditional(interp, node);
    case "assignment_expression":
      return assign(interp, node);
    case "call_expression":
      return callExpression(interp, node);
    default:
      for (const child of kids(node))
        if (child.type === "call_expression" || child.type === "assignment_expression")
          evaluate(interp, child);
      return unknown(`${node.text.slice(0, 40)} is not statically known`, interp.span(node));
  }
};

/** `&x` of a scalar variable: the callee may write it, so afterwards it is not statically known. */
const forgetOutScalars = (interp: Interp, args: readonly Node[], callee: string, at: Node): void => {
  for (const a of args) {
    const target =
      a.type === "pointer_expression" && a.text.startsWith("&") ? a.childForFieldName("argument") : null;
    if (target?.type !== "identifier") continue;
    const current = interp.lookupVar(target.text);
    if (current !== undefined && current.k !== "ref")
      interp.setVar(target.text, unknown(`${target.text} may be written by ${callee}()`, interp.span(at)));
  }
};

const callExpression = (interp: Interp, node: Node): Value => {
  const callee = node.childForFieldName("function");
  const args = kids(node.childForFieldName("arguments")!);
  const name = callee?.type === "identifier" ? callee.text : null;
  if (name !== null) {
    const handled = interp.onCall(interp, name, args, node);
    if (handled !== undefined) return handled;
    const fn = interp.symbols.functions.get(name);
    if (fn !== undefined) {
      interp.call(
        fn,
        args.map((a) => evaluate(interp, a)),
      );
      forgetOutScalars(interp, args, name, node);
      return unknown(`the result of ${name}()`, interp.span(node));
    }
  }
  for (const a of args) evaluate(interp, a);
  forgetOutScalars(interp, args, callee?.text ?? "a call", node);
  return unknown(`the result of ${callee?.text ?? "a call"}()`, interp.span(node));
};

/** `x = v`, `s.f = v`, `p->f = v`; compound assignments make the target not statically known. */
export const assign = (interp: Interp, node: Node): Value => {
  const left = node.childForFieldName("left")!;
  const op = node.childForFieldName("operator")?.text ?? "=";
  const right = evaluate(interp, node.childForFieldName("right")!);
  const value = op === "=" ? right : unknown(`${node.text} is not statically known`, interp.span(node));
  if (left.type === "identifier") {
    const current = interp.lookupVar(left.text);
    // Struct assignment copies the fields; it does not alias.
    if (
      current?.k === "ref" &&
      value.k === "ref" &&
      current.storage.type !== null &&
      current.storage.type !== "frame"
    ) {
      for (const [f, v] of interp.store.snapshot(value.storage)) interp.store.set(current.storage, f, v);
    } else interp.setVar(left.text, value);
    if (value.k === "handle") interp.builder.storeHandle(left.text, value.object);
  } else if (left.type === "field_expression") {
    const { storage, path, field } = fieldTarget(interp, left);
    if (storage !== null) interp.store.set(storage, path, value);
    if (value.k === "handle") interp.builder.storeHandle(field, value.object);
  }
  return value;
};
