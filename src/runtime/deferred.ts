// Deferred callbacks at run time (objects spec 6.2-6.5): one DeferredSlot per kernel DPC or
// framework work item, queued at most once and running any number of times (S-9), plus the
// per-simulator state of timers and interrupts. The DDIs that use them are api-deferred.ts,
// timers.ts and interrupts.ts.

import type { ResolvedCallback } from "../model/resolved.js";
import type { IrqlName } from "../trace/events.js";
import { blockingWait } from "./blocking.js";
import type { RunningTask } from "./engine.js";
import type { Cause } from "./races.js";
import type { Simulator } from "./simulator.js";

/** A KDPC or a work item: queued once (KeInsertQueueDpc / TryToEnqueue), running many times. */
export class DeferredSlot {
  /** The engine task of the queued, not yet started instance. */
  queued: string | null = null;
  /** The tasks running the callback now (the thread ids FlushAndWait / Stop compare with). */
  readonly running: Set<string> = new Set();

  /** Neither queued nor running: what WdfWorkItemFlush and WdfTimerStop(Wait) wait for. */
  get idle(): boolean {
    return this.queued === null && this.running.size === 0;
  }
}

/** A timer (fxtimer.cpp): its place in the timer queue, its DPC or work item, a stop in progress. */
export interface TimerState {
  readonly id: string;
  readonly callback: ResolvedCallback;
  /** TimerObjectConfig.period in µs; 0 = one-shot. */
  readonly periodUs: number;
  /** The timer DPC (DISPATCH_LEVEL timer) or system work item (passive timer, T-2). */
  readonly slot: DeferredSlot;
  /** The engine task of the next expiry: non-null while the timer is in the timer queue. */
  expiry: string | null;
  dueAt: number;
  /** FxTimer::m_StopThread: a WdfTimerStop(Wait = TRUE) is in progress; starts are ignored. */
  stopping: boolean;
  /** FxTimer::m_StartAborted: a start was ignored during the stop (Stop then returns TRUE). */
  startAborted: boolean;
  /** The WdfTimerStart that armed it: happens before every expiry it leads to (races.ts). */
  startCause: Cause | null;
}

/** WdfInterruptAcquireLock's bookkeeping (FxInterrupt::m_OldIrql). */
export interface InterruptLockState {
  /** The task that took the lock with WdfInterruptAcquireLock (not the framework around the ISR). */
  heldBy: string | null;
  oldIrql: IrqlName;
}

/** Everything about deferred work one simulator owns (no module-level state). */
export class DeferredRuntime {
  private readonly slots = new Map<string, DeferredSlot>();
  readonly timers: Map<string, TimerState> = new Map();
  readonly interrupts: Map<string, InterruptLockState> = new Map();

  /** The slot for `key`: an object id, or `<interrupt>#dpc` / `<interrupt>#workitem`. */
  slot(key: string): DeferredSlot {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = new DeferredSlot();
      this.slots.set(key, slot);
    }
    return slot;
  }
}

/**
 * 6.2 / 6.4 / T-2: queue `cb` unless this slot is already queued (a second KeInsertQueueDpc or
 * work-item enqueue is ignored). Once started it may be queued again, and the new instance may
 * overlap the running one unless a lock serializes them (S-9). `cpu`: the per-processor DPC queue.
 */
export const queueCallback = (
  sim: Simulator,
  slot: DeferredSlot,
  cb: ResolvedCallback,
  args: unknown[],
  cpu?: number,
): boolean => {
  if (slot.queued !== null) return false;
  let task = "";
  sim.invoke(cb, args, {
    cpu,
    onSpawn: (id) => {
      task = id;
      slot.queued = id;
    },
    onStart: () => {
      slot.queued = null;
      slot.running.add(task);
    },
    onDone: () => slot.running.delete(task),
  });
  return true;
};

/** KeRemoveQueueDpc: withdraws the queued instance; true if there was one. */
export const cancelQueued = (sim: Simulator, slot: DeferredSlot): boolean => {
  if (slot.queued === null) return false;
  sim.engine.cancel(slot.queued);
  slot.queued = null;
  return true;
};

/** A DPC runs on the processor that queued it; work items and passive work have no affinity. */
export const dpcAffinity = (cb: ResolvedCallback, cpu: number): number | undefined =>
  cb.irql === "DISPATCH_LEVEL" ? cpu : undefined;

/**
 * Runs `then` once `condition` holds: right away (synchronously, so a call that need not wait
 * takes effect before the caller's next statement) or after a blocking wait (blocking.ts).
 */
export const afterWait = <T>(
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  label: string,
  condition: () => boolean,
  keepCpu: boolean,
  then: () => T,
): Promise<T> => {
  if (condition()) return Promise.resolve(then());
  return blockingWait(sim, task, ddi, label, condition, keepCpu).then(then);
};

/** BUG-33: a handle that names no live object of the kind the DDI takes. */
export const reportInvalidHandle = (sim: Simulator, ddi: string, id: string, what: string): void =>
  sim.report(
    "InvalidHandle",
    "BUG-33",
    `${ddi}(${id}): no such ${what} (or its creation failed)`,
    `${id}:${ddi}`,
    "WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)",
  );

/** The callback of `id` for `event`, or an InvalidHandle finding (BUG-33) when there is none. */
export const callbackOrReport = (
  sim: Simulator,
  id: string,
  event: string,
  ddi: string,
): ResolvedCallback | undefined => {
  const cb = sim.callback(id, event);
  if (cb === undefined) reportInvalidHandle(sim, ddi, id, `object with ${event}`);
  return cb;
};

/**
 * A DDI that must be called at PASSIVE_LEVEL (WdfWorkItemFlush, WdfTimerStop and WdfDpcCancel
 * with Wait = TRUE, the passive-interrupt lock DDIs). Under the verifier the framework breaks and
 * returns without doing anything (fxverifier.h FxVerifierCheckIrqlLevel); so does the simulation.
 */
export const atPassive = (
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  id: string,
  spec: string,
): boolean => {
  if (task.irql === "PASSIVE_LEVEL") return true;
  const own =
    sim.callbackObjectOf(task) === id ? ` (from ${id}'s own callback, which it would also wait for)` : "";
  sim.report(
    "KmdfIrql",
    spec,
    `${ddi}(${id}) at ${task.irql}${own}: it must be called at PASSIVE_LEVEL; the framework's verifier breaks into the debugger and returns without doing it`,
    `${id}:${ddi}:irql`,
  );
  return false;
};

/** The call would wait for a callback that runs on this very thread (the framework's own check). */
export const reportSelfWait = (sim: Simulator, ddi: string, id: string, spec: string, source: string): void =>
  sim.report(
    "Deadlock",
    spec,
    `${ddi}(${id}) from ${id}'s own callback would wait for itself forever: the framework detects it (${source}), breaks into the debugger and returns without waiting`,
    `${id}:${ddi}:self`,
  );

/**
 * S-5 (queues spec OPS-09 style): the caller holds the lock the awaited callback runs under, so
 * the queued callback can never start and the wait never ends. Reported instead of hanging.
 */
export const reportsLockWait = (
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  cb: ResolvedCallback,
  slot: DeferredSlot,
): boolean => {
  const lock = cb.lock?.id;
  if (lock === undefined || slot.queued === null || !task.locks.includes(lock)) return false;
  sim.report(
    "Deadlock",
    "S-5",
    `${ddi}(${cb.object}) while holding ${lock}, the lock ${cb.id} runs under (S-5): the queued callback can never start, so the call never returns`,
    `${cb.object}:${ddi}:lock`,
  );
  return true;
};
