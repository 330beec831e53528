// The discrete-event engine: N virtual processors, virtual time in microseconds, tasks that
// start when a processor and their lock are free, and one Scheduler deciding every tie. It knows
// nothing about WDF; framework semantics live in the modules that spawn tasks (dispatcher.ts,
// deferred.ts, framework-api.ts). No clocks, no Math.random: same seed, same trace.

import type { TraceEvent } from "../trace/events.js";
import { LockTable } from "./locks.js";
import { IRQL_RANK, NONE_CLAIMED, Processors } from "./processors.js";
import type { ChoiceKind, Scheduler } from "./scheduler.js";
import { newTaskRecord, notCurrent, type RunningTask, type TaskRecord, type TaskSpec } from "./tasks.js";

export type { CallbackFrame, RunningTask, TaskSpec } from "./tasks.js";

/** How long blocked work may wait while only background tasks move time on (BUG-24: the
 * framework's hang watchdog reports a wait every 60 s). */
const WATCHDOG_US = 60_000_000;

export interface EngineOptions {
  readonly cpus: number;
  readonly scheduler: Scheduler;
  readonly maxSteps: number;
  /** Record trace events (default true). Off, a run keeps only findings: the benchmark's fast path. */
  readonly trace?: boolean;
}

export type EngineOutcome =
  | { readonly kind: "idle" }
  | {
      readonly kind: "deadlock";
      readonly blocked: readonly string[];
      /** The blocked tasks that wait on a condition, with what they wait for. */
      readonly waits: ReadonlyArray<{ readonly task: string; readonly waitingFor: string }>;
    }
  | { readonly kind: "budget" };

export class Engine {
  now = 0;
  readonly events: TraceEvent[] = [];
  readonly locks: LockTable = new LockTable();
  /** Not yet started, in spawn order: work waiting for a processor starts FIFO, as the kernel's
   * DPC and worker queues do; the scheduler chooses among the startable heads. */
  private readonly starting: TaskRecord[] = [];
  /** How many tasks of `starting` there are per IRQL rank (keeps the FIFO scan cheap). */
  private readonly startingByRank: number[] = [0, 0, 0, 0];
  /** Started and suspended at an await (async callbacks, the application thread). */
  private readonly suspended: TaskRecord[] = [];
  private readonly processors: Processors;
  private current: TaskRecord | null = null;
  private ordinal = 0;
  private steps = 0;

  constructor(private readonly options: EngineOptions) {
    this.processors = new Processors(options.cpus);
  }

  get running(): RunningTask | null {
    return this.current;
  }

  spawn(spec: TaskSpec): string {
    const id = `${spec.name}#${++this.ordinal}`;
    this.startingByRank[IRQL_RANK[spec.irql]]!++;
    this.starting.push(newTaskRecord(spec, id, this.now));
    return id;
  }

  /** Withdraws a task that has not started (a cancelled timer, a removed DPC); false once it has. */
  cancel(taskId: string): boolean {
    const i = this.starting.findIndex((t) => t.id === taskId);
    if (i < 0) return false;
    this.startingByRank[IRQL_RANK[this.starting[i]!.irql]]!--;
    this.starting.splice(i, 1);
    return true;
  }

  /** A choice outside task order (the processor an interrupt arrives on), made by the scheduler. */
  choose(kind: ChoiceKind, about: string, labels: readonly string[]): number {
    return this.options.scheduler.choose(kind, about, labels, null);
  }

  /** How many virtual processors there are. */
  get cpus(): number {
    return this.processors.count;
  }

  track(cpu: number): string {
    return `cpu${cpu}`;
  }

  /** Suspends the running async task until `at`, keeping its processor (busy time). */
  suspendUntil(at: number, caller?: RunningTask): Promise<void> {
    return this.suspend(at, false, caller);
  }

  /** Suspends the running async task until `at` and gives its processor away (a waiting thread). */
  sleepUntil(at: number, caller?: RunningTask): Promise<void> {
    return this.suspend(at, true, caller);
  }

  /**
   * Blocks the running async task until `condition` holds: spinning on its processor (a spin
   * lock, `keepCpu`) or asleep without it (a wait lock, an event). Resolves at once if it holds.
   * With a `deadline` (virtual µs) the wait ends then at the latest; the promise says whether the
   * condition held (false: timed out).
   */
  waitUntil(
    condition: () => boolean,
    label: string,
    keepCpu: boolean,
    deadline?: number,
    caller?: RunningTask,
  ): Promise<boolean> {
    const task = this.current;
    if (task === null || (caller !== undefined && caller !== task))
      return Promise.reject(notCurrent(caller, label));
    if (condition()) return Promise.resolve(true);
    if (deadline !== undefined && deadline <= this.now) return Promise.resolve(false);
    task.until = condition;
    task.waitLabel = label;
    task.deadline = deadline ?? null;
    return this.suspend(this.now, !keepCpu, task).then(condition);
  }

  /** A blocked task still waiting: its condition fails and its deadline, if any, is ahead. */
  private blocked(t: TaskRecord): boolean {
    return t.until !== null && !t.until() && (t.deadline === null || t.deadline > this.now);
  }

  private suspend(at: number, release: boolean, caller?: RunningTask): Promise<void> {
    const task = this.current;
    if (task === null || (caller !== undefined && caller !== task))
      return Promise.reject(notCurrent(caller, "a wait"));
    if (release) {
      this.hooks?.sleep(task);
      this.processors.pop(task);
      task.sleeping = true;
    }
    this.suspended.push(task);
    return new Promise<void>((resolve) => {
      task.state = "suspended";
      task.readyAt = Math.max(at, this.now);
      task.resume = resolve;
      this.current = null;
      task.signal?.();
    });
  }

  private runnable(): TaskRecord[] {
    const out: TaskRecord[] = [];
    const anyFree = this.processors.free(NONE_CLAIMED) >= 0;
    for (const t of this.suspended) {
      if (t.readyAt > this.now || this.blocked(t)) continue;
      if (t.sleeping ? anyFree : this.processors.isTop(t)) out.push(t);
    }
    // Work waiting for a processor starts FIFO: each startable task claims a processor in order.
    // When no waiting task's IRQL clears the lowest processor threshold the scan is skipped.
    const claimed = new Set<number>();
    const placeable = (): boolean => {
      const min = this.processors.lowestThreshold(claimed);
      for (let rank = min + 1; rank <= 3; rank++) if ((this.startingByRank[rank] ?? 0) > 0) return true;
      return false;
    };
    for (let i = 0; i < this.starting.length && claimed.size < this.processors.count && placeable(); i++) {
      const t = this.starting[i]!;
      if (t.readyAt > this.now || !this.locks.isFree(t.spec.lock)) continue;
      const cpu = this.processors.placeFor(t, claimed);
      if (cpu < 0) continue;
      claimed.add(cpu);
      t.plannedCpu = cpu;
      out.push(t);
    }
    return out;
  }

  private nextTime(): number | null {
    let next: number | null = null;
    for (const list of [this.starting, this.suspended]) {
      for (const t of list) if (t.readyAt > this.now && (next === null || t.readyAt < next)) next = t.readyAt;
    }
    for (const t of this.suspended)
      if (
        t.until !== null &&
        t.deadline !== null &&
        t.deadline > this.now &&
        (next === null || t.deadline < next)
      )
        next = t.deadline;
    return next;
  }

  /** The blocked set `mayAdvance` last saw, and since when it has not changed. */
  private stuckSince: { readonly key: string; readonly since: number } | null = null;

  /**
   * May time advance to `next` while nothing can run? Background tasks (timer expiries) do not
   * keep a run alive: with only them left the run is over. While every other task is blocked and
   * only background work moves time on, the run goes on until the blocked set has not changed
   * for WATCHDOG_US (a periodic timer may be what unblocks them), then it is stuck.
   */
  private mayAdvance(next: number): boolean {
    if (!this.starting.some((t) => t.spec.background === true)) return true;
    const rest = [...this.suspended, ...this.starting].filter((t) => t.spec.background !== true);
    const timed = (t: TaskRecord): boolean =>
      t.readyAt > this.now || (t.until !== null && t.deadline !== null && t.deadline > this.now);
    if (rest.length === 0) return false;
    if (rest.some(timed)) {
      this.stuckSince = null;
      return true;
    }
    const key = rest.map((t) => t.id).join(" ");
    if (this.stuckSince?.key !== key) this.stuckSince = { key, since: this.now };
    return next - this.stuckSince.since < WATCHDOG_US;
  }

  /** Runs until idle, deadlock or budget; awaits only when an async task must be resumed. */
  async run(): Promise<EngineOutcome> {
    for (;;) {
      const step = this.runUntilAsync();
      if (step.kind === "await") await step.settled;
      else return step.outcome;
    }
  }

  private runUntilAsync():
    | { kind: "await"; settled: Promise<void> }
    | { kind: "end"; outcome: EngineOutcome } {
    while (this.steps++ < this.options.maxSteps) {
      const ready = this.runnable();
      if (ready.length === 0) {
        const next = this.nextTime();
        if (next !== null && this.mayAdvance(next)) {
          this.now = next;
          continue;
        }
        const stuck = [...this.suspended, ...this.starting].filter((t) => t.spec.background !== true);
        const waits = stuck
          .filter((t) => t.waitLabel !== null)
          .map((t) => ({ task: t.id, waitingFor: t.waitLabel! }));
        return {
          kind: "end",
          outcome:
            stuck.length === 0
              ? { kind: "idle" }
              : { kind: "deadlock", blocked: stuck.map((t) => t.id), waits },
        };
      }
      const index = this.options.scheduler.choose(
        "task",
        "next task",
        ready.map((t) => t.spec.name),
        null,
      );
      const task = ready[index]!;
      const settled = task.state === "suspended" ? this.resume(task) : this.start(task);
      if (settled !== null) return { kind: "await", settled };
    }
    return { kind: "end", outcome: { kind: "budget" } };
  }

  private start(task: TaskRecord): Promise<void> | null {
    this.starting.splice(this.starting.indexOf(task), 1);
    this.startingByRank[IRQL_RANK[task.irql]]!--;
    task.cpu = task.plannedCpu;
    this.processors.push(task);
    task.startedAt = this.now;
    task.state = "running";
    if (task.spec.lock !== null) {
      this.locks.get(task.spec.lock)!.holder = task.id;
      task.locks.push(task.spec.lock);
    }
    this.current = task;
    let result: void | Promise<void>;
    try {
      result = task.spec.run(task);
    } catch (error) {
      this.asyncErrors.push({ task: task.id, error });
      result = undefined;
    }
    if (result === undefined || typeof (result as Promise<void>).then !== "function") {
      this.finish(task);
      return null;
    }
    return this.awaitAsync(task, result as Promise<void>);
  }

  private awaitAsync(task: TaskRecord, result: Promise<void>): Promise<void> | null {
    if (task.state === "suspended") {
      result.then(
        () => this.finishAsync(task),
        (e) => this.failAsync(task, e),
      );
      return null;
    }
    return new Promise<void>((settle) => {
      task.signal = settle;
      result.then(
        () => {
          this.finishAsync(task);
          settle();
        },
        (e) => {
          this.failAsync(task, e);
          settle();
        },
      );
    });
  }

  private resume(task: TaskRecord): Promise<void> {
    this.suspended.splice(this.suspended.indexOf(task), 1);
    const resume = task.resume!;
    task.resume = null;
    task.until = null;
    task.waitLabel = null;
    task.deadline = null;
    if (task.sleeping) {
      task.sleeping = false;
      task.cpu = this.processors.free(NONE_CLAIMED);
      this.processors.push(task);
      this.hooks?.wake(task);
    }
    task.state = "running";
    this.current = task;
    return new Promise<void>((settle) => {
      task.signal = settle;
      resume();
    });
  }

  private finishAsync(task: TaskRecord): void {
    if (task.state !== "done") {
      this.current = task;
      this.finish(task);
    }
  }

  private failAsync(task: TaskRecord, error: unknown): void {
    this.asyncErrors.push({ task: task.id, error });
    this.finishAsync(task);
  }

  readonly asyncErrors: Array<{ task: string; error: unknown }> = [];

  private finish(task: TaskRecord): void {
    task.state = "done";
    // The engine frees the callback lock it took. A lock the driver took itself (WdfSpinLockAcquire,
    // WdfObjectAcquireLock, ...) and never released stays held, as in the real system; the
    // simulator reports the leak when the callback returns (locks.ts, callbackReturned).
    const lock = task.spec.lock === null ? undefined : this.locks.get(task.spec.lock);
    if (lock !== undefined && lock.holder === task.id) lock.holder = null;
    this.processors.pop(task);
    this.current = null;
    const i = this.suspended.indexOf(task);
    if (i >= 0) this.suspended.splice(i, 1);
    task.spec.onDone?.(task);
    task.signal?.();
  }

  /** Told when a thread gives its processor away and when it gets one back (perhaps another). */
  hooks: { sleep(task: RunningTask): void; wake(task: RunningTask): void } | null = null;

  emit(event: TraceEvent): void {
    if (this.tracing) this.events.push(event);
  }

  /** Whether trace events are kept (callers may skip building them when not). */
  get tracing(): boolean {
    return this.options.trace !== false;
  }
}
