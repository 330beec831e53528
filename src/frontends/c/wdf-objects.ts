// One handler per Wdf...Create DDI: which arguments carry the config, the attributes, the
// device and the out-handle, and how the config fields become the object's settings.

import { QUEUE_SLOTS } from "../../model/slots.js";
import type { MutableObject } from "./builder.js";
import type { DeviceInitState } from "./device-init.js";
import { FieldReader } from "./field-values.js";
import type { Interp } from "./interpreter.js";
import type { Node } from "./parser.js";
import type { Value } from "./values.js";
import { argValues, callbackFrom, createObject, refStorage, resolveHandle } from "./wdf-create.js";

type Handler = (interp: Interp, args: Node[], call: Node, span: ReturnType<Interp["span"]>) => void;

const reader = (interp: Interp, o: MutableObject, cfg: Value, span: ReturnType<Interp["span"]>) =>
  new FieldReader(interp.store, interp.builder, o, refStorage(cfg), span);

const deviceOf = (interp: Interp, v: Value | undefined, span: ReturnType<Interp["span"]>): string | null => {
  const id = v === undefined ? null : resolveHandle(interp, v, "device");
  if (id === null)
    interp.builder.note(
      "C-REF",
      "info",
      "the WDFDEVICE handle could not be resolved to one WdfDeviceCreate call",
      null,
      span,
    );
  return id;
};

const driverCreate: Handler = (interp, args, call, span) => {
  const v = argValues(interp, args);
  createObject(
    {
      interp,
      call,
      span,
      kind: "driver",
      fallbackName: "driver",
      outHandle: null,
      attributes: v[2] ?? { k: "null" },
      defaultParent: null,
    },
    (o) => {
      o.callbacks.push(
        ...callbackFrom(reader(interp, o, v[3]!, span), "EvtDriverDeviceAdd", "EvtDriverDeviceAdd", span),
      );
      o.callbacks.push(
        ...callbackFrom(reader(interp, o, v[3]!, span), "EvtDriverUnload", "EvtDriverUnload", span),
      );
    },
  );
};

export const deviceCreate =
  (init: (name: string) => DeviceInitState): Handler =>
  (interp, args, call, span) => {
    const v = argValues(interp, args);
    const initVar = args[0]?.text.replace(/^&/, "").trim() ?? "DeviceInit";
    const state = init(initVar);
    const initValue = interp.lookupVar(initVar);
    const control = initValue?.k === "enum" && initValue.name === "__WdfControlDeviceInit";
    const driver = interp.builder.ofKind("driver")[0]?.id ?? "driver";
    createObject(
      {
        interp,
        call,
        span,
        kind: "device",
        fallbackName: "device",
        outHandle: args[2] ?? null,
        attributes: v[1] ?? { k: "null" },
        defaultParent: driver as string,
      },
      (o) => {
        o.parent = driver as string;
        o.filter = state.filter;
        o.controlDevice = state.controlDevice || control;
        o.callbacks.push(...state.callbacks);
        state.consume(interp, o);
      },
    );
  };

const isDefaultQueue = (interp: Interp, cfg: Value | undefined): boolean => {
  const v = cfg?.k === "ref" ? interp.store.get(cfg.storage, "DefaultQueue") : undefined;
  return v?.k === "num" && v.v !== 0;
};

const queueCreate: Handler = (interp, args, call, span) => {
  const v = argValues(interp, args);
  const device = deviceOf(interp, v[0], span);
  const fallbackName = isDefaultQueue(interp, v[1]) ? "DefaultQueue" : "queue";
  createObject(
    {
      interp,
      call,
      span,
      kind: "queue",
      fallbackName,
      outHandle: args[3] ?? null,
      attributes: v[2] ?? { k: "null" },
      defaultParent: device,
    },
    (o) => {
      const r = reader(interp, o, v[1]!, span);
      o.device = device ?? "device";
      o.dispatchType = r.enumerator("DispatchType", "WdfIoQueueDispatch", "dispatch", "Sequential");
      o.defaultQueue = r.boolean("DefaultQueue", "defaultQueue", false);
      o.powerManaged = r.triState("PowerManaged", "powerManaged");
      o.allowZeroLengthRequests = r.boolean("AllowZeroLengthRequests", null, false);
      const presented = r.number(
        "Settings.Parallel.NumberOfPresentedRequests",
        "numberOfPresentedRequests",
        0,
      );
      // Only Parallel queues use it (CFG-11); the INIT macro leaves 0 elsewhere, which means "not set".
      o.numberOfPresentedRequests =
        presented === 0xffffffff || (o.dispatchType !== "Parallel" && presented === 0) ? null : presented;
      o.requestDispatching = [];
      o.callsWdfIoQueueStart = false;
      o.retrievesRequests = false;
      for (const event of QUEUE_SLOTS) {
        o.callbacks.push(...callbackFrom(r, event, event, span));
      }
    },
  );
};

const deferred =
  (kind: "workitem" | "timer" | "dpc", field: string, event: string, name: string): Handler =>
  (interp, args, call, span) => {
    const v = argValues(interp, args);
    createObject(
      {
        interp,
        call,
        span,
        kind,
        fallbackName: name,
        outHandle: args[2] ?? null,
        attributes: v[1] ?? { k: "null" },
        defaultParent: null,
      },
      (o) => {
        const r = reader(interp, o, v[0]!, span);
        o.automaticSerialization = r.boolean("AutomaticSerialization", "automaticSerialization", true);
        if (kind === "timer") {
          o.period = r.number("Period", "period", 0);
          o.tolerableDelay = r.number("TolerableDelay", null, 0);
          o.useHighResolutionTimer = r.boolean("UseHighResolutionTimer", null, false);
        }
        o.callbacks.push(...callbackFrom(r, field, event, span));
      },
    );
  };

const interruptCreate: Handler = (interp, args, call, span) => {
  const v = argValues(interp, args);
  const device = deviceOf(interp, v[0], span);
  createObject(
    {
      interp,
      call,
      span,
      kind: "interrupt",
      fallbackName: "interrupt",
      outHandle: args[3] ?? null,
      attributes: v[2] ?? { k: "null" },
      defaultParent: device,
    },
    (o) => {
      const r = reader(interp, o, v[1]!, span);
      o.automaticSerialization = r.boolean("AutomaticSerialization", "automaticSerialization", false);
      o.passiveHandling = r.boolean("PassiveHandling", null, interp.framework === "umdf2");
      const lock = r.raw("SpinLock") ?? r.raw("WaitLock");
      o.interruptLock = lock ? resolveHandle(interp, lock, null) : null;
      for (const event of [
        "EvtInterruptIsr",
        "EvtInterruptDpc",
        "EvtInterruptWorkItem",
        "EvtInterruptEnable",
        "EvtInterruptDisable",
      ]) {
        o.callbacks.push(...callbackFrom(r, event, event, span));
      }
    },
  );
};

const otherCreate =
  (otherKind: "object" | "spinlock" | "waitlock", name: string, attrArg: number, outArg: number): Handler =>
  (interp, args, call, span) => {
    const v = argValues(interp, args);
    const driver = (interp.builder.ofKind("driver")[0]?.id as string | undefined) ?? "driver";
    createObject(
      {
        interp,
        call,
        span,
        kind: "other",
        fallbackName: name,
        outHandle: args[outArg] ?? null,
        attributes: v[attrArg] ?? { k: "null" },
        defaultParent: driver,
      },
      (o) => {
        o.otherKind = otherKind;
      },
    );
  };

export const CREATE_HANDLERS = (
  init: (name: string) => DeviceInitState,
): Readonly<Record<string, Handler>> => ({
  WdfDriverCreate: driverCreate,
  WdfDeviceCreate: deviceCreate(init),
  WdfIoQueueCreate: queueCreate,
  WdfWorkItemCreate: deferred("workitem", "EvtWorkItemFunc", "EvtWorkItem", "workItem"),
  WdfTimerCreate: deferred("timer", "EvtTimerFunc", "EvtTimerFunc", "timer"),
  WdfDpcCreate: deferred("dpc", "EvtDpcFunc", "EvtDpcFunc", "dpc"),
  WdfInterruptCreate: interruptCreate,
  WdfSpinLockCreate: otherCreate("spinlock", "spinLock", 0, 1),
  WdfWaitLockCreate: otherCreate("waitlock", "waitLock", 0, 1),
  WdfObjectCreate: otherCreate("object", "object", 0, 1),
});
