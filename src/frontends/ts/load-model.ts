// Loading a TypeScript (or JavaScript) driver-model file: imported through tsx so users need no
// build step; the module's default export (or `driver`) must come from defineDriver(), or be a
// scenario (defineScenario), whose driver is explained.

import { dirname } from "node:path";
import { isScenario } from "../../runtime/scenario.js";
import { driverConfigFromPlain } from "../config/index.js";
import { InputError } from "../input-error.js";
import type { LoadedDriver } from "../loaded-driver.js";
import { isDriverModel } from "./define-driver.js";
import { importTsModule } from "./import-module.js";

export const loadDriverModel = async (file: string): Promise<LoadedDriver> => {
  const mod = await importTsModule(file, "driver model");
  const model = [mod.default, mod.driver, isScenario(mod.default) ? mod.default.driver : undefined].find(
    isDriverModel,
  );
  if (model === undefined) {
    throw new InputError(
      { file, line: 0, column: 0 },
      'a driver model must `export default defineDriver({...})` or a scenario `export default defineScenario({ driver, ... })` (import them from "wdfsim")',
    );
  }
  const { config, functions } = driverConfigFromPlain(model.spec, { file, allowFunctions: true });
  return { config, functions, file, root: dirname(file) };
};
