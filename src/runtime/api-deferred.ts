// Work items, timers, DPCs and interrupts in the simulation (objects spec sections 6.2-6.5):
// enqueue/start/stop/cancel/flush, with the AutomaticSerialization lock the model chose (S-5).
// Work items and DPCs live here; timers in timers.ts, interrupts in interrupts.ts; the slots and
// the shared verifier checks in deferred.ts.

import {
  afterWait,
  atPassive,
  callbackOrReport,
  cancelQueued,
  queueCallback,
  reportSelfWait,
  reportsLockWait,
} from "./deferred.js";
import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

export {
  interruptAcquireLock,
  interruptReleaseLock,
  interruptSynchronize,
  queueDpcForIsr,
  queueWorkItemForIsr,
  raiseInterrupt,
} from "./interrupts.js";
export { timerStart, timerStop } from "./timers.js";

/**
 * WdfWorkItemEnqueue (6.2, CB-12): queued unless already queued and not yet started
 * (fxworkitem.cpp FxWorkItem::Enqueue); a started work item can be queued again and overlap (S-9).
 */
export const workItemEnqueue = (sim: Simulator, id: string): void => {
  const cb = callbackOrReport(sim, id, "EvtWorkItem", "WdfWorkItemEnqueue");
  if (cb !== undefined) queueCallback(sim, sim.deferred.slot(id), cb, [id]);
};

/**
 * WdfWorkItemFlush (6.2): waits until the work item is neither queued nor running — a callback
 * that re-enqueues it keeps the flush waiting (FxWorkItem::WorkItemHandler sets the completion
 * event only at running count 0 and not enqueued). PASSIVE_LEVEL only; from its own callback the
 * framework refuses (FxWorkItem::FlushAndWait); holding its S-5 lock while it is queued deadlocks.
 */
export const workItemFlush = (sim: Simulator, task: RunningTask, id: string): Promise<void> => {
  const ddi = "WdfWorkItemFlush";
  const cb = callbackOrReport(sim, id, "EvtWorkItem", ddi);
  if (cb === undefined || !atPassive(sim, task, ddi, id, "6.2")) return Promise.resolve();
  const slot = sim.deferred.slot(id);
  if (slot.running.has(task.id)) {
    reportSelfWait(sim, ddi, id, "6.2", "fxworkitem.cpp FxWorkItem::FlushAndWait");
    return Promise.resolve();
  }
  if (reportsLockWait(sim, task, ddi, cb, slot)) return Promise.resolve();
  return afterWait(
    sim,
    task,
    ddi,
    `${id} to be neither queued nor running`,
    () => slot.idle,
    false,
    () => {},
  );
};

/** WdfDpcEnqueue (6.4, CB-15): on the caller's processor's DPC queue; FALSE if already queued. */
export const dpcEnqueue = (sim: Simulator, task: RunningTask, id: string): boolean => {
  const cb = callbackOrReport(sim, id, "EvtDpcFunc", "WdfDpcEnqueue");
  return cb !== undefined && queueCallback(sim, sim.deferred.slot(id), cb, [id], task.cpu);
};

/**
 * WdfDpcCancel (6.4): TRUE when it removed the queued DPC, which then never runs
 * (KeRemoveQueueDpc). With Wait = TRUE (PASSIVE_LEVEL only) and nothing removed it waits for the
 * instances running now to return (KeFlushQueuedDpcs); after a removal it does not wait
 * (fxdpc.cpp FxDpc::Cancel).
 */
export const dpcCancel = (sim: Simulator, task: RunningTask, id: string, wait: boolean): Promise<boolean> => {
  const ddi = "WdfDpcCancel";
  const cb = callbackOrReport(sim, id, "EvtDpcFunc", ddi);
  if (cb === undefined || (wait && !atPassive(sim, task, ddi, id, "6.4"))) return Promise.resolve(false);
  const slot = sim.deferred.slot(id);
  const removed = cancelQueued(sim, slot);
  if (!wait || removed) return Promise.resolve(removed);
  const running = [...slot.running];
  const returned = (): boolean => running.every((t) => !slot.running.has(t));
  return afterWait(sim, task, ddi, `${id} to return (KeFlushQueuedDpcs)`, returned, false, () => false);
};
