// Callback slots -> CallbackConfigs (source = the line of the slot's key) and, for driver models,
// callback id -> JS function. A function's `function` name is its `.name`, else the slot key.

import type { CallbackConfig, QueueStateRegistration } from "../../model/config.js";
import { callbackKey } from "./callback-key.js";
import { type ConvertContext, span } from "./convert-context.js";
import type { CallbackValue, DriverFunction, QueueInput } from "./input-types.js";
import { type ConfigPath, label } from "./problems.js";
import { QUEUE_STATE_EVENT, REQUEST_CANCEL_EVENT } from "./slots.js";

type Value = CallbackValue<DriverFunction>;

/** One registered slot before conversion. */
export interface Registration {
  readonly event: string;
  readonly value: Value;
  /** The key (or list element) it was written at. */
  readonly path: ConfigPath;
  readonly registration?: QueueStateRegistration | undefined;
}

/** The driver function's name; an anonymous function is named after its slot key (`requestCancel[0]`). */
const functionName = (value: Value, path: ConfigPath): string =>
  typeof value === "string" ? value : value.name || label(path);

/** The `callbacks:` map of an entry: each key is the WDF slot (event) itself. */
export function slotRegistrations(
  map: { readonly [slot: string]: Value | undefined } | undefined,
  path: ConfigPath,
): Registration[] {
  return Object.entries(map ?? {}).flatMap(([event, value]) =>
    value === undefined ? [] : [{ event, value, path: [...path, "callbacks", event] }],
  );
}

/** A single-callback entry (work item, timer, DPC): its `callback:` key. */
export const singleRegistration = (
  event: string,
  value: Value | undefined,
  path: ConfigPath,
): Registration[] => (value === undefined ? [] : [{ event, value, path: [...path, "callback"] }]);

/** A queue's EvtIo* slots, then readyNotify, stateCallbacks and requestCancel (CAN-25). */
export function queueRegistrations(queue: QueueInput<DriverFunction>, path: ConfigPath): Registration[] {
  const regs = slotRegistrations(queue.callbacks, path);
  if (queue.readyNotify !== undefined) {
    regs.push({
      event: QUEUE_STATE_EVENT,
      value: queue.readyNotify,
      path: [...path, "readyNotify"],
      registration: "ReadyNotify",
    });
  }
  for (const [key, value] of Object.entries(queue.stateCallbacks ?? {})) {
    if (value === undefined) continue;
    const registration = key as QueueStateRegistration;
    regs.push({ event: QUEUE_STATE_EVENT, value, path: [...path, "stateCallbacks", key], registration });
  }
  (queue.requestCancel ?? []).forEach((value, i) => {
    regs.push({ event: REQUEST_CANCEL_EVENT, value, path: [...path, "requestCancel", i] });
  });
  return regs;
}

/** CallbackConfigs of `objectId`, recording JS functions under their callback id. */
export function callbacksOf(
  ctx: ConvertContext,
  objectId: string,
  regs: readonly Registration[],
): CallbackConfig[] {
  const callbacks: CallbackConfig[] = [];
  const seen = new Set<string>();
  for (const reg of regs) {
    const name = functionName(reg.value, reg.path);
    const cb: CallbackConfig = {
      event: reg.event,
      function: name,
      ...(reg.registration === undefined ? {} : { registration: reg.registration }),
      source: span(ctx, reg.path),
    };
    const key = callbackKey(objectId, cb);
    if (seen.has(key)) {
      // Only requestCancel can repeat: one EvtRequestCancel entry per function (CAN-25).
      ctx.problems.push({ path: reg.path, target: "value", message: `requestCancel lists "${name}" twice` });
      continue;
    }
    seen.add(key);
    callbacks.push(cb);
    if (typeof reg.value === "function") ctx.functions.set(key, reg.value);
  }
  return callbacks;
}
