// Locks at run time: the callback locks the model chose (ResolvedLock) and the locks driver code
// takes itself (api-locks.ts), each held by one task at a time; spin-class locks raise to
// DISPATCH_LEVEL (L-1), mutex-class locks must not be taken above APC_LEVEL (L-2), re-acquiring an
// owned callback lock is WDF_RECURSIVE_LOCK (L-4). And the check when a callback returns still
// holding a lock it took, or at another IRQL (queues spec BUG-34; enhancedverif/km/vfprivkm.hpp).

import type { CallbackKind, LockClass, ResolvedCallback } from "../model/resolved.js";
import type { IrqlName } from "../trace/events.js";
import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

/** The DDI a driver took a lock with (null: the framework took it around a callback). */
export type LockDdi =
  | "WdfObjectAcquireLock"
  | "WdfSpinLockAcquire"
  | "WdfWaitLockAcquire"
  | "WdfInterruptAcquireLock";

export interface RuntimeLock {
  readonly id: string;
  readonly kind: LockClass;
  /** Task id of the holder, or null. */
  holder: string | null;
  /** How the holder took it: a driver DDI, or null when the framework holds it for a callback. */
  takenWith: LockDdi | null;
  /** the IRQL a driver acquire saved in the lock object (one slot) for its release to restore. */
  savedIrql: IrqlName | null;
}

export class LockTable {
  private readonly locks = new Map<string, RuntimeLock>();

  declare(id: string, kind: LockClass): RuntimeLock {
    let lock = this.locks.get(id);
    if (lock === undefined) {
      lock = { id, kind, holder: null, takenWith: null, savedIrql: null };
      this.locks.set(id, lock);
    }
    return lock;
  }

  get(id: string): RuntimeLock | undefined {
    return this.locks.get(id);
  }

  isFree(id: string | null): boolean {
    return id === null || (this.locks.get(id)?.holder ?? null) === null;
  }
}

/** A driver DDI changes the running code's IRQL (a spin lock, an interrupt lock): traced for the IRQL counter. */
export const setIrql = (sim: Simulator, task: RunningTask, irql: IrqlName): void => {
  if (task.irql === irql) return;
  task.irql = irql;
  sim.engine.emit({ t: sim.engine.now, type: "irql", track: sim.engine.track(task.cpu), irql });
};

/** The rule for a lock still held when a callback returns (SDV's names where one exists). */
const LEAK_RULE: Record<LockDdi, readonly [rule: string, release: string]> = {
  WdfObjectAcquireLock: ["WdfObjectLockRelease", "WdfObjectReleaseLock"],
  WdfSpinLockAcquire: ["WdfSpinlockRelease", "WdfSpinLockRelease"],
  WdfWaitLockAcquire: ["WdfWaitlockRelease", "WdfWaitLockRelease"],
  WdfInterruptAcquireLock: ["WdfInterruptLockRelease", "WdfInterruptReleaseLock"],
};

/** How the driver took a lock it still holds: its record, or an interrupt's lock (interrupts.ts). */
const takenWith = (sim: Simulator, lock: RuntimeLock): LockDdi | null =>
  lock.takenWith ??
  (sim.driver.objects.some((o) => o.interruptLock?.id === lock.id) ? "WdfInterruptAcquireLock" : null);

/** Callbacks the enhanced verifier wraps in VerifyIrqlExit / VerifyCriticalRegionExit (vfeventhooks.cpp). */
const VERIFIER_HOOKED: ReadonlySet<CallbackKind> = new Set<CallbackKind>([
  "ioEvent",
  "ioStop",
  "ioResume",
  "ioCanceledOnQueue",
  "pnpPower",
]);
const WORKER_THREAD: ReadonlySet<CallbackKind> = new Set<CallbackKind>([
  "workItem",
  "interruptWorkItem",
  "timer",
]);

/** BUG-34: what catches a callback that returns at another IRQL than it was called at. */
const irqlMismatchBugcheck = (cb: ResolvedCallback): string | null => {
  if (VERIFIER_HOOKED.has(cb.kind))
    return "WDF_VIOLATION 0x10D, parameter 1 = 0xE (WDF_VERIFIER_IRQL_MISMATCH), with the enhanced verifier";
  if (WORKER_THREAD.has(cb.kind) && cb.irql === "PASSIVE_LEVEL")
    return "WORKER_THREAD_RETURNED_AT_BAD_IRQL 0xE1";
  return null;
};

/** A finding on `task` after its callback `callback` returned (the engine may run nothing now). */
const reportOn = (
  sim: Simulator,
  task: RunningTask,
  callback: string,
  finding: { rule: string; message: string; key: string; bugcheck: string | null },
): void => {
  const { rule, message, key, bugcheck } = finding;
  sim.log.add({ rule, spec: "BUG-34", message, t: sim.engine.now, task: task.id, callback, bugcheck }, key);
  sim.engine.emit({ t: sim.engine.now, type: "finding", track: sim.engine.track(task.cpu), rule, message });
};

/**
 * BUG-34: a driver callback returns (simulator.ts, emitEnd). A lock the driver took in it and
 * still holds stays held — nothing releases it, so whoever waits for it next waits forever — and is
 * reported; so is an IRQL other than the one the callback was called at (a spin lock kept).
 */
export const callbackReturned = (sim: Simulator, cb: ResolvedCallback, task: RunningTask): void => {
  const frames = task.frames;
  const held = frames.length > 0 ? frames[frames.length - 1]!.heldAtEntry : 0; // recorded when it began
  if (task.locks.length > held) {
    for (const id of task.locks.slice(held)) {
      const lock = sim.engine.locks.get(id);
      const ddi = lock === undefined || lock.holder !== task.id ? null : takenWith(sim, lock);
      if (lock === undefined || ddi === null) continue;
      task.locks.splice(task.locks.lastIndexOf(id), 1);
      const [rule, release] = LEAK_RULE[ddi];
      // FxWaitLock and FxCallbackMutexLock enter a critical region (APCs off) that only release leaves.
      const criticalRegion =
        lock.kind === "mutex" && sim.driver.framework === "kmdf" && VERIFIER_HOOKED.has(cb.kind);
      reportOn(sim, task, cb.id, {
        rule,
        message: `${cb.id} returns holding ${id} (${ddi} without ${release}): it stays held, and the next thread to wait for it waits forever`,
        key: `${cb.id}|${id}|leak`,
        bugcheck: criticalRegion
          ? "WDF_VIOLATION 0x10D, parameter 1 = 0xF (WDF_VERIFIER_CRITICAL_REGION_MISMATCH), with the enhanced verifier"
          : null,
      });
    }
  }
  if (task.irql !== cb.irql)
    reportOn(sim, task, cb.id, {
      rule: "IrqlMismatch",
      message: `${cb.id} was called at ${cb.irql} and returns at ${task.irql}: the IRQL is not restored`,
      key: `${cb.id}|irql`,
      bugcheck: irqlMismatchBugcheck(cb),
    });
};
