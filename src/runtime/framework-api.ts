// The WDF API driver callbacks call in the simulation, with WDF's names (ctx.WdfRequestComplete,
// ctx.WdfWorkItemEnqueue, ...). This file is the surface only: each area's semantics and verifier
// checks live in its own module (api-requests, api-queues, api-deferred, api-locks).
//
// Calls that may have to wait in the real framework (a lock held elsewhere, a flush, a
// …Synchronously queue call) return a Promise: `await` them in an async callback. A synchronous
// callback is one atomic step, so it cannot wait; when such a call would have to, the run reports
// it (see blocking.ts).

import * as deferred from "./api-deferred.js";
import * as locks from "./api-locks.js";
import * as queues from "./api-queues.js";
import * as requests from "./api-requests.js";
import type { Cell, CellArray, CellMap } from "./cells.js";
import type { RunningTask } from "./engine.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

/** A callback routine passed to a DDI: the function itself, or its name. */
// biome-ignore lint/complexity/noBannedTypes: any driver function may be passed as a routine.
export type Routine = Function | string;

/** WdfIoQueueGetState: the WDF_IO_QUEUE_STATE bits (7.1) and the two counts. */
export interface QueueStateSnapshot {
  readonly acceptRequests: boolean;
  readonly dispatchRequests: boolean;
  readonly noRequests: boolean;
  readonly driverNoRequests: boolean;
  readonly pnpHeld: boolean;
  /** The WDF_IO_QUEUE_STATE value (bit mask). */
  readonly state: number;
  readonly queueCount: number;
  readonly driverCount: number;
}

export interface RequestResult {
  readonly status: string;
  readonly request: SimRequest | null;
}

export interface WdfContext {
  /** Virtual time in microseconds. */
  readonly now: number;
  /** The processor this callback runs on. */
  readonly processor: number;
  /** Shared driver state whose reads and writes the race detector sees. */
  cell<T>(name: string, initial: T): Cell<T>;
  /** A shared array: each element is its own cell (`name[i]`), the length another. */
  cellArray<T>(name: string, initial?: readonly T[]): CellArray<T>;
  /** A shared map: each key is its own cell (`name["key"]`), the key set another (`name.keys`). */
  cellMap<K extends string | number, V>(name: string): CellMap<K, V>;
  /** Busy time on this processor (KeStallExecutionProcessor); other processors keep running. */
  stall(microseconds: number): Promise<void>;
  /** A scheduling point: other simulated threads may run before this one continues. */
  yield(): Promise<void>;

  // Requests (api-requests.ts)
  WdfRequestComplete(request: SimRequest, status: string): void;
  WdfRequestCompleteWithInformation(request: SimRequest, status: string, information: number): void;
  WdfRequestForwardToIoQueue(request: SimRequest, queue: string): string;
  WdfRequestRequeue(request: SimRequest): string;
  WdfRequestMarkCancelable(request: SimRequest, routine: Routine): void;
  WdfRequestMarkCancelableEx(request: SimRequest, routine: Routine): string;
  WdfRequestUnmarkCancelable(request: SimRequest): string;
  WdfRequestIsCanceled(request: SimRequest): boolean;
  WdfRequestStopAcknowledge(request: SimRequest, requeue: boolean): void;
  WdfRequestGetIoQueue(request: SimRequest): string | null;
  WdfRequestGetFileObject(request: SimRequest): string | null;

  // Queues (api-queues.ts)
  WdfIoQueueStart(queue: string): void;
  WdfIoQueueStop(queue: string, callback?: Routine | null): void;
  WdfIoQueueStopSynchronously(queue: string): Promise<void>;
  WdfIoQueueStopAndPurge(queue: string, callback?: Routine | null): void;
  WdfIoQueueStopAndPurgeSynchronously(queue: string): Promise<void>;
  WdfIoQueueDrain(queue: string, callback?: Routine | null): void;
  WdfIoQueueDrainSynchronously(queue: string): Promise<void>;
  WdfIoQueuePurge(queue: string, callback?: Routine | null): void;
  WdfIoQueuePurgeSynchronously(queue: string): Promise<void>;
  WdfIoQueueReadyNotify(queue: string, callback: Routine | null): string;
  WdfIoQueueGetState(queue: string): QueueStateSnapshot;
  WdfIoQueueRetrieveNextRequest(queue: string): RequestResult;
  WdfIoQueueRetrieveRequestByFileObject(queue: string, fileObject: string): RequestResult;
  WdfIoQueueFindRequest(queue: string, tag?: SimRequest | null, fileObject?: string | null): RequestResult;
  WdfIoQueueRetrieveFoundRequest(queue: string, found: SimRequest): RequestResult;

  // Work items, timers, DPCs, interrupts (api-deferred.ts)
  WdfWorkItemEnqueue(workItem: string): void;
  WdfWorkItemFlush(workItem: string): Promise<void>;
  WdfTimerStart(timer: string, dueMicroseconds: number): boolean;
  WdfTimerStop(timer: string, wait: boolean): Promise<boolean>;
  WdfDpcEnqueue(dpc: string): boolean;
  WdfDpcCancel(dpc: string, wait: boolean): Promise<boolean>;
  WdfInterruptQueueDpcForIsr(interrupt: string): boolean;
  WdfInterruptQueueWorkItemForIsr(interrupt: string): boolean;
  WdfInterruptAcquireLock(interrupt: string): Promise<void>;
  WdfInterruptReleaseLock(interrupt: string): void;
  WdfInterruptSynchronize(interrupt: string, callback: (ctx: WdfContext) => boolean): Promise<boolean>;

  // Locks (api-locks.ts)
  WdfObjectAcquireLock(object: string): Promise<void>;
  WdfObjectReleaseLock(object: string): void;
  WdfSpinLockAcquire(spinLock: string): Promise<void>;
  WdfSpinLockRelease(spinLock: string): void;
  /** timeoutMicroseconds: undefined waits forever; 0 tries once (allowed at DISPATCH_LEVEL). */
  WdfWaitLockAcquire(waitLock: string, timeoutMicroseconds?: number): Promise<string>;
  WdfWaitLockRelease(waitLock: string): void;
}

/** The context a callback receives: one small object per call, methods on the prototype. */
class SimContext implements WdfContext {
  constructor(
    private readonly sim: Simulator,
    private readonly task: RunningTask,
  ) {}
  get now(): number {
    return this.sim.engine.now;
  }
  get processor(): number {
    return this.task.cpu;
  }
  cell<T>(name: string, initial: T): Cell<T> {
    return this.sim.cell(name, initial);
  }
  cellArray<T>(name: string, initial: readonly T[] = []): CellArray<T> {
    return this.sim.cellArray(name, initial);
  }
  cellMap<K extends string | number, V>(name: string): CellMap<K, V> {
    return this.sim.cellMap<K, V>(name);
  }
  stall(us: number): Promise<void> {
    return this.sim.engine.suspendUntil(this.sim.engine.now + Math.max(0, us), this.task);
  }
  yield(): Promise<void> {
    return this.sim.engine.suspendUntil(this.sim.engine.now, this.task);
  }

  WdfRequestComplete(request: SimRequest, status: string): void {
    requests.complete(this.sim, this.task, request, status, 0, "WdfRequestComplete");
  }
  WdfRequestCompleteWithInformation(request: SimRequest, status: string, information: number): void {
    requests.complete(this.sim, this.task, request, status, information, "WdfRequestCompleteWithInformation");
  }
  WdfRequestForwardToIoQueue(request: SimRequest, queue: string): string {
    return requests.forward(this.sim, request, queue);
  }
  WdfRequestRequeue(request: SimRequest): string {
    return requests.requeue(this.sim, request);
  }
  WdfRequestMarkCancelable(request: SimRequest, routine: Routine): void {
    requests.markCancelable(this.sim, request, routine, false);
  }
  WdfRequestMarkCancelableEx(request: SimRequest, routine: Routine): string {
    return requests.markCancelable(this.sim, request, routine, true);
  }
  WdfRequestUnmarkCancelable(request: SimRequest): string {
    return requests.unmarkCancelable(this.sim, request);
  }
  WdfRequestIsCanceled(request: SimRequest): boolean {
    return requests.isCanceled(this.sim, request);
  }
  WdfRequestStopAcknowledge(request: SimRequest, requeue: boolean): void {
    requests.stopAcknowledge(this.sim, request, requeue);
  }
  WdfRequestGetIoQueue(request: SimRequest): string | null {
    return request.state === "completed" ? null : (request.queue?.id ?? null);
  }
  WdfRequestGetFileObject(request: SimRequest): string | null {
    return request.fileObject;
  }

  WdfIoQueueStart(queue: string): void {
    queues.start(this.sim, queue);
  }
  WdfIoQueueStop(queue: string, callback?: Routine | null): void {
    queues.stop(this.sim, queue, callback ?? null, false);
  }
  WdfIoQueueStopSynchronously(queue: string): Promise<void> {
    return queues.stopSynchronously(this.sim, queue, false);
  }
  WdfIoQueueStopAndPurge(queue: string, callback?: Routine | null): void {
    queues.stop(this.sim, queue, callback ?? null, true);
  }
  WdfIoQueueStopAndPurgeSynchronously(queue: string): Promise<void> {
    return queues.stopSynchronously(this.sim, queue, true);
  }
  WdfIoQueueDrain(queue: string, callback?: Routine | null): void {
    queues.drainOrPurge(this.sim, queue, callback ?? null, "Drain");
  }
  WdfIoQueueDrainSynchronously(queue: string): Promise<void> {
    return queues.drainOrPurgeSynchronously(this.sim, queue, "Drain");
  }
  WdfIoQueuePurge(queue: string, callback?: Routine | null): void {
    queues.drainOrPurge(this.sim, queue, callback ?? null, "Purge");
  }
  WdfIoQueuePurgeSynchronously(queue: string): Promise<void> {
    return queues.drainOrPurgeSynchronously(this.sim, queue, "Purge");
  }
  WdfIoQueueReadyNotify(queue: string, callback: Routine | null): string {
    return queues.readyNotify(this.sim, queue, callback);
  }
  WdfIoQueueGetState(queue: string): QueueStateSnapshot {
    return queues.getState(this.sim, queue);
  }
  WdfIoQueueRetrieveNextRequest(queue: string): RequestResult {
    return queues.retrieve(this.sim, queue, { kind: "next" });
  }
  WdfIoQueueRetrieveRequestByFileObject(queue: string, fileObject: string): RequestResult {
    return queues.retrieve(this.sim, queue, { kind: "file", fileObject });
  }
  WdfIoQueueFindRequest(queue: string, tag?: SimRequest | null, fileObject?: string | null): RequestResult {
    return queues.find(this.sim, queue, tag ?? null, fileObject ?? null);
  }
  WdfIoQueueRetrieveFoundRequest(queue: string, found: SimRequest): RequestResult {
    return queues.retrieve(this.sim, queue, { kind: "found", found });
  }

  WdfWorkItemEnqueue(workItem: string): void {
    deferred.workItemEnqueue(this.sim, workItem);
  }
  WdfWorkItemFlush(workItem: string): Promise<void> {
    return deferred.workItemFlush(this.sim, this.task, workItem);
  }
  WdfTimerStart(timer: string, dueMicroseconds: number): boolean {
    return deferred.timerStart(this.sim, this.task, timer, dueMicroseconds);
  }
  WdfTimerStop(timer: string, wait: boolean): Promise<boolean> {
    return deferred.timerStop(this.sim, this.task, timer, wait);
  }
  WdfDpcEnqueue(dpc: string): boolean {
    return deferred.dpcEnqueue(this.sim, this.task, dpc);
  }
  WdfDpcCancel(dpc: string, wait: boolean): Promise<boolean> {
    return deferred.dpcCancel(this.sim, this.task, dpc, wait);
  }
  WdfInterruptQueueDpcForIsr(interrupt: string): boolean {
    return deferred.queueDpcForIsr(this.sim, this.task, interrupt);
  }
  WdfInterruptQueueWorkItemForIsr(interrupt: string): boolean {
    return deferred.queueWorkItemForIsr(this.sim, this.task, interrupt);
  }
  WdfInterruptAcquireLock(interrupt: string): Promise<void> {
    return deferred.interruptAcquireLock(this.sim, this.task, interrupt);
  }
  WdfInterruptReleaseLock(interrupt: string): void {
    deferred.interruptReleaseLock(this.sim, this.task, interrupt);
  }
  WdfInterruptSynchronize(interrupt: string, callback: (ctx: WdfContext) => boolean): Promise<boolean> {
    return deferred.interruptSynchronize(this.sim, this.task, interrupt, (task) =>
      callback(makeContext(this.sim, task)),
    );
  }

  WdfObjectAcquireLock(object: string): Promise<void> {
    return locks.objectAcquireLock(this.sim, this.task, object);
  }
  WdfObjectReleaseLock(object: string): void {
    locks.objectReleaseLock(this.sim, this.task, object);
  }
  WdfSpinLockAcquire(spinLock: string): Promise<void> {
    return locks.spinLockAcquire(this.sim, this.task, spinLock);
  }
  WdfSpinLockRelease(spinLock: string): void {
    locks.spinLockRelease(this.sim, this.task, spinLock);
  }
  WdfWaitLockAcquire(waitLock: string, timeoutMicroseconds?: number): Promise<string> {
    return locks.waitLockAcquire(this.sim, this.task, waitLock, timeoutMicroseconds);
  }
  WdfWaitLockRelease(waitLock: string): void {
    locks.waitLockRelease(this.sim, this.task, waitLock);
  }
}

export const makeContext = (sim: Simulator, task: RunningTask): WdfContext => new SimContext(sim, task);
