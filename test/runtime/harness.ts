// Runs a driver written as a plain object (the defineDriver shape) with a scenario script.
import { RandomScheduler } from "../../src/explore/strategies/random.js";
import { driverConfigFromPlain } from "../../src/frontends/config/index.js";
import { resolve } from "../../src/model/resolve.js";
import { type RunResult, runExecution } from "../../src/runtime/run.js";
import type { ScenarioIo } from "../../src/runtime/scenario.js";
import type { CallbackFn } from "../../src/runtime/simulator.js";

export const simulate = async (
  spec: unknown,
  script: (io: ScenarioIo) => void | Promise<void>,
  opts: { cpus?: number; seed?: number } = {},
): Promise<RunResult> => {
  const { config, functions } = driverConfigFromPlain(spec, { file: "test.ts", allowFunctions: true });
  return runExecution(resolve(config), functions as unknown as ReadonlyMap<string, CallbackFn>, script, {
    cpus: opts.cpus ?? 2,
    seed: opts.seed ?? 1,
    scheduler: new RandomScheduler(opts.seed ?? 1),
  });
};

/** The callbacks that were running at the same instant as another, from the trace. */
export const maxConcurrent = (r: RunResult, callback: string): number => {
  let running = 0;
  let max = 0;
  for (const e of r.trace.events) {
    if (e.type === "callback-begin" && e.callback === callback) max = Math.max(max, ++running);
    if (e.type === "callback-end" && e.callback === callback) running--;
  }
  return max;
};
