#!/usr/bin/env node
// The wdfsim command line: commander parses, the library decides, src/report prints.

import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_CLEAN, EXIT_INPUT } from "./exit-codes.js";
import { registerExplain } from "./explain.js";
import { type Io, processIo } from "./output.js";
import { registerRun } from "./run.js";
import { registerSchema } from "./schema.js";

const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
};

export const buildProgram = (io: Io, setExit: (code: number) => void): Command => {
  const program = new Command("wdfsim")
    .description(
      "Can these two WDF callbacks run at the same time? wdfsim answers from the framework's own rules (KMDF and UMDF 2).",
    )
    .version(packageVersion())
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(run wdfsim --help for usage)")
    .addHelpText(
      "after",
      "\nStart here:\n  $ wdfsim explain examples/000-sequential-vs-queue-scope/driver.yaml",
    );
  registerExplain(program, io, setExit);
  registerRun(program, io, setExit);
  registerSchema(program, io, setExit);
  return program;
};

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export const main = async (argv: readonly string[], io: Io = processIo()): Promise<number> => {
  let code = EXIT_CLEAN;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_INPUT;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
      return ok ? EXIT_CLEAN : EXIT_INPUT;
    }
    throw error;
  }
  return code;
};
