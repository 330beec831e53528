// wdfsim's own input mistakes (bad config syntax, unknown key, unreadable file): typed errors
// with a location, printed by the CLI without a stack trace (exit code 2). The driver's
// mistakes are never InputErrors: they are results (statuses, findings).

export interface InputErrorLocation {
  readonly file: string;
  /** 1-based; 0 when the error concerns the whole file. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
}

export class InputError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly allowed: readonly string[] | undefined;

  constructor(location: InputErrorLocation, message: string, allowed?: readonly string[]) {
    super(message);
    this.name = "InputError";
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.allowed = allowed;
  }

  /** `file:line:col: message (allowed: a, b)` — the one line the CLI prints. */
  format(): string {
    const where = this.line > 0 ? `${this.file}:${this.line}:${Math.max(this.column, 1)}` : this.file;
    const allowed = this.allowed && this.allowed.length > 0 ? ` (allowed: ${this.allowed.join(", ")})` : "";
    return `${where}: ${this.message}${allowed}`;
  }
}

export const isInputError = (e: unknown): e is InputError => e instanceof InputError;
