// The power state machine of one queue (queues spec 11.2): holding a power-managed queue on D0
// exit (EvtIoStop per driver-owned request, acknowledgements, 'Off'), the removal purge, and the
// restart on D0 entry (EvtIoResume). One step per dispatcher pass (DSP-S6).

import type { Delivery, RuntimeQueue } from "./dispatcher.js";

export type PowerState =
  | "On"
  | "Off"
  | "StartingTransition"
  | "Stopping"
  | "StoppingNotifyingDriver"
  | "StoppingDriverNotified"
  | "Purge"
  | "PurgeNotifyingDriver"
  | "PurgeDriverNotified"
  | "Restarting"
  | "RestartingNotifyingDriver"
  | "RestartingDriverNotified";

/** WDF_REQUEST_STOP_ACTION_FLAGS (PWR-16). */
export const WdfRequestStopActionSuspend = 0x1;
export const WdfRequestStopActionPurge = 0x2;
export const WdfRequestStopRequestCancelable = 0x10000000;

/** One step: a callback to deliver, "again" (restart the loop) or "leave" (wait for an event). */
export const powerStep = (queue: RuntimeQueue): Delivery | "again" | "leave" => {
  switch (queue.powerState) {
    case "On":
    case "Off":
    case "StartingTransition": // phase 2 (the hold) is started by the power thread
      return "leave";
    case "Stopping":
    case "Purge":
    case "Restarting":
      queue.powerNotify.push(...queue.driverOwned);
      queue.driverOwned.length = 0;
      queue.powerState =
        queue.powerState === "Stopping"
          ? "StoppingNotifyingDriver"
          : queue.powerState === "Purge"
            ? "PurgeNotifyingDriver"
            : "RestartingNotifyingDriver";
      return "again";
    case "StoppingNotifyingDriver":
    case "PurgeNotifyingDriver": {
      const purge = queue.powerState === "PurgeNotifyingDriver";
      const request = queue.powerNotify.shift();
      if (request === undefined) {
        queue.powerState = purge ? "PurgeDriverNotified" : "StoppingDriverNotified";
        return "again";
      }
      queue.powerDriverNotified.push(request);
      if (purge) request.powerStop = "None"; // a stale acknowledgement is cleared (11.2)
      // PWR-10 / PWR-11: EvtIoStop once per driver-owned request, not for framework-cancelled ones.
      if (!queue.has("EvtIoStop") || request.fwCanceled) return "again";
      request.inStopWindow = true;
      const flags =
        (purge ? WdfRequestStopActionPurge : WdfRequestStopActionSuspend) |
        (queue.driverCancelable.has(request) ? WdfRequestStopRequestCancelable : 0);
      return { kind: "stop", request, flags };
    }
    case "StoppingDriverNotified":
    case "PurgeDriverNotified": {
      // PWR-14: acknowledgements are consumed here, by whichever pass comes next.
      for (const request of [...queue.powerDriverNotified]) {
        if (request.powerStop === "None") continue;
        queue.powerDriverNotified.splice(queue.powerDriverNotified.indexOf(request), 1);
        request.inStopWindow = false;
        const requeue = request.powerStop === "AckedRequeue";
        request.powerStop = "None";
        if (!requeue) {
          queue.driverOwned.push(request); // kept; EvtIoResume after power-up
          continue;
        }
        // PWR-13: back to the head of the queue (or cancelled while a purge is on, CAN-40).
        queue.driverIoCount--;
        queue.insertPending(request, true);
        if (queue.cancelDispatchedRequests || request.irpCancel) queue.cancelForQueue(request);
      }
      // PWR-11 / PWR-12: 'Off' once nothing awaits acknowledgement and this is the last activation.
      if (queue.powerDriverNotified.length === 0 && queue.dispatching === 1) {
        queue.powerState = "Off";
        return "again";
      }
      return "leave";
    }
    case "RestartingNotifyingDriver": {
      const request = queue.powerNotify.shift();
      if (request === undefined) {
        queue.powerState = "RestartingDriverNotified";
        return "again";
      }
      queue.driverOwned.push(request);
      if (!queue.has("EvtIoResume") || request.fwCanceled) return "again";
      return { kind: "resume", request };
    }
    case "RestartingDriverNotified":
      queue.powerState = "On"; // nothing presented until phase 2 (StartPowerTransitionOn)
      return "leave";
  }
};
