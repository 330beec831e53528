// Which CB-n row (locking spec 7.2) a registered callback belongs to.

import type { CallbackConfig, ObjectKind } from "./config.js";
import { IO_EVENT_SLOTS } from "./queue.js";
import type { CallbackKind } from "./resolved.js";
import {
  DEVICE_SLOTS,
  DPC_EVENT,
  DRIVER_SLOTS,
  FILE_OBJECT_SLOTS,
  TIMER_EVENT,
  WORK_ITEM_EVENT,
} from "./slots.js";

export interface KindAndRule {
  readonly kind: CallbackKind;
  readonly rule: string;
}

/** CC-4: PnP callbacks that Learn says are not synchronized with the other PnP/power callbacks. */
export const UNSYNCHRONIZED_PNP_EVENTS: readonly string[] = [
  "EvtDeviceSurpriseRemoval",
  "EvtDeviceQueryRemove",
  "EvtDeviceQueryStop",
];

const queueStateKind = (registration: CallbackConfig["registration"]): KindAndRule => {
  switch (registration) {
    case "ReadyNotify":
      return { kind: "readyNotify", rule: "CB-7" };
    case "Purge":
    case "Drain":
      return { kind: "purgeComplete", rule: "CB-8" };
    default:
      return { kind: "stopComplete", rule: "CB-9" };
  }
};

const queueKind = (cb: CallbackConfig): KindAndRule | null => {
  if (IO_EVENT_SLOTS.includes(cb.event)) return { kind: "ioEvent", rule: "CB-3" };
  switch (cb.event) {
    case "EvtIoStop":
      return { kind: "ioStop", rule: "CB-4" };
    case "EvtIoResume":
      return { kind: "ioResume", rule: "CB-4" };
    case "EvtIoCanceledOnQueue":
      return { kind: "ioCanceledOnQueue", rule: "CB-5" };
    case "EvtRequestCancel":
      return { kind: "requestCancel", rule: "CB-6" };
    case "EvtIoQueueState":
      return queueStateKind(cb.registration);
    default:
      return null;
  }
};

const interruptKind = (event: string): KindAndRule | null => {
  if (event === "EvtInterruptDpc") return { kind: "interruptDpc", rule: "CB-17" };
  if (event === "EvtInterruptWorkItem") return { kind: "interruptWorkItem", rule: "CB-18" };
  if (["EvtInterruptIsr", "EvtInterruptEnable", "EvtInterruptDisable"].includes(event)) {
    return { kind: "interruptLocked", rule: "CB-16" };
  }
  return null;
};

const isIn = (list: readonly string[], event: string): boolean => list.includes(event);

/**
 * null: not a callback the explain contract lists for that object kind — e.g. an object's
 * EvtCleanupCallback / EvtDestroyCallback, which never run under a callback lock (PL-2).
 */
export const callbackKind = (
  objectKind: ObjectKind,
  cb: CallbackConfig,
  passiveTimer: boolean,
): KindAndRule | null => {
  switch (objectKind) {
    case "driver":
      if (!isIn(DRIVER_SLOTS, cb.event)) return null;
      return cb.event === "EvtDriverDeviceAdd"
        ? { kind: "driverDeviceAdd", rule: "CB-1" }
        : { kind: "driverOther", rule: "CB-1" };
    case "device":
      if (!isIn(DEVICE_SLOTS, cb.event)) return null;
      return cb.event === "EvtIoInCallerContext"
        ? { kind: "ioInCallerContext", rule: "CB-10" }
        : { kind: "pnpPower", rule: "CB-2" };
    case "queue":
      return queueKind(cb);
    case "fileobject":
      return isIn(FILE_OBJECT_SLOTS, cb.event) ? { kind: "file", rule: "CB-11" } : null;
    case "workitem":
      return cb.event === WORK_ITEM_EVENT ? { kind: "workItem", rule: "CB-12" } : null;
    case "timer":
      return cb.event === TIMER_EVENT ? { kind: "timer", rule: passiveTimer ? "CB-14" : "CB-13" } : null;
    case "dpc":
      return cb.event === DPC_EVENT ? { kind: "dpc", rule: "CB-15" } : null;
    case "interrupt":
      return interruptKind(cb.event);
    case "other":
      return null;
    default: {
      const never: never = objectKind;
      return never;
    }
  }
};

/** Callbacks delivered by a queue's dispatcher (IRQ-2). */
export const isQueueDelivered = (kind: CallbackKind): boolean =>
  [
    "ioEvent",
    "ioStop",
    "ioResume",
    "ioCanceledOnQueue",
    "requestCancel",
    "readyNotify",
    "purgeComplete",
    "stopComplete",
  ].includes(kind);
