// One parsed source file of the driver under analysis.

import type { SourceSpan } from "../../model/config.js";
import type { Node, Tree } from "./parser.js";

export interface SourceFile {
  /** Relative to the analyzed root, '/' separators. */
  readonly file: string;
  readonly text: string;
  readonly tree: Tree;
}

/** The span of a node: `line` is where the node starts (1-based). */
export const spanOf = (file: string, node: Node): SourceSpan => ({
  file,
  line: node.startPosition.row + 1,
  column: node.startPosition.column + 1,
});

/** Named children of a node, without nulls. */
export const kids = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null);

/** The last identifier in an expression: `&devCtx->IoctlQueue` -> "IoctlQueue". */
export const lastIdentifier = (node: Node): string | null => {
  if (node.type === "identifier" || node.type === "field_identifier") return node.text;
  const field = node.childForFieldName("field");
  if (field) return field.text;
  const named = kids(node);
  for (let i = named.length - 1; i >= 0; i--) {
    const found = lastIdentifier(named[i]!);
    if (found) return found;
  }
  return null;
};
