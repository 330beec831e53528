// One execution: a driver (resolved by the model), its callback functions, and a scenario script,
// on `cpus` virtual processors with every choice made by `scheduler`.

import type { ResolvedDriver } from "../model/resolved.js";
import { TRACE_VERSION, type Trace } from "../trace/events.js";
import type { EngineOutcome } from "./engine.js";
import type { RuntimeFinding } from "./findings.js";
import type { ScenarioIo } from "./scenario.js";
import { scenarioIo } from "./scenario.js";
import type { Choice, Scheduler } from "./scheduler.js";
import { RecordingScheduler } from "./scheduler.js";
import { type CallbackFn, Simulator } from "./simulator.js";

export interface RunOptions {
  readonly cpus: number;
  readonly seed: number;
  readonly scheduler: Scheduler;
  readonly maxSteps?: number;
  /** Keep the trace (default true); false is the fast path for throughput measurements. */
  readonly trace?: boolean;
}

export interface RunResult {
  readonly outcome: EngineOutcome;
  readonly findings: readonly RuntimeFinding[];
  readonly trace: Trace;
  readonly choices: readonly Choice[];
  readonly requests: ReadonlyArray<{ id: string; type: string; status: string | null; state: string }>;
  /** Exceptions thrown by driver or scenario code (a TypeError in a callback, ...). */
  readonly errors: ReadonlyArray<{ task: string; message: string }>;
}

export const runExecution = async (
  driver: ResolvedDriver,
  functions: ReadonlyMap<string, CallbackFn>,
  script: (io: ScenarioIo) => void | Promise<void>,
  options: RunOptions,
): Promise<RunResult> => {
  const scheduler = new RecordingScheduler(options.scheduler);
  scheduler.newExecution();
  const sim = new Simulator(driver, functions, {
    cpus: options.cpus,
    scheduler,
    maxSteps: options.maxSteps,
    trace: options.trace,
  });
  const io = scenarioIo(sim);
  sim.spawnThread("application", async () => script(io));
  const outcome = await sim.run();
  return {
    outcome,
    findings: sim.log.findings,
    trace: { version: TRACE_VERSION, cpus: options.cpus, seed: options.seed, events: sim.engine.events },
    choices: scheduler.choices,
    requests: sim.requests.map((r) => ({ id: r.id, type: r.type, status: r.status, state: r.state })),
    errors: sim.engine.asyncErrors.map((e) => ({
      task: e.task,
      message: e.error instanceof Error ? e.error.message : String(e.error),
    })),
  };
};
