// What a frontend hands to the library: the DriverConfig and, for TypeScript models, the callback
// functions by callback id (the simulator runs them).

import type { DriverConfig } from "../model/config.js";

export interface LoadedDriver {
  readonly config: DriverConfig;
  // biome-ignore lint/complexity/noBannedTypes: callbacks of any WDF signature.
  readonly functions: ReadonlyMap<string, Function>;
  /** The input as the user named it. */
  readonly file: string;
  /** The analyzed root (sources are relative to it), as the user can reach it from the current folder. */
  readonly root: string;
}
