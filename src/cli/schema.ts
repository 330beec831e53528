// `wdfsim schema`: the JSON Schema of the driver config, for editor completion.

import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { driverConfigJsonSchemaText } from "../frontends/config/json-schema.js";
import { InputError } from "../frontends/input-error.js";
import { EXIT_CLEAN } from "./exit-codes.js";
import { type Io, reportFailure } from "./output.js";

export const registerSchema = (program: Command, io: Io, setExit: (code: number) => void): void => {
  program
    .command("schema")
    .summary("print the JSON Schema of the driver config format")
    .option("--out <file>", "write it to a file instead of stdout")
    .addHelpText(
      "after",
      "\nExample:\n  $ wdfsim schema --out driver-config.schema.json\n  then start a config with: # yaml-language-server: $schema=driver-config.schema.json",
    )
    .action(async (flags: { out?: string }) => {
      const text = driverConfigJsonSchemaText();
      if (flags.out === undefined) {
        io.out(text);
        return setExit(EXIT_CLEAN);
      }
      try {
        await writeFile(flags.out, text).catch((e: Error) => {
          throw new InputError({ file: flags.out!, line: 0, column: 0 }, `cannot write: ${e.message}`);
        });
        setExit(EXIT_CLEAN);
      } catch (error) {
        setExit(reportFailure(io, error, false));
      }
    });
};
