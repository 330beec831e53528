// A scenario: the application side of a run. Its script sends requests, waits, and reads results,
// as a passive thread of the simulated machine (it gives its processor away while it waits).

import type { DriverModel } from "../frontends/ts/define-driver.js";
import type { RequestType } from "../model/config.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

/** What an application passes with a request: the IOCTL code, buffer lengths, the handle. */
export interface SendFields {
  readonly ioctl?: number;
  /** Write buffer / IOCTL input buffer length (Write defaults to 64). */
  readonly inputLength?: number;
  /** Read buffer / IOCTL output buffer length (Read defaults to 64). */
  readonly outputLength?: number;
  /** The file object (from io.open) the request is sent on. */
  readonly fileObject?: string;
}

export interface ScenarioIo {
  /** Virtual time in microseconds. */
  readonly now: number;
  /** The I/O manager delivers a request to the device (routing RTE-03/04). */
  send(type: RequestType, fields?: SendFields): SimRequest;
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

/** ReadFile/WriteFile with a 64-byte buffer unless the script says otherwise; an explicit 0 is
 * a zero-length request, which the framework completes itself (PRS-02). */
export const DEFAULT_BUFFER_LENGTH = 64;
const withDefaultLengths = (type: RequestType, fields: SendFields): SendFields => {
  if (type === "Read" && fields.outputLength === undefined)
    return { ...fields, outputLength: DEFAULT_BUFFER_LENGTH };
  if (type === "Write" && fields.inputLength === undefined)
    return { ...fields, inputLength: DEFAULT_BUFFER_LENGTH };
  return fields;
};

export const scenarioIo = (sim: Simulator): ScenarioIo => ({
  get now() {
    return sim.engine.now;
  },
  send: (type, fields) => sim.send(type, withDefaultLengths(type, fields ?? {})),
  wait: (us) => sim.engine.sleepUntil(sim.engine.now + Math.max(0, us)),
});
