// The terminal report of `wdfsim run`: outcome, findings with virtual time and callback, request
// statuses. All wording of the run report lives here.

import type { RuntimeFinding } from "../runtime/findings.js";
import type { RunResult } from "../runtime/run.js";

const findingLine = (f: RuntimeFinding): string =>
  `  ✗ ${f.rule} (${f.spec}) at t=${f.t}µs${f.callback ? ` in ${f.callback}` : ""}\n      ${f.message}${f.bugcheck ? `\n      real framework: ${f.bugcheck}` : ""}${f.stack && f.stack.length > 1 ? `\n      stack: ${f.stack.join(" → ")}` : ""}`;

export const renderRunText = (result: RunResult, opts: { seed: number; cpus: number }): string => {
  const lines: string[] = [];
  const outcome =
    result.outcome.kind === "idle"
      ? "ran to completion"
      : result.outcome.kind === "deadlock"
        ? "stopped: nothing can run (hang or deadlock)"
        : "stopped: step budget exhausted";
  lines.push(
    `wdfsim run: ${opts.cpus} processors, seed ${opts.seed}, ${outcome}, ${result.trace.events.length} events`,
  );
  lines.push("", "Requests");
  for (const r of result.requests)
    lines.push(`  ${r.id.padEnd(6)} ${r.type.padEnd(22)} ${r.status ?? `(${r.state})`}`);
  if (result.errors.length > 0) {
    lines.push("", "Exceptions in driver or scenario code");
    for (const e of result.errors) lines.push(`  ${e.task}: ${e.message}`);
  }
  lines.push(
    "",
    result.findings.length === 0 ? "No verifier findings." : `Findings (${result.findings.length})`,
  );
  for (const f of result.findings) lines.push(findingLine(f));
  lines.push("", `Replay: wdfsim run <scenario> --seed ${opts.seed} --cpus ${opts.cpus}`);
  return `${lines.join("\n")}\n`;
};
