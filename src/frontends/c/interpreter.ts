// A small abstract interpreter over the driver's function bodies: straight-line code, if/else,
// switch, loops and #if regions, calls into the driver's own helpers with parameters bound to the
// caller's values (pointers to configs included). Only what reaches a Wdf...Create call matters.
// Values a branch or a runtime input decides become "not statically known" (store.ts).

import type { Framework, SourceSpan } from "../../model/config.js";
import type { ObjectBuilder } from "./builder.js";
import { evaluate } from "./expressions.js";
import type { Node } from "./parser.js";
import { kids, spanOf } from "./source-file.js";
import { Store } from "./store.js";
import type { FunctionDef, Symbols } from "./symbols.js";
import { type ConditionContext, isPreprocConditional, preprocArms } from "./top-level-conditions.js";
import { Storage, unknown, type Value } from "./values.js";
import { isWdfStructType, zeroStorage } from "./wdf-structs.js";

const MAX_DEPTH = 12;
/** Statements interpreted per driver before giving up (with a C-BUDGET finding). */
const STEP_BUDGET = 400_000;

export interface Frame {
  readonly fn: FunctionDef;
  readonly vars: Storage;
  readonly types: Map<string, string>;
}

export class Interp {
  readonly store: Store = new Store();
  readonly frames: Frame[] = [];
  private readonly active = new Set<string>();
  private readonly undecidedReported = new Set<string>();
  private steps = 0;
  exhausted = false;

  constructor(
    readonly symbols: Symbols,
    readonly builder: ObjectBuilder,
    readonly framework: Framework,
    readonly conditions: ConditionContext,
    readonly onCall: (interp: Interp, name: string, args: Node[], call: Node) => Value | undefined,
  ) {}

  get frame(): Frame {
    return this.frames.at(-1)!;
  }

  span(node: Node): SourceSpan {
    return spanOf(this.frame.fn.file, node);
  }

  /** Runs a driver function with these argument values (missing ones are not statically known). */
  call(fn: FunctionDef, args: readonly Value[]): void {
    if (this.active.has(fn.name) || this.frames.length >= MAX_DEPTH || this.exhausted) return;
    if (!this.symbols.relevant.has(fn.name)) return;
    const frame: Frame = { fn, vars: new Storage("frame"), types: new Map() };
    fn.params.forEach((p, i) => {
      frame.types.set(p.name, p.type);
      frame.vars.fields.set(p.name, args[i] ?? unknown(`parameter ${p.name} of ${fn.name}`, null));
    });
    this.active.add(fn.name);
    this.frames.push(frame);
    try {
      this.exec(fn.body);
    } finally {
      this.frames.pop();
      this.active.delete(fn.name);
    }
  }

  lookupVar(name: string): Value | undefined {
    return this.store.get(this.frame.vars, name);
  }

  setVar(name: string, value: Value): void {
    this.store.set(this.frame.vars, name, value);
  }

  exec(node: Node): void {
    if (++this.steps > STEP_BUDGET) {
      if (!this.exhausted) {
        this.builder.note(
          "C-BUDGET",
          "warning",
          `stopped after ${STEP_BUDGET} statements (in ${this.frame.fn.name}): objects created later may be missing`,
          null,
          this.span(node),
        );
      }
      this.exhausted = true;
      return;
    }
    switch (node.type) {
      case "compound_statement":
      case "translation_unit":
        for (const child of kids(node)) this.exec(child);
        return;
      case "declaration":
        this.declare(node);
        return;
      case "expression_statement":
      case "return_statement":
        for (const child of kids(node)) evaluate(this, child);
        return;
      case "if_statement":
        this.execIf(node);
        return;
      case "switch_statement":
        this.execSwitch(node);
        return;
      case "for_statement":
      case "while_statement":
      case "do_statement":
        this.loop(node);
        return;
      case "labeled_statement":
      case "case_statement":
        for (const child of kids(node).slice(node.type === "labeled_statement" ? 1 : 0)) this.exec(child);
        return;
      default:
        if (isPreprocConditional(node)) this.execPreproc(node);
    }
  }

  private declare(node: Node): void {
    const type = node.childForFieldName("type")?.text ?? "";
    for (const d of node.childrenForFieldName("declarator")) {
      if (d === null) continue;
      const init = d.type === "init_declarator" ? d.childForFieldName("value") : null;
      const target = d.type === "init_declarator" ? d.childForFieldName("declarator")! : d;
      const pointer = target.type === "pointer_declarator";
      const name =
        target.type === "identifier"
          ? target.text
          : (target.descendantsOfType("identifier")[0]?.text ?? null);
      if (name === null) continue;
      this.frame.types.set(name, pointer ? `${type}*` : type);
      if (!pointer && isWdfStructType(type)) {
        // A WDF structure variable; `= {0}` zero-fills it, otherwise it waits for its INIT macro.
        this.setVar(name, { k: "ref", storage: zeroStorage(type) });
      } else {
        this.setVar(
          name,
          init && init.type !== "initializer_list"
            ? evaluate(this, init)
            : unknown(`${name} is not initialized`, this.span(d)),
        );
      }
    }
  }

  private execIf(node: Node): void {
    const cond = evaluate(this, node.childForFieldName("condition")!);
    const then = node.childForFieldName("consequence");
    const otherwise = node.childForFieldName("alternative");
    const elseBody = otherwise ? (kids(otherwise).at(-1) ?? null) : null;
    const known = cond.k === "num" ? cond.v !== 0 : cond.k === "null" ? false : null;
    if (known === true && then) {
      this.exec(then);
      return;
    }
    if (known === false) {
      if (elseBody) this.exec(elseBody);
      return;
    }
    this.store.branch(
      [() => then && this.exec(then), () => elseBody && this.exec(elseBody)],
      this.span(node),
      `the if at line ${node.startPosition.row + 1}`,
    );
  }

  private execSwitch(node: Node): void {
    evaluate(this, node.childForFieldName("condition")!);
    const body = node.childForFieldName("body");
    const cases = body ? kids(body).filter((c) => c.type === "case_statement") : [];
    const hasDefault = cases.some((c) => c.text.startsWith("default"));
    const arms = cases.map((c) => () => this.exec(c));
    this.store.branch(
      hasDefault ? arms : [...arms, () => {}],
      this.span(node),
      `the switch at line ${node.startPosition.row + 1}`,
    );
  }

  private loop(node: Node): void {
    const body = node.childForFieldName("body");
    // A loop body runs zero or more times: one call site inside stays one object, values it sets are unknown.
    this.store.branch(
      [() => body && this.exec(body), () => {}],
      this.span(node),
      `the loop at line ${node.startPosition.row + 1}`,
    );
  }

  private execPreproc(node: Node): void {
    const { arms, decided, condition } = preprocArms(node, this.conditions);
    const runArm = (arm: Node[]) => () => {
      for (const s of arm) this.exec(s);
    };
    if (decided) {
      runArm(arms[0] ?? [])();
      return;
    }
    const at = this.span(node);
    const key = this.builder.siteKey(at);
    if (!this.undecidedReported.has(key)) {
      this.undecidedReported.add(key);
      this.builder.note(
        "C-IFDEF",
        "info",
        `${condition} is not decided (neither the sources nor the project's PreprocessorDefinitions settle it); both branches were considered, and values that differ are reported as not statically known`,
        null,
        at,
      );
    }
    this.store.branch(arms.map(runArm), at, `${condition} at line ${at.line}`);
  }
}
