// A WDFREQUEST in the simulation (queues spec section 1: the FxRequest members the rules read).

import type { RequestType } from "../model/config.js";
import type { RuntimeQueue } from "./dispatcher.js";
import type { Cause } from "./races.js";

export type RequestState = "pending" | "driver-owned" | "completed";

export interface SimRequest {
  /** Stable per execution: "req1", "req2", ... in arrival order. */
  readonly id: string;
  readonly type: RequestType;
  readonly ioctl: number;
  readonly inputLength: number;
  readonly outputLength: number;
  /** The file object (handle) the request was sent on, or null. */
  readonly fileObject: string | null;
  /** m_IoQueue: the queue that owns it (pending in it or driver-owned from it). */
  queue: RuntimeQueue | null;
  state: RequestState;
  status: string | null;
  information: number;
  /** m_CancelRoutine: WdfRequestMarkCancelable(Ex) was called and not undone (the routine's name). */
  cancelRoutine: string | null;
  /** The application cancelled the IRP. */
  irpCancel: boolean;
  /** m_Canceled: the framework cancelled it (CAN-10, OPS-03), or a cancel routine was scheduled. */
  fwCanceled: boolean;
  /** m_Presented: it reached the driver once (PRS-04); decides EvtIoCanceledOnQueue (CAN-10). */
  presented: boolean;
  /** CAN-23 / 10.3: the cancel path took it (EvtRequestCancel scheduled or delivered). */
  cancelTaken: boolean;
  /** WdfRequestUnmarkCancelable returned STATUS_CANCELLED: only EvtRequestCancel may complete it. */
  unmarkSawCancel: boolean;
  /** PWR-13: WdfRequestStopAcknowledge recorded (requeue or not), consumed by the dispatcher. */
  powerStop: "None" | "Acked" | "AckedRequeue";
  /** PWR-15: between the EvtIoStop call and the processing of its acknowledgement. */
  inStopWindow: boolean;
  /** The point where it was last put in a queue (sent, forwarded, requeued), for the race detector. */
  arrivalCause: Cause | null;
}

export const newRequest = (
  ordinal: number,
  type: RequestType,
  fields: { ioctl?: number; inputLength?: number; outputLength?: number; fileObject?: string | null },
): SimRequest => ({
  id: `req${ordinal}`,
  type,
  ioctl: fields.ioctl ?? 0,
  inputLength: fields.inputLength ?? 0,
  outputLength: fields.outputLength ?? 0,
  fileObject: fields.fileObject ?? null,
  queue: null,
  state: "pending",
  status: null,
  information: 0,
  cancelRoutine: null,
  irpCancel: false,
  fwCanceled: false,
  presented: false,
  cancelTaken: false,
  unmarkSawCancel: false,
  powerStop: "None",
  inStopWindow: false,
  arrivalCause: null,
});
