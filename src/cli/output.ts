// Where the CLI writes: stdout for the answer, stderr for diagnostics; color only on a terminal.

import { isInputError } from "../frontends/input-error.js";
import { EXIT_INPUT } from "./exit-codes.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: process.stdout.isTTY === true,
  env: process.env,
});

export const useColor = (io: Io, flag: boolean): boolean =>
  flag && io.isTty && io.env.NO_COLOR === undefined && io.env.TERM !== "dumb";

/** Input errors print as one `file:line:col: message` line; anything else is a wdfsim bug. */
export const reportFailure = (io: Io, error: unknown, debug: boolean): number => {
  if (isInputError(error)) {
    io.err(`wdfsim: ${error.format()}\n`);
    if (debug && error.stack) io.err(`${error.stack}\n`);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`wdfsim: internal error: ${message}\n`);
  io.err(
    debug && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : "(run again with --debug for details, and please report it)\n",
  );
  return EXIT_INPUT;
};
