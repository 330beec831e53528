// A simulated thread of execution: one callback invocation (with the framework work around it)
// running on a processor. Synchronous callbacks finish in the step that starts them; async
// callbacks suspend at `await ctx.stall()/yield()` and are resumed by the loop at a later
// virtual time. Locks and the processor stay held across a suspension (busy-wait semantics).

import type { IrqlName } from "../trace/events.js";

export type TaskState = "ready" | "running" | "suspended" | "done";

export interface Task {
  /** Stable id: what runs and an ordinal, e.g. "EvtWorkItem#3" (never an allocation address). */
  readonly id: string;
  /** Virtual time (µs) at which the task may run next. */
  readyAt: number;
  state: TaskState;
  /** The processor index while running or suspended. */
  cpu: number | null;
  /** The IRQL the task needs to start (DISPATCH_LEVEL work runs on DPC queues). */
  readonly irql: IrqlName;
  /** The lock the task must hold to start (the callback's presentation / AS lock), if any. */
  readonly needsLock: string | null;
  /** First step: starts the work. May leave the task suspended (async callback). */
  readonly start: (task: Task) => void;
  /** For a suspended async task: resumes it; the loop then awaits `settled`. */
  resume: (() => void) | null;
  settled: Promise<void> | null;
}
