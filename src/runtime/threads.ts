// Threads as the trace shows them: a scenario/PnP thread has its name; passive-level callback
// work (work items, passive queue presentation) runs on a system worker thread ("worker0", lowest
// free first); DPCs, timers and ISRs run in an arbitrary thread context (none). And a sleeping
// thread that wakes on another processor moves its slices there.

import type { Engine, RunningTask } from "./engine.js";

export class WorkerPool {
  private readonly workers: (string | null)[] = [];

  take(task: RunningTask): void {
    let i = this.workers.indexOf(null);
    if (i < 0) i = this.workers.push(null) - 1;
    this.workers[i] = task.id;
    task.thread = `worker${i}`;
  }

  release(task: RunningTask): void {
    const i = this.workers.indexOf(task.id);
    if (i >= 0) this.workers[i] = null;
  }
}

/**
 * A sleeping thread leaves its processor and may wake on another: its callback and lock slices
 * end on the old processor's track and begin again on the new one, so processor tracks show only
 * what ran there (the thread track keeps the callback whole: the events say `migrate`).
 */
export const traceMigration = (engine: Engine, task: RunningTask, sleeping: boolean): void => {
  if (!engine.tracing || task.frames.length === 0) return;
  const t = engine.now;
  const track = engine.track(task.cpu);
  const thread = task.thread;
  if (sleeping) {
    for (const lock of [...task.locks].reverse()) engine.emit({ t, type: "lock-release", track, lock });
    for (const f of [...task.frames].reverse())
      engine.emit({ t, type: "callback-end", track, callback: f.callback, thread, migrate: true });
    return;
  }
  for (const f of task.frames)
    engine.emit({
      t,
      type: "callback-begin",
      track,
      callback: f.callback,
      object: f.object,
      request: f.request,
      irql: f.irql,
      thread,
      migrate: true,
    });
  for (const lock of task.locks) engine.emit({ t, type: "lock-acquire", track, lock });
};
