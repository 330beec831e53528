// `wdfsim explain` through main(): exit codes, stdout/stderr discipline, input errors.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fakeIo } from "./fake-io.js";

const EXAMPLE = join(import.meta.dirname, "../../examples/000-sequential-vs-queue-scope/driver.yaml");

const tmpFile = (name: string, text: string): string => {
  const dir = mkdtempSync(join(tmpdir(), "wdfsim-cli-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("wdfsim explain", () => {
  it("prints one JSON document and nothing else on stdout with --json", async () => {
    const { io, stdout, stderr } = fakeIo();
    const code = await main(["explain", EXAMPLE, "--json"], io);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout());
    expect(doc.schema).toBe("wdfsim.explain/1");
    expect(doc.framework).toBe("kmdf");
    expect(stderr()).toBe("");
  });

  it("prints the text report without ANSI escapes when not a terminal", async () => {
    const { io, stdout } = fakeIo(false);
    expect(await main(["explain", EXAMPLE], io)).toBe(0);
    expect(stdout()).toContain("VpaPci9030EvtIoDeviceControl");
    expect(stdout()).not.toContain("\u001b[");
  });

  it("uses color on a terminal unless NO_COLOR is set", async () => {
    const tty = fakeIo(true);
    await main(["explain", EXAMPLE], tty.io);
    expect(tty.stdout()).toContain("\u001b[");
    const noColor = fakeIo(true, { NO_COLOR: "1" });
    await main(["explain", EXAMPLE], noColor.io);
    expect(noColor.stdout()).not.toContain("\u001b[");
  });

  it("prints Markdown with --markdown", async () => {
    const { io, stdout } = fakeIo();
    await main(["explain", EXAMPLE, "--markdown"], io);
    expect(stdout()).toMatch(/^#/m);
    expect(stdout()).toContain("|");
  });

  it("exits 1 when the driver has an error finding (a creation fails), still printing the JSON", async () => {
    const file = tmpFile(
      "bad-driver.yaml",
      "devices:\n  device:\n    attributes: { synchronizationScope: Queue }\n    queues:\n      q:\n        dispatchType: Parallel\n        callbacks: { EvtIoRead: R }\n        workItems:\n          w: { callback: W }\n",
    );
    const { io, stdout } = fakeIo();
    expect(await main(["explain", file, "--json"], io)).toBe(1);
    const doc = JSON.parse(stdout());
    const w = doc.objects.find((o: { id: string }) => o.id === "device/q/w");
    expect(w.status).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("exits 2 with file:line:col and no stack trace for an unknown key", async () => {
    const file = tmpFile(
      "typo.yaml",
      "devices:\n  device:\n    queues:\n      q:\n        dispatchTyp: Parallel\n",
    );
    const { io, stdout, stderr } = fakeIo();
    expect(await main(["explain", file], io)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toContain(`${file}:5:9:`);
    expect(stderr()).toContain('"dispatchTyp"');
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for a missing file and for an unsupported input kind", async () => {
    const missing = fakeIo();
    expect(await main(["explain", "/nonexistent/driver.yaml"], missing.io)).toBe(2);
    expect(missing.stderr()).toContain("/nonexistent/driver.yaml: no such file or folder");
    const odd = fakeIo();
    expect(await main(["explain", tmpFile("x.txt", "hello")], odd.io)).toBe(2);
    expect(odd.stderr()).toContain("allowed: .yaml driver config");
  });

  it("exits 2 for an unknown option or a bad --framework value", async () => {
    expect(await main(["explain", EXAMPLE, "--jsn"], fakeIo().io)).toBe(2);
    const bad = fakeIo();
    expect(await main(["explain", EXAMPLE, "--framework", "umdf1"], bad.io)).toBe(2);
    expect(bad.stderr()).toContain("kmdf, umdf2");
  });

  it("--framework umdf2 overrides the config and makes every IRQL PASSIVE_LEVEL (IRQ-3)", async () => {
    const { io, stdout } = fakeIo();
    await main(["explain", EXAMPLE, "--json", "--framework", "umdf2"], io);
    const doc = JSON.parse(stdout());
    expect(doc.framework).toBe("umdf2");
    expect(new Set(doc.callbacks.map((c: { irql: string }) => c.irql))).toEqual(new Set(["PASSIVE_LEVEL"]));
  });

  it("--help carries an example and exits 0", async () => {
    const { io, stdout } = fakeIo();
    expect(await main(["explain", "--help"], io)).toBe(0);
    expect(stdout()).toContain("$ wdfsim explain examples/");
  });

  it("a TypeScript model with a syntax error: exit 2 with file:line:col, no stack trace", async () => {
    const file = tmpFile(
      "broken.ts",
      'import { defineDriver } from "wdfsim";\nexport default defineDriver({ devices: { ,, } });\n',
    );
    const { io, stderr } = fakeIo();
    expect(await main(["explain", file], io)).toBe(2);
    expect(stderr()).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:\\d+: `));
    expect(stderr()).not.toMatch(/\n\s+at /);
  });
});
