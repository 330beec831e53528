// The installed command: `npx wdfsim` runs bin/wdfsim.js over the compiled dist/.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "bin/wdfsim.js"), ...args], { cwd: ROOT, encoding: "utf8" });

describe("bin/wdfsim.js", () => {
  it("answers the seed-000 question from the README's first command", () => {
    const r = run("explain", "examples/000-sequential-vs-queue-scope/driver.yaml");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("VpaPci9030EvtWorkItem");
    expect(r.stderr).toBe("");
  });

  it("loads a TypeScript driver model with no build step", () => {
    const r = run("explain", "examples/000-sequential-vs-queue-scope/model.ts", "--json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.callbacks.map((c: { function: string }) => c.function)).toContain(
      "VpaPci9030EvtIoDeviceControl",
    );
  });

  it("prints usage and exits 2 with no arguments", () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain("explain");
  });
});
