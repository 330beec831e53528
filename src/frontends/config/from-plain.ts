// Validation of an already-parsed config (JSON.parse, YAML.toJS, a `defineDriver({...})` spec):
// zod for shape and values, then conversion for ids and lock names. The first problem by
// position becomes the one InputError thrown; nothing else is ever thrown.

import type { DriverConfig } from "../../model/config.js";
import { InputError } from "../input-error.js";
import { type Converted, convertDriverConfig } from "./convert.js";
import type { DriverConfigInput, DriverFunction } from "./input-types.js";
import { firstProblem, type Locate } from "./problems.js";
import { driverConfigSchema, driverModelSchema } from "./schema.js";
import { problemsFromIssues } from "./zod-issues.js";

export interface FromPlainOptions {
  /** The input's name in errors and source spans. */
  readonly file: string;
  /** Callback values may be JS functions (TypeScript driver models). */
  readonly allowFunctions?: boolean | undefined;
  /** Where a config path is written in `file`; without it errors name the path instead. */
  readonly locate?: Locate | undefined;
}

export interface FromPlainResult {
  readonly config: DriverConfig;
  /** Callback id (callbackKey) -> the JS function registered there; empty for text configs. */
  readonly functions: Map<string, DriverFunction>;
}

/**
 * Validates `value` as a driver config and converts it to a DriverConfig.
 * @example driverConfigFromPlain(JSON.parse(text), { file: "driver.json" }).config
 */
export function driverConfigFromPlain(value: unknown, opts: FromPlainOptions): FromPlainResult {
  const schema = opts.allowFunctions === true ? driverModelSchema : driverConfigSchema;
  let parsed: ReturnType<typeof schema.safeParse>;
  let converted: Converted | undefined;
  try {
    parsed = schema.safeParse(value);
    if (parsed.success)
      converted = convertDriverConfig(
        parsed.data as DriverConfigInput<DriverFunction>,
        opts.file,
        opts.locate,
      );
  } catch (error) {
    // Only an entry that contains itself gets here (a JS object graph; text cannot say that).
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      { file: opts.file, line: 0, column: 0 },
      `cannot read the config (does an entry contain itself?): ${reason}`,
    );
  }
  if (!parsed.success)
    throw firstProblem(problemsFromIssues(parsed.error.issues, value, schema), opts.file, opts.locate);
  if (converted === undefined || converted.problems.length > 0) {
    throw firstProblem(converted?.problems ?? [], opts.file, opts.locate);
  }
  return { config: converted.config, functions: converted.functions };
}
