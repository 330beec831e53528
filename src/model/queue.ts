// The I/O queue object: Q-1..Q-7 (locking spec 3.3) and the WdfIoQueueCreate checks CFG-06..CFG-07
// (queues spec 2.1-2.2). Source: microsoft/Windows-Driver-Frameworks
// src/framework/shared/irphandlers/io/fxioqueue.cpp (FxIoQueue::Initialize, ConfigureConstraints),
// src/framework/shared/irphandlers/io/fxpkgio.cpp (FxPkgIo::CreateQueue).

import type { DeviceObjectConfig, QueueObjectConfig } from "./config.js";
import { firstFailure, type ResolveContext, resolvedObject } from "./context.js";
import { inheritLevel, inheritScope } from "./driver.js";
import { lockClassForLevel, ownLock } from "./locks.js";
import type { Failure, Level, ResolvedObject } from "./resolved.js";
import { ancestry } from "./tree.js";
import { versionAtLeast } from "./version.js";

/** The five request-delivering slots (CFG-06d/e). */
export const IO_EVENT_SLOTS: readonly string[] = [
  "EvtIoDefault",
  "EvtIoRead",
  "EvtIoWrite",
  "EvtIoDeviceControl",
  "EvtIoInternalDeviceControl",
];

const invalidParameter = (rule: string, message: string): Failure => ({
  status: "STATUS_INVALID_PARAMETER",
  rule,
  message,
});

const hasIoEvent = (config: QueueObjectConfig): boolean =>
  config.callbacks.some((c) => IO_EVENT_SLOTS.includes(c.event));

// Q-3 / CFG-06a: a Device-scope queue must run at the device's level.
export const deviceScopeLevelCheck = (
  scope: string,
  queueLevel: Level,
  deviceLevel: Level,
): Failure | null =>
  scope === "Device" && queueLevel !== deviceLevel
    ? invalidParameter(
        "Q-3",
        `SynchronizationScope Device needs the queue's execution level (${queueLevel}) to equal the device's (${deviceLevel})`,
      )
    : null;

// CFG-06c / U-7: UMDF rejects EvtIoInternalDeviceControl from 2.19 on (a warning before).
const umdfInternalIoctlCheck = (config: QueueObjectConfig, ctx: ResolveContext): Failure | null =>
  ctx.framework === "umdf2" &&
  versionAtLeast(ctx.version, 2, 19) &&
  config.callbacks.some((c) => c.event === "EvtIoInternalDeviceControl")
    ? invalidParameter("CFG-06c", "UMDF 2.19 and later reject EvtIoInternalDeviceControl on a queue")
    : null;

// CFG-06d: a Sequential or Parallel queue needs a request-delivering callback.
const noCallbackCheck = (config: QueueObjectConfig): Failure | null =>
  config.dispatchType !== "Manual" && !hasIoEvent(config)
    ? {
        status: "STATUS_WDF_NO_CALLBACK",
        rule: "CFG-06d",
        message: `a ${config.dispatchType} queue needs one of ${IO_EVENT_SLOTS.join(", ")}`,
      }
    : null;

// CFG-06e: a Manual queue must not register request-delivering callbacks.
const manualCallbackCheck = (config: QueueObjectConfig): Failure | null =>
  config.dispatchType === "Manual" && hasIoEvent(config)
    ? invalidParameter(
        "CFG-06e",
        "a Manual queue must not register EvtIoDefault/Read/Write/DeviceControl/InternalDeviceControl (EvtIoStop, EvtIoResume and EvtIoCanceledOnQueue are allowed)",
      )
    : null;

// CFG-06f: NumberOfPresentedRequests is for Parallel queues only.
const presentedRequestsCheck = (config: QueueObjectConfig): Failure | null =>
  config.dispatchType !== "Parallel" &&
  config.numberOfPresentedRequests !== null &&
  config.numberOfPresentedRequests !== 0
    ? invalidParameter("CFG-06f", `NumberOfPresentedRequests must be 0 on a ${config.dispatchType} queue`)
    : null;

// CFG-06h: a second default queue on the same device fails.
const secondDefaultQueueCheck = (config: QueueObjectConfig, ctx: ResolveContext): Failure | null => {
  if (!config.defaultQueue) return null;
  for (const other of ctx.resolved.values()) {
    const c = other.config;
    if (c.kind === "queue" && c.device === config.device && c.defaultQueue && other.exists) {
      return {
        status: "STATUS_UNSUCCESSFUL",
        rule: "CFG-06h",
        message: `device already has a default queue (${c.id})`,
      };
    }
  }
  return null;
};

// CFG-06: a ParentObject must have the queue's own device as an ancestor.
const parentOnDeviceCheck = (config: QueueObjectConfig, ctx: ResolveContext): Failure | null =>
  ancestry(config.parent, ctx.resolved).some((o) => o.id === config.device)
    ? null
    : {
        status: "STATUS_INVALID_DEVICE_REQUEST",
        rule: "CFG-06",
        message: `ParentObject ${config.parent} is not under the queue's device ${config.device}`,
      };

// CFG-07: whether a queue is power-managed.
export const queuePowerManaged = (config: QueueObjectConfig, device: DeviceObjectConfig | null): boolean => {
  if (device?.controlDevice === true) return false;
  if (config.powerManaged === "WdfUseDefault") return device?.filter !== true;
  return config.powerManaged === "WdfTrue";
};

export const resolveQueue = (config: QueueObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const device = ctx.resolved.get(config.device);
  const deviceLevel = device?.level ?? "Dispatch";
  // a queue inherits from the device it is created on, never from its ParentObject.
  const level = inheritLevel(config.attributes?.executionLevel, deviceLevel);
  const scope = inheritScope(config.attributes?.synchronizationScope, device?.scope ?? "None");
  // own lock mutex if Passive, else spin; the queue keeps it even for scope None.
  const own = ownLock(config.id, lockClassForLevel(level));
  // scope Device presents the device's lock: otherwise the queue's own lock.
  const presentation = scope === "Device" ? (device?.ownLock ?? own) : own;
  const failure = firstFailure(
    () => parentOnDeviceCheck(config, ctx),
    () => deviceScopeLevelCheck(scope, level, deviceLevel),
    () => umdfInternalIoctlCheck(config, ctx),
    () => noCallbackCheck(config),
    () => manualCallbackCheck(config),
    () => presentedRequestsCheck(config),
    () => secondDefaultQueueCheck(config, ctx),
  );
  const deviceConfig = device?.config.kind === "device" ? device.config : null;
  return resolvedObject(config, {
    level,
    scope,
    passiveFlag: level === "Passive",
    failure,
    exists: device?.exists === true && ctx.resolved.get(config.parent ?? "")?.exists === true,
    ownLock: own,
    presentationLock: presentation,
    // Q-6 / PL-1(a): the queue's callbacks are locked only for scope Device or Queue.
    callbackLock: scope === "None" ? null : presentation,
    powerManaged: queuePowerManaged(config, deviceConfig),
  });
};
