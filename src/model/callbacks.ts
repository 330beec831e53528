// Every registered callback of every existing object, with the lock it runs under (PL-1, PL-2,
// PL-3) and its highest IRQL (IRQ-1..IRQ-4). Callbacks of objects that do not exist are left out.

import { callbackId } from "./callback-id.js";
import { callbackKind, isQueueDelivered } from "./callback-kind.js";
import type { CallbackConfig, Framework } from "./config.js";
import { timerIsPassive } from "./deferred-objects.js";
import { maxIrql } from "./irql.js";
import type { CallbackKind, Finding, ResolvedCallback, ResolvedLock, ResolvedObject } from "./resolved.js";

/** The lock a callback of `kind` on `object` runs under. */
export const callbackLock = (kind: CallbackKind, object: ResolvedObject): ResolvedLock | null => {
  switch (kind) {
    // PL-2: never under a callback lock.
    case "stopComplete":
    case "pnpPower":
    case "ioInCallerContext":
    case "driverOther":
      return null;
    // PL-3: the interrupt lock, never a callback lock.
    case "interruptLocked":
      return object.interruptLock;
    // PL-1 (a)-(d): the object's own callback lock (queue presentation lock, AS lock, device lock, driver mutex).
    default:
      return object.callbackLock;
  }
};

export interface CallbackBuild {
  readonly callbacks: ResolvedCallback[];
  readonly findings: Finding[];
}

// BUG-21: WdfIoQueueReadyNotify on a non-manual queue fails; the callback is never registered.
const registrationFailure = (object: ResolvedObject, cb: CallbackConfig): Finding | null =>
  object.config.kind === "queue" &&
  cb.registration === "ReadyNotify" &&
  object.config.dispatchType !== "Manual"
    ? {
        rule: "BUG-21",
        severity: "error",
        message: `WdfIoQueueReadyNotify on ${object.config.dispatchType} queue ${object.id} returns STATUS_INVALID_DEVICE_REQUEST: ReadyNotify is for Manual queues only, so ${cb.function ?? "the callback"} is never called`,
        object: object.id,
        source: cb.source ?? object.config.source,
      }
    : null;

const buildOne = (
  framework: Framework,
  object: ResolvedObject,
  cb: CallbackConfig,
): ResolvedCallback | null => {
  const config = object.config;
  const passiveTimer = config.kind === "timer" && timerIsPassive(config);
  const kr = callbackKind(config.kind, cb, passiveTimer);
  if (kr === null) return null;
  const lock = callbackLock(kr.kind, object);
  const irql = maxIrql(framework, {
    kind: kr.kind,
    queueLevel: isQueueDelivered(kr.kind) ? object.level : null,
    passiveTimer,
    passiveHandling: config.kind === "interrupt" && config.passiveHandling,
    lock,
  });
  return {
    id: callbackId(object.id, cb),
    object: object.id,
    event: cb.event,
    function: cb.function,
    registration: cb.registration ?? null,
    kind: kr.kind,
    rule: kr.rule,
    lock,
    irql,
    source: cb.source ?? null,
  };
};

export const buildCallbacks = (framework: Framework, objects: readonly ResolvedObject[]): CallbackBuild => {
  const callbacks: ResolvedCallback[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    if (!object.exists) continue;
    for (const cb of object.config.callbacks) {
      const failed = registrationFailure(object, cb);
      if (failed !== null) {
        findings.push(failed);
        continue;
      }
      const built = buildOne(framework, object, cb);
      if (built === null) continue;
      // Two registrations of one slot with different functions (e.g. two WdfIoQueueStop sites).
      const id = seen.has(built.id) ? `${built.id}:${built.function ?? "?"}` : built.id;
      if (seen.has(id)) continue;
      seen.add(id);
      callbacks.push(id === built.id ? built : { ...built, id });
    }
  }
  return { callbacks, findings };
};
