// A scenario: the application side of a run. Its script sends requests, waits, and reads results,
// as a passive thread of the simulated machine (it gives its processor away while it waits).

import type { DriverModel } from "../frontends/ts/define-driver.js";
import type { RequestType } from "../model/config.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

export interface ScenarioIo {
  /** Virtual time in microseconds. */
  readonly now: number;
  /** The I/O manager delivers a request to the device (routing RTE-03/04). */
  send(
    type: RequestType,
    fields?: { ioctl?: number; inputLength?: number; outputLength?: number },
  ): SimRequest;
  /** The application thread sleeps (other work runs meanwhile). */
  wait(microseconds: number): Promise<void>;
}

export const SCENARIO_BRAND = "wdfsim.scenario/1" as const;

export interface Scenario {
  readonly brand: typeof SCENARIO_BRAND;
  readonly driver: DriverModel;
  /** Virtual processors (default 2). */
  readonly cpus?: number;
  readonly run: (io: ScenarioIo) => void | Promise<void>;
}

/**
 * Declares a scenario to run with `wdfsim run`.
 * @example export default defineScenario({ driver, run: async (io) => { io.send("DeviceControl", { ioctl: 1 }); } });
 */
export const defineScenario = (scenario: Omit<Scenario, "brand">): Scenario => ({
  brand: SCENARIO_BRAND,
  ...scenario,
});

export const isScenario = (v: unknown): v is Scenario =>
  typeof v === "object" && v !== null && (v as { brand?: unknown }).brand === SCENARIO_BRAND;

export const scenarioIo = (sim: Simulator): ScenarioIo => ({
  get now() {
    return sim.engine.now;
  },
  send: (type, fields) => sim.send(type, fields ?? {}),
  wait: (us) => sim.engine.sleepUntil(sim.engine.now + Math.max(0, us)),
});
