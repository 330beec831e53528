// WdfIoQueue* in the simulation (queues spec 7 and 8): Start/Stop/Drain/Purge (+Synchronously),
// ReadyNotify, GetState, retrieval and FindRequest, with their verifier checks.

import type { ResolvedCallback } from "../model/resolved.js";
import { blockingWait } from "./blocking.js";
import type { RuntimeQueue, StateSlot } from "./dispatcher.js";
import type { QueueStateSnapshot, RequestResult, Routine } from "./framework-api.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

const BRK = "STATUS_INVALID_DEVICE_REQUEST and a break";
const FATAL_QUEUE = "WDF_VIOLATION 0x10D: WDF_QUEUE_FATAL_ERROR";

type Registration = StateSlot["registration"];

/** The declared EvtIoQueueState routine for `registration`, checked against what the driver passed. */
const slotCallback = (
  sim: Simulator,
  queue: RuntimeQueue,
  registration: Registration | "ReadyNotify",
  routine: Routine | null,
  ddi: string,
): ResolvedCallback | null => {
  if (routine === null) return null;
  const declared = sim.callback(queue.id, "EvtIoQueueState", registration);
  const name = typeof routine === "string" ? routine : routine.name;
  if (declared === undefined || (declared.function !== null && declared.function !== name)) {
    sim.engine.asyncErrors.push({
      task: sim.engine.running?.id ?? "(framework)",
      error: new Error(
        `${ddi}(${queue.id}, ${name}): declare ${name} as ${registration === "ReadyNotify" ? "readyNotify" : `stateCallbacks.${registration}`} of queue ${queue.id} in the driver model, so explain and run agree on its lock and IRQL (OPS-05)`,
      ),
    });
    return null;
  }
  return declared;
};

/** OPS-01 / OPS-02: WdfIoQueueStart. */
export const start = (sim: Simulator, queueId: string): void => {
  const queue = sim.queueOrReport(queueId, "WdfIoQueueStart");
  if (queue === undefined) return;
  if (!queue.shutdown) queue.accept = true;
  queue.dispatch = true;
  queue.cancelDispatchedRequests = false;
  if (queue.pending.length > 0) queue.transitionFromEmpty = true; // DSP-21
  queue.run("full");
};

const isRegistration = (slot: StateSlot): boolean => slot.callback !== null || slot.signal !== null;

/** OPS-06 / BUG-22: one outstanding registration per slot. */
const claimSlot = (
  sim: Simulator,
  queue: RuntimeQueue,
  which: "stopSlot" | "purgeSlot",
  slot: StateSlot,
  ddi: string,
): boolean => {
  if (queue[which] !== null) {
    sim.report(
      "QueueFatalError",
      "BUG-22",
      `${ddi}(${queue.id}) while a ${queue[which]!.registration} is still outstanding on that slot (OPS-06)`,
      `${queue.id}:${which}`,
      FATAL_QUEUE,
    );
    return false;
  }
  queue[which] = slot;
  return true;
};

const stopOp = (sim: Simulator, queue: RuntimeQueue, slot: StateSlot, purge: boolean, ddi: string): void => {
  // Without a callback (or a …Synchronously waiter) nothing is registered (fxioqueue.cpp QueueIdle).
  if (isRegistration(slot) && !claimSlot(sim, queue, "stopSlot", slot, ddi)) return;
  if (!queue.shutdown) queue.accept = true;
  queue.dispatch = false;
  if (purge) {
    queue.cancelDispatchedRequests = true; // OPS-04
    queue.purgeRequests();
  }
  queue.run("full");
};

/** WdfIoQueueStop / WdfIoQueueStopAndPurge (7.2). */
export const stop = (sim: Simulator, queueId: string, routine: Routine | null, purge: boolean): void => {
  const ddi = purge ? "WdfIoQueueStopAndPurge" : "WdfIoQueueStop";
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined) return;
  const registration = purge ? "StopAndPurge" : "Stop";
  stopOp(
    sim,
    queue,
    { registration, callback: slotCallback(sim, queue, registration, routine, ddi), signal: null },
    purge,
    ddi,
  );
};

const drainOp = (sim: Simulator, queue: RuntimeQueue, slot: StateSlot, ddi: string): void => {
  if (isRegistration(slot) && !claimSlot(sim, queue, "purgeSlot", slot, ddi)) return;
  queue.accept = false;
  if (slot.registration === "Purge") {
    queue.cancelDispatchedRequests = true; // OPS-04 (driver >= 1.11)
    queue.purgeRequests();
  }
  queue.run("full");
};

/** WdfIoQueueDrain / WdfIoQueuePurge (7.2). */
export const drainOrPurge = (
  sim: Simulator,
  queueId: string,
  routine: Routine | null,
  op: "Drain" | "Purge",
): void => {
  const ddi = `WdfIoQueue${op}`;
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined) return;
  drainOp(
    sim,
    queue,
    { registration: op, callback: slotCallback(sim, queue, op, routine, ddi), signal: null },
    ddi,
  );
};

/**
 * OPS-08 / OPS-09 for the …Synchronously forms: PASSIVE_LEVEL only, and never from one of the
 * queue's own callbacks: the slot fires only in the sole dispatcher activation (DSP-05), and the
 * caller's callback is one that cannot return while it waits.
 */
const syncAllowed = (sim: Simulator, queue: RuntimeQueue, ddi: string): boolean => {
  const task = sim.engine.running;
  if (task === null) return true;
  if (task.irql !== "PASSIVE_LEVEL") {
    sim.report(
      "KmdfIrql",
      "BUG-23",
      `${ddi}(${queue.id}) at ${task.irql}: …Synchronously queue calls must run at PASSIVE_LEVEL (OPS-08); the call does nothing`,
      `${queue.id}:${ddi}:irql`,
      BRK,
    );
    return false;
  }
  const inside = sim.callbackObjectOf(task);
  // DSP-05: the slot fires only in the sole activation, and the caller's own callback is one.
  if (inside === queue.id)
    // Reported up front with the reason; the call then waits like the real one and never returns.
    sim.report(
      "Deadlock",
      "OPS-09",
      `${ddi}(${queue.id}) from ${sim.callbackOf(task)}, one of that queue's own callbacks: it waits for the queue's last dispatcher activation to unwind (DSP-05)${queue.driverIoCount > 0 ? ` and for ${queue.driverIoCount} driver-owned request(s) to be completed` : ""}, which this callback is part of — it never returns`,
      `${queue.id}:${ddi}:self`,
      "hang: the framework's watchdog wait prints every 60 s and never gives up (BUG-24)",
    );
  return true;
};

const waitLabel = (queue: RuntimeQueue, op: string): string => {
  const stopped = !queue.dispatch && queue.pending.length > 0 && op === "Drain";
  return stopped
    ? `${queue.id} is stopped and ${queue.pending.length} request(s) are pending: nothing presents them until WdfIoQueueStart, so the drain never completes (OPS-09)`
    : `${queue.id} to have ${op === "Drain" || op === "Purge" ? "no pending and " : ""}no driver-owned requests (${queue.pending.length} pending, ${queue.driverIoCount} owned at the call)`;
};

export const stopSynchronously = (sim: Simulator, queueId: string, purge: boolean): Promise<void> => {
  const ddi = purge ? "WdfIoQueueStopAndPurgeSynchronously" : "WdfIoQueueStopSynchronously";
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined || !syncAllowed(sim, queue, ddi)) return Promise.resolve();
  let done = false;
  const label = waitLabel(queue, "Stop");
  stopOp(
    sim,
    queue,
    { registration: purge ? "StopAndPurge" : "Stop", callback: null, signal: () => (done = true) },
    purge,
    ddi,
  );
  return blockingWait(sim, sim.engine.running!, ddi, label, () => done, false);
};

export const drainOrPurgeSynchronously = (
  sim: Simulator,
  queueId: string,
  op: "Drain" | "Purge",
): Promise<void> => {
  const ddi = `WdfIoQueue${op}Synchronously`;
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined || !syncAllowed(sim, queue, ddi)) return Promise.resolve();
  let done = false;
  const label = waitLabel(queue, op);
  drainOp(sim, queue, { registration: op, callback: null, signal: () => (done = true) }, ddi);
  if (sim.engine.running === null) return Promise.resolve();
  return blockingWait(sim, sim.engine.running, ddi, label, () => done, false);
};

/** 7.3 WdfIoQueueReadyNotify (BUG-21). */
export const readyNotify = (sim: Simulator, queueId: string, routine: Routine | null): string => {
  const ddi = "WdfIoQueueReadyNotify";
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined) return "STATUS_INVALID_HANDLE";
  // The model's readyNotify is registered from the start, as EvtDriverDeviceAdd would; the driver's
  // own first registration of that routine is that same registration, not a second one (BUG-21).
  if (routine !== null && queue.readyNotifyFromModel) {
    queue.readyNotifyFromModel = false;
    const same = slotCallback(sim, queue, "ReadyNotify", routine, ddi);
    if (same !== null && same === queue.readyNotify) {
      queue.run("full");
      return "STATUS_SUCCESS";
    }
  }
  if (routine === null) queue.readyNotifyFromModel = false;
  const misuse =
    queue.config.dispatchType !== "Manual"
      ? "the queue is not manual"
      : routine !== null && queue.readyNotify !== null
        ? "a callback is already registered"
        : routine === null && queue.readyNotify === null
          ? "no callback is registered"
          : routine === null && queue.dispatch
            ? "unregistering while the queue is not stopped"
            : null;
  if (misuse !== null) {
    sim.report(
      "InvalidReadyNotify",
      "BUG-21",
      `${ddi}(${queue.id}): ${misuse}`,
      `${queue.id}:${ddi}:${misuse}`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  queue.readyNotify = slotCallback(sim, queue, "ReadyNotify", routine, ddi);
  queue.run("full"); // the callback may run before the call returns
  return "STATUS_SUCCESS";
};

/** 7.1 WdfIoQueueGetState. */
export const getState = (sim: Simulator, queueId: string): QueueStateSnapshot => {
  const q = sim.queueOrReport(queueId, "WdfIoQueueGetState");
  const accept = q?.accept ?? false;
  const dispatch = q?.dispatch ?? false;
  const noRequests = (q?.pending.length ?? 0) === 0;
  const driverNoRequests = (q?.driverIoCount ?? 0) === 0;
  const pnpHeld = q?.pnpHeld ?? false;
  return {
    acceptRequests: accept,
    dispatchRequests: dispatch,
    noRequests,
    driverNoRequests,
    pnpHeld,
    state:
      (accept ? 1 : 0) |
      (dispatch ? 2 : 0) |
      (noRequests ? 4 : 0) |
      (driverNoRequests ? 8 : 0) |
      (pnpHeld ? 0x10 : 0),
    queueCount: q?.pending.length ?? 0,
    driverCount: q?.driverIoCount ?? 0,
  };
};

export type RetrieveKind =
  | { readonly kind: "next" }
  | { readonly kind: "file"; readonly fileObject: string }
  | { readonly kind: "found"; readonly found: SimRequest };

const NONE = (status: string): RequestResult => ({ status, request: null }); // MAN-07: NULL on failure

/** 8.1 Retrieve (Next / ByFileObject / Found), checks in order MAN-02..MAN-06. */
export const retrieve = (sim: Simulator, queueId: string, how: RetrieveKind): RequestResult => {
  const ddi =
    how.kind === "next"
      ? "WdfIoQueueRetrieveNextRequest"
      : how.kind === "file"
        ? "WdfIoQueueRetrieveRequestByFileObject"
        : "WdfIoQueueRetrieveFoundRequest";
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined) return NONE("STATUS_INVALID_HANDLE");
  if (how.kind === "found" && queue.config.dispatchType !== "Manual") {
    sim.report(
      "InvalidReqAccess",
      "BUG-17",
      `${ddi}(${queue.id}) on a ${queue.config.dispatchType} queue (MAN-02)`,
      `${queue.id}:${ddi}`,
      BRK,
    );
    return NONE("STATUS_INVALID_DEVICE_REQUEST");
  }
  if (queue.config.dispatchType === "Sequential" && queue.driverIoCount === 0)
    sim.report(
      "RetrieveRaceWithDispatch",
      "BUG-19",
      `${ddi}(${queue.id}) on a sequential queue while the driver owns none of its requests: it races with automatic presentation (MAN-02c)`,
      `${queue.id}:${ddi}:race`,
      "verifier: a break; the call proceeds",
    );
  if (queue.config.dispatchType === "Parallel") return NONE("STATUS_INVALID_DEVICE_STATE"); // MAN-03
  if (queue.powerState === "Off" || !queue.dispatch) return NONE("STATUS_WDF_PAUSED"); // MAN-04, MAN-04b, PWR-21
  for (;;) {
    let request: SimRequest | undefined;
    if (how.kind === "found") {
      if (how.found.queue !== queue && how.found.state !== "completed" && how.found.queue !== null) {
        sim.report(
          "InvalidReqAccess",
          "BUG-18",
          `${ddi}(${queue.id}, ${how.found.id}): the request belongs to ${how.found.queue.id} (MAN-04c)`,
          `${how.found.id}:${ddi}`,
          "WDF_VIOLATION 0x10D: WDF_REQUEST_FATAL_ERROR, REQUEST_NOT_IN_QUEUE",
        );
        return NONE("STATUS_INVALID_DEVICE_REQUEST");
      }
      request = queue.pending.includes(how.found) ? how.found : undefined;
      if (request === undefined) return NONE("STATUS_NOT_FOUND"); // MAN-04d
    } else {
      request =
        how.kind === "next" ? queue.pending[0] : queue.pending.find((r) => r.fileObject === how.fileObject);
    }
    if (request === undefined) {
      return NONE("STATUS_NO_MORE_ENTRIES"); // MAN-04e
    }
    queue.pending.splice(queue.pending.indexOf(request), 1);
    queue.own(request); // MAN-06
    request.presented = true;
    if (queue.completesZeroLength(request)) {
      sim.frameworkComplete(request, "STATUS_SUCCESS"); // MAN-05: and the search goes on
      if (how.kind === "found") return NONE("STATUS_NOT_FOUND");
      continue;
    }
    return { status: "STATUS_SUCCESS", request };
  }
};

/** 8.2 WdfIoQueueFindRequest: the request stays in the queue; the driver does not own it (MAN-10). */
export const find = (
  sim: Simulator,
  queueId: string,
  tag: SimRequest | null,
  fileObject: string | null,
): RequestResult => {
  const ddi = "WdfIoQueueFindRequest";
  const queue = sim.queueOrReport(queueId, ddi);
  if (queue === undefined) return NONE("STATUS_INVALID_HANDLE");
  if (queue.config.dispatchType !== "Manual") {
    sim.report(
      "InvalidReqAccess",
      "BUG-20",
      `${ddi}(${queue.id}) on a ${queue.config.dispatchType} queue`,
      `${queue.id}:${ddi}`,
      BRK,
    );
    return NONE("STATUS_INVALID_DEVICE_REQUEST");
  }
  let from = 0;
  if (tag !== null) {
    const at = queue.pending.indexOf(tag);
    if (at < 0) return NONE("STATUS_NOT_FOUND"); // rescan from the start
    from = at + 1;
  }
  const found = queue.pending.slice(from).find((r) => fileObject === null || r.fileObject === fileObject);
  if (found === undefined) {
    return NONE("STATUS_NO_MORE_ENTRIES");
  }
  return { status: "STATUS_SUCCESS", request: found };
};
