// Golden: the whole explain JSON of each C fixture, pinned byte-for-byte (test/fixtures/c/<name>/
// expected.json). Regenerate with `npm run golden:update` and review the diff like code; the literal
// per-field expectations live in test/frontends/c/fixtures-expectations.ts.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { loadCDriver } from "../../src/frontends/c/load-c.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/c");
const UPDATE = process.env.WDFSIM_GOLDEN_UPDATE === "1";

describe("golden: C fixtures", () => {
  for (const name of readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    it(`${name} matches expected.json`, async () => {
      const dir = join(FIXTURES, name);
      const actual = `${JSON.stringify(explain((await loadCDriver([dir])).config), null, 2)}\n`;
      const file = join(dir, "expected.json");
      if (UPDATE) writeFileSync(file, actual);
      expect(existsSync(file), `${file} missing: run npm run golden:update`).toBe(true);
      expect(actual).toBe(readFileSync(file, "utf8"));
    });
  }
});
