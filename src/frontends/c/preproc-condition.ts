// PLACEHOLDER (replaced by the full evaluator).
export type Tri = true | false | "unknown";
export function evaluateIfdef(
  name: string,
  defines: ReadonlyMap<string, string>,
  known: "all" | "partial",
  negate: boolean,
): Tri {
  const d = defines.has(name) ? true : known === "all" ? false : "unknown";
  return d === "unknown" ? d : d !== negate;
}
export function evaluateCondition(
  expr: string,
  defines: ReadonlyMap<string, string>,
  known: "all" | "partial",
): Tri {
  const t = expr.trim();
  if (/^\(?\s*0\s*\)?$/.test(t)) return false;
  if (/^\(?\s*1\s*\)?$/.test(t)) return true;
  const m = /^!?\s*defined\s*\(?\s*(\w+)\s*\)?$/.exec(t);
  if (m) return evaluateIfdef(m[1]!, defines, known, t.startsWith("!"));
  if (/^\w+$/.test(t)) {
    const v = defines.get(t);
    return v === undefined ? (known === "all" ? false : "unknown") : v !== "0";
  }
  return "unknown";
}
