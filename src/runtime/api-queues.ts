// WdfIoQueue* in the simulation (queues spec 7 and 8): Start/Stop/Drain/Purge (+Synchronously),
// ReadyNotify, GetState, retrieval and FindRequest.

import type { QueueStateSnapshot, RequestResult, Routine } from "./framework-api.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

const notYet = (ddi: string): Error => new Error(`${ddi} is not simulated yet`);

export const start = (_sim: Simulator, _queue: string): void => {
  throw notYet("WdfIoQueueStart");
};
export const stop = (_sim: Simulator, _queue: string, _cb: Routine | null, _purge: boolean): void => {
  throw notYet("WdfIoQueueStop");
};
export const stopSynchronously = (_sim: Simulator, _queue: string, _purge: boolean): Promise<void> => {
  throw notYet("WdfIoQueueStopSynchronously");
};
export const drainOrPurge = (
  _sim: Simulator,
  _queue: string,
  _cb: Routine | null,
  _op: "Drain" | "Purge",
): void => {
  throw notYet("WdfIoQueueDrain");
};
export const drainOrPurgeSynchronously = (
  _sim: Simulator,
  _queue: string,
  _op: "Drain" | "Purge",
): Promise<void> => {
  throw notYet("WdfIoQueueDrainSynchronously");
};
export const readyNotify = (_sim: Simulator, _queue: string, _cb: Routine | null): string => {
  throw notYet("WdfIoQueueReadyNotify");
};
export const getState = (_sim: Simulator, _queue: string): QueueStateSnapshot => {
  throw notYet("WdfIoQueueGetState");
};

export type RetrieveKind =
  | { readonly kind: "next" }
  | { readonly kind: "file"; readonly fileObject: string }
  | { readonly kind: "found"; readonly found: SimRequest };

export const retrieve = (sim: Simulator, queueId: string, _how: RetrieveKind): RequestResult => {
  const r = sim.queues.get(queueId)?.retrieveNext() ?? "STATUS_INVALID_DEVICE_REQUEST";
  if (typeof r === "string") return { status: r, request: null };
  r.state = "driver-owned";
  return { status: "STATUS_SUCCESS", request: r };
};

export const find = (
  _sim: Simulator,
  _queue: string,
  _tag: SimRequest | null,
  _fileObject: string | null,
): RequestResult => {
  throw notYet("WdfIoQueueFindRequest");
};
