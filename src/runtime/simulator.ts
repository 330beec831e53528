// The simulated framework around a driver: runtime queues, work items, DPCs and timers built from
// the model's ResolvedDriver (the runtime asks the model which lock each callback takes and never
// re-derives it), request routing (RTE-03/04), presentation (PRS-02) and the verifier log.

import type { RequestType } from "../model/config.js";
import type { ResolvedCallback, ResolvedDriver, ResolvedObject } from "../model/resolved.js";
import type { Cell, CellArray, CellMap } from "./cells.js";
import { DeferredRuntime } from "./deferred.js";
import { DeviceState } from "./device-io.js";
import { type Delivery, RuntimeQueue } from "./dispatcher.js";
import { Engine, type EngineOutcome, type RunningTask } from "./engine.js";
import { FindingLog, type RuntimeFinding } from "./findings.js";
import { makeContext, type WdfContext } from "./framework-api.js";
import { IoManager } from "./io-manager.js";
import { callbackReturned } from "./locks.js";
import { deliverToDriver } from "./queue-delivery.js";
import type { Cause, Race } from "./races.js";
import { reportRunEnd } from "./run-end.js";
import { SharedState } from "./shared-state.js";
import { traceMigration, WorkerPool } from "./threads.js";

const NO_CAUSES: readonly Cause[] = [];

import type { SimRequest } from "./request.js";
import type { SendFields } from "./scenario.js";
import type { Scheduler } from "./scheduler.js";

// biome-ignore lint/suspicious/noExplicitAny: driver callbacks have many WDF signatures.
export type CallbackFn = (ctx: WdfContext, ...args: any[]) => void | Promise<void>;

export interface SimulatorOptions {
  readonly cpus: number;
  readonly scheduler: Scheduler;
  readonly maxSteps?: number;
  readonly trace?: boolean;
}

/** The event key within one object: the slot, plus the registration for EvtIoQueueState. */
const eventKey = (event: string, registration: string | null | undefined): string =>
  registration ? `${event}[${registration}]` : event;

export class Simulator {
  readonly engine: Engine;
  readonly log: FindingLog = new FindingLog();
  /** Cells and the race detector. */
  readonly shared: SharedState;
  readonly queues: Map<string, RuntimeQueue> = new Map();
  readonly requests: SimRequest[] = [];
  /** Powered, removed, file handles (device-io.ts). */
  readonly device: DeviceState = new DeviceState();
  /** Work items, DPCs, timers and interrupt locks at run time (deferred.ts). */
  readonly deferred: DeferredRuntime = new DeferredRuntime();
  /** Callbacks by object, then by event (and registration), for presentation (the per-request path). */
  private readonly callbacks = new Map<string, Map<string, ResolvedCallback>>();
  private readonly objects = new Map<string, ResolvedObject>();
  private readonly workers = new WorkerPool();
  private readonly io: IoManager = new IoManager(this);

  constructor(
    readonly driver: ResolvedDriver,
    readonly functions: ReadonlyMap<string, CallbackFn>,
    options: SimulatorOptions,
  ) {
    this.engine = new Engine({
      cpus: options.cpus,
      scheduler: options.scheduler,
      maxSteps: options.maxSteps ?? 1_000_000,
      trace: options.trace,
    });
    this.shared = new SharedState(this.engine, (race) => this.reportRace(race));
    this.engine.hooks = {
      sleep: (task) => traceMigration(this.engine, task, true),
      wake: (task) => traceMigration(this.engine, task, false),
    };
    for (const o of driver.objects) this.objects.set(o.id, o);
    for (const cb of driver.callbacks) {
      const byEvent = this.callbacks.get(cb.object) ?? new Map<string, ResolvedCallback>();
      this.callbacks.set(cb.object, byEvent);
      // EvtRequestCancel routines are told apart by function (CAN-25: one queue, several routines).
      byEvent.set(
        eventKey(cb.event, cb.registration ?? (cb.event === "EvtRequestCancel" ? cb.function : null)),
        cb,
      );
      if (cb.lock) this.engine.locks.declare(cb.lock.id, cb.lock.kind);
    }
    for (const o of driver.objects) {
      if (o.exists && o.config.kind === "queue")
        this.queues.set(
          o.id,
          new RuntimeQueue(o, this, this.callback(o.id, "EvtIoQueueState", "ReadyNotify") ?? null),
        );
      for (const lock of [o.ownLock, o.presentationLock])
        if (lock) this.engine.locks.declare(lock.id, lock.kind);
    }
  }

  /** The callback `task` is running now (innermost), if any. */
  callbackOf(task: RunningTask): string | undefined {
    const frames = task.frames;
    return frames.length > 0 ? frames[frames.length - 1]!.callback : undefined;
  }

  /** May the code running on `task` wait (blocking.ts)? Only an async body with no synchronous callback inlined on it. */
  canBlock(task: RunningTask): boolean {
    return task.asyncBody && task.syncDepth === 0;
  }

  /** Starts a simulated thread (the application's script, an I/O sender) at PASSIVE_LEVEL. */
  spawnThread(name: string, body: () => void | Promise<void>): string {
    const isAsync = body.constructor.name === "AsyncFunction";
    return this.engine.spawn({
      name,
      readyAt: this.engine.now,
      irql: "PASSIVE_LEVEL",
      lock: null,
      run: (task) => {
        task.asyncBody = isAsync;
        task.thread = name;
        return body();
      },
    });
  }

  /** The queue `id`, or an InvalidHandle finding (BUG-33) for a handle that names no queue. */
  queueOrReport(id: string, ddi: string): RuntimeQueue | undefined {
    const queue = this.queues.get(id);
    if (queue === undefined)
      this.report(
        "InvalidHandle",
        "BUG-33",
        `${ddi}(${id}): no such queue (or its creation failed)`,
        `${id}:${ddi}`,
        "WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)",
      );
    return queue;
  }

  /** The object whose callback `task` is running now, if any. */
  callbackObjectOf(task: RunningTask): string | null {
    const id = this.callbackOf(task);
    if (id === undefined) return null;
    return this.driver.callbacks.find((c) => c.id === id)?.object ?? null;
  }

  object(id: string): ResolvedObject | undefined {
    return this.objects.get(id);
  }

  callback(objectId: string, event: string, registration?: string): ResolvedCallback | undefined {
    return this.callbacks.get(objectId)?.get(eventKey(event, registration));
  }

  cell<T>(name: string, initial: T): Cell<T> {
    return this.shared.cell(name, initial);
  }

  cellArray<T>(name: string, initial: readonly T[]): CellArray<T> {
    return this.shared.cellArray(name, initial);
  }

  cellMap<K extends string | number, V>(name: string): CellMap<K, V> {
    return this.shared.cellMap<K, V>(name);
  }

  /** CC-6: two invocations in progress together touched one cell, one wrote, nothing ordered them. */
  private reportRace(race: Race): void {
    const { first, second } = race;
    this.report(
      "DataRace",
      "CC-6",
      `data race on cell "${race.cell}": ${first.write ? "write" : "read"} in ${first.callback} at t=${first.t}µs and ${second.write ? "write" : "read"} in ${second.callback} at t=${second.t}µs, with no lock in common`,
      race.cell,
    );
  }

  /** The simulated call stack: the thread (or processor context), then the callbacks on it, innermost last. */
  stackOf(task: RunningTask): string[] {
    const where = task.thread ?? `${this.engine.track(task.cpu)} at ${task.irql} (no thread of its own)`;
    return [where, ...task.frames.map((f) => f.callback)];
  }

  report(rule: string, spec: string, message: string, key: string, bugcheck: string | null = null): void {
    const task = this.engine.running;
    const before = this.log.findings.length;
    this.log.add(
      {
        rule,
        spec,
        message,
        t: this.engine.now,
        task: task?.id ?? null,
        callback: task ? (this.callbackOf(task) ?? null) : null,
        bugcheck,
        stack: task ? this.stackOf(task) : [],
      },
      key,
    );
    if (this.log.findings.length === before) return; // the same bug in the same place: reported once
    this.engine.emit({
      t: this.engine.now,
      type: "finding",
      track: task ? this.engine.track(task.cpu) : null,
      rule,
      message,
    });
  }

  /** Runs `cb` under its lock, at its IRQL (inline or as a task); true when it ran inline. */
  invoke(
    cb: ResolvedCallback,
    args: unknown[],
    opts: {
      readyAt?: number;
      request?: SimRequest | null;
      onStart?: () => void;
      onDone?: () => void;
      inline?: boolean;
      /** Processor affinity of the task (a DPC's per-processor queue). */
      cpu?: number;
      /** Receives the engine task id when the callback becomes a task (to cancel it later). */
      onSpawn?: (taskId: string) => void;
      /** Framework orderings that lead to this call besides the caller (races.ts). */
      causes?: readonly Cause[];
    } = {},
  ): boolean {
    const fn = this.functions.get(cb.id);
    const lock = cb.lock?.id ?? null;
    // The code queuing or calling the callback happens before it (an enqueue, a completion, a timer start).
    const here = this.causeHere();
    if (opts.inline && this.canRunInline(fn, lock)) {
      const inlineCauses = here === null ? (opts.causes ?? NO_CAUSES) : [here, ...(opts.causes ?? NO_CAUSES)];
      this.runInline(cb, fn, args, opts.request ?? null, opts.onDone, inlineCauses);
      return true;
    }
    const causes = here === null ? (opts.causes ?? NO_CAUSES) : [here, ...(opts.causes ?? NO_CAUSES)];
    const taskId = this.engine.spawn({
      name: cb.id,
      cpu: opts.cpu,
      readyAt: opts.readyAt ?? this.engine.now,
      irql: cb.irql, // the model's answer (IRQ-1..IRQ-4); the runtime does not re-derive it
      lock,
      run: (task) => {
        if (cb.irql === "PASSIVE_LEVEL") this.workers.take(task);
        opts.onStart?.();
        task.asyncBody = fn !== undefined && fn.constructor.name === "AsyncFunction";
        return this.runCallback(cb, fn, task, args, opts.request ?? null, causes);
      },
      onDone: (task) => {
        this.endCallback(cb, task, opts.onDone);
        this.workers.release(task);
      },
    });
    opts.onSpawn?.(taskId);
    return false;
  }

  /**
   * DSP-04: the dispatcher presents on the thread that runs it. A synchronous callback whose lock
   * is free runs right there; an async one, or one whose lock is busy or already held by this
   * thread (DSP-11 defers delivery), becomes a task of its own.
   */
  private canRunInline(fn: CallbackFn | undefined, lock: string | null): boolean {
    const task = this.engine.running;
    if (task === null || (fn !== undefined && fn.constructor.name === "AsyncFunction")) return false;
    return lock === null || (this.engine.locks.isFree(lock) && !task.locks.includes(lock));
  }

  private runInline(
    cb: ResolvedCallback,
    fn: CallbackFn | undefined,
    args: unknown[],
    request: SimRequest | null,
    then: (() => void) | undefined,
    causes: readonly Cause[],
  ): void {
    const task = this.engine.running!;
    const lock = cb.lock?.id ?? null;
    const irql = task.irql;
    if (lock !== null) {
      this.engine.locks.get(lock)!.holder = task.id;
      task.locks.push(lock);
    }
    task.irql = cb.irql; // IRQ-1: the model already raised it for a spin-class lock
    task.syncDepth++;
    try {
      const result = this.runCallback(cb, fn, task, args, request, causes);
      if (result !== undefined)
        this.engine.asyncErrors.push({
          task: task.id,
          error: new Error(`${cb.id} returned a promise from a synchronous call`),
        });
    } catch (error) {
      this.engine.asyncErrors.push({ task: task.id, error });
    } finally {
      task.syncDepth--;
      this.emitEnd(cb, task);
      this.endFrame(task);
      if (lock !== null) {
        task.locks.splice(task.locks.lastIndexOf(lock), 1);
        this.engine.locks.get(lock)!.holder = null;
      }
      task.irql = irql;
    }
    then?.();
  }

  private runCallback(
    cb: ResolvedCallback,
    fn: CallbackFn | undefined,
    task: RunningTask,
    args: unknown[],
    request: SimRequest | null,
    causes: readonly Cause[],
  ): void | Promise<void> {
    const irql = cb.irql;
    // BUG-34: the frame records the locks it starts with, checked when it returns.
    task.frames.push({
      callback: cb.id,
      object: cb.object,
      request: request?.id ?? null,
      irql,
      heldAtEntry: task.locks.length,
      activity: this.shared.races.begin(task.id, causes),
    });
    if (this.engine.tracing) {
      const track = this.engine.track(task.cpu);
      const t = this.engine.now;
      if (cb.lock) this.engine.emit({ t, type: "lock-acquire", track, lock: cb.lock.id });
      this.engine.emit({
        t,
        type: "callback-begin",
        track,
        callback: cb.id,
        object: cb.object,
        request: request?.id ?? null,
        irql,
        thread: task.thread,
      });
    }
    if (cb.lock?.kind === "mutex" && irql !== "PASSIVE_LEVEL" && this.driver.framework === "kmdf") {
      this.report(
        "KmdfIrql",
        "S-8",
        `${cb.id} runs at ${irql} but its lock ${cb.lock.id} is a mutex (fast mutex above APC_LEVEL)`,
        cb.id,
      );
    }
    if (fn === undefined) return undefined;
    return fn(makeContext(this, task), ...args);
  }

  /** The present point of the running code, for what it causes (shared-state.ts). */
  causeHere(): Cause | null {
    return this.shared.causeHere();
  }

  private endFrame(task: RunningTask): void {
    const frame = task.frames.pop();
    if (frame !== undefined) this.shared.races.end(frame.activity);
  }

  private endCallback(cb: ResolvedCallback, task: RunningTask, then?: () => void): void {
    this.emitEnd(cb, task);
    this.endFrame(task);
    then?.();
  }

  /** The end of a callback slice and of the lock it held (the engine or runInline frees the lock). */
  private emitEnd(cb: ResolvedCallback, task: RunningTask): void {
    callbackReturned(this, cb, task); // BUG-34: locks the driver took and kept, IRQL not restored
    if (!this.engine.tracing) return;
    const t = this.engine.now;
    const track = this.engine.track(task.cpu);
    this.engine.emit({ t, type: "callback-end", track, callback: cb.id, thread: task.thread });
    if (cb.lock) this.engine.emit({ t, type: "lock-release", track, lock: cb.lock.id });
  }

  /** QueueHost (dispatcher.ts): run the callback the loop hands the driver. */
  deliver(queue: RuntimeQueue, d: Delivery, then: () => void): boolean {
    return deliverToDriver(this, queue, d, then);
  }

  /** QueueHost: DSP-10/11 — the queue's work item (passive queue) or DPC runs the dispatcher later. */
  deferDispatch(queue: RuntimeQueue): void {
    // DSP-12: queued at most once; a request while its pass runs makes it run again after.
    if (queue.deferredQueued) {
      queue.requeueDeferred = true;
      return;
    }
    queue.deferredQueued = true;
    const passive = queue.level === "Passive";
    const cause = this.causeHere();
    this.engine.spawn({
      name: `${queue.id}:${passive ? "WorkItem" : "Dpc"}(dispatcher)`,
      readyAt: this.engine.now,
      irql: passive ? "PASSIVE_LEVEL" : "DISPATCH_LEVEL",
      lock: null,
      cpu: passive ? undefined : this.engine.running?.cpu, // the queue's DPC runs where it was queued
      run: (task) => {
        this.shared.seedThread(task.id, cause);
        queue.run("full");
      },
      onDone: () => {
        queue.deferredQueued = false;
        if (queue.requeueDeferred) {
          queue.requeueDeferred = false;
          this.deferDispatch(queue);
        }
      },
    });
  }

  callerIrql(): string | null {
    return this.engine.running?.irql ?? null;
  }

  callerHolds(lock: string): boolean {
    return this.engine.running?.locks.includes(lock) ?? false;
  }

  frameworkComplete(request: SimRequest, status: string): void {
    const wasOwned = request.state === "driver-owned";
    request.state = "completed";
    request.status = status;
    if (wasOwned) request.queue?.release(request);
    this.engine.emit({
      t: this.engine.now,
      type: "request-complete",
      track: "",
      request: request.id,
      status,
    });
  }

  /** The I/O manager sends a request (io-manager.ts). */
  send(type: RequestType, fields: SendFields = {}): SimRequest {
    return this.io.send(type, fields);
  }

  /** A finding made when the run ends: logged, and put on the trace so timelines show it. */
  logAtEnd(finding: RuntimeFinding, key: string): void {
    const before = this.log.findings.length;
    this.log.add(finding, key);
    if (this.log.findings.length > before)
      this.engine.emit({
        t: finding.t,
        type: "finding",
        track: null,
        rule: finding.rule,
        message: finding.message,
      });
  }

  async run(): Promise<EngineOutcome> {
    const outcome = await this.engine.run();
    reportRunEnd(this, outcome);
    return outcome;
  }
}
