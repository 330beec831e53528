// Framework calls that wait (a lock held elsewhere, WdfWorkItemFlush, WdfIoQueue…Synchronously,
// WdfTimerStop(wait)). An async callback (or the application thread) blocks on a condition in the
// engine; a synchronous callback is one atomic step and cannot, so when it would have to wait the
// run reports that instead of silently going on as if the wait had been satisfied. A thread that
// sleeps (gives its processor away) must be at PASSIVE_LEVEL: waiting at DISPATCH_LEVEL is a
// verifier finding (L-2).

import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

/**
 * L-2: a thread may sleep only at PASSIVE_LEVEL (APC_LEVEL at most). At DISPATCH_LEVEL the
 * dispatcher cannot switch threads: KeWaitForSingleObject with a non-zero timeout bugchecks
 * IRQL_NOT_LESS_OR_EQUAL, and Driver Verifier stops earlier with 0xC4. The simulation reports it
 * and lets the wait go on, so later findings still show.
 */
const checkSleepIrql = (sim: Simulator, task: RunningTask, ddi: string, label: string): void => {
  if (task.irql === "PASSIVE_LEVEL") return;
  const callback = sim.callbackOf(task) ?? task.id;
  sim.report(
    "KmdfIrql",
    "L-2",
    `blocking call at ${task.irql}: ${ddi} in ${callback} must wait (${label}), and a thread cannot sleep above APC_LEVEL`,
    `${callback}|${ddi}|irql`,
    "IRQL_NOT_LESS_OR_EQUAL 0xA (DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4 under Driver Verifier)",
  );
};

/** True when the code on `task` may wait; otherwise the run reports why (a synchronous callback). */
const mayWait = (sim: Simulator, task: RunningTask, ddi: string, label: string): boolean => {
  if (sim.canBlock(task)) return true;
  const callback = sim.callbackOf(task) ?? task.id;
  sim.engine.asyncErrors.push({
    task: task.id,
    error: new Error(
      `${ddi} in ${callback} must wait (${label}), but ${callback} is a synchronous function, which runs as one atomic step: declare it async and await the call`,
    ),
  });
  return false;
};

/**
 * Waits until `condition` holds, or until the virtual time `deadline` (if given). `keepCpu`:
 * spin on the processor (spin locks, interrupt locks) rather than sleep (wait locks, events).
 * Resolves true when the condition holds, false when the deadline passed or the caller is a
 * synchronous callback (which cannot wait; reported). The engine reports a wait that never ends
 * as a deadlock, naming `label`.
 */
export const waitFor = (
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  label: string,
  condition: () => boolean,
  keepCpu: boolean,
  deadline?: number,
): Promise<boolean> => {
  if (condition()) return Promise.resolve(true);
  if (!mayWait(sim, task, ddi, label)) return Promise.resolve(false);
  if (!keepCpu) checkSleepIrql(sim, task, ddi, label);
  return sim.engine.waitUntil(condition, `${ddi}: ${label}`, keepCpu, deadline, task);
};

/** `waitFor` without a deadline, for calls that return nothing. */
export const blockingWait = (
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  label: string,
  condition: () => boolean,
  keepCpu: boolean,
): Promise<void> => waitFor(sim, task, ddi, label, condition, keepCpu).then(() => undefined);
