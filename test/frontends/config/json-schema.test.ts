// The committed schema/driver-config.schema.json is exactly what the zod schema generates; a stale
// copy fails here. Regenerate: WDFSIM_SCHEMA_UPDATE=1 npx vitest run test/frontends/config/json-schema.test.ts

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driverConfigJsonSchema, driverConfigJsonSchemaText } from "../../../src/frontends/config/index.js";

const FILE = join(import.meta.dirname, "../../../schema/driver-config.schema.json");

describe("driverConfigJsonSchema", () => {
  it("the committed schema/driver-config.schema.json is up to date", () => {
    const generated = driverConfigJsonSchemaText();
    if (process.env.WDFSIM_SCHEMA_UPDATE === "1") writeFileSync(FILE, generated);

    const committed = readFileSync(FILE, "utf8");

    expect(committed, "stale: rerun with WDFSIM_SCHEMA_UPDATE=1 and review the diff").toBe(generated);
  });

  it("is draft-07 with named definitions, required dispatchType and described fields", () => {
    const schema = driverConfigJsonSchema() as {
      $schema: string;
      definitions: Record<
        string,
        { required?: string[]; properties?: Record<string, { description?: string }> }
      >;
    };

    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(schema.definitions)).toStrictEqual([
      "Attributes",
      "Device",
      "FileObject",
      "Queues",
      "Queue",
      "GeneralObjects",
      "GeneralObject",
      "Lock",
      "WorkItem",
      "Timer",
      "Dpc",
      "Interrupt",
    ]);
    expect(schema.definitions.Queue!.required).toStrictEqual(["dispatchType"]);
    expect(schema.definitions.Queue!.properties!.numberOfPresentedRequests!.description).toBe(
      "WDF_IO_QUEUE_CONFIG.Settings.Parallel.NumberOfPresentedRequests; 0 never presents. Default unlimited.",
    );
  });
});
