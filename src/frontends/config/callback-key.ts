// Callback ids: `<objectId>:<event>`, plus `[<registration>]` for EvtIoQueueState and
// `:<function>` for EvtRequestCancel (one routine per function, CAN-25). The config frontend keys
// its function map with it and the analyzer names callbacks with it, so both agree.

import type { CallbackConfig } from "../../model/config.js";
import { QUEUE_STATE_EVENT, REQUEST_CANCEL_EVENT } from "./slots.js";

/** e.g. `device/q:EvtIoRead`, `device/q:EvtIoQueueState[ReadyNotify]`, `device/q:EvtRequestCancel:MyCancel`. */
export function callbackKey(objectId: string, cb: CallbackConfig): string {
  const base = `${objectId}:${cb.event}`;
  if (cb.event === QUEUE_STATE_EVENT && cb.registration !== undefined) return `${base}[${cb.registration}]`;
  if (cb.event === REQUEST_CANCEL_EVENT && cb.function !== null) return `${base}:${cb.function}`;
  return base;
}
