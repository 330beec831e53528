// WDFINTERRUPT at run time (objects spec 6.5, PL-3; callbacks CB-16..CB-18): an interrupt the
// scenario raises runs EvtInterruptIsr under the interrupt lock at DIRQL (PASSIVE_LEVEL with
// PassiveHandling, on a worker thread), the ISR queues EvtInterruptDpc / EvtInterruptWorkItem, and
// driver code synchronizes with the ISR through WdfInterruptAcquireLock / ReleaseLock / Synchronize.
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/irphandlers/pnp/
// fxinterruptapi.cpp, interruptobject.cpp (FxInterrupt::QueueWorkItemForIsr, AcquireLock,
// ReleaseLock, Synchronize) and km/interruptobjectkm.cpp (_InterruptThunk, _InterruptDpcThunk,
// QueueDpcForIsr, DpcHandler, WorkItemHandler).

import type { InterruptObjectConfig } from "../model/config.js";
import type { ResolvedCallback, ResolvedLock } from "../model/resolved.js";
import {
  afterWait,
  atPassive,
  dpcAffinity,
  type InterruptLockState,
  queueCallback,
  reportInvalidHandle,
} from "./deferred.js";
import type { RunningTask } from "./engine.js";
import { setIrql } from "./locks.js";
import type { Simulator } from "./simulator.js";

interface Interrupt {
  readonly id: string;
  readonly config: InterruptObjectConfig;
  readonly lock: ResolvedLock;
  /** EvtInterruptDpc / EvtInterruptWorkItem: (interrupt, associated device) — DpcHandler passes m_Device. */
  readonly deferredArgs: readonly [string, string];
}

/** The device an interrupt belongs to: its parent, or the parent queue's device (6.5 step 8). */
const deviceOf = (sim: Simulator, config: InterruptObjectConfig): string => {
  const parent = config.parent === null ? undefined : sim.object(config.parent)?.config;
  return parent?.kind === "queue" ? parent.device : (parent?.id ?? "device");
};

const interruptOf = (sim: Simulator, id: string, ddi: string): Interrupt | undefined => {
  const object = sim.object(id);
  if (object?.exists !== true || object.config.kind !== "interrupt" || object.interruptLock === null) {
    reportInvalidHandle(sim, ddi, id, "interrupt");
    return undefined;
  }
  sim.engine.locks.declare(object.interruptLock.id, object.interruptLock.kind);
  return {
    id,
    config: object.config,
    lock: object.interruptLock,
    deferredArgs: [id, deviceOf(sim, object.config)],
  };
};

/**
 * The scenario raises interrupt `id` (the I/O sender's `io.interrupt`). A DIRQL ISR runs on
 * processor `cpu`, or on one the scheduler chooses (a recorded "processor" choice), preempting
 * lower-IRQL work suspended there; it waits while that processor is already at DIRQL or the
 * interrupt lock is held (by another ISR or a WdfInterruptAcquireLock caller). A passive-level ISR
 * runs on a worker thread (no processor; `cpu` is ignored). MessageID is 0 (line-based).
 */
export const raiseInterrupt = (sim: Simulator, id: string, cpu?: number): void => {
  const isr = sim.callback(id, "EvtInterruptIsr");
  if (isr === undefined)
    throw new Error(
      `raiseInterrupt: "${id}" is not an interrupt with EvtInterruptIsr that was created successfully`,
    );
  const cpus = sim.engine.cpus;
  const target =
    isr.irql === "PASSIVE_LEVEL"
      ? undefined
      : (cpu ??
        sim.engine.choose(
          "processor",
          id,
          Array.from({ length: cpus }, (_, c) => sim.engine.track(c)),
        ));
  sim.invoke(isr, [id, 0], { cpu: target });
};

/** The routine the interrupt's deferred work runs: EvtInterruptDpc, else EvtInterruptWorkItem. */
const routine = (
  sim: Simulator,
  it: Interrupt,
  ddi: string,
  prefer: string,
): ResolvedCallback | undefined => {
  const other = prefer === "EvtInterruptDpc" ? "EvtInterruptWorkItem" : "EvtInterruptDpc";
  const cb = sim.callback(it.id, prefer) ?? sim.callback(it.id, other);
  if (cb === undefined)
    sim.report(
      "NullCallback",
      "6.5",
      `${ddi}(${it.id}): the interrupt has neither EvtInterruptDpc nor EvtInterruptWorkItem; the framework would call a NULL routine (interruptobjectkm.cpp FxInterrupt::DpcHandler asserts it is set)`,
      `${it.id}:${ddi}:routine`,
    );
  return cb;
};

/**
 * The interrupt's own KDPC (KeInsertQueueDpc, on this processor; FALSE if already queued). When it
 * runs it calls EvtInterruptDpc, or, for an interrupt with EvtInterruptWorkItem, queues that work
 * item (_InterruptDpcThunk).
 */
const queueInterruptDpc = (
  sim: Simulator,
  task: RunningTask,
  it: Interrupt,
  cb: ResolvedCallback,
): boolean => {
  const slot = sim.deferred.slot(`${it.id}#dpc`);
  if (cb.event === "EvtInterruptDpc") return queueCallback(sim, slot, cb, [...it.deferredArgs], task.cpu);
  if (slot.queued !== null) return false;
  const cause = sim.causeHere(); // the ISR happens before its DPC (races.ts)
  slot.queued = sim.engine.spawn({
    name: `${it.id}:DpcForIsr`,
    readyAt: sim.engine.now,
    irql: "DISPATCH_LEVEL",
    lock: null,
    cpu: task.cpu,
    run: (t) => {
      sim.shared.seedThread(t.id, cause);
      slot.queued = null;
      queueCallback(sim, sim.deferred.slot(`${it.id}#workitem`), cb, [...it.deferredArgs]);
    },
  });
  return true;
};

/** WdfInterruptQueueDpcForIsr (UMDF: the work item, QueueDeferredRoutineForIsr). */
export const queueDpcForIsr = (sim: Simulator, task: RunningTask, id: string): boolean => {
  const it = interruptOf(sim, id, "WdfInterruptQueueDpcForIsr");
  const cb = it && routine(sim, it, "WdfInterruptQueueDpcForIsr", "EvtInterruptDpc");
  if (it === undefined || cb === undefined) return false;
  if (sim.driver.framework === "umdf2")
    return queueCallback(sim, sim.deferred.slot(`${id}#workitem`), cb, [...it.deferredArgs]);
  return queueInterruptDpc(sim, task, it, cb);
};

/**
 * WdfInterruptQueueWorkItemForIsr: above DISPATCH_LEVEL (from a DIRQL ISR) it queues the
 * interrupt's DPC and returns KeInsertQueueDpc's answer, the DPC then tries to queue the work item;
 * otherwise it tries to queue the work item directly (FALSE while it is still queued).
 */
export const queueWorkItemForIsr = (sim: Simulator, task: RunningTask, id: string): boolean => {
  const it = interruptOf(sim, id, "WdfInterruptQueueWorkItemForIsr");
  const cb = it && routine(sim, it, "WdfInterruptQueueWorkItemForIsr", "EvtInterruptWorkItem");
  if (it === undefined || cb === undefined) return false;
  if (task.irql === "DIRQL") return queueInterruptDpc(sim, task, it, cb);
  return queueCallback(
    sim,
    sim.deferred.slot(`${id}#workitem`),
    cb,
    [...it.deferredArgs],
    dpcAffinity(cb, task.cpu),
  );
};

const stateOf = (sim: Simulator, id: string): InterruptLockState => {
  let state = sim.deferred.interrupts.get(id);
  if (state === undefined) {
    state = { heldBy: null, oldIrql: "PASSIVE_LEVEL" };
    sim.deferred.interrupts.set(id, state);
  }
  return state;
};

/**
 * The checks before taking the interrupt lock: a passive-level interrupt's lock is a wait lock
 * (PASSIVE_LEVEL only, fxinterruptapi.cpp); taking it again on the thread that holds it — from the
 * ISR itself, or twice — spins (or waits) forever on that thread.
 */
const mayTake = (sim: Simulator, task: RunningTask, it: Interrupt, ddi: string): boolean => {
  if (it.config.passiveHandling && !atPassive(sim, task, ddi, it.id, "PL-3")) return false;
  if (!task.locks.includes(it.lock.id)) return true;
  const inIsr = sim.callbackObjectOf(task) === it.id ? " (EvtInterruptIsr already runs under it, PL-3)" : "";
  sim.report(
    "WdfInterruptLock",
    "PL-3",
    `${ddi}(${it.id}) on a thread that already holds the interrupt lock ${it.lock.id}${inIsr}: the ${it.config.passiveHandling ? "wait lock would wait" : "processor would spin"} forever`,
    `${it.id}:${ddi}:recursive`,
  );
  return false;
};

/**
 * Takes the interrupt lock (raising to DIRQL first for a DIRQL interrupt, then spinning; sleeping
 * on the wait lock for a passive one) and runs `then` holding it; `fallback` when the caller could
 * not wait (a synchronous callback, reported by blocking.ts).
 */
const withLock = <T>(
  sim: Simulator,
  task: RunningTask,
  it: Interrupt,
  ddi: string,
  then: () => T,
  fallback: T,
) => {
  const old = task.irql;
  if (!it.config.passiveHandling) setIrql(sim, task, "DIRQL");
  const free = (): boolean => sim.engine.locks.isFree(it.lock.id);
  return afterWait(sim, task, ddi, `interrupt lock ${it.lock.id}`, free, !it.config.passiveHandling, () => {
    if (!free()) {
      setIrql(sim, task, old);
      return fallback;
    }
    sim.engine.locks.get(it.lock.id)!.holder = task.id;
    task.locks.push(it.lock.id);
    sim.engine.emit({
      t: sim.engine.now,
      type: "lock-acquire",
      track: sim.engine.track(task.cpu),
      lock: it.lock.id,
    });
    stateOf(sim, it.id).oldIrql = old;
    return then();
  });
};

const releaseLock = (sim: Simulator, task: RunningTask, it: Interrupt): void => {
  const i = task.locks.lastIndexOf(it.lock.id);
  if (i >= 0) task.locks.splice(i, 1);
  const lock = sim.engine.locks.get(it.lock.id)!;
  lock.holder = null;
  lock.takenWith = null;
  sim.engine.emit({
    t: sim.engine.now,
    type: "lock-release",
    track: sim.engine.track(task.cpu),
    lock: it.lock.id,
  });
  setIrql(sim, task, stateOf(sim, it.id).oldIrql);
};

/** WdfInterruptAcquireLock: holds the interrupt lock until WdfInterruptReleaseLock (PL-3). */
export const interruptAcquireLock = (sim: Simulator, task: RunningTask, id: string): Promise<void> => {
  const ddi = "WdfInterruptAcquireLock";
  const it = interruptOf(sim, id, ddi);
  if (it === undefined || !mayTake(sim, task, it, ddi)) return Promise.resolve();
  return withLock(
    sim,
    task,
    it,
    ddi,
    () => {
      stateOf(sim, id).heldBy = task.id;
      sim.engine.locks.get(it.lock.id)!.takenWith = ddi; // a leak at callback return is WdfInterruptLockRelease
    },
    undefined,
  );
};

/** WdfInterruptReleaseLock: by the thread that took it with WdfInterruptAcquireLock, else reported. */
export const interruptReleaseLock = (sim: Simulator, task: RunningTask, id: string): void => {
  const ddi = "WdfInterruptReleaseLock";
  const it = interruptOf(sim, id, ddi);
  if (it === undefined) return;
  const state = stateOf(sim, id);
  if (state.heldBy !== task.id) {
    sim.report(
      "WdfInterruptLock",
      "PL-3",
      `${ddi}(${id}) by a thread that did not take the interrupt lock with WdfInterruptAcquireLock`,
      `${id}:${ddi}:unowned`,
    );
    return;
  }
  state.heldBy = null;
  releaseLock(sim, task, it);
};

/**
 * WdfInterruptSynchronize: runs `body` at DIRQL holding the interrupt lock (KeSynchronizeExecution;
 * a passive-level interrupt takes its wait lock at PASSIVE_LEVEL) and returns its result.
 */
export const interruptSynchronize = (
  sim: Simulator,
  task: RunningTask,
  id: string,
  body: (task: RunningTask) => boolean,
): Promise<boolean> => {
  const ddi = "WdfInterruptSynchronize";
  const it = interruptOf(sim, id, ddi);
  if (it === undefined || !mayTake(sim, task, it, ddi)) return Promise.resolve(false);
  const run = (): boolean => {
    try {
      return body(task);
    } finally {
      releaseLock(sim, task, it);
    }
  };
  return withLock(sim, task, it, ddi, run, false);
};
