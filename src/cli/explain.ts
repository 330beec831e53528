// `wdfsim explain <input>`: every callback's lock and IRQL, which pairs can overlap and why.

import { type Command, InvalidArgumentError } from "commander";
import { explain } from "../analyze/explain.js";
import type { ExplainResult } from "../analyze/explain-result.js";
import { loadDriver } from "../frontends/load.js";
import type { Framework } from "../model/config.js";
import { renderMarkdown } from "../report/markdown.js";
import { withSourcePrefix } from "../report/source-root.js";
import { renderText } from "../report/text.js";
import { EXIT_CLEAN, EXIT_FOUND } from "./exit-codes.js";
import { type Io, reportFailure, useColor } from "./output.js";

interface ExplainFlags {
  json?: boolean;
  markdown?: boolean;
  only?: string;
  framework?: Framework;
  color: boolean;
  debug?: boolean;
}

const hasErrors = (result: ExplainResult): boolean => result.findings.some((f) => f.severity === "error");

export const runExplain = async (
  input: string | readonly string[],
  flags: ExplainFlags,
  io: Io,
): Promise<number> => {
  try {
    const loaded = await loadDriver(input, { framework: flags.framework });
    const result = explain(loaded.config);
    // Reports name sources as the user reaches them; the JSON keeps them relative to the root.
    const shown = withSourcePrefix(result, loaded.root);
    if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (flags.markdown) io.out(renderMarkdown(shown, { only: flags.only ?? null }));
    else io.out(renderText(shown, { color: useColor(io, flags.color), only: flags.only ?? null }));
    return hasErrors(result) ? EXIT_FOUND : EXIT_CLEAN;
  } catch (error) {
    return reportFailure(io, error, flags.debug === true);
  }
};

export const registerExplain = (program: Command, io: Io, setExit: (code: number) => void): void => {
  program
    .command("explain")
    .summary("which callbacks can run at the same time, under which lock, at which IRQL")
    .description(
      "Explain a driver: objects with declared and effective synchronization scope and execution level, creation status (exact NTSTATUS), the lock and highest IRQL of every callback, whether each pair of callbacks can overlap and why, and expert findings.\n\nExit code: 0 clean, 1 the driver has an error finding (e.g. an object creation fails), 2 bad input.",
    )
    .argument(
      "<inputs...>",
      "driver config (.yaml, .yml, .json), TypeScript driver model (.ts), or C/C++ driver sources: files and folders (several form one driver)",
    )
    .option("--json", "print the wdfsim.explain/1 JSON document (shared contract) on stdout")
    .option("--markdown", "print Markdown for a forum post or code review")
    .option("--only <name>", "focus on one object id, callback id or driver function")
    .option(
      "--framework <framework>",
      "override the framework the input states (kmdf | umdf2)",
      parseFramework,
    )
    .option(
      "--no-color",
      "never use ANSI colors (default: colors on a terminal, off when piped or NO_COLOR is set)",
    )
    .option("--debug", "show stack traces for wdfsim's own errors")
    .addHelpText(
      "after",
      "\nExamples:\n  $ wdfsim explain examples/000-sequential-vs-queue-scope/driver.yaml\n  $ wdfsim explain driver.yaml --json > explain.json\n  $ wdfsim explain driver.ts --only device/ioctlQueue --markdown\n  $ wdfsim explain path/to/driver/folder --framework umdf2",
    )
    .action(async (inputs: string[], flags: ExplainFlags) => setExit(await runExplain(inputs, flags, io)));
};

function parseFramework(value: string): Framework {
  if (value === "kmdf" || value === "umdf2") return value;
  throw new InvalidArgumentError(`allowed: kmdf, umdf2 (got "${value}")`);
}
