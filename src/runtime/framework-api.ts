// The WDF API driver callbacks call in the simulation, with WDF's names (ctx.WdfRequestComplete,
// ctx.WdfWorkItemEnqueue, ...), and the verifier checks each makes (queues spec section 14).

import type { Cell } from "./cells.js";
import type { RunningTask } from "./engine.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

export interface WdfContext {
  /** Virtual time in microseconds. */
  readonly now: number;
  /** Shared driver state whose reads and writes the race detector sees. */
  cell<T>(name: string, initial: T): Cell<T>;
  /** Busy time on this processor (KeStallExecutionProcessor); other processors keep running. */
  stall(microseconds: number): Promise<void>;
  /** A scheduling point: other simulated threads may run before this one continues. */
  yield(): Promise<void>;
  WdfRequestComplete(request: SimRequest, status: string): void;
  WdfRequestCompleteWithInformation(request: SimRequest, status: string, information: number): void;
  WdfRequestForwardToIoQueue(request: SimRequest, queue: string): string;
  WdfRequestMarkCancelable(request: SimRequest, routine: string): void;
  WdfRequestUnmarkCancelable(request: SimRequest): string;
  WdfIoQueueRetrieveNextRequest(queue: string): { status: string; request: SimRequest | null };
  WdfWorkItemEnqueue(workItem: string): void;
  WdfDpcEnqueue(dpc: string): boolean;
  WdfTimerStart(timer: string, dueMicroseconds: number): boolean;
  WdfObjectAcquireLock(object: string): void;
  WdfObjectReleaseLock(object: string): void;
}

const owned = (sim: Simulator, request: SimRequest, ddi: string): boolean => {
  if (request.state === "completed") {
    // BUG-02: the second completion is stopped by the ownership check (verifier) — a driver bug.
    sim.report(
      ddi === "WdfRequestComplete" ? "DoubleCompletion" : "InvalidReqAccess",
      "BUG-02",
      `${ddi} on ${request.id}, which was already completed with ${request.status}`,
      `${request.id}:${ddi}`,
      "verifier: STATUS_INVALID_DEVICE_REQUEST and a break; the call is ignored",
    );
    return false;
  }
  if (request.state !== "driver-owned") {
    sim.report(
      "InvalidReqAccess",
      "BUG-01",
      `${ddi} on ${request.id}, which the driver does not own (it is ${request.state})`,
      `${request.id}:${ddi}`,
    );
    return false;
  }
  return true;
};

const complete = (
  sim: Simulator,
  task: RunningTask,
  request: SimRequest,
  status: string,
  information: number,
  ddi: string,
): void => {
  if (!owned(sim, request, ddi)) return;
  if (request.cancelRoutine !== null) {
    sim.report(
      "CompleteCanceledReq",
      "BUG-03",
      `${request.id} is completed while still cancelable (${request.cancelRoutine}); call WdfRequestUnmarkCancelable first`,
      `${request.id}:cancelable`,
    );
  }
  request.state = "completed";
  request.status = status;
  request.information = information;
  const queue = request.queue;
  queue?.release(request);
  sim.engine.emit({
    t: sim.engine.now,
    type: "request-complete",
    track: sim.engine.track(task.cpu),
    request: request.id,
    status,
  });
  queue?.run("guarded"); // DSP-02/DSP-04: the completing thread runs the dispatcher if none is active
};

const deferredEnqueue = (sim: Simulator, id: string, event: string, ddi: string): boolean => {
  const cb = sim.callback(id, event);
  if (cb === undefined) {
    sim.report(
      "InvalidHandle",
      "BUG-33",
      `${ddi}(${id}): no such object with ${event} (or its creation failed)`,
      `${id}:${ddi}`,
      "WDF_VIOLATION 0x10D, parameter 1 = 0x5 (WDF_INVALID_HANDLE)",
    );
    return false;
  }
  // 6.2 / 6.4: queued and not yet started -> the second enqueue is ignored.
  if (sim.queuedDeferred.has(id)) return false;
  sim.queuedDeferred.add(id);
  // Once it has started, it can be queued again (and a second instance may overlap it, S-9).
  sim.invoke(cb, [id], { readyAt: sim.engine.now, onStart: () => sim.queuedDeferred.delete(id) });
  return true;
};

/** The context a callback receives: one small object per call, methods on the prototype. */
class SimContext implements WdfContext {
  constructor(
    private readonly sim: Simulator,
    private readonly task: RunningTask,
  ) {}
  get now(): number {
    return this.sim.engine.now;
  }
  cell<T>(name: string, initial: T): Cell<T> {
    return this.sim.cell(name, initial);
  }
  stall(us: number): Promise<void> {
    return this.sim.engine.suspendUntil(this.sim.engine.now + Math.max(0, us));
  }
  yield(): Promise<void> {
    return this.sim.engine.suspendUntil(this.sim.engine.now);
  }
  WdfRequestComplete(request: SimRequest, status: string): void {
    complete(this.sim, this.task, request, status, 0, "WdfRequestComplete");
  }
  WdfRequestCompleteWithInformation(request: SimRequest, status: string, information: number): void {
    complete(this.sim, this.task, request, status, information, "WdfRequestComplete");
  }
  WdfRequestForwardToIoQueue(request: SimRequest, queueId: string): string {
    return forward(this.sim, request, queueId);
  }
  WdfRequestMarkCancelable(request: SimRequest, routine: string): void {
    if (owned(this.sim, request, "WdfRequestMarkCancelable")) request.cancelRoutine = routine;
  }
  WdfRequestUnmarkCancelable(request: SimRequest): string {
    if (!owned(this.sim, request, "WdfRequestUnmarkCancelable")) return "STATUS_INVALID_DEVICE_REQUEST";
    request.cancelRoutine = null;
    return "STATUS_SUCCESS";
  }
  WdfIoQueueRetrieveNextRequest(queueId: string): { status: string; request: SimRequest | null } {
    const r = this.sim.queues.get(queueId)?.retrieveNext() ?? "STATUS_INVALID_DEVICE_REQUEST";
    if (typeof r === "string") return { status: r, request: null };
    r.state = "driver-owned";
    return { status: "STATUS_SUCCESS", request: r };
  }
  WdfWorkItemEnqueue(id: string): void {
    deferredEnqueue(this.sim, id, "EvtWorkItem", "WdfWorkItemEnqueue");
  }
  WdfDpcEnqueue(id: string): boolean {
    return deferredEnqueue(this.sim, id, "EvtDpcFunc", "WdfDpcEnqueue");
  }
  WdfTimerStart(id: string, due: number): boolean {
    const cb = this.sim.callback(id, "EvtTimerFunc");
    if (cb === undefined) return false;
    this.sim.invoke(cb, [id], { readyAt: this.sim.engine.now + Math.max(0, due) });
    return true;
  }
  WdfObjectAcquireLock(objectId: string): void {
    acquireObjectLock(this.sim, this.task, objectId);
  }
  WdfObjectReleaseLock(objectId: string): void {
    const lock = this.sim.object(objectId)?.presentationLock;
    const i = lock ? this.task.locks.lastIndexOf(lock.id) : -1;
    if (i < 0)
      this.sim.report(
        "WdfSpinlock",
        "L-4",
        `WdfObjectReleaseLock(${objectId}) by a thread that does not hold it`,
        `${objectId}:release`,
      );
    else this.task.locks.splice(i, 1);
  }
}

const forward = (sim: Simulator, request: SimRequest, queueId: string): string => {
  if (!owned(sim, request, "WdfRequestForwardToIoQueue")) return "STATUS_INVALID_DEVICE_REQUEST";
  const source = request.queue;
  const dest = sim.queues.get(queueId);
  if (dest === undefined || dest === source) return "STATUS_INVALID_DEVICE_REQUEST";
  source?.release(request);
  request.state = "pending";
  if (!dest.arrive(request)) return "STATUS_WDF_BUSY";
  source?.run("guarded"); // 6.2: the source slot is released after the destination accepted it
  return "STATUS_SUCCESS";
};

const acquireObjectLock = (sim: Simulator, task: RunningTask, objectId: string): void => {
  const lock = sim.object(objectId)?.presentationLock;
  if (!lock) {
    sim.report(
      "WdfObjectAcquireLock",
      "A-2",
      `WdfObjectAcquireLock(${objectId}): the object has no presentation lock`,
      objectId,
      "WDF_VIOLATION 0x10D, parameter 1 = 0xB (WDF_INVALID_LOCK_OPERATION)",
    );
    return;
  }
  if (task.locks.includes(lock.id)) {
    sim.report(
      "WdfSpinlock",
      "A-5",
      `WdfObjectAcquireLock(${objectId}) while this thread already holds ${lock.id}`,
      `${lock.id}:recursive`,
      "WDF_VIOLATION 0x10D, parameter 1 = 0x2 (WDF_RECURSIVE_LOCK)",
    );
    return;
  }
  task.locks.push(lock.id);
};

export const makeContext = (sim: Simulator, task: RunningTask): WdfContext => new SimContext(sim, task);
