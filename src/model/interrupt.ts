// Interrupts: the WdfInterruptCreate checks that concern locking (locking spec 6.5), the
// automatic-serialization lock of EvtInterruptDpc / EvtInterruptWorkItem, and the interrupt lock
// (PL-3). Source: microsoft/Windows-Driver-Frameworks src/framework/shared/irphandlers/pnp/
// fxinterruptapi.cpp (WdfInterruptCreate), interruptobject.cpp (FxInterrupt::InitializeWorker).

import { attributePermissions, scopeLevelCheck } from "./attributes.js";
import { automaticSerializationLock } from "./auto-serialization.js";
import type { InterruptObjectConfig } from "./config.js";
import { firstFailure, type ResolveContext, resolvedObject } from "./context.js";
import { builtInInterruptLock, ownLock } from "./locks.js";
import type { Failure, ResolvedLock, ResolvedObject } from "./resolved.js";

const invalidParameter = (message: string): Failure => ({
  status: "STATUS_INVALID_PARAMETER",
  rule: "6.5",
  message,
});
const has = (config: InterruptObjectConfig, event: string): boolean =>
  config.callbacks.some((c) => c.event === event);

// 6.5 step 9: wantsPassive is TRUE with EvtInterruptWorkItem, FALSE with EvtInterruptDpc, else PassiveHandling.
export const interruptWantsPassive = (config: InterruptObjectConfig): boolean =>
  has(config, "EvtInterruptWorkItem")
    ? true
    : has(config, "EvtInterruptDpc")
      ? false
      : config.passiveHandling;

/** PL-3: the configured WDFSPINLOCK/WDFWAITLOCK, or the interrupt's built-in lock. */
export const interruptLock = (config: InterruptObjectConfig, ctx: ResolveContext): ResolvedLock => {
  const named = config.interruptLock === null ? undefined : ctx.configs.get(config.interruptLock);
  if (named?.kind === "other") return ownLock(named.id, named.otherKind === "waitlock" ? "mutex" : "spin");
  return builtInInterruptLock(config.id, config.passiveHandling);
};

const lockKindCheck = (config: InterruptObjectConfig, ctx: ResolveContext): Failure | null => {
  const named = config.interruptLock === null ? undefined : ctx.configs.get(config.interruptLock);
  if (named?.kind !== "other") return null;
  if (!config.passiveHandling && named.otherKind === "waitlock") {
    return invalidParameter("a DIRQL interrupt cannot use a WaitLock");
  }
  if (config.passiveHandling && named.otherKind === "spinlock") {
    return invalidParameter("a passive-level interrupt cannot use a SpinLock");
  }
  return null;
};

export const resolveInterrupt = (config: InterruptObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const parent = config.parent === null ? undefined : ctx.resolved.get(config.parent);
  const parentIsDevice = parent?.config.kind === "device";
  const device = parentIsDevice
    ? parent
    : parent?.config.kind === "queue"
      ? ctx.resolved.get(parent.config.device)
      : undefined;
  const failure = firstFailure(
    () => (has(config, "EvtInterruptIsr") ? null : invalidParameter("EvtInterruptIsr is NULL")),
    // Step 4: a ParentObject is allowed only with AutomaticSerialization (V-2).
    () =>
      !parentIsDevice && !config.automaticSerialization
        ? {
            status: "STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED",
            rule: "V-2",
            message: "an interrupt may name a ParentObject only when AutomaticSerialization is TRUE",
          }
        : null,
    () => scopeLevelCheck(config.attributes, attributePermissions(config)),
    () =>
      has(config, "EvtInterruptDpc") && has(config, "EvtInterruptWorkItem")
        ? invalidParameter("EvtInterruptDpc and EvtInterruptWorkItem cannot both be set")
        : null,
    () => lockKindCheck(config, ctx),
    // Step 8: the parent must be exactly a queue or a device of the same device.
    () =>
      device === undefined
        ? invalidParameter("the ParentObject must be the device or one of its queues")
        : null,
  );
  const serial =
    failure === null
      ? automaticSerializationLock(
          config.parent,
          config.automaticSerialization,
          interruptWantsPassive(config),
          ctx,
        )
      : null;
  return resolvedObject(config, {
    level: config.passiveHandling || ctx.framework === "umdf2" ? "Passive" : "Dispatch",
    scope: serial?.lock ? (serial.ownerScope ?? "None") : "None",
    passiveFlag: false,
    failure: failure ?? serial?.failure ?? null,
    exists: true,
    // Only EvtInterruptDpc / EvtInterruptWorkItem take the AutomaticSerialization lock (6.5).
    callbackLock:
      has(config, "EvtInterruptDpc") || has(config, "EvtInterruptWorkItem") ? (serial?.lock ?? null) : null,
    interruptLock: interruptLock(config, ctx),
  });
};
