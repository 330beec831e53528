// The I/O manager's side of a run: a request is created for each IRP the application sends and
// routed to a queue (RTE-01..04), a create without a create queue goes to EvtDeviceFileCreate or
// is succeeded by the framework (RTE-07, general package), and a queue that does not accept
// completes it with STATUS_INVALID_DEVICE_STATE (queues spec 15).

import type { RequestType } from "../model/config.js";
import type { RuntimeQueue } from "./dispatcher.js";
import { newRequest, type SimRequest } from "./request.js";
import type { SendFields } from "./scenario.js";
import type { Simulator } from "./simulator.js";

export class IoManager {
  /** Routing never changes after the device is started (RTE-07: STATUS_INVALID_DEVICE_STATE after). */
  private readonly routes = new Map<RequestType, RuntimeQueue | null>();

  constructor(private readonly sim: Simulator) {}

  /** RTE-03/RTE-04: which queue receives a request of this type (RTE-01: Create never goes to the default queue). */
  route(type: RequestType): RuntimeQueue | null {
    let queue = this.routes.get(type);
    if (queue === undefined) {
      queue = this.routeUncached(type);
      this.routes.set(type, queue);
    }
    return queue;
  }

  private routeUncached(type: RequestType): RuntimeQueue | null {
    for (const q of this.sim.queues.values()) if (q.config.requestDispatching.includes(type)) return q;
    if (type === "Create") return null;
    for (const q of this.sim.queues.values()) if (q.config.defaultQueue) return q;
    return null;
  }

  /** The I/O manager sends a request (ARR-01..ARR-03). */
  send(type: RequestType, fields: SendFields): SimRequest {
    const sim = this.sim;
    const request = newRequest(sim.requests.length + 1, type, fields);
    request.arrivalCause = sim.causeHere(); // what the application did before sending happens before its presentation
    sim.requests.push(request);
    const queue = this.route(type);
    sim.engine.emit({
      t: sim.engine.now,
      type: "request-arrive",
      request: request.id,
      queue: queue?.id ?? "(none)",
      major: type,
    });
    if (type === "Create" && sim.device.removed) sim.frameworkComplete(request, "STATUS_DELETE_PENDING");
    else if (type === "Create" && queue === null) this.createWithoutQueue(request);
    else if (queue === null) sim.frameworkComplete(request, "STATUS_INVALID_DEVICE_REQUEST");
    else if (!queue.arrive(request)) sim.frameworkComplete(request, "STATUS_INVALID_DEVICE_STATE");
    return request;
  }

  /** No create queue: EvtDeviceFileCreate(device, request, fileObject) owns it, else the framework succeeds it. */
  private createWithoutQueue(request: SimRequest): void {
    const { driver } = this.sim;
    const cb = driver.callbacks.find((c) => c.event === "EvtDeviceFileCreate");
    if (cb === undefined) {
      this.sim.frameworkComplete(request, "STATUS_SUCCESS");
      return;
    }
    request.state = "driver-owned";
    request.presented = true;
    const device = driver.objects.find((o) => o.config.kind === "device")?.id ?? "device";
    this.sim.invoke(cb, [device, request, request.fileObject], { request, inline: true });
  }
}
