// The C front-end against the fixture drivers: every object, status, declared field, lock,
// callback and "not statically known" value, as written by hand in fixtures-expectations.ts
// from the sources and the rule books (never from wdfsim's output).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../../src/analyze/explain.js";
import type { ExplainResult } from "../../../src/analyze/explain-result.js";
import { loadCDriver } from "../../../src/frontends/c/load-c.js";
import { FIXTURE_EXPECTATIONS } from "./fixtures-expectations.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/c");
const results = new Map<string, Promise<ExplainResult>>();
const explainFixture = (name: string): Promise<ExplainResult> => {
  let r = results.get(name);
  if (r === undefined) {
    r = loadCDriver([join(FIXTURES, name)]).then((loaded) => explain(loaded.config));
    results.set(name, r);
  }
  return r;
};

for (const [name, expected] of Object.entries(FIXTURE_EXPECTATIONS)) {
  describe(`C fixture ${name}`, () => {
    it("framework", async () => {
      expect((await explainFixture(name)).framework).toBe(expected.framework);
    });

    it("objects: ids, kinds, parents, create-call lines and statuses", async () => {
      const r = await explainFixture(name);
      const actual = r.objects.map((o) => ({
        id: o.id,
        kind: o.kind,
        parent: o.parent,
        file: o.source?.file,
        line: o.source?.line,
        status: o.status,
      }));
      const wanted = expected.objects.map((o) => ({
        id: o.id,
        kind: o.kind,
        parent: o.parent,
        file: o.file,
        line: o.line,
        status: o.status,
      }));
      expect(actual).toEqual(expect.arrayContaining(wanted));
      expect(actual.map((o) => o.id).sort()).toEqual(wanted.map((o) => o.id).sort());
    });

    it("declared fields and locks", async () => {
      const r = await explainFixture(name);
      for (const o of expected.objects) {
        const actual = r.objects.find((x) => x.id === o.id);
        if (o.declared) expect(actual?.declared, o.id).toMatchObject(o.declared);
        if (o.lock !== undefined) expect(actual?.lock, `${o.id} lock`).toBe(o.lock);
      }
    });

    it("callbacks: exactly the registered ones, on the right objects", async () => {
      const r = await explainFixture(name);
      const key = (c: { object: string; event: string; function: string | null }) =>
        `${c.object} ${c.event} ${c.function}`;
      expect(r.callbacks.map(key).sort()).toEqual(expected.callbacks.map(key).sort());
    });

    it("values that are not statically known are null and earn an info finding", async () => {
      const r = await explainFixture(name);
      for (const u of expected.unknown ?? []) {
        const o = r.objects.find((x) => x.id === u.object);
        expect(
          (o?.declared as Record<string, unknown> | undefined)?.[u.field],
          `${u.object}.${u.field}`,
        ).toBeNull();
        expect(
          r.findings.some(
            (f) =>
              f.severity === "info" && f.object === u.object && f.message.includes("not statically known"),
          ),
        ).toBe(true);
      }
    });

    it("expected findings", async () => {
      const r = await explainFixture(name);
      for (const f of expected.findingsInclude ?? []) {
        expect(r.findings, JSON.stringify(f)).toContainEqual(
          expect.objectContaining({
            ...(f.rule ? { rule: f.rule } : {}),
            ...(f.severity ? { severity: f.severity } : {}),
            ...(f.file || f.line
              ? {
                  source: expect.objectContaining({
                    ...(f.file ? { file: f.file } : {}),
                    ...(f.line ? { line: f.line } : {}),
                  }),
                }
              : {}),
          }),
        );
      }
    });
  });
}
