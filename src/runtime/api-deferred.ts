// Work items, timers, DPCs and interrupts in the simulation (objects spec sections 6.2-6.5):
// enqueue/start/stop/cancel/flush, with the AutomaticSerialization lock the model chose.

import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

const notYet = (ddi: string): Error => new Error(`${ddi} is not simulated yet`);

const deferredEnqueue = (sim: Simulator, id: string, event: string, ddi: string): boolean => {
  const cb = sim.callback(id, event);
  if (cb === undefined) {
    sim.report(
      "InvalidHandle",
      "BUG-33",
      `${ddi}(${id}): no such object with ${event} (or its creation failed)`,
      `${id}:${ddi}`,
      "WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)",
    );
    return false;
  }
  // 6.2 / 6.4: queued and not yet started -> the second enqueue is ignored.
  if (sim.queuedDeferred.has(id)) return false;
  sim.queuedDeferred.add(id);
  // Once it has started, it can be queued again (and a second instance may overlap it, S-9).
  sim.invoke(cb, [id], { readyAt: sim.engine.now, onStart: () => sim.queuedDeferred.delete(id) });
  return true;
};

export const workItemEnqueue = (sim: Simulator, id: string): void => {
  deferredEnqueue(sim, id, "EvtWorkItem", "WdfWorkItemEnqueue");
};
export const workItemFlush = (_sim: Simulator, _task: RunningTask, _id: string): Promise<void> => {
  throw notYet("WdfWorkItemFlush");
};
export const timerStart = (sim: Simulator, _task: RunningTask, id: string, due: number): boolean => {
  const cb = sim.callback(id, "EvtTimerFunc");
  if (cb === undefined) return false;
  sim.invoke(cb, [id], { readyAt: sim.engine.now + Math.max(0, due) });
  return true;
};
export const timerStop = (
  _sim: Simulator,
  _task: RunningTask,
  _id: string,
  _wait: boolean,
): Promise<boolean> => {
  throw notYet("WdfTimerStop");
};
export const dpcEnqueue = (sim: Simulator, _task: RunningTask, id: string): boolean =>
  deferredEnqueue(sim, id, "EvtDpcFunc", "WdfDpcEnqueue");
export const dpcCancel = (
  _sim: Simulator,
  _task: RunningTask,
  _id: string,
  _wait: boolean,
): Promise<boolean> => {
  throw notYet("WdfDpcCancel");
};
export const queueDpcForIsr = (_sim: Simulator, _task: RunningTask, _id: string): boolean => {
  throw notYet("WdfInterruptQueueDpcForIsr");
};
export const queueWorkItemForIsr = (_sim: Simulator, _task: RunningTask, _id: string): boolean => {
  throw notYet("WdfInterruptQueueWorkItemForIsr");
};
export const interruptAcquireLock = (_sim: Simulator, _task: RunningTask, _id: string): Promise<void> => {
  throw notYet("WdfInterruptAcquireLock");
};
export const interruptReleaseLock = (_sim: Simulator, _task: RunningTask, _id: string): void => {
  throw notYet("WdfInterruptReleaseLock");
};
export const interruptSynchronize = (
  _sim: Simulator,
  _task: RunningTask,
  _id: string,
  _body: (task: RunningTask) => boolean,
): Promise<boolean> => {
  throw notYet("WdfInterruptSynchronize");
};
