// Config path -> line:column in YAML/JSON text, by walking the yaml package's node tree (keys
// are nodes too, which doc.getIn cannot return). Falls back to the deepest node found.

import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";
import type { Locate, Position } from "./problems.js";

interface Ranged {
  readonly range?: readonly [number, number, number] | null | undefined;
}

const keyText = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

/** A locator for `doc`, whose offsets `lineCounter` saw while parsing. */
export function yamlLocator(doc: Document, lineCounter: LineCounter): Locate {
  const positionOf = (node: unknown): Position | null => {
    const range = (node as Ranged | null)?.range;
    // An empty value (`key:` and nothing) has a zero-length range at the line's end: not useful.
    if (!range || range[0] === range[1]) return null;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);

  return (path, target = "key") => {
    let node = resolve(doc.contents);
    let best: Position = positionOf(node) ?? { line: 1, column: 1 };
    for (const [i, seg] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
        if (pair === undefined) return best;
        best = positionOf(pair.key) ?? best;
        if (last && target === "key") return best;
        node = resolve(pair.value);
      } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
        node = resolve(node.items[seg]);
        best = positionOf(node) ?? best;
      } else {
        return best;
      }
    }
    return positionOf(node) ?? best;
  };
}
