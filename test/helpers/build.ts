// Test helper: build DriverConfigs tersely, without going through a frontend, so model tests
// stand on their own. Defaults mirror the WDF INIT macros (WDF_WORKITEM_CONFIG_INIT etc.).

import type {
  AttributesConfig,
  CallbackConfig,
  DeclaredLevel,
  DeclaredScope,
  DriverConfig,
  Framework,
  FrameworkVersion,
  ObjectConfig,
  QueueStateRegistration,
} from "../../src/model/config.js";
import type {
  ResolvedCallback,
  ResolvedDriver,
  ResolvedLock,
  ResolvedObject,
} from "../../src/model/resolved.js";

export const attrs = (
  executionLevel: DeclaredLevel = "InheritFromParent",
  synchronizationScope: DeclaredScope = "InheritFromParent",
): AttributesConfig => ({ executionLevel, synchronizationScope });

export const cb = (
  event: string,
  fn: string | null = `My${event}`,
  extra: Partial<CallbackConfig> = {},
): CallbackConfig => ({
  event,
  function: fn,
  ...extra,
});

type Opt<T> = Partial<Omit<T, "kind" | "id" | "parent">>;

export const driver = (o: Opt<Extract<ObjectConfig, { kind: "driver" }>> = {}): ObjectConfig => ({
  kind: "driver",
  id: "driver",
  parent: null,
  attributes: null,
  callbacks: [],
  source: null,
  ...o,
});

export const device = (
  id = "device",
  o: Opt<Extract<ObjectConfig, { kind: "device" }>> = {},
): ObjectConfig => ({
  kind: "device",
  id,
  parent: "driver",
  attributes: null,
  callbacks: [],
  source: null,
  filter: false,
  controlDevice: false,
  ...o,
});

export const queue = (
  id: string,
  o: Opt<Extract<ObjectConfig, { kind: "queue" }>> & { parent?: string } = {},
): ObjectConfig => {
  const dev = o.device ?? id.split("/")[0]!;
  return {
    kind: "queue",
    id,
    parent: o.parent ?? id.split("/").slice(0, -1).join("/"),
    device: dev,
    attributes: null,
    callbacks: [cb("EvtIoDeviceControl")],
    source: null,
    dispatchType: "Sequential",
    defaultQueue: false,
    powerManaged: "WdfUseDefault",
    allowZeroLengthRequests: false,
    numberOfPresentedRequests: null,
    requestDispatching: [],
    callsWdfIoQueueStart: false,
    retrievesRequests: false,
    ...o,
  } as ObjectConfig;
};

const parentOf = (id: string): string => id.split("/").slice(0, -1).join("/");

export const workItem = (
  id: string,
  o: Opt<Extract<ObjectConfig, { kind: "workitem" }>> & { parent?: string } = {},
): ObjectConfig =>
  ({
    kind: "workitem",
    id,
    parent: parentOf(id),
    attributes: attrs(),
    callbacks: [cb("EvtWorkItem")],
    source: null,
    automaticSerialization: true,
    ...o,
  }) as ObjectConfig;

export const timer = (
  id: string,
  o: Opt<Extract<ObjectConfig, { kind: "timer" }>> & { parent?: string } = {},
): ObjectConfig =>
  ({
    kind: "timer",
    id,
    parent: parentOf(id),
    attributes: attrs(),
    callbacks: [cb("EvtTimerFunc")],
    source: null,
    automaticSerialization: true,
    period: 0,
    tolerableDelay: 0,
    useHighResolutionTimer: false,
    ...o,
  }) as ObjectConfig;

export const dpc = (
  id: string,
  o: Opt<Extract<ObjectConfig, { kind: "dpc" }>> & { parent?: string } = {},
): ObjectConfig =>
  ({
    kind: "dpc",
    id,
    parent: parentOf(id),
    attributes: attrs(),
    callbacks: [cb("EvtDpcFunc")],
    source: null,
    automaticSerialization: true,
    ...o,
  }) as ObjectConfig;

export const interrupt = (
  id: string,
  o: Opt<Extract<ObjectConfig, { kind: "interrupt" }>> & { parent?: string } = {},
): ObjectConfig =>
  ({
    kind: "interrupt",
    id,
    parent: parentOf(id),
    attributes: null,
    callbacks: [cb("EvtInterruptIsr"), cb("EvtInterruptDpc")],
    source: null,
    automaticSerialization: false,
    passiveHandling: false,
    interruptLock: null,
    ...o,
  }) as ObjectConfig;

export const fileObject = (
  device = "device",
  o: Opt<Extract<ObjectConfig, { kind: "fileobject" }>> = {},
): ObjectConfig => ({
  kind: "fileobject",
  id: `${device}/fileObject`,
  parent: device,
  attributes: attrs(),
  callbacks: [cb("EvtDeviceFileCreate"), cb("EvtFileClose")],
  source: null,
  ...o,
});

export const other = (
  id: string,
  otherKind: "object" | "spinlock" | "waitlock" = "object",
  o: Opt<Extract<ObjectConfig, { kind: "other" }>> = {},
): ObjectConfig => ({
  kind: "other",
  id,
  parent: parentOf(id),
  otherKind,
  attributes: null,
  callbacks: [],
  source: null,
  ...o,
});

/** A driver config; the driver object is added first unless one is given. */
export const config = (
  objects: ObjectConfig[],
  framework: Framework = "kmdf",
  version: FrameworkVersion | null = null,
): DriverConfig => ({
  framework,
  version,
  notes: [],
  objects: objects[0]?.kind === "driver" ? objects : [driver(), ...objects],
});

/** The resolved object with this id (throws, listing the ids, when there is none). */
export const objectOf = (resolved: ResolvedDriver, id: string): ResolvedObject => {
  const found = resolved.objects.find((o) => o.id === id);
  if (found === undefined)
    throw new Error(`no object ${id}; have ${resolved.objects.map((o) => o.id).join(", ")}`);
  return found;
};

/** Every resolved callback of `object` for the slot `event` (and EvtIoQueueState registration). */
export const callbacksOf = (
  resolved: ResolvedDriver,
  object: string,
  event: string,
  registration?: QueueStateRegistration,
): ResolvedCallback[] =>
  resolved.callbacks.filter(
    (c) =>
      c.object === object &&
      c.event === event &&
      (registration === undefined || c.registration === registration),
  );

/** The one resolved callback of `object` for `event` (throws when there is not exactly one). */
export const callbackOf = (
  resolved: ResolvedDriver,
  object: string,
  event: string,
  registration?: QueueStateRegistration,
): ResolvedCallback => {
  const found = callbacksOf(resolved, object, event, registration);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${event}${registration ? `[${registration}]` : ""} on ${object}, found ${found.length}`,
    );
  }
  return found[0]!;
};

/** A lock as `{ id, kind }` (or null), for comparing with the spec's lock ids and classes. */
export const lockOf = (lock: ResolvedLock | null): { id: string; kind: string } | null =>
  lock === null ? null : { id: lock.id, kind: lock.kind };

/** A callback's lock (as `{ id, kind }`) and IRQL, for the worked answers. */
export const lockAndIrql = (
  r: ResolvedDriver,
  object: string,
  event: string,
  registration?: QueueStateRegistration,
): { lock: { id: string; kind: string } | null; irql: string } => {
  const c = callbackOf(r, object, event, registration);
  return { lock: lockOf(c.lock), irql: c.irql };
};
