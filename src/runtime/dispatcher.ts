// One I/O queue at run time and its dispatcher (queues spec section 4, simplified): full vs
// guarded entry (DSP-01, DSP-02), no re-entry from completion (DSP-03), presentation on the
// completing thread's behalf (DSP-04), gates that count driver-owned requests, not running
// callbacks (DSP-08, DSP-S11, DSP-S12), ReadyNotify on transition from empty (DSP-S10, DSP-20).
// Each presentation is a task that holds the queue's presentation lock (from the model).

import type { QueueObjectConfig } from "../model/config.js";
import type { ResolvedObject } from "../model/resolved.js";
import type { SimRequest } from "./request.js";

export interface QueueHost {
  /** Spawns the task that presents `request` (or delivers ReadyNotify when request is null). */
  present(queue: RuntimeQueue, request: SimRequest | null): void;
  /** Completes a request the framework itself finishes (no handler: STATUS_INVALID_DEVICE_REQUEST). */
  frameworkComplete(request: SimRequest, status: string): void;
}

export class RuntimeQueue {
  readonly id: string;
  readonly config: QueueObjectConfig;
  readonly pending: SimRequest[] = [];
  readonly driverOwned: SimRequest[] = [];
  /** m_Dispatching: dispatcher activations (presentation tasks count while they run). */
  dispatching = 0;
  accept = true;
  dispatch = true;
  transitionFromEmpty = false;
  readonly maxPresented: number;

  constructor(
    readonly resolved: ResolvedObject,
    private readonly host: QueueHost,
  ) {
    if (resolved.config.kind !== "queue") throw new Error(`${resolved.id} is not a queue`);
    this.id = resolved.id;
    this.config = resolved.config;
    // CFG-11: Parallel uses NumberOfPresentedRequests (null = unlimited); the others present one.
    this.maxPresented =
      this.config.dispatchType === "Parallel"
        ? (this.config.numberOfPresentedRequests ?? Number.POSITIVE_INFINITY)
        : 1;
  }

  get lock(): string | null {
    return this.resolved.callbackLock?.id ?? null;
  }

  /** DSP-S11 / DSP-S12: may the dispatcher present another request now? */
  private gateOpen(): boolean {
    if (!this.dispatch) return false;
    if (this.config.dispatchType === "Manual") return false;
    return this.driverOwned.length < this.maxPresented;
  }

  /** ARR-01..ARR-03: a request arrives (full entry). */
  arrive(request: SimRequest): boolean {
    if (!this.accept) return false;
    request.queue = this;
    if (this.pending.length === 0) this.transitionFromEmpty = true; // DSP-20
    this.pending.push(request);
    this.run("full");
    return true;
  }

  /** DSP-01 / DSP-02: full entry always runs the loop; guarded entry only if no activation is active. */
  run(entry: "full" | "guarded"): void {
    if (entry === "guarded" && this.dispatching > 0) return;
    this.dispatching++;
    try {
      this.loop();
    } finally {
      this.dispatching--;
    }
  }

  private loop(): void {
    for (;;) {
      if (this.config.dispatchType === "Manual") {
        // DSP-S10: one ReadyNotify delivery per transition from empty.
        const ready = this.config.callbacks.some(
          (c) => c.event === "EvtIoQueueState" && c.registration === "ReadyNotify",
        );
        if (ready && this.dispatch && this.transitionFromEmpty && this.pending.length > 0) {
          this.transitionFromEmpty = false;
          this.host.present(this, null);
        }
        return;
      }
      if (!this.gateOpen()) return;
      const request = this.pending.shift();
      if (request === undefined) return;
      this.driverOwned.push(request); // DSP-S14: counted before the callback runs
      this.host.present(this, request);
    }
  }

  /** The driver gave a request back (complete, forward, requeue): the slot is free (6.2). */
  release(request: SimRequest): void {
    const i = this.driverOwned.indexOf(request);
    if (i >= 0) this.driverOwned.splice(i, 1);
  }

  /** WdfIoQueueRetrieveNextRequest (8.1): Parallel queues refuse; the request becomes driver-owned. */
  retrieveNext():
    | SimRequest
    | "STATUS_INVALID_DEVICE_STATE"
    | "STATUS_WDF_PAUSED"
    | "STATUS_NO_MORE_ENTRIES" {
    if (this.config.dispatchType === "Parallel") return "STATUS_INVALID_DEVICE_STATE";
    if (!this.dispatch) return "STATUS_WDF_PAUSED";
    const request = this.pending.shift();
    if (request === undefined) return "STATUS_NO_MORE_ENTRIES";
    this.driverOwned.push(request);
    return request;
  }
}
