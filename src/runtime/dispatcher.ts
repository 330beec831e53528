// One I/O queue at run time and its dispatcher, FxIoQueue::DispatchEvents as the queues spec
// section 4 describes it: full vs guarded entry (DSP-01/02), deferral (DSP-10/11), the loop steps
// DSP-S1..S14 in order, the power machine of 11.2 (queue-power.ts) and the state-change slots of
// 7.2. A callback the loop delivers runs inline on the dispatching thread when it can (DSP-04);
// when it becomes a task of its own (async, or its lock is busy) the activation moves with it and
// the loop continues when that callback returns, as the real thread would after the call.

import type { QueueObjectConfig } from "../model/config.js";
import type { ResolvedCallback, ResolvedObject } from "../model/resolved.js";
import { type PowerState, powerStep } from "./queue-power.js";
import type { Cause } from "./races.js";
import type { SimRequest } from "./request.js";

/** What the loop hands the driver (each a callback of this queue). */
export type Delivery =
  | { readonly kind: "request"; readonly request: SimRequest }
  | { readonly kind: "ready" }
  | { readonly kind: "cancel"; readonly request: SimRequest; readonly routine: string }
  | { readonly kind: "canceledOnQueue"; readonly request: SimRequest }
  | { readonly kind: "slot"; readonly slot: StateSlot }
  | { readonly kind: "stop"; readonly request: SimRequest; readonly flags: number }
  | { readonly kind: "resume"; readonly request: SimRequest };

/** A Stop-slot or Drain/Purge-slot registration (OPS-06): the driver's callback and/or a waiter. */
export interface StateSlot {
  readonly registration: "Stop" | "StopAndPurge" | "Drain" | "Purge";
  readonly callback: ResolvedCallback | null;
  /** The …Synchronously caller's event. */
  readonly signal: (() => void) | null;
}

export interface QueueHost {
  /** Runs the callback for `d`; true when it ran inline, else `then` runs when it returns. */
  deliver(queue: RuntimeQueue, d: Delivery, then: () => void): boolean;
  /** The framework completes a request itself (no handler, cancelled in the queue, zero length). */
  frameworkComplete(request: SimRequest, status: string): void;
  /** DSP-10/11: run the dispatcher later from the queue's DPC or work item. */
  deferDispatch(queue: RuntimeQueue): void;
  /** The IRQL of the running code and whether it holds `lock` (for DSP-10/11). */
  callerIrql(): string | null;
  callerHolds(lock: string): boolean;
}

export class RuntimeQueue {
  readonly id: string;
  readonly config: QueueObjectConfig;
  readonly maxPresented: number;
  readonly powerManaged: boolean;
  /** m_Queue: presentable requests, FIFO (requeue inserts at the head). */
  readonly pending: SimRequest[] = [];
  /** m_DriverOwned: presented/retrieved and not in a power notification list. */
  readonly driverOwned: SimRequest[] = [];
  /** m_DriverCancelable. */
  readonly driverCancelable: Set<SimRequest> = new Set();
  /** m_Cancelled: EvtRequestCancel still to be delivered (routine names kept alongside). */
  readonly cancelledForDriver: Array<{ request: SimRequest; routine: string }> = [];
  /** m_CanceledOnQueueList. */
  readonly canceledOnQueue: SimRequest[] = [];
  readonly powerNotify: SimRequest[] = [];
  readonly powerDriverNotified: SimRequest[] = [];
  /** m_DriverIoCount: every driver-owned request of this queue (6.1). */
  driverIoCount = 0;
  /** m_Dispatching: dispatcher activations, including ones parked in a callback task. */
  dispatching = 0;
  accept = true;
  dispatch = true;
  shutdown = false;
  powerState: PowerState = "On";
  transitionFromEmpty = false;
  cancelDispatchedRequests = false;
  /** ReadyNotify registered (a declared readyNotify counts as registered at creation). */
  readyNotify: ResolvedCallback | null;
  /** The registration came from the model's declaration, not yet from a WdfIoQueueReadyNotify call. */
  readyNotifyFromModel: boolean;
  stopSlot: StateSlot | null = null;
  purgeSlot: StateSlot | null = null;
  /** The last hand-back of a request (completion, forward): the next presentation follows it (races.ts). */
  lastRelease: Cause | null = null;
  /** The queue's DPC / work item is queued or running (DSP-12: at most once). */
  deferredQueued = false;
  /** m_RequeueDeferredDispatcher: asked for again while it ran. */
  requeueDeferred = false;

  constructor(
    readonly resolved: ResolvedObject,
    readonly host: QueueHost,
    readyNotify: ResolvedCallback | null,
  ) {
    if (resolved.config.kind !== "queue") throw new Error(`${resolved.id} is not a queue`);
    this.id = resolved.id;
    this.config = resolved.config;
    this.readyNotify = readyNotify;
    this.readyNotifyFromModel = readyNotify !== null;
    this.powerManaged = resolved.powerManaged === true;
    // CFG-11: Parallel uses NumberOfPresentedRequests (null = unlimited); the others present one.
    this.maxPresented =
      this.config.dispatchType === "Parallel"
        ? (this.config.numberOfPresentedRequests ?? Number.POSITIVE_INFINITY)
        : 1;
  }

  get level(): string {
    return this.resolved.level;
  }

  /** The presentation lock the queue's callbacks take (scope Queue/Device), or null. */
  get lock(): string | null {
    return this.resolved.callbackLock?.id ?? null;
  }

  /** DSP-S3 / S4 `total`: pending plus driver-owned. */
  get total(): number {
    return this.pending.length + this.driverIoCount;
  }

  /** DSP-20: an insertion that makes `pending` non-empty is a transition from empty. */
  insertPending(request: SimRequest, atHead: boolean): void {
    request.queue = this;
    request.state = "pending";
    if (atHead) this.pending.unshift(request);
    else this.pending.push(request);
    if (this.pending.length === 1) this.transitionFromEmpty = true;
  }

  /** ARR-01..03 and forward into the queue: false when the queue does not accept (15: the caller
   * completes it with STATUS_INVALID_DEVICE_STATE, or forward answers STATUS_WDF_BUSY). */
  arrive(request: SimRequest): boolean {
    if (!this.accept) return false;
    this.insertPending(request, false);
    // FWD-02 / 4.2 "insert new": an IRP cancelled before it got here is cancelled right away.
    if (request.irpCancel) this.cancelForQueue(request);
    this.run("full");
    return true;
  }

  /** DSP-01 / DSP-02: full entry always runs the loop; guarded entry only if no activation is active. */
  run(entry: "full" | "guarded"): void {
    if (entry === "guarded" && this.dispatching > 0) return;
    if (this.mustDefer()) {
      this.host.deferDispatch(this);
      return;
    }
    this.dispatching++;
    this.activate();
  }

  /** DSP-10 (passive queue, caller above PASSIVE_LEVEL) and DSP-11 (caller holds the presentation lock). */
  private mustDefer(): boolean {
    const irql = this.host.callerIrql();
    if (irql === null) return false;
    if (this.level === "Passive" && irql !== "PASSIVE_LEVEL") return true;
    const lock = this.lock;
    return lock !== null && this.host.callerHolds(lock);
  }

  /** Runs the loop for an activation already counted in `dispatching`. */
  private activate(): void {
    if (!this.loop()) this.dispatching--;
  }

  /** Delivers `d`; when its callback became a task the activation parks there (returns true). */
  private hand(d: Delivery, after?: () => void): boolean {
    let parked = false;
    const inline = this.host.deliver(this, d, () => {
      after?.();
      if (parked) this.activate();
    });
    if (inline) after?.();
    parked = !inline;
    return parked;
  }

  private get notifying(): boolean {
    return (
      this.powerState === "StoppingNotifyingDriver" ||
      this.powerState === "PurgeNotifyingDriver" ||
      this.powerState === "RestartingNotifyingDriver"
    );
  }

  /** The loop body (4.2). Returns true when the activation parked in a callback task. */
  private loop(): boolean {
    for (;;) {
      // DSP-S1 / S2 (CAN-21, CAN-30), postponed while EvtIoStop/Resume are delivered (CAN-24).
      if (this.cancelledForDriver.length > 0 && !this.notifying) {
        const { request, routine } = this.cancelledForDriver.shift()!;
        request.cancelRoutine = null; // CAN-23: each registration fires at most once
        if (this.hand({ kind: "cancel", request, routine })) return true;
        continue;
      }
      if (this.canceledOnQueue.length > 0 && !this.notifying) {
        const request = this.canceledOnQueue.shift()!;
        if (this.hand({ kind: "canceledOnQueue", request })) return true;
        continue;
      }
      // DSP-S3: the Stop slot fires once nothing is driver-owned, in the sole activation (DSP-05).
      if (this.stopSlot !== null && this.dispatching === 1 && this.driverIoCount === 0) {
        const slot = this.stopSlot;
        this.stopSlot = null;
        this.cancelDispatchedRequests = false;
        if (this.fireSlot(slot)) return true;
        continue;
      }
      // DSP-S4: the Drain/Purge slot fires once nothing is pending or owned.
      if (this.purgeSlot !== null && this.total === 0 && this.dispatching === 1) {
        const slot = this.purgeSlot;
        this.purgeSlot = null;
        this.cancelDispatchedRequests = false;
        if (this.fireSlot(slot)) return true;
        continue;
      }
      // DSP-S6: one step of the power machine (11.2).
      if (this.powerState !== "On" && this.powerState !== "Off") {
        const step = powerStep(this);
        if (step === "leave") return false;
        if (step !== "again" && this.hand(step)) return true;
        continue;
      }
      if (this.powerState === "Off") return false; // DSP-S8
      if (!this.dispatch) return false; // DSP-S9
      if (this.config.dispatchType === "Manual") {
        // DSP-S10 / RDY-01: one ReadyNotify per transition from empty.
        if (this.readyNotify !== null && this.transitionFromEmpty) {
          this.transitionFromEmpty = false;
          if (this.hand({ kind: "ready" })) return true;
          continue;
        }
        return false;
      }
      if (this.driverIoCount >= this.maxPresented) return false; // DSP-S11 / S12
      const request = this.pending.shift(); // DSP-S13
      if (request === undefined) return false;
      this.own(request); // DSP-S14: counted before the callback runs
      if (this.presentOrAutoComplete(request)) return true;
    }
  }

  private fireSlot(slot: StateSlot): boolean {
    if (slot.callback === null) {
      slot.signal?.();
      return false;
    }
    return this.hand({ kind: "slot", slot }, () => slot.signal?.());
  }

  /** PRS-02 zero-length rule, then the callback. True when the activation parked. */
  private presentOrAutoComplete(request: SimRequest): boolean {
    if (this.completesZeroLength(request) && this.hasHandlerFor(request)) {
      this.host.frameworkComplete(request, "STATUS_SUCCESS"); // PRS-02, PRS-05
      return false;
    }
    request.presented = true; // PRS-04
    return this.hand({ kind: "request", request });
  }

  /** PRS-02 / MAN-05: a READ or WRITE of length 0 on a queue without AllowZeroLengthRequests. */
  completesZeroLength(request: SimRequest): boolean {
    const length = request.type === "Read" ? request.outputLength : request.inputLength;
    return (
      (request.type === "Read" || request.type === "Write") &&
      length === 0 &&
      !this.config.allowZeroLengthRequests
    );
  }

  /** The queue registered `event` (WDF_IO_QUEUE_CONFIG). */
  has(event: string): boolean {
    return this.config.callbacks.some((c) => c.event === event);
  }

  private hasHandlerFor(request: SimRequest): boolean {
    return this.has(request.type === "Read" ? "EvtIoRead" : "EvtIoWrite") || this.has("EvtIoDefault");
  }

  /** The request becomes driver-owned by this queue (DSP-S14, MAN-06, CAN-10). */
  own(request: SimRequest): void {
    request.queue = this;
    request.state = "driver-owned";
    this.driverOwned.push(request);
    this.driverIoCount++;
  }

  /** The driver gave a request back (complete, forward, requeue): 6.2, REQ-12. */
  release(request: SimRequest): void {
    if (!removeFrom(this.driverOwned, request) && !removeFrom(this.powerNotify, request))
      removeFrom(this.powerDriverNotified, request);
    this.driverCancelable.delete(request);
    this.driverIoCount--;
  }

  /**
   * CAN-10 (CancelForQueue): a pending request leaves the queue; if it was ever presented and the
   * queue has EvtIoCanceledOnQueue it becomes driver-owned for that callback (DSP-07), otherwise
   * the framework completes it with STATUS_CANCELLED.
   */
  cancelForQueue(request: SimRequest): void {
    const i = this.pending.indexOf(request);
    if (i >= 0) this.pending.splice(i, 1);
    request.fwCanceled = true;
    if (request.presented && this.has("EvtIoCanceledOnQueue")) {
      this.own(request);
      this.canceledOnQueue.push(request);
    } else {
      request.queue = this;
      this.host.frameworkComplete(request, "STATUS_CANCELLED");
    }
  }

  /** CAN-20: a driver-owned cancelable request is taken by the cancel path; EvtRequestCancel follows. */
  cancelForDriver(request: SimRequest): void {
    if (!this.driverCancelable.delete(request)) return;
    request.fwCanceled = true;
    request.cancelTaken = true;
    this.cancelledForDriver.push({ request, routine: request.cancelRoutine ?? "" });
  }

  /** OPS-03: Purge / StopAndPurge cancel what is pending and the driver's cancelable requests. */
  purgeRequests(): void {
    for (const r of [...this.pending]) this.cancelForQueue(r);
    for (const r of [...this.driverCancelable]) this.cancelForDriver(r);
  }

  /** WdfIoQueueGetState (7.1). */
  get pnpHeld(): boolean {
    return this.powerManaged && this.powerState !== "On";
  }
}

/** Removes `item` from `list` (its last occurrence, where a just-completed request usually is). */
const removeFrom = <T>(list: T[], item: T): boolean => {
  const i = list.lastIndexOf(item);
  if (i < 0) return false;
  if (i === list.length - 1) list.pop();
  else list.splice(i, 1);
  return true;
};
