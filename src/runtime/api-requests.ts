// WdfRequest* in the simulation (queues spec 9 and 10): completion, forward, requeue,
// cancelable marking, stop acknowledgement, with the verifier checks each makes (section 14).

import type { RunningTask } from "./engine.js";
import type { Routine } from "./framework-api.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

/** REQ-01 / BUG-01 / BUG-02: the request must be driver-owned. */
export const owned = (sim: Simulator, request: SimRequest, ddi: string): boolean => {
  if (request.state === "completed") {
    // BUG-02: the second completion is stopped by the ownership check (verifier) — a driver bug.
    sim.report(
      ddi.startsWith("WdfRequestComplete") ? "DoubleCompletion" : "InvalidReqAccess",
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

export const complete = (
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

export const forward = (sim: Simulator, request: SimRequest, queueId: string): string => {
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

const notYet = (ddi: string): Error => new Error(`${ddi} is not simulated yet`);

export const requeue = (_sim: Simulator, _request: SimRequest): string => {
  throw notYet("WdfRequestRequeue");
};

export const markCancelable = (
  sim: Simulator,
  request: SimRequest,
  routine: Routine,
  ex: boolean,
): string => {
  if (!owned(sim, request, ex ? "WdfRequestMarkCancelableEx" : "WdfRequestMarkCancelable"))
    return "STATUS_INVALID_DEVICE_REQUEST";
  request.cancelRoutine = typeof routine === "string" ? routine : routine.name;
  return "STATUS_SUCCESS";
};

export const unmarkCancelable = (sim: Simulator, request: SimRequest): string => {
  if (!owned(sim, request, "WdfRequestUnmarkCancelable")) return "STATUS_INVALID_DEVICE_REQUEST";
  request.cancelRoutine = null;
  return "STATUS_SUCCESS";
};

export const isCanceled = (_sim: Simulator, request: SimRequest): boolean => request.irpCancel;

export const stopAcknowledge = (_sim: Simulator, _request: SimRequest, _requeue: boolean): void => {
  throw notYet("WdfRequestStopAcknowledge");
};
