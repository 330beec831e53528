// Choose a frontend by the input's kind: YAML/JSON config, or TypeScript/JavaScript driver model.
// The file readers live here, at the edge (node:fs), so the model stays bundleable for web/.

import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { Framework } from "../model/config.js";
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

export const loadDriver = async (file: string, options: LoadOptions = {}): Promise<LoadedDriver> => {
  const info = await stat(file).catch(() => null);
  if (info === null) throw new InputError(whole(file), "no such file or folder");
  const ext = extname(file).toLowerCase();
  let loaded: LoadedDriver;
  if (info.isFile() && CONFIG_EXTENSIONS.includes(ext)) {
    const text = await readFile(file, "utf8");
    loaded = { config: parseDriverConfigText(text, file), functions: new Map(), file };
  } else if (info.isFile() && MODEL_EXTENSIONS.includes(ext)) {
    loaded = await loadDriverModel(file);
  } else {
    throw new InputError(whole(file), "wdfsim cannot read this input", [
      ...CONFIG_EXTENSIONS.map((e) => `${e} driver config`),
      ...MODEL_EXTENSIONS.map((e) => `${e} driver model`),
    ]);
  }
  const config = withSourceFile(loaded.config, basename(file));
  return { ...loaded, config: options.framework ? { ...config, framework: options.framework } : config };
};
