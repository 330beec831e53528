// Callback ids: `<objectId>:<event>`, plus `[<registration>]` for EvtIoQueueState and
// `:<function>` for EvtRequestCancel (one routine per function, CAN-25). The config frontend keys
// its function map with it; it is the model's callbackId, so the two can never disagree.

import { callbackId } from "../../model/callback-id.js";
import type { CallbackConfig } from "../../model/config.js";

/** e.g. `device/q:EvtIoRead`, `device/q:EvtIoQueueState[ReadyNotify]`, `device/q:EvtRequestCancel:MyCancel`. */
export const callbackKey = (objectId: string, cb: CallbackConfig): string => callbackId(objectId, cb);
