// Loading a scenario file for `wdfsim run`: a .ts module whose default export comes from
// defineScenario({ driver, cpus, run }), imported through tsx (no build step).

import { dirname, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { DriverConfig } from "../../model/config.js";
import { isScenario, type Scenario } from "../../runtime/scenario.js";
import type { CallbackFn } from "../../runtime/simulator.js";
import { driverConfigFromPlain } from "../config/index.js";
import { InputError } from "../input-error.js";

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly config: DriverConfig;
  readonly functions: ReadonlyMap<string, CallbackFn>;
  readonly root: string;
}

export const loadScenario = async (file: string): Promise<LoadedScenario> => {
  let mod: Record<string, unknown>;
  try {
    mod = (await tsImport(pathToFileURL(resolvePath(file)).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const m = /:(\d+):(\d+): ERROR: (.*)/.exec(text);
    throw m
      ? new InputError({ file, line: Number(m[1]), column: Number(m[2]) + 1 }, m[3] ?? text)
      : new InputError({ file, line: 0, column: 0 }, `could not load the scenario: ${text.split("\n")[0]}`);
  }
  const scenario = [mod.default, mod.scenario].find(isScenario);
  if (scenario === undefined) {
    throw new InputError(
      { file, line: 0, column: 0 },
      'a scenario must `export default defineScenario({ driver, run })` (import { defineScenario } from "wdfsim")',
    );
  }
  const { config, functions } = driverConfigFromPlain(scenario.driver.spec, { file, allowFunctions: true });
  return {
    scenario,
    config,
    functions: functions as unknown as ReadonlyMap<string, CallbackFn>,
    root: dirname(file),
  };
};
