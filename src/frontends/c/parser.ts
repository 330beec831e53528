// tree-sitter with the C grammar (both WebAssembly, from npm: web-tree-sitter, tree-sitter-c).
// Loaded once per process; C++ files are parsed as C where the C grammar can follow them.

import { createRequire } from "node:module";
import { Language, type Node, Parser, type Tree } from "web-tree-sitter";
import { sanitizeSource } from "./sanitize.js";

export type { Node, Tree };

let ready: Promise<Parser> | null = null;
let loaded: Parser | null = null;

const load = async (): Promise<Parser> => {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const c = await Language.load(require.resolve("tree-sitter-c/tree-sitter-c.wasm"));
  const parser = new Parser();
  parser.setLanguage(c);
  loaded = parser;
  return parser;
};

/** Parses a C expression with the already-loaded parser (for #define bodies); null if not loaded. */
export const withExpression = <T>(text: string, use: (node: Node) => T): T | null => {
  if (loaded === null) return null;
  const tree = loaded.parse(`int __wdfsim_define = (${text});`);
  const value = tree?.rootNode.descendantsOfType("init_declarator")[0]?.childForFieldName("value") ?? null;
  try {
    return value ? use(value) : null;
  } finally {
    tree?.delete();
  }
};

export const cParser = (): Promise<Parser> => {
  ready ??= load();
  return ready;
};

export const parseC = async (text: string): Promise<Tree> => {
  const parser = await cParser();
  const tree = parser.parse(sanitizeSource(text));
  if (tree === null) throw new Error("tree-sitter returned no tree");
  return tree;
};

/** The first ERROR or MISSING node, for the parse finding. */
export const firstSyntaxError = (tree: Tree): Node | null => {
  const visit = (n: Node): Node | null => {
    if (n.type === "ERROR" || n.isMissing) return n;
    if (!n.hasError) return null;
    for (const child of n.children) {
      const found = child ? visit(child) : null;
      if (found) return found;
    }
    return null;
  };
  return tree.rootNode.hasError ? visit(tree.rootNode) : null;
};
