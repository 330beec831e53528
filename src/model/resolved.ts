// ResolvedDriver: what resolve() decides about a DriverConfig — effective scope/level, locks,
// creation status, callbacks with lock and IRQL. Plain data; analyze and runtime read it.

import type { CallbackConfig, Framework, FrameworkVersion, ObjectConfig, SourceSpan } from "./config.js";
import type { NtStatus } from "./ntstatus.js";

export type Level = "Passive" | "Dispatch";
export type Scope = "Device" | "Queue" | "None";
export type LockClass = "spin" | "mutex";
export type Irql = "PASSIVE_LEVEL" | "DISPATCH_LEVEL" | "DIRQL";
export type Severity = "error" | "warning" | "info";

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly object: string | null;
  readonly source: SourceSpan | null;
}

/** A creation failure: the status and the rule that produced it. */
export interface Failure {
  readonly status: NtStatus;
  readonly rule: string;
  readonly message: string;
}

export interface ResolvedLock {
  readonly id: string;
  readonly kind: LockClass;
  readonly owner: string;
}

export interface ResolvedObject {
  readonly config: ObjectConfig;
  readonly id: string;
  /** Effective values after InheritFromParent is replaced (kind-specific meaning, see resolve-*.ts). */
  readonly level: Level;
  readonly scope: Scope;
  /** FXOBJECT_FLAGS_PASSIVE_CALLBACKS (L-5), read by the S-4 check. */
  readonly passiveFlag: boolean;
  /** The object's own callback lock (driver, device, queue), whether or not a callback uses it. */
  readonly ownLock: ResolvedLock | null;
  /** The lock handed to callbacks and children (GetCallbackLockPtr); null for none. */
  readonly presentationLock: ResolvedLock | null;
  /** The lock the framework holds around this object's own callbacks (explain `objects[].lock`). */
  readonly callbackLock: ResolvedLock | null;
  /** Interrupts only: the interrupt lock (PL-3). */
  readonly interruptLock: ResolvedLock | null;
  /** null = STATUS_SUCCESS. */
  readonly failure: Failure | null;
  /** False when the object failed or something it depends on does not exist. */
  readonly exists: boolean;
  /** Queues: resolved PowerManaged (CFG-07). */
  readonly powerManaged: boolean | null;
}

/** The CB-n row of wdf-objects-and-locking.md 7.2 a callback belongs to. */
export type CallbackKind =
  | "driverDeviceAdd" // CB-1
  | "driverOther"
  | "pnpPower" // CB-2
  | "ioEvent" // CB-3
  | "ioStop" // CB-4
  | "ioResume" // CB-4
  | "ioCanceledOnQueue" // CB-5
  | "requestCancel" // CB-6
  | "readyNotify" // CB-7
  | "purgeComplete" // CB-8
  | "stopComplete" // CB-9
  | "ioInCallerContext" // CB-10
  | "file" // CB-11
  | "workItem" // CB-12
  | "timer" // CB-13, CB-14
  | "dpc" // CB-15
  | "interruptLocked" // CB-16
  | "interruptDpc" // CB-17
  | "interruptWorkItem"; // CB-18

export interface ResolvedCallback {
  readonly id: string;
  readonly object: string;
  readonly event: string;
  readonly function: string | null;
  readonly registration: CallbackConfig["registration"] | null;
  readonly kind: CallbackKind;
  /** CB-n rule that decided lock and IRQL. */
  readonly rule: string;
  readonly lock: ResolvedLock | null;
  readonly irql: Irql;
  readonly source: SourceSpan | null;
}

export interface ResolvedDriver {
  readonly framework: Framework;
  readonly version: FrameworkVersion | null;
  readonly objects: readonly ResolvedObject[];
  readonly callbacks: readonly ResolvedCallback[];
  readonly findings: readonly Finding[];
}
