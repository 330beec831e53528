// Loading a scenario file for `wdfsim run`: a .ts module whose default export comes from
// defineScenario({ driver, cpus, run }), imported through tsx (no build step).

import { dirname } from "node:path";
import type { DriverConfig } from "../../model/config.js";
import { isScenario, type Scenario } from "../../runtime/scenario.js";
import type { CallbackFn } from "../../runtime/simulator.js";
import { driverConfigFromPlain } from "../config/index.js";
import { InputError } from "../input-error.js";
import { importTsModule } from "./import-module.js";

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly config: DriverConfig;
  readonly functions: ReadonlyMap<string, CallbackFn>;
  readonly root: string;
}

export const loadScenario = async (file: string): Promise<LoadedScenario> => {
  const mod = await importTsModule(file, "scenario");
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
