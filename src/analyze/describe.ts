// Short phrases for callbacks and locks, shared by the pair reasons and the lint messages.

import type { ResolvedCallback, ResolvedLock } from "../model/resolved.js";

export const describeLock = (lock: ResolvedLock): string =>
  `${lock.kind === "spin" ? "spin lock" : "mutex"} ${lock.id}`;

/** "EvtIoDeviceControl of device/ioctlQueue" */
export const describeCallback = (cb: ResolvedCallback): string => {
  const reg = cb.registration ? ` (${cb.registration})` : "";
  return `${cb.event}${reg} of ${cb.object}`;
};
