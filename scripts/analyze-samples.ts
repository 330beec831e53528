// Runs `explain` over every project folder of a local Windows-driver-samples checkout (or any
// tree of driver projects) and prints one line per project: objects, callbacks, findings by
// severity, or the internal error. Usage: npm run samples -- <path-to-checkout> [--json]
// Nothing from the checkout is copied into this repository.

import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { explain } from "../src/analyze/explain.js";
import { loadCDriver } from "../src/frontends/c/load-c.js";
import { isInputError } from "../src/frontends/input-error.js";

const root = process.argv[2];
if (!root) {
  console.error("usage: npm run samples -- <path to a Windows-driver-samples checkout> [--json]");
  process.exit(2);
}

const projects = (dir: string, out: Set<string>): Set<string> => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    if (e.isDirectory()) projects(join(dir, e.name), out);
    else if (e.name.endsWith(".vcxproj")) out.add(dirname(join(dir, e.name)));
  }
  return out;
};

const t0 = performance.now();
let failures = 0;
const rows: unknown[] = [];
for (const folder of [...projects(root, new Set())].sort()) {
  const name = relative(root, folder);
  try {
    const r = explain((await loadCDriver([folder])).config);
    const by = (s: string) => r.findings.filter((f) => f.severity === s).length;
    rows.push({
      name,
      framework: r.framework,
      objects: r.objects.length,
      callbacks: r.callbacks.length,
      errors: by("error"),
      warnings: by("warning"),
      info: by("info"),
    });
  } catch (error) {
    if (isInputError(error)) rows.push({ name, skipped: error.message });
    else {
      failures++;
      rows.push({
        name,
        internalError:
          error instanceof Error ? `${error.message} ${error.stack?.split("\n")[1]?.trim()}` : String(error),
      });
    }
  }
}
const ms = performance.now() - t0;
if (process.argv.includes("--json")) console.log(JSON.stringify({ ms, failures, rows }, null, 2));
else {
  for (const r of rows) console.log(JSON.stringify(r));
  console.log(`${rows.length} projects in ${(ms / 1000).toFixed(2)} s, ${failures} internal errors`);
}
process.exitCode = failures > 0 ? 1 : 0;
