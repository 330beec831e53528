// The TypeScript driver model: `export default defineDriver({...})` in a .ts file. The same shape
// as the YAML config, but callbacks are real functions (the simulator runs them later).

import type { DriverConfigInput } from "../config/input-types.js";

/** Any driver callback function; its `.name` becomes the callback's `function` in explain. */
// biome-ignore lint/suspicious/noExplicitAny: driver callbacks have many WDF signatures.
export type DriverCallbackFn = (...args: any[]) => unknown;

export const DRIVER_MODEL_BRAND = "wdfsim.driver-model/1" as const;

/** What defineDriver returns: the unvalidated spec, checked when loaded (so errors name the file). */
export interface DriverModel {
  readonly brand: typeof DRIVER_MODEL_BRAND;
  readonly spec: DriverConfigInput<DriverCallbackFn>;
}

/**
 * Declares a driver model.
 * @example
 * export default defineDriver({
 *   devices: { device: { queues: { q: { dispatchType: "Parallel", callbacks: { EvtIoRead } } } } },
 * });
 */
export const defineDriver = (spec: DriverConfigInput<DriverCallbackFn>): DriverModel => ({
  brand: DRIVER_MODEL_BRAND,
  spec,
});

export const isDriverModel = (value: unknown): value is DriverModel =>
  typeof value === "object" &&
  value !== null &&
  (value as { brand?: unknown }).brand === DRIVER_MODEL_BRAND &&
  typeof (value as { spec?: unknown }).spec === "object";
