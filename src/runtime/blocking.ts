// Framework calls that wait (a lock held elsewhere, WdfWorkItemFlush, WdfIoQueue…Synchronously,
// WdfTimerStop(wait)). An async callback (or the application thread) blocks on a condition in the
// engine; a synchronous callback is one atomic step and cannot, so when it would have to wait the
// run reports that instead of silently going on as if the wait had been satisfied.

import type { RunningTask } from "./engine.js";
import type { Simulator } from "./simulator.js";

/**
 * Waits until `condition` holds. `keepCpu`: spin on the processor (spin locks, interrupt locks)
 * rather than sleep (wait locks, events). The engine reports a wait that never ends as a
 * deadlock, naming `label`.
 */
export const blockingWait = (
  sim: Simulator,
  task: RunningTask,
  ddi: string,
  label: string,
  condition: () => boolean,
  keepCpu: boolean,
): Promise<void> => {
  if (condition()) return Promise.resolve();
  if (!sim.canBlock(task)) {
    const callback = sim.callbackOfTask.get(task.id) ?? task.id;
    sim.engine.asyncErrors.push({
      task: task.id,
      error: new Error(
        `${ddi} in ${callback} must wait (${label}), but ${callback} is a synchronous function, which runs as one atomic step: declare it async and await the call`,
      ),
    });
    return Promise.resolve();
  }
  return sim.engine.waitUntil(condition, `${ddi}: ${label}`, keepCpu);
};
