// `wdfsim run <scenario.ts>`: one deterministic execution on a simulated multiprocessor, with
// verifier findings, a text timeline and, with --trace, Perfetto-ready Chrome Trace JSON.

import { writeFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { RandomScheduler } from "../explore/strategies/random.js";
import { loadScenario } from "../frontends/ts/load-scenario.js";
import { resolve } from "../model/resolve.js";
import { renderRunText } from "../report/run-text.js";
import { runExecution } from "../runtime/run.js";
import { chromeTraceJson } from "../trace/perfetto.js";
import { renderTimeline } from "../trace/timeline.js";
import { EXIT_CLEAN, EXIT_FOUND } from "./exit-codes.js";
import { type Io, reportFailure, useColor } from "./output.js";

interface RunFlags {
  cpus?: number;
  seed: number;
  trace?: string;
  json?: boolean;
  color: boolean;
  debug?: boolean;
}

const integer =
  (name: string, min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min} (got "${value}")`);
    return n;
  };

export const runScenarioCommand = async (file: string, flags: RunFlags, io: Io): Promise<number> => {
  try {
    const loaded = await loadScenario(file);
    const cpus = flags.cpus ?? loaded.scenario.cpus ?? 2;
    const result = await runExecution(resolve(loaded.config), loaded.functions, loaded.scenario.run, {
      cpus,
      seed: flags.seed,
      scheduler: new RandomScheduler(flags.seed),
    });
    if (flags.trace) writeFileSync(flags.trace, chromeTraceJson(result.trace));
    if (flags.json)
      io.out(
        `${JSON.stringify({ outcome: result.outcome, findings: result.findings, requests: result.requests, errors: result.errors, choices: result.choices.length }, null, 2)}\n`,
      );
    else {
      const color = useColor(io, flags.color);
      io.out(renderTimeline(result.trace, { color }));
      io.out(`\n${renderRunText(result, { seed: flags.seed, cpus })}`);
      if (flags.trace) io.out(`Trace written to ${flags.trace} (open it in https://ui.perfetto.dev).\n`);
    }
    return result.findings.length > 0 || result.errors.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
  } catch (error) {
    return reportFailure(io, error, flags.debug === true);
  }
};

export const registerRun = (program: Command, io: Io, setExit: (code: number) => void): void => {
  program
    .command("run")
    .summary("run a scenario on a simulated multiprocessor and report verifier findings")
    .description(
      "Run a TypeScript scenario (export default defineScenario({ driver, run })) once, deterministically: the same seed gives the same schedule and a byte-identical trace.\n\nExit code: 0 clean, 1 a verifier finding fired (or driver code threw), 2 bad input.",
    )
    .argument("<scenario>", "scenario file (.ts)")
    .option("--cpus <n>", "virtual processors (default: the scenario's, else 2)", integer("--cpus", 1))
    .option("--seed <n>", "seed of the scheduler's choices", integer("--seed", 0), 1)
    .option("--trace <file>", "write Chrome Trace Event JSON (opens in Perfetto UI)")
    .option("--json", "print the result as JSON")
    .option("--no-color", "never use ANSI colors")
    .option("--debug", "show stack traces for wdfsim's own errors")
    .addHelpText(
      "after",
      "\nExamples:\n  $ wdfsim run examples/000-sequential-vs-queue-scope/race.scenario.ts --seed 3\n  $ wdfsim run my.scenario.ts --cpus 4 --trace run.json",
    )
    .action(async (file: string, flags: RunFlags) => setExit(await runScenarioCommand(file, flags, io)));
};
