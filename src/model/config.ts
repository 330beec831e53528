// DriverConfig: the one input shape every frontend (YAML/JSON config, TypeScript model, C source)
// produces. Plain data, WDF vocabulary, no behaviour. See docs/architecture.md.

export type Framework = "kmdf" | "umdf2";
export type DeclaredLevel = "Passive" | "Dispatch" | "InheritFromParent";
export type DeclaredScope = "Device" | "Queue" | "None" | "InheritFromParent";
export type DispatchType = "Sequential" | "Parallel" | "Manual";
export type TriState = "WdfTrue" | "WdfFalse" | "WdfUseDefault";

/** Where something was written: file relative to the analyzed root, 1-based line. */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/**
 * WDF_OBJECT_ATTRIBUTES as the driver filled them. `null` on an object means
 * WDF_NO_OBJECT_ATTRIBUTES (it matters for file objects, F-1, and required-parent objects, V-2).
 * ParentObject is expressed by the object's `parent` field, not here.
 */
export interface AttributesConfig {
  readonly executionLevel: DeclaredLevel;
  readonly synchronizationScope: DeclaredScope;
}

/** A driver callback registered on an object: the WDF slot and the driver's function, if known. */
export interface CallbackConfig {
  /** The WDF callback slot, e.g. "EvtIoDeviceControl", "EvtIoQueueState", "EvtRequestCancel". */
  readonly event: string;
  /** The driver's function name (C name, TS name), or null when unknown. */
  readonly function: string | null;
  /** For EvtIoQueueState: which DDI registered it. */
  readonly registration?: QueueStateRegistration;
  readonly source?: SourceSpan | null;
}

export type QueueStateRegistration = "ReadyNotify" | "Stop" | "StopAndPurge" | "Purge" | "Drain";

interface ObjectBase {
  /** Stable path in the object tree, e.g. "device/ioctlQueue/workItem0". */
  readonly id: string;
  /** Object id of the ParentObject (or creating device); null only for the driver. */
  readonly parent: string | null;
  readonly attributes: AttributesConfig | null;
  readonly callbacks: readonly CallbackConfig[];
  readonly source: SourceSpan | null;
  /**
   * Declared fields a frontend could not determine statically (explain `declared` keys such as
   * "powerManaged"); the model resolves them with the header default and explain reports null.
   */
  readonly unknownFields?: readonly string[];
}

export interface DriverObjectConfig extends ObjectBase {
  readonly kind: "driver";
}

export interface DeviceObjectConfig extends ObjectBase {
  readonly kind: "device";
  /** WdfFdoInitSetFilter was called (CFG-07: WdfUseDefault queues are then not power-managed). */
  readonly filter: boolean;
  /** Control (non-PnP) device: its queues are never power-managed (CFG-07). */
  readonly controlDevice: boolean;
}

export interface QueueObjectConfig extends ObjectBase {
  readonly kind: "queue";
  /** The WDFDEVICE the queue is created on; `parent` may be another object under it. */
  readonly device: string;
  readonly dispatchType: DispatchType;
  readonly defaultQueue: boolean;
  readonly powerManaged: TriState;
  readonly allowZeroLengthRequests: boolean;
  /** Parallel only; null = unlimited (0xFFFFFFFF from WDF_IO_QUEUE_CONFIG_INIT). */
  readonly numberOfPresentedRequests: number | null;
  /** Request types routed here with WdfDeviceConfigureRequestDispatching. */
  readonly requestDispatching: readonly RequestType[];
  /** The driver calls WdfIoQueueStart on this queue somewhere (CC-3). */
  readonly callsWdfIoQueueStart: boolean;
  /** The driver calls WdfIoQueueRetrieve*Request on this queue somewhere. */
  readonly retrievesRequests: boolean;
}

export type RequestType = "Create" | "Read" | "Write" | "DeviceControl" | "DeviceControlInternal";

export interface FileObjectConfig extends ObjectBase {
  readonly kind: "fileobject";
}

export interface WorkItemObjectConfig extends ObjectBase {
  readonly kind: "workitem";
  readonly automaticSerialization: boolean;
}

export interface TimerObjectConfig extends ObjectBase {
  readonly kind: "timer";
  readonly automaticSerialization: boolean;
  /** Period in ms; 0 = one-shot. */
  readonly period: number;
  readonly tolerableDelay: number;
  /** BOOLEAN in the header; WdfUseDefault (2) behaves like TRUE (T-4). */
  readonly useHighResolutionTimer: boolean;
}

export interface DpcObjectConfig extends ObjectBase {
  readonly kind: "dpc";
  readonly automaticSerialization: boolean;
}

export interface InterruptObjectConfig extends ObjectBase {
  readonly kind: "interrupt";
  readonly automaticSerialization: boolean;
  readonly passiveHandling: boolean;
  /** Id of a WDFSPINLOCK / WDFWAITLOCK object named in the config (SpinLock / WaitLock), if any. */
  readonly interruptLock: string | null;
}

export type OtherKind = "object" | "spinlock" | "waitlock";

/** WdfObjectCreate objects and WDFSPINLOCK / WDFWAITLOCK objects. */
export interface OtherObjectConfig extends ObjectBase {
  readonly kind: "other";
  readonly otherKind: OtherKind;
}

export type ObjectConfig =
  | DriverObjectConfig
  | DeviceObjectConfig
  | QueueObjectConfig
  | FileObjectConfig
  | WorkItemObjectConfig
  | TimerObjectConfig
  | DpcObjectConfig
  | InterruptObjectConfig
  | OtherObjectConfig;

export type ObjectKind = ObjectConfig["kind"];

/** The client's framework version, when the input states it (VER-1). */
export interface FrameworkVersion {
  readonly major: number;
  readonly minor: number;
}

/** A note a frontend wants reported as a finding (unresolvable values, parse failures, ...). */
export interface FrontendNote {
  readonly rule: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly object: string | null;
  readonly source: SourceSpan | null;
}

export interface DriverConfig {
  readonly framework: Framework;
  /** null: not stated; every version gate is evaluated as KMDF 1.33 / UMDF 2.33 (VER-1). */
  readonly version: FrameworkVersion | null;
  /** Objects in creation order; parents before children. */
  readonly objects: readonly ObjectConfig[];
  readonly notes: readonly FrontendNote[];
}
