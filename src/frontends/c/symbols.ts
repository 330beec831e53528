// What the driver's files define at top level: functions (with parameter names and types),
// object-like #defines, enumerators, and which functions are called directly (the others are
// roots: DriverEntry and callbacks the framework calls).

import type { Node } from "./parser.js";
import { kids, type SourceFile } from "./source-file.js";
import { isPreprocConditional, preprocArms, type TopLevelConditions } from "./top-level-conditions.js";

export interface Param {
  readonly name: string;
  readonly type: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly file: string;
  readonly body: Node;
  readonly params: readonly Param[];
  readonly order: number;
  /** The body's source text, read once (scanning text is cheaper than walking the tree). */
  readonly text: string;
}

export interface Symbols {
  readonly functions: Map<string, FunctionDef>;
  /** #define NAME value (object-like only), as written; `undecided` when #if arms disagree. */
  readonly defines: Map<
    string,
    { readonly text: string; readonly file: string; readonly undecided?: string }
  >;
  readonly enumerators: Map<string, number>;
  readonly calledDirectly: Set<string>;
  /** Functions that can reach WDF configuration (directly or through callees); others are skipped. */
  readonly relevant: Set<string>;
  /** Top-level #if regions no definition decided (reported as C-IFDEF). */
  readonly undecided: Array<{ readonly file: string; readonly line: number; readonly condition: string }>;
}

export const emptySymbols = (): Symbols => ({
  functions: new Map(),
  defines: new Map(),
  enumerators: new Map(),
  calledDirectly: new Set(),
  relevant: new Set(),
  undecided: [],
});

const declaratorName = (node: Node | null): string | null => {
  if (node === null) return null;
  if (node.type === "identifier") return node.text;
  return declaratorName(node.childForFieldName("declarator"));
};

const paramsOf = (fnDeclarator: Node): Param[] => {
  const list = fnDeclarator.childForFieldName("parameters");
  if (list === null) return [];
  return kids(list)
    .filter((p) => p.type === "parameter_declaration")
    .map((p) => {
      const decl = p.childForFieldName("declarator");
      const pointer = decl?.type === "pointer_declarator" ? "*" : "";
      return {
        name: declaratorName(decl) ?? "",
        type: `${p.childForFieldName("type")?.text ?? ""}${pointer}`,
      };
    });
};

const functionDeclarator = (node: Node | null): Node | null => {
  if (node === null) return null;
  if (node.type === "function_declarator") return node;
  return functionDeclarator(node.childForFieldName("declarator"));
};

const addFunction = (symbols: Symbols, file: string, node: Node): void => {
  const decl = functionDeclarator(node.childForFieldName("declarator"));
  const name = declaratorName(decl?.childForFieldName("declarator") ?? null);
  const body = node.childForFieldName("body");
  if (decl === null || name === null || body === null || symbols.functions.has(name)) return;
  symbols.functions.set(name, {
    name,
    file,
    body,
    params: paramsOf(decl),
    order: symbols.functions.size,
    text: body.text,
  });
};

const addEnumerators = (symbols: Symbols, node: Node): void => {
  for (const list of node.descendantsOfType("enumerator_list")) {
    let next = 0;
    for (const e of kids(list!).filter((n) => n.type === "enumerator")) {
      const value = e.childForFieldName("value");
      const parsed = value ? Number.parseInt(value.text, value.text.startsWith("0x") ? 16 : 10) : Number.NaN;
      const v = Number.isNaN(parsed) ? next : parsed;
      symbols.enumerators.set(e.childForFieldName("name")?.text ?? "", v);
      next = v + 1;
    }
  }
};

const visitTopLevel = (symbols: Symbols, file: string, node: Node, conditions: TopLevelConditions): void => {
  switch (node.type) {
    case "function_definition":
      addFunction(symbols, file, node);
      return;
    case "preproc_def": {
      const name = node.childForFieldName("name")?.text;
      const value = node.childForFieldName("value")?.text.trim();
      if (name && value && !symbols.defines.has(name)) symbols.defines.set(name, { text: value, file });
      return;
    }
    case "declaration":
    case "type_definition":
    case "enum_specifier":
      addEnumerators(symbols, node);
      return;
    default:
      if (isPreprocConditional(node)) {
        visitRegion(symbols, file, node, conditions);
        return;
      }
      for (const child of conditions.liveChildren(node)) visitTopLevel(symbols, file, child, conditions);
  }
};

// An undecided #if region: a macro the arms define differently has no single value.
const visitRegion = (symbols: Symbols, file: string, node: Node, conditions: TopLevelConditions): void => {
  const { arms, decided, condition } = preprocArms(node, conditions.ctx);
  if (!decided) symbols.undecided.push({ file, line: node.startPosition.row + 1, condition });
  const before = new Set(symbols.defines.keys());
  const perArm = arms.map((arm) => {
    const armSymbols = { ...symbols, defines: new Map<string, { text: string; file: string }>() };
    for (const child of arm) visitTopLevel(armSymbols, file, child, conditions);
    return armSymbols.defines;
  });
  const names = new Set(perArm.flatMap((d) => [...d.keys()]));
  for (const name of names) {
    if (before.has(name)) continue;
    const texts = new Set(perArm.map((d) => d.get(name)?.text));
    const first = perArm.find((d) => d.has(name))!.get(name)!;
    symbols.defines.set(name, decided || texts.size === 1 ? first : { ...first, undecided: condition });
  }
};

export const collectSymbols = (files: readonly SourceFile[], conditions: TopLevelConditions): Symbols => {
  const symbols = emptySymbols();
  for (const f of files) {
    for (const child of kids(f.tree.rootNode))
      visitTopLevel(symbols, f.file, child, conditions.forFile(f.file));
  }
  const callees = new Map<string, Set<string>>();
  for (const fn of symbols.functions.values()) {
    const set = new Set<string>();
    // `name(` in the body text: a call to a driver function (comments and strings may add a few
    // false edges, which only widen what is interpreted).
    for (const m of fn.text.matchAll(CALL)) {
      const name = m[1]!;
      if (name !== fn.name && symbols.functions.has(name)) {
        symbols.calledDirectly.add(name);
        set.add(name);
      }
    }
    callees.set(fn.name, set);
  }
  markRelevant(symbols, callees);
  return symbols;
};

const CALL = /\b([A-Za-z_]\w*)\s*\(/g;

// A body that names a WDF DDI, INIT macro or configuration field can matter; so can its callers.
const WDF_RELEVANT =
  /\bWdf[A-Z]|\bWDF_[A-Z]|->\s*(?:Evt\w+|AutomaticSerialization|ExecutionLevel|SynchronizationScope|ParentObject|PowerManaged|DispatchType|DefaultQueue|Period|PassiveHandling|Settings)\b/;

const markRelevant = (symbols: Symbols, callees: ReadonlyMap<string, ReadonlySet<string>>): void => {
  for (const fn of symbols.functions.values()) if (WDF_RELEVANT.test(fn.text)) symbols.relevant.add(fn.name);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, set] of callees) {
      if (symbols.relevant.has(name)) continue;
      if ([...set].some((c) => symbols.relevant.has(c))) {
        symbols.relevant.add(name);
        changed = true;
      }
    }
  }
};
