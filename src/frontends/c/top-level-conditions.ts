// #if / #ifdef / #elif / #else regions: which arms the build compiles. With the project's
// PreprocessorDefinitions (known "all") a condition is decided; without project settings an
// undecided region keeps every arm, and the interpreter treats it like a runtime branch.

import type { Node } from "./parser.js";
import { evaluateCondition, evaluateIfdef, type Tri } from "./preproc-condition.js";
import { kids } from "./source-file.js";

export interface ConditionContext {
  readonly defines: ReadonlyMap<string, string>;
  readonly known: "all" | "partial";
}

export interface PreprocArms {
  /** The statements of each arm that may be compiled; an empty arm = "none of them". */
  readonly arms: Node[][];
  readonly decided: boolean;
  readonly condition: string;
}

const PREPROC_CONDITIONALS = new Set(["preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef"]);

export const isPreprocConditional = (node: Node): boolean => PREPROC_CONDITIONALS.has(node.type);

// Macros the WDK headers and the compiler define, never the project file: even with the project's
// PreprocessorDefinitions they are not known, so conditions on them stay undecided.
const HEADER_MACRO =
  /\b(?:NTDDI_\w+|_WIN32_WINNT\w*|WINVER|WDK_NTDDI_VERSION|KMDF_VERSION_\w+|UMDF_VERSION_\w+|_WIN64|_WIN32|_AMD64_|_X86_|_ARM64_|_ARM_|_M_\w+|_MSC_VER|_MSC_FULL_VER|__cplusplus|DBG|_PREFAST_)\b/g;

const knowledgeFor = (text: string, ctx: ConditionContext): ConditionContext["known"] => {
  if (ctx.known === "partial") return "partial";
  for (const m of text.matchAll(HEADER_MACRO)) if (!ctx.defines.has(m[0])) return "partial";
  return "all";
};

const conditionOf = (node: Node, ctx: ConditionContext): Tri => {
  const name = node.childForFieldName("name");
  if (name !== null) {
    const negate = /^#\s*(?:ifndef|elifndef)/.test(node.text);
    return evaluateIfdef(name.text, ctx.defines, knowledgeFor(name.text, ctx), negate);
  }
  const text = node.childForFieldName("condition")?.text ?? "";
  return evaluateCondition(text, ctx.defines, knowledgeFor(text, ctx));
};

const bodyOf = (node: Node): Node[] => {
  const skip = new Set([
    node.childForFieldName("name")?.id,
    node.childForFieldName("condition")?.id,
    node.childForFieldName("alternative")?.id,
  ]);
  return kids(node).filter((c) => !skip.has(c.id));
};

/** `#ifndef X` whose first line is `#define X`: an include guard, always compiled once. */
const isIncludeGuard = (node: Node): boolean => {
  const name = node.childForFieldName("name")?.text;
  const first = bodyOf(node)[0];
  return (
    /^#\s*ifndef/.test(node.text) &&
    first?.type === "preproc_def" &&
    first.childForFieldName("name")?.text === name
  );
};

/** Walks the #if/#elif/#else chain: the first arm known true wins when no earlier arm was undecided. */
export const preprocArms = (node: Node, ctx: ConditionContext): PreprocArms => {
  if (isIncludeGuard(node))
    return { arms: [bodyOf(node)], decided: true, condition: node.text.split("\n")[0]!.trim() };
  const arms: Node[][] = [];
  let undecided = false;
  let current: Node | null = node;
  while (current !== null) {
    if (current.type === "preproc_else") {
      arms.push(bodyOf(current));
      return { arms, decided: !undecided, condition: node.text.split("\n")[0]!.trim() };
    }
    const t = conditionOf(current, ctx);
    if (t === true) {
      arms.push(bodyOf(current));
      return { arms, decided: !undecided, condition: node.text.split("\n")[0]!.trim() };
    }
    if (t === "unknown") {
      undecided = true;
      arms.push(bodyOf(current));
    }
    current = current.childForFieldName("alternative");
  }
  if (undecided) arms.push([]);
  return { arms, decided: !undecided, condition: node.text.split("\n")[0]!.trim() };
};

/** Top level: the children of a container node that may be compiled (all arms when undecided). */
export class TopLevelConditions {
  constructor(readonly ctx: ConditionContext) {}

  forFile(_file: string): TopLevelConditions {
    return this;
  }

  liveChildren(node: Node): Node[] {
    if (isPreprocConditional(node)) return preprocArms(node, this.ctx).arms.flat();
    if (node.type === "linkage_specification" || node.type === "declaration_list") {
      const body = node.childForFieldName("body");
      return body ? (body.type === "declaration_list" ? kids(body) : [body]) : kids(node);
    }
    return [];
  }
}
