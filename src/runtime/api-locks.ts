// Locks driver code takes itself (objects spec 4 and 8: L-1..L-4, A-1..A-7): WdfObjectAcquireLock
// (the presentation lock), WDFSPINLOCK and WDFWAITLOCK objects, with their verifier checks (the
// check when a callback returns still holding one is in locks.ts). Sources: fxobjectapi.cpp
// (WdfObjectAcquireLock), support/fxspinlock.cpp, support/fxwaitlockapi.cpp,
// inc/private/common/fxwaitlock.hpp (FxWaitLockInternal).

import { ownLock } from "../model/locks.js";
import type { IrqlName } from "../trace/events.js";
import { waitFor } from "./blocking.js";
import type { RunningTask } from "./engine.js";
import type { LockDdi, RuntimeLock } from "./locks.js";
import { setIrql } from "./locks.js";
import type { Simulator } from "./simulator.js";

const INVALID_HANDLE = "WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)";
const INVALID_LOCK_OPERATION = "WDF_VIOLATION 0x10D, parameter 1 = 0xB (WDF_INVALID_LOCK_OPERATION)";
const RECURSIVE_LOCK = "WDF_VIOLATION 0x10D, parameter 1 = 0x2 (WDF_RECURSIVE_LOCK)";

/** L-3: only KMDF locks touch the IRQL; in UMDF every lock is a critical section at PASSIVE_LEVEL. */
const kernel = (sim: Simulator): boolean => sim.driver.framework === "kmdf";

const callbackOf = (sim: Simulator, task: RunningTask): string => sim.callbackOf(task) ?? task.id;

const take = (
  sim: Simulator,
  task: RunningTask,
  lock: RuntimeLock,
  ddi: LockDdi,
  saved: IrqlName | null,
): void => {
  lock.holder = task.id;
  lock.takenWith = ddi;
  lock.savedIrql = saved;
  task.locks.push(lock.id);
  sim.engine.emit({
    t: sim.engine.now,
    type: "lock-acquire",
    track: sim.engine.track(task.cpu),
    lock: lock.id,
  });
};

/** A-4: release frees the lock and restores the IRQL its acquire saved (spin class only, L-1). */
const give = (sim: Simulator, task: RunningTask, lock: RuntimeLock): void => {
  const saved = lock.savedIrql;
  lock.holder = null;
  lock.takenWith = null;
  lock.savedIrql = null;
  const i = task.locks.lastIndexOf(lock.id);
  if (i >= 0) task.locks.splice(i, 1);
  sim.engine.emit({
    t: sim.engine.now,
    type: "lock-release",
    track: sim.engine.track(task.cpu),
    lock: lock.id,
  });
  if (saved !== null) setIrql(sim, task, saved);
};

/** Releases `lock` if `task` took it with `ddi`; otherwise reports `misuse` and leaves it as it is. */
const release = (
  sim: Simulator,
  task: RunningTask,
  lock: RuntimeLock,
  ddi: LockDdi,
  misuse: { rule: string; message: string; key: string; bugcheck?: string },
): void => {
  if (lock.holder === task.id && lock.takenWith === ddi) give(sim, task, lock);
  else sim.report(misuse.rule, "L-4", misuse.message, misuse.key, misuse.bugcheck ?? null);
};

const notHeld = (ddi: string, id: string, lock: RuntimeLock): string =>
  `${ddi}(${id}) by a thread that does not hold it (${lock.holder === null ? "never acquired" : `held by ${lock.holder}`})`;

/**
 * Takes `lock` for a driver DDI, waiting while another task holds it. KMDF spin class (L-1): raise
 * to DISPATCH_LEVEL first, then spin on the processor. Mutex class, wait locks and every UMDF lock
 * (a critical section, L-3): sleep without it. Resolves false when not taken: a synchronous caller
 * that would have to wait (reported by blocking.ts), or the `deadline` passed.
 */
const acquire = (
  sim: Simulator,
  task: RunningTask,
  lock: RuntimeLock,
  ddi: LockDdi,
  deadline?: number,
): Promise<boolean> => {
  const spins = lock.kind === "spin" && kernel(sim);
  const saved = task.irql;
  if (spins) setIrql(sim, task, "DISPATCH_LEVEL");
  if (lock.holder === null) {
    take(sim, task, lock, ddi, spins ? saved : null);
    return Promise.resolve(true);
  }
  const label = `${lock.id} held by ${lock.holder}`;
  const waited = waitFor(sim, task, ddi, label, () => lock.holder === null, spins, deadline);
  if (!sim.canBlock(task)) {
    if (spins) setIrql(sim, task, saved);
    return waited;
  }
  return waited.then((free) => {
    if (free) take(sim, task, lock, ddi, spins ? saved : null);
    else if (spins) setIrql(sim, task, saved);
    return free;
  });
};

/** BUG-33: FxObjectHandleGetPtr bugchecks on a handle that is not an object of the DDI's type. */
const invalidHandle = (sim: Simulator, ddi: string, id: string, type: string): null => {
  sim.report(
    "InvalidHandle",
    "BUG-33",
    `${ddi}(${id}): no such ${type} (or its creation failed)`,
    `${id}:${ddi}`,
    INVALID_HANDLE,
  );
  return null;
};

/** BUG-33: the lock of the WDFSPINLOCK / WDFWAITLOCK `id` (the model names it), or an InvalidHandle finding. */
const lockObject = (
  sim: Simulator,
  ddi: string,
  id: string,
  otherKind: "spinlock" | "waitlock",
): RuntimeLock | null => {
  const o = sim.object(id);
  if (o?.exists && o.config.kind === "other" && o.config.otherKind === otherKind) {
    const lock = ownLock(id, otherKind === "spinlock" ? "spin" : "mutex");
    return sim.engine.locks.declare(lock.id, lock.kind);
  }
  return invalidHandle(sim, ddi, id, otherKind === "spinlock" ? "WDFSPINLOCK" : "WDFWAITLOCK");
};

/** A-1/A-2: device, queue and file object answer IFxHasCallbacks; their presentation lock is taken. */
const presentationLock = (sim: Simulator, ddi: string, id: string): RuntimeLock | null => {
  const o = sim.object(id);
  if (o === undefined || !o.exists) return invalidHandle(sim, ddi, id, "object");
  const kind = o.config.kind;
  const lock = kind === "device" || kind === "queue" || kind === "fileobject" ? o.presentationLock : null;
  if (lock === null) {
    const why =
      o.presentationLock === null
        ? "the object has no presentation lock"
        : `a ${kind} has no callback lock to hand out`;
    sim.report("WdfObjectAcquireLock", "A-2", `${ddi}(${id}): ${why}`, id, INVALID_LOCK_OPERATION);
    return null;
  }
  return sim.engine.locks.declare(lock.id, lock.kind);
};

export const objectAcquireLock = (sim: Simulator, task: RunningTask, objectId: string): Promise<void> => {
  const ddi = "WdfObjectAcquireLock";
  const lock = presentationLock(sim, ddi, objectId);
  if (lock === null) return Promise.resolve();
  if (lock.holder === task.id) {
    // A-5 / L-4: FxCallbackSpinLock::Lock and FxCallbackMutexLock::Lock bugcheck unconditionally.
    sim.report(
      "WdfSpinlock",
      "A-5",
      `${ddi}(${objectId}) while this thread already holds ${lock.id}`,
      `${lock.id}:recursive`,
      RECURSIVE_LOCK,
    );
    return Promise.resolve();
  }
  if (lock.kind === "mutex" && task.irql !== "PASSIVE_LEVEL" && kernel(sim)) {
    // A-3: a fast mutex (acquired unsafe inside a critical region) needs IRQL <= APC_LEVEL.
    const callback = callbackOf(sim, task);
    sim.report(
      "KmdfIrql",
      "A-3",
      `${ddi}(${objectId}) at ${task.irql} in ${callback}: ${lock.id} is mutex-class (a fast mutex, IRQL <= APC_LEVEL)`,
      `${callback}|${ddi}|irql`,
      "IRQL_NOT_LESS_OR_EQUAL 0xA when it must wait (DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4 under Driver Verifier)",
    );
  }
  return acquire(sim, task, lock, ddi).then(() => undefined);
};

export const objectReleaseLock = (sim: Simulator, task: RunningTask, objectId: string): void => {
  const ddi = "WdfObjectReleaseLock";
  const lock = presentationLock(sim, ddi, objectId);
  if (lock === null) return;
  // L-4: FxCallbackLock::CheckOwnership only breaks into the debugger (lock verification on); a
  // callback lock the driver releases itself is released again when the callback returns.
  const message =
    lock.holder === task.id && lock.takenWith === null
      ? `${ddi}(${objectId}) releases ${lock.id}, the callback lock the framework holds for the running callback`
      : notHeld(ddi, objectId, lock);
  release(sim, task, lock, "WdfObjectAcquireLock", {
    rule: "WdfSpinlock",
    message,
    key: `${objectId}:release`,
  });
};

/**
 * A WDFSPINLOCK given to an interrupt as its SpinLock (PL-3) is the interrupt's lock:
 * WdfSpinLockAcquire/Release break into the debugger and return (fxspinlockapi.cpp, IsInterruptLock).
 */
const interruptOwned = (sim: Simulator, ddi: string, id: string): boolean => {
  const owner = sim.driver.objects.find(
    (o) => o.exists && o.config.kind === "interrupt" && o.interruptLock?.owner === id,
  );
  if (owner === undefined) return false;
  sim.report(
    "WdfSpinlock",
    "PL-3",
    `${ddi}(${id}): the lock is ${owner.id}'s interrupt spin lock; use WdfInterruptAcquireLock`,
    `${id}:${ddi}:interrupt`,
  );
  return true;
};

export const spinLockAcquire = (sim: Simulator, task: RunningTask, id: string): Promise<void> => {
  const ddi = "WdfSpinLockAcquire";
  const lock = lockObject(sim, ddi, id, "spinlock");
  if (lock === null || interruptOwned(sim, ddi, id)) return Promise.resolve();
  if (lock.holder === task.id) {
    // Unlike callback locks (L-4), FxSpinLock has no recursion check (fxspinlock.cpp): the
    // processor spins forever at DISPATCH_LEVEL. The simulation reports it and goes on.
    sim.report(
      "WdfSpinlock",
      "L-4",
      `${ddi}(${id}) while this thread already holds it: the processor spins on it forever (no WDF check for WDFSPINLOCK)`,
      `${id}:recursive`,
      "none from WDF (the processor hangs at DISPATCH_LEVEL); DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4, parameter 1 = 0x1000 (self-deadlock) with Driver Verifier deadlock detection",
    );
    return Promise.resolve();
  }
  return acquire(sim, task, lock, ddi).then(() => undefined);
};

export const spinLockRelease = (sim: Simulator, task: RunningTask, id: string): void => {
  const ddi = "WdfSpinLockRelease";
  const lock = lockObject(sim, ddi, id, "spinlock");
  if (lock === null || interruptOwned(sim, ddi, id)) return;
  // FxSpinLock::ReleaseLock: with lock verification on, a release by a non-owner bugchecks.
  release(sim, task, lock, "WdfSpinLockAcquire", {
    rule: "WdfSpinlock",
    message: notHeld(ddi, id, lock),
    key: `${id}:release`,
    bugcheck: `${INVALID_LOCK_OPERATION}, parameter 3 = 0x1, with WDF lock verification on`,
  });
};

/**
 * WdfWaitLockAcquire (fxwaitlockapi.cpp): a timeout other than 0 needs PASSIVE_LEVEL
 * (FxVerifierCheckIrqlLevel: with the verifier, a break and STATUS_INVALID_DEVICE_REQUEST, lock
 * not taken); 0 tries once and is allowed at DISPATCH_LEVEL; otherwise a timed or endless sleep.
 */
export const waitLockAcquire = (
  sim: Simulator,
  task: RunningTask,
  id: string,
  timeout: number | undefined,
): Promise<string> => {
  const ddi = "WdfWaitLockAcquire";
  const lock = lockObject(sim, ddi, id, "waitlock");
  if (lock === null) return Promise.resolve("STATUS_INVALID_HANDLE");
  if (timeout !== 0 && task.irql !== "PASSIVE_LEVEL") {
    const callback = callbackOf(sim, task);
    sim.report(
      "KmdfIrql",
      "L-2",
      `${ddi}(${id}, ${timeout === undefined ? "no timeout" : `${timeout}µs`}) at ${task.irql} in ${callback}: only a zero timeout may be used above PASSIVE_LEVEL; the verifier fails the call with STATUS_INVALID_DEVICE_REQUEST`,
      `${callback}|${ddi}|irql`,
    );
    return Promise.resolve("STATUS_INVALID_DEVICE_REQUEST");
  }
  if (lock.holder === task.id) {
    // FxWaitLockInternal::AcquireLock only ASSERTs (checked builds): the event is not recursive, so
    // the thread waits for itself — until its timeout, or forever (not simulated: it goes on).
    sim.report(
      "WdfWaitlock",
      "L-4",
      `${ddi}(${id}) while this thread already holds it: it waits for itself ${timeout === undefined ? "forever" : "until the timeout"}`,
      `${id}:recursive`,
    );
    if (timeout === undefined) return Promise.resolve("STATUS_SUCCESS");
  }
  if (timeout === 0 && lock.holder !== null) return Promise.resolve("STATUS_TIMEOUT");
  const deadline = timeout === undefined ? undefined : sim.engine.now + Math.max(0, timeout);
  return acquire(sim, task, lock, ddi, deadline).then((taken) =>
    taken ? "STATUS_SUCCESS" : "STATUS_TIMEOUT",
  );
};

export const waitLockRelease = (sim: Simulator, task: RunningTask, id: string): void => {
  const ddi = "WdfWaitLockRelease";
  const lock = lockObject(sim, ddi, id, "waitlock");
  if (lock === null) return;
  // FxWaitLockInternal::ReleaseLock only ASSERTs the owner (checked builds) and sets the event
  // anyway; the simulation leaves the lock with its holder.
  release(sim, task, lock, "WdfWaitLockAcquire", {
    rule: "WdfWaitlock",
    message: notHeld(ddi, id, lock),
    key: `${id}:release`,
  });
};
