// One driver, three frontends: the seed-000 driver written as YAML, as a TypeScript model and as
// C source explains identically — objects, locks, callbacks, pairs and findings — source spans aside.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { ExplainResult } from "../../src/analyze/explain-result.js";
import { loadDriver } from "../../src/frontends/load.js";

const ROOT = join(import.meta.dirname, "../..");
const withoutSources = (r: ExplainResult) => ({
  ...r,
  objects: r.objects.map((o) => ({ ...o, source: null })),
  findings: r.findings.map((f) => ({ ...f, source: null })),
});
const explained = async (path: string) =>
  withoutSources(explain((await loadDriver(join(ROOT, path))).config));

describe("DriverConfig battery: YAML, TypeScript and C inputs of the same driver", () => {
  it("seed 000: YAML and TypeScript model agree", async () => {
    expect(await explained("examples/000-sequential-vs-queue-scope/model.ts")).toEqual(
      await explained("examples/000-sequential-vs-queue-scope/driver.yaml"),
    );
  });

  it("seed 000: YAML and C source agree", async () => {
    expect(await explained("test/fixtures/c/seed-000")).toEqual(
      await explained("examples/000-sequential-vs-queue-scope/driver.yaml"),
    );
  });
});
