// Loading a TypeScript (or JavaScript) driver-model file: imported through tsx so users need no
// build step; the module's default export (or `driver`) must come from defineDriver().

import { dirname, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { driverConfigFromPlain } from "../config/index.js";
import { InputError } from "../input-error.js";
import type { LoadedDriver } from "../loaded-driver.js";
import { isDriverModel } from "./define-driver.js";

const importError = (file: string, error: unknown): InputError => {
  const text = error instanceof Error ? error.message : String(error);
  // esbuild reports "file:line:col: ERROR: message"; keep the position when it is there.
  const m = /:(\d+):(\d+): ERROR: (.*)/.exec(text);
  return m
    ? new InputError({ file, line: Number(m[1]), column: Number(m[2]) + 1 }, m[3] ?? text)
    : new InputError({ file, line: 0, column: 0 }, `could not load the driver model: ${text.split("\n")[0]}`);
};

export const loadDriverModel = async (file: string): Promise<LoadedDriver> => {
  let mod: Record<string, unknown>;
  try {
    mod = (await tsImport(pathToFileURL(resolvePath(file)).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw importError(file, error);
  }
  const model = [mod.default, mod.driver].find(isDriverModel);
  if (model === undefined) {
    throw new InputError(
      { file, line: 0, column: 0 },
      'a driver model must `export default defineDriver({...})` (import { defineDriver } from "wdfsim")',
    );
  }
  const { config, functions } = driverConfigFromPlain(model.spec, { file, allowFunctions: true });
  return { config, functions, file, root: dirname(file) };
};
