// An Io that records what the CLI prints.
import type { Io } from "../../src/cli/output.js";

export const fakeIo = (isTty = false, env: Record<string, string | undefined> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTty, env };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
};
