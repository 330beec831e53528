// The JSON Schema editors use for completion and hover docs (yaml-language-server, VS Code JSON),
// generated from the zod schema so the two cannot drift; schema/driver-config.schema.json is its
// committed copy (a test fails when that copy is stale).

import * as z from "zod";
import { driverConfigSchema } from "./schema.js";

/** The config format as a draft-07 JSON Schema (the draft editors support best). */
export function driverConfigJsonSchema(): object {
  return z.toJSONSchema(driverConfigSchema, { target: "draft-07", io: "input" });
}

/** The exact bytes of schema/driver-config.schema.json: 2-space JSON with a trailing newline. */
export function driverConfigJsonSchemaText(): string {
  return `${JSON.stringify(driverConfigJsonSchema(), null, 2)}\n`;
}
