// The driver-config file format as TypeScript types (docs/config.md). `F` is what a callback
// value may be besides a function name: `never` for YAML/JSON text, a JS function for the
// TypeScript driver-model frontend (`defineDriver({...})`).

import type {
  DeclaredLevel,
  DeclaredScope,
  DispatchType,
  Framework,
  RequestType,
  TriState,
} from "../../model/config.js";
import type {
  DeviceSlot,
  DriverSlot,
  FileObjectSlot,
  InterruptSlot,
  QueueSlot,
  QueueStateCallbackKey,
} from "./slots.js";

/** A callback body in a driver model; its `.name` becomes the callback's `function`. */
// biome-ignore lint/complexity/noBannedTypes: callback bodies have every WDF signature; the runtime types them.
export type DriverFunction = Function;

/** A registered callback: the driver function's name, or (driver models only) the function. */
export type CallbackValue<F> = string | F;

/** Slot name -> callback value, e.g. `{ EvtIoRead: "MyEvtIoRead" }`. */
export type CallbackMapInput<S extends string, F> = { readonly [K in S]?: CallbackValue<F> | undefined };

/** WDF_OBJECT_ATTRIBUTES; a field left out is InheritFromParent (WDF_OBJECT_ATTRIBUTES_INIT). */
export interface AttributesInput {
  readonly executionLevel?: DeclaredLevel | undefined;
  readonly synchronizationScope?: DeclaredScope | undefined;
}

/** name -> entry; the name becomes the last segment of the object id. */
export type Section<T> = { readonly [name: string]: T };

/** Objects that can be parented to a device, a queue or a general object. */
export interface ChildSectionsInput<F> {
  readonly queues?: Section<QueueInput<F>> | undefined;
  readonly objects?: Section<GeneralObjectInput<F>> | undefined;
  readonly spinLocks?: Section<LockInput> | undefined;
  readonly waitLocks?: Section<LockInput> | undefined;
  readonly workItems?: Section<WorkItemInput<F>> | undefined;
  readonly timers?: Section<TimerInput<F>> | undefined;
  readonly dpcs?: Section<DpcInput<F>> | undefined;
  readonly interrupts?: Section<InterruptInput<F>> | undefined;
}

interface WithAttributes {
  /** Omitted: WDF_NO_OBJECT_ATTRIBUTES. */
  readonly attributes?: AttributesInput | undefined;
}

export interface DriverInput<F> extends WithAttributes {
  readonly callbacks?: CallbackMapInput<DriverSlot, F> | undefined;
}

export interface FileObjectInput<F> extends WithAttributes {
  readonly callbacks?: CallbackMapInput<FileObjectSlot, F> | undefined;
}

export interface DeviceInput<F> extends WithAttributes, ChildSectionsInput<F> {
  readonly filter?: boolean | undefined;
  readonly controlDevice?: boolean | undefined;
  readonly callbacks?: CallbackMapInput<DeviceSlot, F> | undefined;
  readonly fileObject?: FileObjectInput<F> | undefined;
}

export interface QueueInput<F> extends WithAttributes, ChildSectionsInput<F> {
  readonly dispatchType: DispatchType;
  readonly defaultQueue?: boolean | undefined;
  readonly powerManaged?: TriState | undefined;
  readonly allowZeroLengthRequests?: boolean | undefined;
  readonly numberOfPresentedRequests?: "unlimited" | number | undefined;
  readonly requestDispatching?: readonly RequestType[] | undefined;
  readonly callsWdfIoQueueStart?: boolean | undefined;
  readonly retrievesRequests?: boolean | undefined;
  readonly callbacks?: CallbackMapInput<QueueSlot, F> | undefined;
  readonly readyNotify?: CallbackValue<F> | undefined;
  readonly stateCallbacks?: CallbackMapInput<QueueStateCallbackKey, F> | undefined;
  readonly requestCancel?: readonly CallbackValue<F>[] | undefined;
}

export interface GeneralObjectInput<F> extends WithAttributes, ChildSectionsInput<F> {}

export interface LockInput extends WithAttributes {}

export interface WorkItemInput<F> extends WithAttributes {
  readonly callback?: CallbackValue<F> | undefined;
  readonly automaticSerialization?: boolean | undefined;
}

export interface DpcInput<F> extends WorkItemInput<F> {}

export interface TimerInput<F> extends WorkItemInput<F> {
  readonly period?: number | undefined;
  readonly tolerableDelay?: number | undefined;
  readonly useHighResolutionTimer?: boolean | TriState | undefined;
}

export interface InterruptInput<F> extends WithAttributes {
  readonly passiveHandling?: boolean | undefined;
  readonly automaticSerialization?: boolean | undefined;
  readonly callbacks?: CallbackMapInput<InterruptSlot, F> | undefined;
  /** A spinLocks / waitLocks entry: full id, or a name unique within the device. */
  readonly lock?: string | undefined;
}

/** A whole config file (YAML or JSON) or `defineDriver({...})` argument. */
export interface DriverConfigInput<F = never> {
  readonly $schema?: string | undefined;
  readonly framework?: Framework | undefined;
  /** "major.minor", e.g. "1.33". */
  readonly version?: string | undefined;
  readonly driver?: DriverInput<F> | undefined;
  readonly devices?: Section<DeviceInput<F>> | undefined;
}
