// Stable callback ids: `<object id>:<event>`, plus `[<registration>]` for EvtIoQueueState and
// `:<function>` for EvtRequestCancel (one queue may have several cancel routines, CAN-25).

import type { CallbackConfig } from "./config.js";

export const callbackId = (objectId: string, cb: CallbackConfig): string => {
  const base = `${objectId}:${cb.event}`;
  if (cb.event === "EvtIoQueueState" && cb.registration) return `${base}[${cb.registration}]`;
  if (cb.event === "EvtRequestCancel") return `${base}:${cb.function ?? "?"}`;
  return base;
};
