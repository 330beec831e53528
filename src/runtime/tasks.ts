// A task of the engine: what the simulator asks to run (TaskSpec), what running code sees of it
// (RunningTask, with the callback frames the simulator keeps on it), and the engine's own record.

import type { IrqlName } from "../trace/events.js";
import type { Activity } from "./races.js";

export interface TaskSpec {
  /** What runs, e.g. "device/q:EvtIoRead"; the engine appends an ordinal to make the task id. */
  readonly name: string;
  readonly readyAt: number;
  readonly irql: IrqlName;
  /** The callback lock the framework takes around the work, if any. */
  readonly lock: string | null;
  /** The work. Returning a promise makes the task an async simulated thread. */
  readonly run: (task: RunningTask) => void | Promise<void>;
  readonly onDone?: (task: RunningTask) => void;
  /** Processor affinity: a DPC runs on the processor that queued it (per-processor DPC queues). */
  readonly cpu?: number;
  /** Does not keep the run alive (a timer expiry): the run ends when only such tasks are left. */
  readonly background?: boolean;
}

export interface RunningTask {
  readonly id: string;
  readonly cpu: number;
  readonly startedAt: number;
  /** Locks held now (the callback lock first), for the race detector and the verifier. */
  readonly locks: string[];
  irql: IrqlName;
  /** The callbacks running on this task, outermost first (inline callbacks nest on the thread). */
  readonly frames: CallbackFrame[];
  /** The thread for the trace ("application", "worker0"); null for DPCs, timers, ISRs. */
  thread: string | null;
  /** The task's body is an async function (it may block at an await). */
  asyncBody: boolean;
  /** Synchronous callbacks running inline on this task right now (they cannot block). */
  syncDepth: number;
}

/** One callback invocation on a task (the simulator fills these in). */
export interface CallbackFrame {
  readonly callback: string;
  /** For the trace, to reopen the slice where the thread resumes. */
  readonly object: string;
  readonly request: string | null;
  readonly irql: IrqlName;
  /** How many locks the task held when the callback began (BUG-34 check at its return). */
  readonly heldAtEntry: number;
  /** The race detector's record of this invocation. */
  readonly activity: Activity;
}

export interface TaskRecord extends RunningTask {
  readonly spec: TaskSpec;
  readyAt: number;
  state: "ready" | "running" | "suspended" | "done";
  cpu: number;
  startedAt: number;
  resume: (() => void) | null;
  signal: (() => void) | null;
  /** Suspended without its processor (a waiting thread); it needs a free processor to resume. */
  sleeping: boolean;
  /** A blocking wait: runnable again only once this holds (a lock freed, an event signalled). */
  until: (() => boolean) | null;
  /** What a blocked task waits for, for deadlock and hang reports. */
  waitLabel: string | null;
  /** A timed wait: runnable again at this time even if `until` still fails (null: no deadline). */
  deadline: number | null;
  /** The processor chosen for a task that is about to start. */
  plannedCpu: number;
}

/**
 * A simulated thread waits for one thing at a time: a second wait started before the first was
 * awaited (`Promise.all` of blocking calls, an `io.wait` not awaited before the next call) has no
 * thread to suspend. Reported as an error of the driver or scenario code instead of a wrong run.
 */
export const notCurrent = (caller: RunningTask | undefined, what: string): Error =>
  new Error(
    `${caller?.id ?? "code outside any simulated thread"} started ${what} while it was already waiting: a simulated thread waits for one thing at a time — await each blocking call (ctx.stall, lock acquires, flushes, io.wait, io.powerDown, …) before starting the next, not with Promise.all`,
  );

/** A task record as spawned: ready, on no processor, holding nothing. */
export const newTaskRecord = (spec: TaskSpec, id: string, now: number): TaskRecord => ({
  spec,
  id,
  readyAt: Math.max(spec.readyAt, now),
  state: "ready",
  cpu: -1,
  startedAt: -1,
  locks: [],
  frames: [],
  thread: null,
  asyncBody: false,
  syncDepth: 0,
  irql: spec.irql,
  resume: null,
  signal: null,
  sleeping: false,
  until: null,
  waitLabel: null,
  deadline: null,
  plannedCpu: -1,
});
