// In a terminal, a finding's `file:line` should open from where the user stands, so the reports
// prefix sources with the analyzed root as the user reaches it. The JSON contract keeps sources
// relative to the analyzed root (explain-json.md).

import type { ExplainResult, ExplainSource } from "../analyze/explain-result.js";

const prefixed = (source: ExplainSource | null, prefix: string): ExplainSource | null =>
  source === null ? null : { ...source, file: `${prefix}/${source.file}` };

export const withSourcePrefix = (result: ExplainResult, prefix: string): ExplainResult =>
  prefix === "" || prefix === "."
    ? result
    : {
        ...result,
        objects: result.objects.map((o) => ({ ...o, source: prefixed(o.source, prefix) })),
        findings: result.findings.map((f) => ({ ...f, source: prefixed(f.source, prefix) })),
      };
