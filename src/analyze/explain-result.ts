// The `wdfsim explain --json` contract, schema wdfsim.explain/1 (shared/spec/explain-json.md).
// Field names and spellings follow the contract exactly; change only with a new schema version.

export const EXPLAIN_SCHEMA = "wdfsim.explain/1" as const;

export type ExplainObjectKind =
  | "driver"
  | "device"
  | "queue"
  | "workitem"
  | "timer"
  | "dpc"
  | "interrupt"
  | "fileobject"
  | "other";

export type Irql = "PASSIVE_LEVEL" | "DISPATCH_LEVEL" | "DIRQL";
export type Severity = "error" | "warning" | "info";

export interface ExplainSource {
  readonly file: string;
  readonly line: number;
}

export interface ExplainDeclared {
  /** null: not statically known (C input). */
  readonly syncScope: "Device" | "Queue" | "None" | "InheritFromParent" | null;
  readonly executionLevel: "Passive" | "Dispatch" | "InheritFromParent" | null;
  readonly automaticSerialization: boolean | null;
  readonly dispatch: "Sequential" | "Parallel" | "Manual" | null;
  readonly numberOfPresentedRequests: number | null;
  readonly defaultQueue: boolean | null;
  readonly powerManaged: "WdfTrue" | "WdfFalse" | "WdfUseDefault" | null;
  readonly period: number | null;
}

export interface ExplainObject {
  readonly id: string;
  readonly kind: ExplainObjectKind;
  readonly parent: string | null;
  readonly source: ExplainSource | null;
  readonly declared: ExplainDeclared;
  readonly effective: {
    readonly syncScope: "Device" | "Queue" | "None";
    readonly executionLevel: "Passive" | "Dispatch";
  };
  readonly status: string;
  readonly lock: string | null;
}

export interface ExplainLock {
  readonly id: string;
  readonly kind: "spin" | "mutex";
  readonly owner: string;
}

export interface ExplainCallback {
  readonly id: string;
  readonly object: string;
  readonly event: string;
  readonly function: string | null;
  readonly lock: string | null;
  readonly irql: Irql;
}

export interface ExplainPair {
  readonly a: string;
  readonly b: string;
  readonly concurrent: boolean;
  readonly why: string;
}

export interface ExplainFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly object: string | null;
  readonly source: ExplainSource | null;
}

export interface ExplainResult {
  readonly schema: typeof EXPLAIN_SCHEMA;
  readonly framework: "kmdf" | "umdf2";
  readonly objects: readonly ExplainObject[];
  readonly locks: readonly ExplainLock[];
  readonly callbacks: readonly ExplainCallback[];
  readonly pairs: readonly ExplainPair[];
  readonly findings: readonly ExplainFinding[];
}
