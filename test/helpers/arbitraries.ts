// fast-check arbitraries for random but well-formed DriverConfigs: KMDF or UMDF 2, one or two
// devices with random attributes, queues of random dispatch type / scope / level / callbacks, file
// objects, WDFSPINLOCK / WDFWAITLOCK / general objects, and work items, timers, DPCs and
// interrupts parented to random existing objects. "Well-formed" means every field is a legal
// DriverConfig value and parents come before children; creation may still fail, as in a real driver.

import fc from "fast-check";
import type {
  AttributesConfig,
  CallbackConfig,
  DeclaredLevel,
  DeclaredScope,
  DispatchType,
  DriverConfig,
  Framework,
  FrameworkVersion,
  ObjectConfig,
  OtherKind,
  QueueStateRegistration,
  RequestType,
  TriState,
} from "../../src/model/config.js";
import {
  attrs,
  cb,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  other,
  queue,
  timer,
  workItem,
} from "./build.js";

const LEVELS: readonly DeclaredLevel[] = ["InheritFromParent", "Passive", "Dispatch"];
const SCOPES: readonly DeclaredScope[] = ["InheritFromParent", "Device", "Queue", "None"];
const PNP_EVENTS = [
  "EvtDevicePrepareHardware",
  "EvtDeviceReleaseHardware",
  "EvtDeviceD0Entry",
  "EvtDeviceD0Exit",
  "EvtDeviceSelfManagedIoInit",
  "EvtDeviceSurpriseRemoval",
  "EvtDeviceQueryRemove",
  "EvtDeviceQueryStop",
  "EvtDeviceArmWakeFromS0",
  "EvtIoInCallerContext",
];
const FILE_EVENTS = ["EvtDeviceFileCreate", "EvtFileCleanup", "EvtFileClose"];
const IO_EVENTS = [
  "EvtIoDefault",
  "EvtIoRead",
  "EvtIoWrite",
  "EvtIoDeviceControl",
  "EvtIoInternalDeviceControl",
];
const POWER_EVENTS = ["EvtIoStop", "EvtIoResume", "EvtIoCanceledOnQueue"];
const REGISTRATIONS: readonly QueueStateRegistration[] = [
  "ReadyNotify",
  "Stop",
  "StopAndPurge",
  "Purge",
  "Drain",
];
const REQUEST_TYPES: readonly RequestType[] = [
  "Create",
  "Read",
  "Write",
  "DeviceControl",
  "DeviceControlInternal",
];

/** Attributes: WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_ATTRIBUTES_INIT, or any level/scope. */
const attributes = (initWeight: number): fc.Arbitrary<AttributesConfig | null> =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constant(attrs()), weight: initWeight },
    {
      arbitrary: fc.record({
        executionLevel: fc.constantFrom(...LEVELS),
        synchronizationScope: fc.constantFrom(...SCOPES),
      }),
      weight: 2,
    },
  );

const rarely = fc.nat({ max: 9 }).map((n) => n === 0);

interface QueuePlan {
  readonly dispatchType: DispatchType;
  readonly attributes: AttributesConfig | null;
  readonly ioEvents: string[];
  readonly misuse: boolean;
  readonly powerEvents: string[];
  readonly cancelRoutines: string[];
  readonly registrations: QueueStateRegistration[];
  readonly numberOfPresentedRequests: number | null;
  readonly defaultQueue: boolean;
  readonly powerManaged: TriState;
  readonly callsWdfIoQueueStart: boolean;
  readonly retrievesRequests: boolean;
  readonly requestDispatching: RequestType[];
}

const queuePlan: fc.Arbitrary<QueuePlan> = fc.record({
  dispatchType: fc.constantFrom<DispatchType>("Sequential", "Parallel", "Manual"),
  attributes: attributes(3),
  ioEvents: fc.subarray(IO_EVENTS, { minLength: 1, maxLength: 2 }),
  // A Manual queue with EvtIo* or a Sequential queue with a presented-request limit: creation fails.
  misuse: rarely,
  powerEvents: fc.subarray(POWER_EVENTS),
  cancelRoutines: fc.subarray(["MyCancelA", "MyCancelB"]),
  registrations: fc.subarray([...REGISTRATIONS], { maxLength: 2 }),
  numberOfPresentedRequests: fc.constantFrom(null, 0, 1, 5),
  defaultQueue: rarely,
  powerManaged: fc.constantFrom<TriState>("WdfTrue", "WdfFalse", "WdfUseDefault"),
  callsWdfIoQueueStart: fc.boolean(),
  retrievesRequests: fc.boolean(),
  requestDispatching: fc.subarray([...REQUEST_TYPES], { maxLength: 1 }),
});

interface OtherPlan {
  readonly otherKind: OtherKind;
  readonly parentPick: number;
  readonly passive: boolean;
}

interface DevicePlan {
  readonly attributes: AttributesConfig | null;
  readonly filter: boolean;
  readonly controlDevice: boolean;
  readonly events: string[];
  readonly file: { readonly attributes: AttributesConfig | null; readonly events: string[] } | null;
  readonly queues: QueuePlan[];
  readonly others: OtherPlan[];
}

const devicePlan: fc.Arbitrary<DevicePlan> = fc.record({
  attributes: attributes(2),
  filter: fc.boolean(),
  controlDevice: rarely,
  events: fc.subarray(PNP_EVENTS, { maxLength: 3 }),
  file: fc.option(
    fc.record({ attributes: attributes(3), events: fc.subarray(FILE_EVENTS, { minLength: 1 }) }),
    {
      nil: null,
    },
  ),
  queues: fc.array(queuePlan, { maxLength: 3 }),
  others: fc.array(
    fc.record({
      otherKind: fc.constantFrom<OtherKind>("object", "spinlock", "waitlock"),
      parentPick: fc.nat(),
      passive: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

type DeferredKind = "workitem" | "timer" | "dpc" | "interrupt";

interface DeferredPlan {
  readonly kind: DeferredKind;
  readonly parentPick: number;
  readonly attributes: AttributesConfig | null;
  readonly automaticSerialization: boolean;
  readonly passiveTimer: boolean;
  readonly period: number;
  readonly passiveHandling: boolean;
  readonly interruptEvents: string[];
  readonly lockPick: number | null;
}

const deferredPlan: fc.Arbitrary<DeferredPlan> = fc.record({
  kind: fc.constantFrom<DeferredKind>("workitem", "timer", "dpc", "interrupt"),
  parentPick: fc.nat(),
  // Mostly WDF_OBJECT_ATTRIBUTES_INIT plus a ParentObject, as drivers write them.
  attributes: fc.oneof(
    { arbitrary: fc.constant(attrs()), weight: 6 },
    { arbitrary: attributes(0), weight: 1 },
  ),
  automaticSerialization: fc.boolean(),
  passiveTimer: fc.boolean(),
  period: fc.constantFrom(0, 0, 10),
  passiveHandling: fc.boolean(),
  interruptEvents: fc.constantFrom(
    ["EvtInterruptIsr", "EvtInterruptDpc"],
    ["EvtInterruptIsr", "EvtInterruptWorkItem"],
    ["EvtInterruptIsr", "EvtInterruptEnable", "EvtInterruptDisable", "EvtInterruptDpc"],
    ["EvtInterruptIsr"],
  ),
  lockPick: fc.option(fc.nat(), { nil: null }),
});

interface DriverPlan {
  readonly framework: Framework;
  readonly minor: number | null;
  readonly attributes: AttributesConfig | null;
  readonly events: string[];
  readonly devices: DevicePlan[];
  readonly deferred: DeferredPlan[];
}

const driverPlan: fc.Arbitrary<DriverPlan> = fc.record({
  framework: fc.constantFrom<Framework>("kmdf", "umdf2"),
  minor: fc.option(fc.constantFrom(9, 11, 15, 19, 33), { nil: null }),
  attributes: attributes(2),
  events: fc.subarray(["EvtDriverDeviceAdd", "EvtDriverUnload"]),
  devices: fc.array(devicePlan, { minLength: 1, maxLength: 2 }),
  deferred: fc.array(deferredPlan, { maxLength: 6 }),
});

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

const queueCallbacks = (plan: QueuePlan): CallbackConfig[] => [
  ...(plan.dispatchType !== "Manual" || plan.misuse ? plan.ioEvents.map((e) => cb(e)) : []),
  ...plan.powerEvents.map((e) => cb(e)),
  ...plan.cancelRoutines.map((fn) => cb("EvtRequestCancel", fn)),
  ...plan.registrations.map((registration) =>
    cb("EvtIoQueueState", `My${registration}Complete`, { registration }),
  ),
];

const presentedRequests = (plan: QueuePlan): number | null =>
  plan.dispatchType === "Parallel" || plan.misuse ? plan.numberOfPresentedRequests : null;

const buildDevice = (plan: DevicePlan, id: string): ObjectConfig[] => {
  const objects: ObjectConfig[] = [
    device(id, {
      attributes: plan.attributes,
      filter: plan.filter,
      controlDevice: plan.controlDevice,
      callbacks: plan.events.map((e) => cb(e)),
    }),
  ];
  if (plan.file !== null) {
    objects.push(
      fileObject(id, { attributes: plan.file.attributes, callbacks: plan.file.events.map((e) => cb(e)) }),
    );
  }
  const queueIds = plan.queues.map((_, i) => `${id}/queue${i}`);
  for (const [i, q] of plan.queues.entries()) {
    objects.push(
      queue(queueIds[i]!, {
        parent: id,
        device: id,
        dispatchType: q.dispatchType,
        attributes: q.attributes,
        callbacks: queueCallbacks(q),
        numberOfPresentedRequests: presentedRequests(q),
        defaultQueue: q.defaultQueue,
        powerManaged: q.powerManaged,
        callsWdfIoQueueStart: q.callsWdfIoQueueStart,
        retrievesRequests: q.retrievesRequests,
        requestDispatching: q.requestDispatching,
      }),
    );
  }
  for (const [i, o] of plan.others.entries()) {
    // Locks hang off the device; general objects off the device or one of its queues.
    const parent = o.otherKind === "object" ? pick([id, ...queueIds], o.parentPick) : id;
    objects.push(
      other(`${parent}/${o.otherKind}${i}`, o.otherKind, {
        attributes: o.otherKind === "object" && o.passive ? attrs("Passive") : null,
      }),
    );
  }
  return objects;
};

const deviceOf = (id: string): string => id.split("/")[0]!;

const buildDeferred = (
  plan: DeferredPlan,
  index: number,
  existing: readonly ObjectConfig[],
): ObjectConfig => {
  if (plan.kind === "interrupt") {
    // WdfInterruptCreate takes a device or a queue as parent; SpinLock / WaitLock name a lock object of that device.
    const parent = pick(
      existing.filter((o) => o.kind === "device" || o.kind === "queue"),
      plan.parentPick,
    ).id;
    const locks = existing.filter(
      (o) => o.kind === "other" && o.otherKind !== "object" && deviceOf(o.id) === deviceOf(parent),
    );
    return interrupt(`${parent}/interrupt${index}`, {
      parent,
      automaticSerialization: plan.automaticSerialization,
      passiveHandling: plan.passiveHandling,
      interruptLock: plan.lockPick === null || locks.length === 0 ? null : pick(locks, plan.lockPick).id,
      callbacks: plan.interruptEvents.map((e) => cb(e)),
    });
  }
  const parent = pick(existing, plan.parentPick).id;
  const id = `${parent}/${plan.kind}${index}`;
  const common = { parent, attributes: plan.attributes, automaticSerialization: plan.automaticSerialization };
  switch (plan.kind) {
    case "workitem":
      return workItem(id, common);
    case "dpc":
      return dpc(id, common);
    case "timer":
      return timer(id, {
        ...common,
        attributes: plan.passiveTimer ? attrs("Passive") : plan.attributes,
        period: plan.period,
      });
  }
};

const versionOf = (framework: Framework, minor: number | null): FrameworkVersion | null =>
  minor === null ? null : { major: framework === "kmdf" ? 1 : 2, minor };

export const buildDriverConfig = (plan: DriverPlan): DriverConfig => {
  const objects: ObjectConfig[] = [
    driver({ attributes: plan.attributes, callbacks: plan.events.map((e) => cb(e)) }),
  ];
  for (const [i, d] of plan.devices.entries()) objects.push(...buildDevice(d, `device${i}`));
  for (const [i, d] of plan.deferred.entries()) objects.push(buildDeferred(d, i, objects));
  return config(objects, plan.framework, versionOf(plan.framework, plan.minor));
};

/** A random, well-formed DriverConfig (creation of some of its objects may fail). */
export const driverConfig: fc.Arbitrary<DriverConfig> = driverPlan.map(buildDriverConfig);
