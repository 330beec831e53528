// Importing a user's .ts/.js file through tsx (no build step). A syntax or load error becomes an
// InputError at the position esbuild reports, never a stack trace.

import { resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { InputError } from "../input-error.js";

export const importTsModule = async (file: string, what: string): Promise<Record<string, unknown>> => {
  try {
    return (await tsImport(pathToFileURL(resolvePath(file)).href, import.meta.url)) as Record<
      string,
      unknown
    >;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // esbuild reports "file:line:col: ERROR: message"; keep the position when it is there.
    const m = /:(\d+):(\d+): ERROR: (.*)/.exec(text);
    throw m
      ? new InputError({ file, line: Number(m[1]), column: Number(m[2]) + 1 }, m[3] ?? text)
      : new InputError({ file, line: 0, column: 0 }, `could not load the ${what}: ${text.split("\n")[0]}`);
  }
};
