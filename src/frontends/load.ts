// Choose a frontend by the input's kind: YAML/JSON config, or TypeScript/JavaScript driver model.
// The file readers live here, at the edge (node:fs), so the model stays bundleable for web/.

import { readFile, stat } from "node:fs/promises";
import { basename, dirname, extname } from "node:path";
import type { Framework } from "../model/config.js";
import { isCSource, loadCDriver } from "./c/load-c.js";
import { parseDriverConfigText } from "./config/index.js";
import { InputError } from "./input-error.js";
import type { LoadedDriver } from "./loaded-driver.js";
import { withSourceFile } from "./relative-sources.js";
import { loadDriverModel } from "./ts/load-model.js";

export const CONFIG_EXTENSIONS: readonly string[] = [".yaml", ".yml", ".json"];
export const MODEL_EXTENSIONS: readonly string[] = [".ts", ".mts", ".js", ".mjs"];

export interface LoadOptions {
  /** Overrides the framework the input states (--framework). */
  readonly framework?: Framework | undefined;
}

const whole = (file: string) => ({ file, line: 0, column: 0 });

const loadOne = async (file: string, isDirectory: boolean, options: LoadOptions): Promise<LoadedDriver> => {
  const ext = extname(file).toLowerCase();
  if (isDirectory || isCSource(file)) return loadCDriver([file], { framework: options.framework });
  let loaded: LoadedDriver;
  if (CONFIG_EXTENSIONS.includes(ext)) {
    const text = await readFile(file, "utf8");
    loaded = { config: parseDriverConfigText(text, file), functions: new Map(), file, root: dirname(file) };
  } else if (MODEL_EXTENSIONS.includes(ext)) {
    loaded = await loadDriverModel(file);
  } else {
    throw new InputError(whole(file), "wdfsim cannot read this input", ALLOWED_INPUTS);
  }
  const config = withSourceFile(loaded.config, basename(file));
  return { ...loaded, config: options.framework ? { ...config, framework: options.framework } : config };
};

const ALLOWED_INPUTS: readonly string[] = [
  ...CONFIG_EXTENSIONS.map((e) => `${e} driver config`),
  ...MODEL_EXTENSIONS.map((e) => `${e} driver model`),
  ".c/.cpp/.h driver source, or a folder of them",
];

/**
 * Loads a driver from one input: a config, a TypeScript model, a C/C++ file or a folder.
 * Several inputs are allowed for C sources only (they form one driver).
 */
export const loadDriver = async (
  input: string | readonly string[],
  options: LoadOptions = {},
): Promise<LoadedDriver> => {
  const inputs = typeof input === "string" ? [input] : input;
  const infos = await Promise.all(inputs.map((p) => stat(p).catch(() => null)));
  const missing = inputs.find((_, i) => infos[i] === null);
  if (missing !== undefined) throw new InputError(whole(missing), "no such file or folder");
  if (inputs.length === 1) return loadOne(inputs[0]!, infos[0]!.isDirectory(), options);
  const notC = inputs.find((p, i) => !infos[i]!.isDirectory() && !isCSource(p));
  if (notC !== undefined) {
    throw new InputError(
      whole(notC),
      "several inputs form one driver only when they are C sources or folders; explain a config or model on its own",
      ALLOWED_INPUTS,
    );
  }
  return loadCDriver(inputs, { framework: options.framework });
};
