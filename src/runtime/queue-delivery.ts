// What a queue's dispatcher hands the driver, as calls with WDF's parameter lists: EvtIo* for a
// presented request (PRS-02), EvtRequestCancel (CAN-22), EvtIoCanceledOnQueue (CAN-30),
// EvtIoQueueState for ReadyNotify and the Stop/Drain/Purge slots (OPS-05), EvtIoStop (PWR-16) and
// EvtIoResume. Each runs under the lock and at the IRQL the model chose for that callback.

import type { RequestType } from "../model/config.js";
import type { ResolvedCallback } from "../model/resolved.js";
import type { Delivery, RuntimeQueue } from "./dispatcher.js";
import type { Cause } from "./races.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

const IO_EVENT: Record<RequestType, string> = {
  Read: "EvtIoRead",
  Write: "EvtIoWrite",
  DeviceControl: "EvtIoDeviceControl",
  DeviceControlInternal: "EvtIoInternalDeviceControl",
  Create: "EvtIoDefault",
};

const callbackFor = (sim: Simulator, queue: RuntimeQueue, d: Delivery): ResolvedCallback | undefined => {
  switch (d.kind) {
    case "request":
      return sim.callback(queue.id, IO_EVENT[d.request.type]) ?? sim.callback(queue.id, "EvtIoDefault");
    case "ready":
      return queue.readyNotify ?? undefined;
    case "cancel":
      return sim.callback(queue.id, "EvtRequestCancel", d.routine);
    case "canceledOnQueue":
      return sim.callback(queue.id, "EvtIoCanceledOnQueue");
    case "slot":
      return d.slot.callback ?? undefined;
    case "stop":
      return sim.callback(queue.id, "EvtIoStop");
    case "resume":
      return sim.callback(queue.id, "EvtIoResume");
  }
};

const argsFor = (queue: RuntimeQueue, d: Delivery): unknown[] => {
  switch (d.kind) {
    case "request": {
      const r = d.request;
      if (r.type === "DeviceControl" || r.type === "DeviceControlInternal")
        return [queue.id, r, r.outputLength, r.inputLength, r.ioctl];
      if (r.type === "Read") return [queue.id, r, r.outputLength];
      if (r.type === "Write") return [queue.id, r, r.inputLength];
      return [queue.id, r];
    }
    case "ready":
    case "slot":
      return [queue.id];
    case "cancel":
      return [d.request];
    case "canceledOnQueue":
    case "resume":
      return [queue.id, d.request];
    case "stop":
      return [queue.id, d.request, d.flags];
  }
};

/** A presentation follows the arrival of the request and the hand-back that freed its slot. */
const presentationCauses = (queue: RuntimeQueue, request: SimRequest): readonly Cause[] => {
  const out: Cause[] = [];
  if (queue.lastRelease !== null) out.push(queue.lastRelease);
  if (request.arrivalCause !== null) out.push(request.arrivalCause);
  return out;
};

/** QueueHost.deliver: true when the callback ran inline; `then` runs when a spawned one returns. */
export const deliverToDriver = (
  sim: Simulator,
  queue: RuntimeQueue,
  d: Delivery,
  then: () => void,
): boolean => {
  const cb = callbackFor(sim, queue, d);
  if (cb === undefined) {
    // PRS-02 last row: no handler for this request type.
    if (d.kind === "request") sim.frameworkComplete(d.request, "STATUS_INVALID_DEVICE_REQUEST");
    return true;
  }
  const request = "request" in d ? d.request : null;
  if (d.kind === "request")
    sim.engine.emit({
      t: sim.engine.now,
      type: "request-present",
      track: "",
      request: d.request.id,
      queue: queue.id,
    });
  let spawned = false;
  const inline = sim.invoke(cb, argsFor(queue, d), {
    request,
    inline: true,
    // A presentation follows the hand-back that freed the slot (DSP-S11/S12): ordered after it.
    causes: d.kind === "request" ? presentationCauses(queue, d.request) : [],
    onDone: () => {
      if (spawned) then();
    },
  });
  spawned = !inline;
  return inline;
};
