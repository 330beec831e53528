// Locks driver code takes in the simulation: WdfObjectAcquireLock (the presentation lock),
// WDFSPINLOCK and WDFWAITLOCK objects, with the verifier checks (objects spec section 5).

import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

const notYet = (ddi: string): Error => new Error(`${ddi} is not simulated yet`);

export const objectAcquireLock = (sim: Simulator, task: RunningTask, objectId: string): Promise<void> => {
  const lock = sim.object(objectId)?.presentationLock;
  if (!lock) {
    sim.report(
      "WdfObjectAcquireLock",
      "A-2",
      `WdfObjectAcquireLock(${objectId}): the object has no presentation lock`,
      objectId,
      "WDF_VIOLATION 0x10D, parameter 1 = 0xB (WDF_INVALID_LOCK_OPERATION)",
    );
    return Promise.resolve();
  }
  if (task.locks.includes(lock.id)) {
    sim.report(
      "WdfSpinlock",
      "A-5",
      `WdfObjectAcquireLock(${objectId}) while this thread already holds ${lock.id}`,
      `${lock.id}:recursive`,
      "WDF_VIOLATION 0x10D, parameter 1 = 0x2 (WDF_RECURSIVE_LOCK)",
    );
    return Promise.resolve();
  }
  task.locks.push(lock.id);
  return Promise.resolve();
};

export const objectReleaseLock = (sim: Simulator, task: RunningTask, objectId: string): void => {
  const lock = sim.object(objectId)?.presentationLock;
  const i = lock ? task.locks.lastIndexOf(lock.id) : -1;
  if (i < 0)
    sim.report(
      "WdfSpinlock",
      "L-4",
      `WdfObjectReleaseLock(${objectId}) by a thread that does not hold it`,
      `${objectId}:release`,
    );
  else task.locks.splice(i, 1);
};

export const spinLockAcquire = (_sim: Simulator, _task: RunningTask, _id: string): Promise<void> => {
  throw notYet("WdfSpinLockAcquire");
};
export const spinLockRelease = (_sim: Simulator, _task: RunningTask, _id: string): void => {
  throw notYet("WdfSpinLockRelease");
};
export const waitLockAcquire = (
  _sim: Simulator,
  _task: RunningTask,
  _id: string,
  _timeout: number | undefined,
): Promise<string> => {
  throw notYet("WdfWaitLockAcquire");
};
export const waitLockRelease = (_sim: Simulator, _task: RunningTask, _id: string): void => {
  throw notYet("WdfWaitLockRelease");
};
