// S-10 / CC-2: can a callback overlap itself? (locking spec 6.6)

import type { CallbackKind, ResolvedCallback } from "../model/resolved.js";
import { describeCallback, describeLock } from "./describe.js";

export interface PairDecision {
  readonly concurrent: boolean;
  readonly why: string;
}

// The "No" rows of the 6.6 table for callbacks without a lock, with the reason.
const NEVER_SELF: Partial<Record<CallbackKind, string>> = {
  stopComplete: "only the queue's sole active dispatcher invokes it, once per registration (S-10, DSP-05)",
  purgeComplete: "only the queue's sole active dispatcher invokes it, once per registration (S-10, DSP-05)",
  pnpPower: "the device's PnP/power state machines deliver one callback at a time (S-10, CC-4)",
  driverOther: "the framework calls it once, when the driver unloads (S-10)",
};

// Why an unlocked callback of each kind can run twice at once.
const SELF_REASON: Partial<Record<CallbackKind, string>> = {
  ioEvent:
    "once the presented request is completed, forwarded or requeued, the next request can be presented on another thread while the first call still runs, even on a Sequential queue or with NumberOfPresentedRequests = 1 (S-10, DSP-08)",
  ioStop: "whichever thread runs the queue's dispatcher delivers the next notification (S-10, PWR-17)",
  ioResume: "whichever thread runs the queue's dispatcher delivers the next notification (S-10, PWR-17)",
  ioCanceledOnQueue:
    "whichever thread runs the queue's dispatcher delivers the next notification (S-10, DSP-09)",
  requestCancel:
    "cancellations of two requests are delivered by whichever threads reach the dispatcher (S-10, DSP-09)",
  readyNotify: "a new arrival can trigger a second ready notification on another thread (S-10, RDY-04)",
  workItem: "enqueued again after it started, a second run can start on another worker thread (S-10)",
  timer: "a periodic or restarted timer can fire again while the previous callback still runs (S-10)",
  dpc: "queued again while it runs, it can run on another processor at the same time (S-10)",
  interruptDpc: "the ISR can queue it again on another processor while it runs (S-10)",
  interruptWorkItem: "queued again after it started, a second run can overlap the first (S-10)",
  file: "each file handle's requests arrive on their own threads (S-10)",
  driverDeviceAdd: "the framework does not serialize AddDevice calls for different devices (S-10, D-4)",
  ioInCallerContext: "it runs in each sender's own thread (S-10)",
};

export const selfOverlap = (cb: ResolvedCallback): PairDecision => {
  const name = describeCallback(cb);
  if (cb.lock !== null) {
    return {
      concurrent: false,
      why: `Every call of ${name} holds ${describeLock(cb.lock)}, so two calls never overlap (CC-1, S-10).`,
    };
  }
  const never = NEVER_SELF[cb.kind];
  if (never !== undefined) return { concurrent: false, why: `${name} never overlaps itself: ${never}.` };
  const reason = SELF_REASON[cb.kind] ?? "no lock serializes it (S-10)";
  return { concurrent: true, why: `${name} takes no framework lock: ${reason}.` };
};
