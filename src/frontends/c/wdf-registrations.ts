// DDIs that configure or register on objects that already exist: WDFDEVICE_INIT setup, request
// dispatching, queue state callbacks (ReadyNotify, Stop, Purge, Drain), WdfIoQueueStart,
// retrieval, and EvtRequestCancel marking (attributed to a queue by CAN-25).

import type { RequestType } from "../../model/config.js";
import type { MutableObject } from "./builder.js";
import { DeviceInitState } from "./device-init.js";
import { evaluate } from "./expressions.js";
import type { Interp } from "./interpreter.js";
import type { Node } from "./parser.js";
import { lastIdentifier } from "./source-file.js";
import type { Value } from "./values.js";
import { refStorage, resolveHandle } from "./wdf-create.js";

type Handler = (interp: Interp, args: Node[], call: Node) => Value | undefined;

export class DeviceInits {
  private readonly states = new Map<string, DeviceInitState>();
  get(name: string): DeviceInitState {
    const key = name.replace(/^\*/, "");
    const state = this.states.get(key) ?? new DeviceInitState();
    this.states.set(key, state);
    return state;
  }
}

const initName = (node: Node | undefined): string =>
  node ? (lastIdentifier(node) ?? "DeviceInit") : "DeviceInit";

const queueOf = (interp: Interp, node: Node | undefined, call: Node): MutableObject | null => {
  const v = node ? evaluate(interp, node) : undefined;
  const id = v ? resolveHandle(interp, v, "queue") : null;
  const queue = id === null ? undefined : interp.builder.get(id);
  if (queue?.kind === "queue") return queue;
  interp.builder.note(
    "C-REF",
    "info",
    `${call.childForFieldName("function")?.text}: the queue handle ${node?.text ?? ""} could not be resolved to one WdfIoQueueCreate call`,
    null,
    interp.span(call),
  );
  return null;
};

const REQUEST_TYPES: Readonly<Record<string, RequestType>> = {
  WdfRequestTypeCreate: "Create",
  WdfRequestTypeRead: "Read",
  WdfRequestTypeWrite: "Write",
  WdfRequestTypeDeviceControl: "DeviceControl",
  WdfRequestTypeDeviceControlInternal: "DeviceControlInternal",
};

const queueState =
  (registration: "ReadyNotify" | "Stop" | "StopAndPurge" | "Purge" | "Drain"): Handler =>
  (interp, args, call) => {
    const fn = args[1] ? evaluate(interp, args[1]) : undefined;
    const queue = queueOf(interp, args[0], call);
    if (queue === null || fn?.k !== "fn") return undefined;
    if (
      !queue.callbacks.some(
        (c) => c.event === "EvtIoQueueState" && c.registration === registration && c.function === fn.name,
      )
    ) {
      queue.callbacks.push({
        event: "EvtIoQueueState",
        function: fn.name,
        registration,
        source: interp.span(call),
      });
    }
    return undefined;
  };

const retrieve =
  (outArg: number): Handler =>
  (interp, args, call) => {
    const queue = queueOf(interp, args[0], call);
    if (queue === null) return undefined;
    queue.retrievesRequests = true;
    const out = args[outArg];
    const name = out ? lastIdentifier(out) : null;
    if (name !== null) interp.setVar(name, { k: "request", queues: [queue.id as string] });
    return undefined;
  };

const markCancelable: Handler = (interp, args, call) => {
  const request = args[0] ? evaluate(interp, args[0]) : undefined;
  const fn = args[1] ? evaluate(interp, args[1]) : undefined;
  if (fn?.k !== "fn") return undefined;
  if (request?.k !== "request" || request.queues.length === 0) {
    // CAN-25: the owning queue is not statically known; say so rather than guess.
    interp.builder.note(
      "CAN-25",
      "info",
      `EvtRequestCancel ${fn.name}: the request's queue is not statically known, so its lock and IRQL are not reported`,
      null,
      interp.span(call),
    );
    return undefined;
  }
  for (const id of request.queues) {
    const queue = interp.builder.get(id);
    if (queue && !queue.callbacks.some((c) => c.event === "EvtRequestCancel" && c.function === fn.name)) {
      queue.callbacks.push({ event: "EvtRequestCancel", function: fn.name, source: interp.span(call) });
    }
  }
  return undefined;
};

export const registrationHandlers = (inits: DeviceInits): Readonly<Record<string, Handler>> => ({
  WdfDeviceInitSetPnpPowerEventCallbacks: (interp, args, call) => {
    inits
      .get(initName(args[0]))
      .addCallbacks(interp, refStorage(evaluate(interp, args[1]!)), interp.span(call));
    return undefined;
  },
  WdfDeviceInitSetPowerPolicyEventCallbacks: (interp, args, call) => {
    inits
      .get(initName(args[0]))
      .addCallbacks(interp, refStorage(evaluate(interp, args[1]!)), interp.span(call));
    return undefined;
  },
  WdfDeviceInitSetIoInCallerContextCallback: (interp, args, call) => {
    const fn = args[1] ? evaluate(interp, args[1]) : undefined;
    if (fn?.k === "fn")
      inits
        .get(initName(args[0]))
        .callbacks.push({ event: "EvtIoInCallerContext", function: fn.name, source: interp.span(call) });
    return undefined;
  },
  WdfDeviceInitSetFileObjectConfig: (interp, args, call) => {
    inits.get(initName(args[0])).fileObject = {
      config: refStorage(evaluate(interp, args[1]!)),
      attributes: args[2] ? evaluate(interp, args[2]) : { k: "null" },
      span: interp.span(call),
    };
    return undefined;
  },
  WdfFdoInitSetFilter: (_interp, args) => {
    inits.get(initName(args[0])).filter = true;
    return undefined;
  },
  WdfControlDeviceInitAllocate: () => ({ k: "enum", name: "__WdfControlDeviceInit" }),
  WdfDeviceConfigureRequestDispatching: (interp, args, call) => {
    const queue = queueOf(interp, args[1], call);
    const type = args[2] ? evaluate(interp, args[2]) : undefined;
    const rt = type?.k === "enum" ? REQUEST_TYPES[type.name] : undefined;
    if (queue && rt && !(queue.requestDispatching as RequestType[]).includes(rt))
      (queue.requestDispatching as RequestType[]).push(rt);
    return undefined;
  },
  WdfIoQueueReadyNotify: queueState("ReadyNotify"),
  WdfIoQueueStop: queueState("Stop"),
  WdfIoQueueStopAndPurge: queueState("StopAndPurge"),
  WdfIoQueuePurge: queueState("Purge"),
  WdfIoQueueDrain: queueState("Drain"),
  WdfIoQueueStart: (interp, args, call) => {
    const queue = queueOf(interp, args[0], call);
    if (queue) queue.callsWdfIoQueueStart = true;
    return undefined;
  },
  WdfIoQueueRetrieveNextRequest: retrieve(1),
  WdfIoQueueRetrieveRequestByFileObject: retrieve(2),
  WdfIoQueueRetrieveFoundRequest: retrieve(2),
  WdfRequestMarkCancelable: markCancelable,
  WdfRequestMarkCancelableEx: markCancelable,
  WdfRequestForwardToIoQueue: (interp, args, call) => {
    const queue = queueOf(interp, args[1], call);
    const name = args[0]?.type === "identifier" ? args[0].text : null;
    if (queue && name) interp.setVar(name, { k: "request", queues: [queue.id as string] });
    return undefined;
  },
  WdfIoQueueGetDevice: (interp, args) => {
    const v = args[0] ? evaluate(interp, args[0]) : undefined;
    const queue = v?.k === "handle" ? interp.builder.get(v.object) : undefined;
    return queue?.kind === "queue" ? { k: "handle", object: queue.device as string } : undefined;
  },
});
