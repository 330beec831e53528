// Text report, "Objects": the object tree following `parent` (driver → device → queues →
// children), one aligned line per object with its scope, level, dispatch/serialization, lock, status.
import type { ExplainObject } from "../analyze/explain-result.js";
import { type Cell, type Style, tableLines } from "./text-layout.js";
import { isFailed, kindName, lastSegment, levelText, objectDetails, scopeText } from "./wording.js";

interface TreeRow {
  readonly object: ExplainObject;
  readonly prefix: string;
  readonly root: boolean;
}

const childrenByParent = (
  objects: readonly ExplainObject[],
  ids: ReadonlySet<string>,
): Map<string, ExplainObject[]> => {
  const children = new Map<string, ExplainObject[]>();
  for (const object of objects) {
    if (object.parent === null || !ids.has(object.parent)) continue;
    const siblings = children.get(object.parent) ?? [];
    siblings.push(object);
    children.set(object.parent, siblings);
  }
  return children;
};

/**
 * Depth-first rows in result order: roots are objects whose parent is absent (or not shown);
 * an object the walk cannot reach (a parent cycle) still gets a root row.
 */
export const treeRows = (objects: readonly ExplainObject[]): TreeRow[] => {
  const ids = new Set(objects.map((object) => object.id));
  const children = childrenByParent(objects, ids);
  const rows: TreeRow[] = [];
  const visited = new Set<string>();
  const walk = (object: ExplainObject, prefix: string, childIndent: string, root: boolean): void => {
    if (visited.has(object.id)) return;
    visited.add(object.id);
    rows.push({ object, prefix, root });
    const kids = children.get(object.id) ?? [];
    kids.forEach((kid, i) => {
      const lastKid = i === kids.length - 1;
      walk(kid, childIndent + (lastKid ? "└─ " : "├─ "), childIndent + (lastKid ? "   " : "│  "), false);
    });
  };
  const roots = objects.filter((object) => object.parent === null || !ids.has(object.parent));
  for (const object of [...roots, ...objects]) walk(object, "", "", true);
  return rows;
};

const statusCell = (object: ExplainObject, style: Style): Cell =>
  isFailed(object) ? { text: `✗ ${object.status}`, paint: style.red } : { text: "ok" };

const objectCells = (row: TreeRow, style: Style): Cell[] => {
  const { object } = row;
  // A root that has a parent (hidden by `only`) keeps its full path, so it can still be located.
  const name = row.root && object.parent !== null ? object.id : lastSegment(object.id);
  const failed = isFailed(object);
  return [
    { text: row.prefix + name, ...(failed ? { paint: style.red } : {}) },
    { text: kindName(object.kind) },
    { text: scopeText(object) },
    { text: levelText(object) },
    { text: objectDetails(object) },
    { text: object.lock ?? "—" },
    statusCell(object, style),
  ];
};

/** The "Objects" section lines (without its heading). */
export const objectTreeLines = (objects: readonly ExplainObject[], style: Style): string[] => {
  const titles = ["object", "kind", "scope", "level", "dispatch / serialization", "lock", "status"];
  return tableLines(
    titles,
    treeRows(objects).map((row) => objectCells(row, style)),
    style,
  );
};
