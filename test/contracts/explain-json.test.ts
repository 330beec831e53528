// Every example's --json output validates against shared/spec/explain-json.md, transcribed here
// as a zod schema (strict: no extra keys), plus the cross-references the contract promises.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const source = z
  .object({ file: z.string().regex(/^[^\\]+$/), line: z.number().int().positive() })
  .strict()
  .nullable();
const explainSchema = z
  .object({
    schema: z.literal("wdfsim.explain/1"),
    framework: z.enum(["kmdf", "umdf2"]),
    objects: z.array(
      z
        .object({
          id: z.string().min(1),
          kind: z.enum([
            "driver",
            "device",
            "queue",
            "workitem",
            "timer",
            "dpc",
            "interrupt",
            "fileobject",
            "other",
          ]),
          parent: z.string().nullable(),
          source,
          declared: z
            .object({
              // null: not statically known (C input; explain-json.md "Meanings").
              syncScope: z.enum(["Device", "Queue", "None", "InheritFromParent"]).nullable(),
              executionLevel: z.enum(["Passive", "Dispatch", "InheritFromParent"]).nullable(),
              automaticSerialization: z.boolean().nullable(),
              dispatch: z.enum(["Sequential", "Parallel", "Manual"]).nullable(),
              numberOfPresentedRequests: z.number().int().nonnegative().nullable(),
              defaultQueue: z.boolean().nullable(),
              powerManaged: z.enum(["WdfTrue", "WdfFalse", "WdfUseDefault"]).nullable(),
              period: z.number().nonnegative().nullable(),
            })
            .strict(),
          effective: z
            .object({
              syncScope: z.enum(["Device", "Queue", "None"]),
              executionLevel: z.enum(["Passive", "Dispatch"]),
            })
            .strict(),
          status: z.string().regex(/^STATUS_[A-Z0-9_]+$/),
          lock: z.string().nullable(),
        })
        .strict(),
    ),
    locks: z.array(z.object({ id: z.string(), kind: z.enum(["spin", "mutex"]), owner: z.string() }).strict()),
    callbacks: z.array(
      z
        .object({
          id: z.string(),
          object: z.string(),
          event: z.string().regex(/^Evt[A-Za-z0-9]+$/),
          function: z.string().nullable(),
          lock: z.string().nullable(),
          irql: z.enum(["PASSIVE_LEVEL", "DISPATCH_LEVEL", "DIRQL"]),
        })
        .strict(),
    ),
    pairs: z.array(
      z.object({ a: z.string(), b: z.string(), concurrent: z.boolean(), why: z.string().min(10) }).strict(),
    ),
    findings: z.array(
      z
        .object({
          rule: z.string().min(1),
          severity: z.enum(["error", "warning", "info"]),
          message: z.string().min(1),
          object: z.string().nullable(),
          source,
        })
        .strict(),
    ),
  })
  .strict();

const goldens = (root: string) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith("expected.json"))
        .map((f) => ({
          name: `${d.name}/${f}`,
          doc: JSON.parse(readFileSync(join(root, d.name, f), "utf8")),
        })),
    );
const documents = [
  ...goldens(join(import.meta.dirname, "../../examples")),
  ...goldens(join(import.meta.dirname, "../fixtures/c")),
];

describe("explain --json contract (wdfsim.explain/1)", () => {
  it("there are golden documents to check", () => expect(documents.length).toBeGreaterThanOrEqual(25));

  for (const { name, doc } of documents) {
    it(`${name} has exactly the contract's shape`, () => {
      const parsed = explainSchema.safeParse(doc);
      expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(
        true,
      );
    });

    it(`${name}: every reference resolves (objects, locks, callbacks, pairs)`, () => {
      const objects = new Set(doc.objects.map((o: { id: string }) => o.id));
      const locks = new Set(doc.locks.map((l: { id: string }) => l.id));
      const callbacks = new Set(doc.callbacks.map((c: { id: string }) => c.id));
      expect(objects.size).toBe(doc.objects.length);
      expect(locks.size).toBe(doc.locks.length);
      expect(callbacks.size).toBe(doc.callbacks.length);
      for (const o of doc.objects) {
        if (o.parent !== null) expect(objects.has(o.parent)).toBe(true);
        if (o.lock !== null) expect(locks.has(o.lock)).toBe(true);
      }
      for (const l of doc.locks) expect(objects.has(l.owner)).toBe(true);
      for (const c of doc.callbacks) {
        expect(objects.has(c.object)).toBe(true);
        if (c.lock !== null) expect(locks.has(c.lock)).toBe(true);
      }
      const n = doc.callbacks.length;
      expect(doc.pairs.length).toBe((n * (n + 1)) / 2);
      for (const p of doc.pairs) expect(callbacks.has(p.a) && callbacks.has(p.b)).toBe(true);
    });
  }
});
