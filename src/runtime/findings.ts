// What the runtime reports: verifier findings named after the Static Driver Verifier KMDF rule
// for the same mistake where one exists, with the WDF_VIOLATION (0x10D) subcode the real
// framework would raise, the virtual time, the task and the callback (the simulated stack).

export interface RuntimeFinding {
  /** SDV-style rule: DoubleCompletion, InvalidReqAccess, KmdfIrql, WdfSpinlock, DataRace, ... */
  readonly rule: string;
  /** The rule ID in shared/spec that says what the framework does. */
  readonly spec: string;
  readonly message: string;
  readonly t: number;
  readonly task: string | null;
  readonly callback: string | null;
  /** e.g. "WDF_VIOLATION 0x10D, parameter 1 = 0x2 (WDF_RECURSIVE_LOCK)". */
  readonly bugcheck: string | null;
  /** The simulated call stack: the thread, then the callbacks running on it (innermost last). */
  readonly stack?: readonly string[];
}

export class FindingLog {
  readonly findings: RuntimeFinding[] = [];
  private readonly keys = new Set<string>();

  /** Adds a finding once per (rule, key): a bug found again in the same place is the same bug. */
  add(finding: RuntimeFinding, key: string): void {
    const k = `${finding.rule}|${key}`;
    if (this.keys.has(k)) return;
    this.keys.add(k);
    this.findings.push(finding);
  }
}
