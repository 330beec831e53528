// The simulated framework around a driver: runtime queues, work items, DPCs and timers built from
// the model's ResolvedDriver (the runtime asks the model which lock each callback takes and never
// re-derives it), request routing (RTE-03/04), presentation (PRS-02) and the verifier log.

import type { RequestType } from "../model/config.js";
import type { ResolvedCallback, ResolvedDriver, ResolvedObject } from "../model/resolved.js";
import { Cell } from "./cells.js";
import { RuntimeQueue } from "./dispatcher.js";
import { Engine, type EngineOutcome, type RunningTask } from "./engine.js";
import { FindingLog } from "./findings.js";
import { makeContext, type WdfContext } from "./framework-api.js";
import { RaceDetector } from "./races.js";
import { newRequest, type SimRequest } from "./request.js";
import type { Scheduler } from "./scheduler.js";

// biome-ignore lint/suspicious/noExplicitAny: driver callbacks have many WDF signatures.
export type CallbackFn = (ctx: WdfContext, ...args: any[]) => void | Promise<void>;

export interface SimulatorOptions {
  readonly cpus: number;
  readonly scheduler: Scheduler;
  readonly maxSteps?: number;
}

/** The event key within one object: the slot, plus the registration for EvtIoQueueState. */
const eventKey = (event: string, registration: string | null | undefined): string =>
  registration ? `${event}[${registration}]` : event;

const IO_EVENT: Record<RequestType, string> = {
  Read: "EvtIoRead",
  Write: "EvtIoWrite",
  DeviceControl: "EvtIoDeviceControl",
  DeviceControlInternal: "EvtIoInternalDeviceControl",
  Create: "EvtIoDefault",
};

export class Simulator {
  readonly engine: Engine;
  readonly log: FindingLog = new FindingLog();
  readonly races: RaceDetector = new RaceDetector();
  readonly queues: Map<string, RuntimeQueue> = new Map();
  readonly requests: SimRequest[] = [];
  private readonly cells = new Map<string, Cell<unknown>>();
  /** Callbacks by object, then by event (and registration), for presentation (the per-request path). */
  private readonly callbacks = new Map<string, Map<string, ResolvedCallback>>();
  private readonly objects = new Map<string, ResolvedObject>();
  /** Work items / DPCs queued and not yet started (WdfWorkItemEnqueue / WdfDpcEnqueue ignore a second call). */
  readonly queuedDeferred: Set<string> = new Set();
  /** The callback each running task is executing, for findings and cell accesses. */
  readonly callbackOfTask: Map<string, string> = new Map();
  /** Tasks whose body is an async function (they may block at an await). */
  private readonly asyncRoots = new Set<string>();
  /** Synchronous callbacks running inline on a task right now (they cannot block). */
  private readonly syncDepth = new Map<string, number>();

  constructor(
    readonly driver: ResolvedDriver,
    readonly functions: ReadonlyMap<string, CallbackFn>,
    options: SimulatorOptions,
  ) {
    this.engine = new Engine({
      cpus: options.cpus,
      scheduler: options.scheduler,
      maxSteps: options.maxSteps ?? 1_000_000,
    });
    for (const o of driver.objects) this.objects.set(o.id, o);
    for (const cb of driver.callbacks) {
      const byEvent = this.callbacks.get(cb.object) ?? new Map<string, ResolvedCallback>();
      this.callbacks.set(cb.object, byEvent);
      byEvent.set(eventKey(cb.event, cb.registration), cb);
      if (cb.lock) this.engine.locks.declare(cb.lock.id, cb.lock.kind);
    }
    for (const o of driver.objects) {
      if (o.exists && o.config.kind === "queue") this.queues.set(o.id, new RuntimeQueue(o, this));
      for (const lock of [o.ownLock, o.presentationLock])
        if (lock) this.engine.locks.declare(lock.id, lock.kind);
    }
  }

  /** May the code running on `task` wait (blocking.ts)? Only an async body with no synchronous callback inlined on it. */
  canBlock(task: RunningTask): boolean {
    return this.asyncRoots.has(task.id) && (this.syncDepth.get(task.id) ?? 0) === 0;
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
        if (isAsync) this.asyncRoots.add(task.id);
        return body();
      },
      onDone: (task) => this.asyncRoots.delete(task.id),
    });
  }

  object(id: string): ResolvedObject | undefined {
    return this.objects.get(id);
  }

  callback(objectId: string, event: string, registration?: string): ResolvedCallback | undefined {
    return this.callbacks.get(objectId)?.get(eventKey(event, registration));
  }

  cell<T>(name: string, initial: T): Cell<T> {
    let c = this.cells.get(name) as Cell<T> | undefined;
    if (c === undefined) {
      c = new Cell(name, initial, { access: (cell, write) => this.access(cell, write) });
      this.cells.set(name, c as Cell<unknown>);
    }
    return c;
  }

  private access(cell: string, write: boolean): void {
    const task = this.engine.running;
    if (task === null) return;
    const callback = this.callbackOfTask.get(task.id) ?? task.id;
    const t = this.engine.now;
    this.engine.emit({
      t,
      type: write ? "cell-write" : "cell-read",
      track: this.engine.track(task.cpu),
      cell,
      callback,
    });
    const race = this.races.record({ cell, write, task: task.id, callback, t, locks: [...task.locks] });
    if (race !== null) {
      this.report(
        "DataRace",
        "CC-6",
        `data race on cell "${cell}": ${race.first.write ? "write" : "read"} in ${race.first.callback} at t=${race.first.t}µs and ${race.second.write ? "write" : "read"} in ${race.second.callback} at t=${race.second.t}µs, with no lock in common`,
        cell,
      );
    }
  }

  report(rule: string, spec: string, message: string, key: string, bugcheck: string | null = null): void {
    const task = this.engine.running;
    this.log.add(
      {
        rule,
        spec,
        message,
        t: this.engine.now,
        task: task?.id ?? null,
        callback: task ? (this.callbackOfTask.get(task.id) ?? null) : null,
        bugcheck,
      },
      key,
    );
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
    } = {},
  ): boolean {
    const fn = this.functions.get(cb.id);
    const lock = cb.lock?.id ?? null;
    if (opts.inline && this.canRunInline(fn, lock)) {
      this.runInline(cb, fn, args, opts.request ?? null, opts.onDone);
      return true;
    }
    this.engine.spawn({
      name: cb.id,
      readyAt: opts.readyAt ?? this.engine.now,
      irql: cb.irql, // the model's answer (IRQ-1..IRQ-4); the runtime does not re-derive it
      lock,
      run: (task) => {
        opts.onStart?.();
        if (fn !== undefined && fn.constructor.name === "AsyncFunction") this.asyncRoots.add(task.id);
        return this.runCallback(cb, fn, task, args, opts.request ?? null);
      },
      onDone: (task) => {
        this.asyncRoots.delete(task.id);
        this.endCallback(cb, task, opts.onDone);
      },
    });
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
    then?: () => void,
  ): void {
    const task = this.engine.running!;
    const lock = cb.lock?.id ?? null;
    const outer = this.callbackOfTask.get(task.id);
    const irql = task.irql;
    if (lock !== null) {
      this.engine.locks.get(lock)!.holder = task.id;
      task.locks.push(lock);
    }
    task.irql = cb.irql; // IRQ-1: the model already raised it for a spin-class lock
    this.syncDepth.set(task.id, (this.syncDepth.get(task.id) ?? 0) + 1);
    try {
      const result = this.runCallback(cb, fn, task, args, request);
      if (result !== undefined)
        this.engine.asyncErrors.push({
          task: task.id,
          error: new Error(`${cb.id} returned a promise from a synchronous call`),
        });
    } catch (error) {
      this.engine.asyncErrors.push({ task: task.id, error });
    } finally {
      this.syncDepth.set(task.id, this.syncDepth.get(task.id)! - 1);
      this.emitEnd(cb, task);
      if (lock !== null) {
        task.locks.splice(task.locks.lastIndexOf(lock), 1);
        this.engine.locks.get(lock)!.holder = null;
      }
      task.irql = irql;
      if (outer === undefined) this.callbackOfTask.delete(task.id);
      else this.callbackOfTask.set(task.id, outer);
    }
    then?.();
  }

  private runCallback(
    cb: ResolvedCallback,
    fn: CallbackFn | undefined,
    task: RunningTask,
    args: unknown[],
    request: SimRequest | null,
  ): void | Promise<void> {
    const irql = cb.irql;
    this.callbackOfTask.set(task.id, cb.id);
    this.races.begin(task.id);
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
    });
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

  private endCallback(cb: ResolvedCallback, task: RunningTask, then?: () => void): void {
    this.races.end(task.id);
    this.callbackOfTask.delete(task.id);
    this.emitEnd(cb, task);
    then?.();
  }

  /** The end of a callback slice and of the lock it held (the engine or runInline frees the lock). */
  private emitEnd(cb: ResolvedCallback, task: RunningTask): void {
    const t = this.engine.now;
    const track = this.engine.track(task.cpu);
    this.engine.emit({ t, type: "callback-end", track, callback: cb.id });
    if (cb.lock) this.engine.emit({ t, type: "lock-release", track, lock: cb.lock.id });
  }

  /** QueueHost: present a request (PRS-02), or deliver ReadyNotify. */
  present(queue: RuntimeQueue, request: SimRequest | null): void {
    if (request === null) {
      const ready = this.callback(queue.id, "EvtIoQueueState", "ReadyNotify");
      if (ready) {
        let spawned = false;
        spawned = !this.invoke(ready, [queue.id], {
          inline: true,
          onDone: () => spawned && queue.run("full"),
        });
      }
      return;
    }
    const cb = this.callback(queue.id, IO_EVENT[request.type]) ?? this.callback(queue.id, "EvtIoDefault");
    if (cb === undefined) {
      this.frameworkComplete(request, "STATUS_INVALID_DEVICE_REQUEST"); // PRS-02 last row
      return;
    }
    request.state = "driver-owned";
    this.engine.emit({
      t: this.engine.now,
      type: "request-present",
      track: "",
      request: request.id,
      queue: queue.id,
    });
    const args =
      request.type === "DeviceControl" || request.type === "DeviceControlInternal"
        ? [queue.id, request, request.outputLength, request.inputLength, request.ioctl]
        : request.type === "Read" || request.type === "Write"
          ? [queue.id, request, request.outputLength || request.inputLength]
          : [queue.id, request];
    queue.dispatching++; // the presenting activation stays active while its callback runs (DSP-03)
    let spawned = false;
    const inline = this.invoke(cb, args, {
      request,
      inline: true,
      onDone: () => {
        queue.dispatching--;
        // Inline, the dispatcher loop that called us continues by itself; a task continues it here.
        if (spawned) queue.run("full");
      },
    });
    spawned = !inline;
  }

  frameworkComplete(request: SimRequest, status: string): void {
    request.state = "completed";
    request.status = status;
    request.queue?.release(request);
    this.engine.emit({
      t: this.engine.now,
      type: "request-complete",
      track: "",
      request: request.id,
      status,
    });
  }

  /** RTE-03/RTE-04: which queue receives a request of this type. */
  route(type: RequestType): RuntimeQueue | null {
    for (const q of this.queues.values()) if (q.config.requestDispatching.includes(type)) return q;
    for (const q of this.queues.values()) if (q.config.defaultQueue) return q;
    return null;
  }

  /** The I/O manager sends a request (ARR-01..ARR-03). */
  send(
    type: RequestType,
    fields: { ioctl?: number; inputLength?: number; outputLength?: number } = {},
  ): SimRequest {
    const request = newRequest(this.requests.length + 1, type, fields);
    this.requests.push(request);
    const queue = this.route(type);
    this.engine.emit({
      t: this.engine.now,
      type: "request-arrive",
      request: request.id,
      queue: queue?.id ?? "(none)",
      major: type,
    });
    if (queue === null) this.frameworkComplete(request, "STATUS_INVALID_DEVICE_REQUEST");
    else if (!queue.arrive(request)) this.frameworkComplete(request, "STATUS_INVALID_DEVICE_STATE");
    return request;
  }

  async run(): Promise<EngineOutcome> {
    const outcome = await this.engine.run();
    for (const r of this.requests) {
      if (r.state !== "completed") {
        this.log.add(
          {
            rule: "RequestLeak",
            spec: "9.1",
            message: `${r.id} (${r.type}) is still ${r.state === "pending" ? "pending in" : "owned by the driver from"} ${r.queue?.id ?? "no queue"} when the scenario ends: at device removal it would never complete`,
            t: this.engine.now,
            task: null,
            callback: null,
            bugcheck: null,
          },
          r.id,
        );
      }
    }
    if (outcome.kind === "deadlock") {
      this.log.add(
        {
          rule: "Deadlock",
          spec: "BUG-24",
          message: `no task can run: ${outcome.blocked.join(", ")} wait for a lock or processor that never frees`,
          t: this.engine.now,
          task: null,
          callback: null,
          bugcheck: null,
        },
        "deadlock",
      );
    }
    return outcome;
  }
}
