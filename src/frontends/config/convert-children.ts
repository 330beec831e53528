// Child sections -> ObjectConfigs, depth-first in section order: queues, objects, spinLocks,
// waitLocks, workItems, timers, dpcs, interrupts (docs/config.md). Defaults are the WDF
// *_CONFIG_INIT macros' (spec/wdf-objects-and-locking.md, "Config defaults").

import type { ObjectConfig, OtherKind, QueueObjectConfig } from "../../model/config.js";
import {
  callbacksOf,
  queueRegistrations,
  singleRegistration,
  slotRegistrations,
} from "./convert-callbacks.js";
import { addObject, attributesOf, type ConvertContext, span } from "./convert-context.js";
import type {
  ChildSectionsInput,
  DpcInput,
  DriverFunction,
  GeneralObjectInput,
  InterruptInput,
  LockInput,
  QueueInput,
  Section,
  TimerInput,
  WorkItemInput,
} from "./input-types.js";
import type { ConfigPath } from "./problems.js";
import { ULONG_MAX } from "./schema-fields.js";
import { DPC_EVENT, TIMER_EVENT, WORK_ITEM_EVENT } from "./slots.js";

type Fn = DriverFunction;

/** Where an object is declared: its id, its parent's id, the enclosing device and its config path. */
export interface Place {
  readonly id: string;
  readonly parent: string;
  readonly deviceId: string;
  readonly path: ConfigPath;
}

type Emit<T> = (ctx: ConvertContext, item: T, at: Place) => void;

/** Emits every child of `entry`, and theirs, parented to `place`. */
export function convertChildren(ctx: ConvertContext, entry: ChildSectionsInput<Fn>, place: Place): void {
  section(ctx, place, "queues", entry.queues, emitQueue);
  section(ctx, place, "objects", entry.objects, emitGeneralObject);
  section(ctx, place, "spinLocks", entry.spinLocks, emitLock("spinlock"));
  section(ctx, place, "waitLocks", entry.waitLocks, emitLock("waitlock"));
  section(ctx, place, "workItems", entry.workItems, emitWorkItem);
  section(ctx, place, "timers", entry.timers, emitTimer);
  section(ctx, place, "dpcs", entry.dpcs, emitDpc);
  section(ctx, place, "interrupts", entry.interrupts, emitInterrupt);
}

function section<T>(
  ctx: ConvertContext,
  place: Place,
  name: keyof ChildSectionsInput<Fn>,
  items: Section<T> | undefined,
  emit: Emit<T>,
): void {
  for (const [child, item] of Object.entries(items ?? {})) {
    const path = [...place.path, name, child];
    emit(ctx, item, { id: `${place.id}/${child}`, parent: place.id, deviceId: place.deviceId, path });
  }
}

const base = (ctx: ConvertContext, at: Place) => ({
  id: at.id,
  parent: at.parent,
  source: span(ctx, at.path),
});

/** WDF_IO_QUEUE_CONFIG_INIT leaves NumberOfPresentedRequests at (ULONG)-1: unlimited (null). */
const presented = (value: QueueInput<Fn>["numberOfPresentedRequests"]): number | null =>
  value === undefined || value === "unlimited" || value === ULONG_MAX ? null : value;

// T-4: UseHighResolutionTimer is a BOOLEAN; WdfUseDefault (2) is non-zero, so it acts as TRUE.
const highResolution = (value: TimerInput<Fn>["useHighResolutionTimer"]): boolean =>
  value === true || value === "WdfTrue" || value === "WdfUseDefault";

const queueObject = (ctx: ConvertContext, q: QueueInput<Fn>, at: Place): QueueObjectConfig => ({
  kind: "queue",
  ...base(ctx, at),
  attributes: attributesOf(q.attributes),
  callbacks: callbacksOf(ctx, at.id, queueRegistrations(q, at.path)),
  device: at.deviceId,
  dispatchType: q.dispatchType,
  defaultQueue: q.defaultQueue ?? false,
  powerManaged: q.powerManaged ?? "WdfUseDefault",
  allowZeroLengthRequests: q.allowZeroLengthRequests ?? false,
  numberOfPresentedRequests: presented(q.numberOfPresentedRequests),
  requestDispatching: [...(q.requestDispatching ?? [])],
  callsWdfIoQueueStart: q.callsWdfIoQueueStart ?? false,
  retrievesRequests: q.retrievesRequests ?? false,
});

const otherObject = (ctx: ConvertContext, otherKind: OtherKind, o: LockInput, at: Place): ObjectConfig => ({
  kind: "other",
  otherKind,
  ...base(ctx, at),
  attributes: attributesOf(o.attributes),
  callbacks: [],
});

const emitQueue: Emit<QueueInput<Fn>> = (ctx, q, at) => {
  addObject(ctx, queueObject(ctx, q, at), at.path);
  convertChildren(ctx, q, at);
};

const emitGeneralObject: Emit<GeneralObjectInput<Fn>> = (ctx, o, at) => {
  addObject(ctx, otherObject(ctx, "object", o, at), at.path);
  convertChildren(ctx, o, at);
};

const emitLock =
  (otherKind: OtherKind): Emit<LockInput> =>
  (ctx, lock, at) =>
    addObject(ctx, otherObject(ctx, otherKind, lock, at), at.path);

// Work items, timers and DPCs: one callback, and WDF_WORKITEM_CONFIG_INIT / WDF_TIMER_CONFIG_INIT /
// WDF_DPC_CONFIG_INIT all set AutomaticSerialization = TRUE. Nesting is their required ParentObject
// (V-2), which only an initialized WDF_OBJECT_ATTRIBUTES carries: omitted attributes are INIT's.
const deferred = (ctx: ConvertContext, entry: WorkItemInput<Fn>, event: string, at: Place) => ({
  ...base(ctx, at),
  attributes: attributesOf(entry.attributes ?? {}),
  callbacks: callbacksOf(ctx, at.id, singleRegistration(event, entry.callback, at.path)),
  automaticSerialization: entry.automaticSerialization ?? true,
});

const emitWorkItem: Emit<WorkItemInput<Fn>> = (ctx, w, at) =>
  addObject(ctx, { kind: "workitem", ...deferred(ctx, w, WORK_ITEM_EVENT, at) }, at.path);

// WDF_TIMER_CONFIG_INIT leaves Period, TolerableDelay and UseHighResolutionTimer zero.
const emitTimer: Emit<TimerInput<Fn>> = (ctx, t, at) =>
  addObject(
    ctx,
    {
      kind: "timer",
      ...deferred(ctx, t, TIMER_EVENT, at),
      period: t.period ?? 0,
      tolerableDelay: t.tolerableDelay ?? 0,
      useHighResolutionTimer: highResolution(t.useHighResolutionTimer),
    },
    at.path,
  );

// Accepted under umdf2 too: the model reports U-3.
const emitDpc: Emit<DpcInput<Fn>> = (ctx, d, at) =>
  addObject(ctx, { kind: "dpc", ...deferred(ctx, d, DPC_EVENT, at) }, at.path);

// WDF_INTERRUPT_CONFIG_INIT zeroes the structure (AutomaticSerialization FALSE); the UMDF version
// also sets PassiveHandling = TRUE. The `lock` is resolved once every object exists.
const emitInterrupt: Emit<InterruptInput<Fn>> = (ctx, i, at) => {
  const object: ObjectConfig = {
    kind: "interrupt",
    ...base(ctx, at),
    attributes: attributesOf(i.attributes),
    callbacks: callbacksOf(ctx, at.id, slotRegistrations(i.callbacks, at.path)),
    automaticSerialization: i.automaticSerialization ?? false,
    passiveHandling: i.passiveHandling ?? ctx.framework === "umdf2",
    interruptLock: null,
  };
  addObject(ctx, object, at.path);
  if (i.lock !== undefined && ctx.objects.at(-1) === object) {
    ctx.lockReferences.push({
      objectIndex: ctx.objects.length - 1,
      ref: i.lock,
      deviceId: at.deviceId,
      path: [...at.path, "lock"],
    });
  }
};
