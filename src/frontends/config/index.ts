// The YAML/JSON driver-config frontend (docs/config.md): text or a parsed object -> DriverConfig,
// with InputErrors that carry file:line:column.

export { callbackKey } from "./callback-key.js";
export type { FromPlainOptions, FromPlainResult } from "./from-plain.js";
export { driverConfigFromPlain } from "./from-plain.js";
export type { DriverConfigInput, DriverFunction } from "./input-types.js";
export { driverConfigJsonSchema, driverConfigJsonSchemaText } from "./json-schema.js";
export { parseDriverConfigText } from "./parse-text.js";
export type { Locate, Position } from "./problems.js";
export { driverConfigSchema, driverModelSchema } from "./schema.js";
