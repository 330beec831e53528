// WDFTIMER at run time (objects spec 6.3, T-1..T-5; callbacks CB-13/CB-14): WdfTimerStart,
// WdfTimerStop and periodic expiry. The timer queue entry is a background engine task at DIRQL
// (the clock interrupt), on whichever processor the engine places it; at expiry the timer's DPC is
// queued on that processor (DISPATCH_LEVEL timer, T-1) or its system work item (passive timer,
// T-2), and a periodic timer re-inserts itself, as KeSetTimerEx / ExSetTimer do.
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/core/fxtimer.cpp
// (FxTimer::Start, FxTimer::Stop, _FxTimerDpcThunk, _FxTimerExtCallbackThunk) and
// shared/inc/primitives/km/mxtimerkm.h (MxTimer::StartWithReturn, MxTimer::Stop).

import {
  afterWait,
  atPassive,
  callbackOrReport,
  dpcAffinity,
  queueCallback,
  reportSelfWait,
  reportsLockWait,
  type TimerState,
} from "./deferred.js";
import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

const timerOf = (sim: Simulator, id: string, ddi: string): TimerState | undefined => {
  const known = sim.deferred.timers.get(id);
  if (known !== undefined) return known;
  const callback = callbackOrReport(sim, id, "EvtTimerFunc", ddi);
  const config = sim.object(id)?.config;
  if (callback === undefined || config?.kind !== "timer") return undefined;
  const timer: TimerState = {
    id,
    callback,
    periodUs: config.period * 1000,
    slot: sim.deferred.slot(id),
    expiry: null,
    dueAt: 0,
    stopping: false,
    startAborted: false,
    startCause: null,
  };
  sim.deferred.timers.set(id, timer);
  return timer;
};

/** Puts the timer in the timer queue: an expiry at `at` that does not keep the run alive. */
const arm = (sim: Simulator, timer: TimerState, at: number): void => {
  timer.dueAt = at;
  const cause = timer.startCause;
  timer.expiry = sim.engine.spawn({
    name: `${timer.id}:expiry`,
    readyAt: at,
    irql: "DIRQL",
    lock: null,
    background: true,
    run: (task) => {
      sim.shared.seedThread(task.id, cause); // WdfTimerStart happens before the expiry (races.ts)
      expire(sim, timer, task.cpu);
    },
  });
};

/**
 * The timer leaves the timer queue (a periodic one goes straight back in, due one period after
 * the previous due time) and its DPC or work item is queued — unless the previous expiry's is still
 * queued, in which case this expiry is dropped (KeInsertQueueDpc fails; T-2 TryToEnqueue fails).
 */
const expire = (sim: Simulator, timer: TimerState, cpu: number): void => {
  timer.expiry = null;
  if (timer.periodUs > 0) arm(sim, timer, timer.dueAt + timer.periodUs);
  queueCallback(sim, timer.slot, timer.callback, [timer.id], dpcAffinity(timer.callback, cpu));
};

/** KeCancelTimer: out of the timer queue; an expired timer's queued DPC still runs. */
const cancelExpiry = (sim: Simulator, timer: TimerState): boolean => {
  if (timer.expiry === null) return false;
  sim.engine.cancel(timer.expiry);
  timer.expiry = null;
  return true;
};

/**
 * WdfTimerStart: (re)arms the timer `dueMicroseconds` from now; TRUE when it was already in the
 * timer queue (the earlier due time is replaced). Ignored while a WdfTimerStop(Wait = TRUE) runs
 * (FxTimer::Start: m_StopThread set → m_StartAborted).
 */
export const timerStart = (
  sim: Simulator,
  _task: RunningTask,
  id: string,
  dueMicroseconds: number,
): boolean => {
  const timer = timerOf(sim, id, "WdfTimerStart");
  if (timer === undefined) return false;
  if (timer.stopping) {
    timer.startAborted = true;
    return false;
  }
  const wasQueued = cancelExpiry(sim, timer);
  timer.startCause = sim.causeHere();
  arm(sim, timer, sim.engine.now + Math.max(0, dueMicroseconds));
  return wasQueued;
};

/**
 * WdfTimerStop: TRUE when the timer was in the timer queue. With Wait = TRUE (PASSIVE_LEVEL only)
 * it also waits for an expired timer's queued DPC / work item and a running callback
 * (KeFlushQueuedDpcs, FxSystemWorkItem::WaitForExit); from the timer's own callback the framework
 * refuses and returns FALSE without stopping (FxTimer::Stop).
 */
export const timerStop = (sim: Simulator, task: RunningTask, id: string, wait: boolean): Promise<boolean> => {
  const timer = timerOf(sim, id, "WdfTimerStop");
  if (timer === undefined) return Promise.resolve(false);
  if (!wait) return Promise.resolve(cancelExpiry(sim, timer));
  if (!atPassive(sim, task, "WdfTimerStop", id, "6.3")) return Promise.resolve(false);
  if (timer.slot.running.has(task.id)) {
    reportSelfWait(sim, "WdfTimerStop", id, "6.3", "fxtimer.cpp FxTimer::Stop");
    return Promise.resolve(false);
  }
  timer.stopping = true;
  timer.startAborted = false;
  const removed = cancelExpiry(sim, timer);
  const done = (): boolean => {
    timer.stopping = false;
    const result = removed || timer.startAborted;
    timer.startAborted = false;
    return result;
  };
  if (reportsLockWait(sim, task, "WdfTimerStop", timer.callback, timer.slot)) return Promise.resolve(done());
  return afterWait(
    sim,
    task,
    "WdfTimerStop",
    `${id}'s queued or running callback to finish`,
    () => timer.slot.idle,
    false,
    done,
  );
};
