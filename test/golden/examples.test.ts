// Golden tests: every example input's explain JSON is pinned byte-for-byte. Regenerate only with
// `npm run golden:update` and review the diff like code.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { loadDriver } from "../../src/frontends/load.js";

const EXAMPLES = join(import.meta.dirname, "../../examples");
const UPDATE = process.env.WDFSIM_GOLDEN_UPDATE === "1";

/** driver.yaml -> expected.json; <name>.yaml -> <name>.expected.json */
const expectedPath = (dir: string, input: string): string => {
  const base = input.replace(/\.(ya?ml|json|ts)$/, "");
  return join(dir, base === "driver" ? "expected.json" : `${base}.expected.json`);
};

const inputs = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(EXAMPLES, d.name))
      .filter((f) => /\.(ya?ml|ts)$/.test(f) && !f.endsWith(".scenario.ts"))
      .map((f) => ({ dir: join(EXAMPLES, d.name), file: f, name: `${d.name}/${f}` })),
  )
  .sort((a, b) => (a.name < b.name ? -1 : 1));

describe("golden: examples/", () => {
  it("has an input for every seed question 000-004", () => {
    const seeds = new Set(inputs.map((i) => i.name.slice(0, 3)));
    expect([...seeds].sort()).toEqual(["000", "001", "002", "003", "004"]);
  });

  for (const input of inputs) {
    it(`${input.name} matches its expected JSON`, async () => {
      const loaded = await loadDriver(join(input.dir, input.file));
      const actual = `${JSON.stringify(explain(loaded.config), null, 2)}\n`;
      const expected = expectedPath(input.dir, input.file);
      if (UPDATE) writeFileSync(expected, actual);
      expect(existsSync(expected), `${expected} missing: run npm run golden:update`).toBe(true);
      expect(actual).toBe(readFileSync(expected, "utf8"));
    });
  }
});
