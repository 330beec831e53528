// A WDFREQUEST in the simulation (queues spec section 1, the fields this slice uses).

import type { RequestType } from "../model/config.js";
import type { RuntimeQueue } from "./dispatcher.js";

export type RequestState = "pending" | "driver-owned" | "completed";

export interface SimRequest {
  /** Stable per execution: "req1", "req2", ... in arrival order. */
  readonly id: string;
  readonly type: RequestType;
  readonly ioctl: number;
  readonly inputLength: number;
  readonly outputLength: number;
  queue: RuntimeQueue | null;
  state: RequestState;
  status: string | null;
  information: number;
  /** WdfRequestMarkCancelable(Ex) was called and not undone. */
  cancelRoutine: string | null;
  /** The application cancelled the IRP. */
  irpCancel: boolean;
  /** The file object (handle) the request was sent on, or null. */
  readonly fileObject: string | null;
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
  queue: null,
  state: "pending",
  status: null,
  information: 0,
  cancelRoutine: null,
  irpCancel: false,
  fileObject: fields.fileObject ?? null,
});
