// WdfRequest* in the simulation (queues spec 9 and 10): completion, forward, requeue,
// cancelable marking, stop acknowledgement, with the verifier checks each makes (section 14).

import { NTSTATUS_VALUES } from "../model/ntstatus.js";
import type { RunningTask } from "./engine.js";
import type { Routine } from "./framework-api.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

const BRK = "verifier: STATUS_INVALID_DEVICE_REQUEST and a break; the call is ignored";

/** REQ-01 / BUG-01 / BUG-02: the request must be driver-owned. */
export const owned = (sim: Simulator, request: SimRequest, ddi: string): boolean => {
  if (request.state === "completed") {
    // BUG-02 / REQ-50: a second completion is stopped by the ownership check (verifier).
    sim.report(
      ddi.startsWith("WdfRequestComplete") ? "DoubleCompletion" : "InvalidReqAccess",
      "BUG-02",
      `${ddi} on ${request.id}, which was already completed with ${request.status}`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return false;
  }
  if (request.state !== "driver-owned") {
    sim.report(
      "InvalidReqAccess",
      "BUG-01",
      `${ddi} on ${request.id}, which the driver does not own (it is pending in ${request.queue?.id ?? "no queue"})`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return false;
  }
  return true;
};

/** 9.3 (REQ-05): statuses of the WDF facility are rewritten before the IRP is completed. */
const irpStatus = (status: string): string => {
  if (status === "STATUS_WDF_PAUSED" || status === "STATUS_WDF_BUSY") return "STATUS_DEVICE_BUSY";
  if (status === "STATUS_WDF_INTERNAL_ERROR") return "STATUS_INTERNAL_ERROR";
  if (status === "STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS") return "STATUS_INSUFFICIENT_RESOURCES";
  if (status.startsWith("STATUS_WDF_")) return "STATUS_INVALID_DEVICE_REQUEST";
  return status;
};

/** NT_SUCCESS for the statuses wdfsim knows; an unknown name is not checked (BUG-04 needs success). */
const isSuccess = (status: string): boolean => {
  const value = (NTSTATUS_VALUES as Record<string, number>)[status];
  return value !== undefined && value < 0x80000000;
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
  const queue = request.queue;
  if (queue?.driverCancelable.has(request)) {
    sim.report(
      "CompleteCanceledReq",
      "BUG-03",
      `${request.id} is completed while still cancelable (${request.cancelRoutine}); call WdfRequestUnmarkCancelable first`,
      `${request.id}:cancelable`,
      "verifier: a break; the completion continues",
    );
  }
  const pendingCancel =
    queue !== null && queue.cancelledForDriver.length > 0
      ? queue.cancelledForDriver.findIndex((c) => c.request === request)
      : -1;
  if (pendingCancel >= 0) {
    // BUG-26, and Learn's CompleteCanceledReq rule: the cancel path owns completion now.
    sim.report(
      "CompleteCanceledReq",
      "BUG-26",
      request.unmarkSawCancel
        ? `${request.id} is completed after WdfRequestUnmarkCancelable returned STATUS_CANCELLED: only its EvtRequestCancel may complete it`
        : `${request.id} is completed while its EvtRequestCancel is still to be delivered`,
      `${request.id}:cancel-pending`,
      "verifier: a break (the request is still on a cancellation list)",
    );
    queue!.cancelledForDriver.splice(pendingCancel, 1);
  }
  const onQueueList =
    queue !== null && queue.canceledOnQueue.length > 0 ? queue.canceledOnQueue.indexOf(request) : -1;
  if (onQueueList >= 0) {
    sim.report(
      "CompleteCanceledReq",
      "BUG-26",
      `${request.id} is completed while its EvtIoCanceledOnQueue is still to be delivered`,
      `${request.id}:canceled-on-queue`,
      "verifier: a break (the request is still on a cancellation list)",
    );
    queue!.canceledOnQueue.splice(onQueueList, 1);
  }
  const length = request.type === "Write" ? request.inputLength : request.outputLength;
  if (
    isSuccess(status) &&
    request.type !== "DeviceControlInternal" &&
    request.type !== "Create" &&
    information > length &&
    (request.type !== "DeviceControl" || length > 0)
  ) {
    sim.report(
      "InformationLengthMismatch",
      "BUG-04",
      `${request.id} (${request.type}) is completed with Information ${information} but its buffer is ${length} bytes`,
      `${request.id}:information`,
      "WDF_VIOLATION 0x10D: WDF_REQUEST_FATAL_ERROR, WDF_REQUEST_FATAL_ERROR_INFORMATION_LENGTH_MISMATCH",
    );
  }
  request.state = "completed";
  request.status = irpStatus(status);
  request.information = information;
  queue?.release(request);
  if (queue) queue.lastRelease = sim.causeHere();
  sim.engine.emit({
    t: sim.engine.now,
    type: "request-complete",
    track: sim.engine.track(task.cpu),
    request: request.id,
    status: request.status,
  });
  queue?.run("guarded"); // DSP-02/DSP-04: the completing thread runs the dispatcher if none is active
};

const notCancelable = (sim: Simulator, request: SimRequest, ddi: string): boolean => {
  if (!request.queue?.driverCancelable.has(request)) return true;
  sim.report(
    "InvalidReqAccess",
    "BUG-09",
    `${ddi} on ${request.id}, which is still marked cancelable: call WdfRequestUnmarkCancelable first`,
    `${request.id}:${ddi}:cancelable`,
    BRK,
  );
  return false;
};

/** 9.4 WdfRequestForwardToIoQueue. */
export const forward = (sim: Simulator, request: SimRequest, queueId: string): string => {
  const ddi = "WdfRequestForwardToIoQueue";
  if (!owned(sim, request, ddi) || !notCancelable(sim, request, ddi)) return "STATUS_INVALID_DEVICE_REQUEST";
  const source = request.queue;
  const dest = sim.queueOrReport(queueId, ddi);
  if (dest === undefined) return "STATUS_INVALID_HANDLE";
  if (dest === source || (source !== null && dest.config.device !== source.config.device)) {
    sim.report(
      "InvalidReqAccess",
      "BUG-10",
      `${ddi}(${request.id}, ${queueId}): ${dest === source ? "the destination is the queue the request came from" : "the destination belongs to another device"}`,
      `${request.id}:${ddi}:dest`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  if (!dest.accept) return "STATUS_WDF_BUSY"; // 9.4: the request stays with the source, driver-owned
  source?.release(request);
  if (source) source.lastRelease = sim.causeHere();
  request.arrivalCause = sim.causeHere();
  request.presented = true;
  dest.arrive(request); // FWD-04: the destination may present it before the call returns
  source?.run("guarded"); // 6.2: the source slot is released after the destination accepted it
  return "STATUS_SUCCESS";
};

/** 9.6 WdfRequestRequeue. */
export const requeue = (sim: Simulator, request: SimRequest): string => {
  const ddi = "WdfRequestRequeue";
  const queue = request.queue;
  if (queue === null || request.state === "completed") {
    sim.report(
      "InvalidReqAccess",
      "BUG-13",
      `${ddi} on ${request.id}, which belongs to no queue`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  if (!owned(sim, request, ddi) || !notCancelable(sim, request, ddi)) return "STATUS_INVALID_DEVICE_REQUEST";
  if (queue.config.dispatchType !== "Manual") {
    sim.report(
      "InvalidReqAccess",
      "BUG-13",
      `${ddi} on ${request.id}: ${queue.id} is a ${queue.config.dispatchType} queue; only manual queues take requests back`,
      `${request.id}:${ddi}:manual`,
      "STATUS_INVALID_DEVICE_REQUEST and a break (all builds)",
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  queue.release(request);
  request.arrivalCause = sim.causeHere();
  queue.insertPending(request, true); // back to the head of the queue
  // CAN-40: while a purge is on (or the IRP is cancelled) the request is cancelled instead.
  if (queue.cancelDispatchedRequests || request.irpCancel) queue.cancelForQueue(request);
  queue.run("full"); // DSP-01: ReadyNotify (or EvtIoCanceledOnQueue) may be delivered before this returns (DSP-04a)
  return "STATUS_SUCCESS";
};

const routineName = (routine: Routine): string => (typeof routine === "string" ? routine : routine.name);

/** 10.2 WdfRequestMarkCancelable(Ex). */
export const markCancelable = (
  sim: Simulator,
  request: SimRequest,
  routine: Routine,
  ex: boolean,
): string => {
  const ddi = ex ? "WdfRequestMarkCancelableEx" : "WdfRequestMarkCancelable";
  const queue = request.queue;
  if (queue === null) {
    sim.report(
      "InvalidReqAccess",
      "BUG-14",
      `${ddi} on ${request.id}, which belongs to no queue`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  if (!owned(sim, request, ddi)) return "STATUS_INVALID_DEVICE_REQUEST";
  if (queue.driverCancelable.has(request)) {
    sim.report(
      "InvalidReqAccess",
      "BUG-08",
      `${ddi} on ${request.id}, which is already cancelable`,
      `${request.id}:${ddi}:twice`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  const name = routineName(routine);
  if (sim.callback(queue.id, "EvtRequestCancel", name) === undefined)
    sim.engine.asyncErrors.push({
      task: sim.engine.running?.id ?? "(framework)",
      error: new Error(
        `${ddi}(${request.id}, ${name}): declare ${name} in requestCancel of queue ${queue.id} in the driver model, so explain and run agree on its lock and IRQL (CAN-25)`,
      ),
    });
  if (request.irpCancel || queue.cancelDispatchedRequests) {
    if (ex) return "STATUS_CANCELLED"; // not registered, never called; the driver completes it
    // 10.2: the routine is scheduled as for a real cancel and may run before this call returns.
    request.cancelRoutine = name;
    request.fwCanceled = true;
    request.cancelTaken = true;
    queue.cancelledForDriver.push({ request, routine: name });
    queue.run("guarded");
    return "STATUS_SUCCESS";
  }
  request.cancelRoutine = name;
  queue.driverCancelable.add(request);
  return "STATUS_SUCCESS";
};

/** 10.3 WdfRequestUnmarkCancelable. */
export const unmarkCancelable = (sim: Simulator, request: SimRequest): string => {
  const ddi = "WdfRequestUnmarkCancelable";
  const queue = request.queue;
  if (queue === null) {
    sim.report(
      "InvalidReqAccess",
      "BUG-14",
      `${ddi} on ${request.id}, which belongs to no queue`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return "STATUS_INVALID_DEVICE_REQUEST";
  }
  if (!owned(sim, request, ddi)) return "STATUS_INVALID_DEVICE_REQUEST";
  if (queue.driverCancelable.delete(request)) {
    request.cancelRoutine = null;
    return "STATUS_SUCCESS";
  }
  if (request.cancelTaken) {
    request.unmarkSawCancel = true; // EvtRequestCancel has run or will run: it must complete it
    return "STATUS_CANCELLED";
  }
  sim.report(
    "InvalidReqAccess",
    "BUG-08",
    `${ddi} on ${request.id}, which is not cancelable (without the verifier this returns STATUS_CANCELLED, CAN-14)`,
    `${request.id}:${ddi}:not-cancelable`,
    BRK,
  );
  return "STATUS_INVALID_DEVICE_REQUEST";
};

/** 10.6 WdfRequestIsCanceled (CAN-31). */
export const isCanceled = (sim: Simulator, request: SimRequest): boolean => {
  const ddi = "WdfRequestIsCanceled";
  if (!owned(sim, request, ddi)) return false;
  if (request.queue?.driverCancelable.has(request)) {
    sim.report(
      "InvalidReqAccess",
      "BUG-15",
      `${ddi} on ${request.id}, which is marked cancelable (only valid on a non-cancelable request; returns FALSE)`,
      `${request.id}:${ddi}`,
      "verifier: a break; FALSE",
    );
    return false;
  }
  return request.irpCancel || request.fwCanceled;
};

/** 11.3 WdfRequestStopAcknowledge (PWR-13..15). */
export const stopAcknowledge = (sim: Simulator, request: SimRequest, requeue: boolean): void => {
  const ddi = "WdfRequestStopAcknowledge";
  if (!request.inStopWindow || request.state === "completed") {
    sim.report(
      "InvalidReqAccess",
      "BUG-16",
      `${ddi} on ${request.id} outside its EvtIoStop window (PWR-15); ignored`,
      `${request.id}:${ddi}`,
      BRK,
    );
    return;
  }
  if (requeue && (!owned(sim, request, ddi) || !notCancelable(sim, request, ddi))) return;
  request.powerStop = requeue ? "AckedRequeue" : "Acked"; // consumed by the queue's next pass (PWR-14)
};
