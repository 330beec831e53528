// Shared scaffolding for the queue / cancel / power rule tests: a device with the queues under
// test plus a "control" side the scenario uses to make the driver act at a chosen time, and
// readers of the run's trace.
//
// - device/ctl: a Parallel, non-power-managed, passive-level queue (scope None) that takes every
//   DeviceControl; its async EvtIoDeviceControl runs the operation registered for the IOCTL code,
//   then completes the control request. It is a passive thread that is none of the tested
//   queues' callbacks (the "application side" of the driver).
// - device/W: a passive work item that runs the registered work operations.
// - device/D: a DPC (DISPATCH_LEVEL) that runs the registered DPC operations.

import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import type { RunResult } from "../../src/runtime/run.js";
import type { ScenarioIo } from "../../src/runtime/scenario.js";

export type Op = (ctx: WdfContext) => unknown;

export interface Rig {
  readonly spec: unknown;
  /** Sends a control IOCTL whose EvtIoDeviceControl (device/ctl, passive) runs `op`. */
  ctl(io: ScenarioIo, op: Op): SimRequest;
  /** Sends a control IOCTL that enqueues the work item device/W, which runs `op`. */
  work(io: ScenarioIo, op: Op): SimRequest;
  /** Sends a control IOCTL that enqueues the DPC device/D, which runs `op` at DISPATCH_LEVEL. */
  dpc(io: ScenarioIo, op: Op): SimRequest;
}

export const rig = (queues: Record<string, object>, device: Record<string, unknown> = {}): Rig => {
  const ops: Op[] = [];
  const workOps: Op[] = [];
  const dpcOps: Op[] = [];
  async function CtlIoDeviceControl(
    ctx: WdfContext,
    _q: string,
    r: SimRequest,
    _out: number,
    _in: number,
    ioctl: number,
  ) {
    await ops[ioctl]!(ctx);
    ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
  }
  async function EvtWorkItemW(ctx: WdfContext) {
    while (workOps.length > 0) await workOps.shift()!(ctx);
  }
  async function EvtDpcD(ctx: WdfContext) {
    while (dpcOps.length > 0) await dpcOps.shift()!(ctx);
  }
  const spec = {
    devices: {
      device: {
        ...device,
        queues: {
          ...queues,
          ctl: {
            dispatchType: "Parallel",
            powerManaged: "WdfFalse",
            requestDispatching: ["DeviceControl"],
            attributes: { executionLevel: "Passive", synchronizationScope: "None" },
            callbacks: { EvtIoDeviceControl: CtlIoDeviceControl },
          },
        },
        workItems: {
          ...((device["workItems"] as object | undefined) ?? {}),
          W: { automaticSerialization: false, callback: EvtWorkItemW },
        },
        dpcs: { D: { automaticSerialization: false, callback: EvtDpcD } },
      },
    },
  };
  const ctl = (io: ScenarioIo, op: Op): SimRequest => {
    ops.push(op);
    return io.send("DeviceControl", { ioctl: ops.length - 1 });
  };
  return {
    spec,
    ctl,
    work: (io, op) => {
      workOps.push(op);
      return ctl(io, (ctx) => ctx.WdfWorkItemEnqueue("device/W"));
    },
    dpc: (io, op) => {
      dpcOps.push(op);
      return ctl(io, (ctx) => ctx.WdfDpcEnqueue("device/D"));
    },
  };
};

/** Completes (and forgets) every request in `held`. */
export const completeAll = (ctx: WdfContext, held: SimRequest[], status = "STATUS_SUCCESS"): void => {
  for (const r of held.splice(0)) ctx.WdfRequestComplete(r, status);
};

/**
 * The trace as one label per event: "begin <callback> <request|->", "end <callback>",
 * "arrive <request> <queue>", "present <request> <queue>", "complete <request> <status>",
 * "cancel <request>", each with a trailing space so that a prefix ending in a request id never
 * matches a longer one ("req1 " vs "req10 ").
 */
export const labels = (r: RunResult): string[] =>
  r.trace.events.flatMap((e): string[] => {
    switch (e.type) {
      case "callback-begin":
        return [`begin ${e.callback} ${e.request ?? "-"} `];
      case "callback-end":
        return [`end ${e.callback} `];
      case "request-present":
        return [`present ${e.request} ${e.queue} `];
      case "request-complete":
        return [`complete ${e.request} ${e.status} `];
      case "request-cancel":
        return [`cancel ${e.request} `];
      case "request-arrive":
        return [`arrive ${e.request} ${e.queue} `];
      default:
        return [];
    }
  });

/** Index of the first label starting with `prefix` (-1 when none). */
export const at = (r: RunResult, prefix: string): number => labels(r).findIndex((l) => l.startsWith(prefix));
/** Index of the first label containing `text` (-1 when none). */
export const atIncl = (r: RunResult, text: string): number => labels(r).findIndex((l) => l.includes(text));
/** How many labels start with `prefix`. */
export const count = (r: RunResult, prefix: string): number =>
  labels(r).filter((l) => l.startsWith(prefix)).length;

// Label prefixes (the trailing space keeps "req1" from matching "req10").
export const began = (callback: string, request?: SimRequest): string =>
  `begin ${callback} ${request === undefined ? "" : `${request.id} `}`;
export const ended = (callback: string): string => `end ${callback} `;
export const presented = (request: SimRequest): string => `present ${request.id} `;
export const arrived = (request: SimRequest): string => `arrive ${request.id} `;
export const completed = (request: SimRequest, status?: string): string =>
  `complete ${request.id} ${status === undefined ? "" : `${status} `}`;

/** The virtual time of the first event whose label starts with `prefix`. */
export const timeOf = (r: RunResult, prefix: string): number => timeWhere(r, (l) => l.startsWith(prefix));
/** The virtual time of the first event whose label contains `text`. */
export const timeIncl = (r: RunResult, text: string): number => timeWhere(r, (l) => l.includes(text));
const timeWhere = (r: RunResult, match: (label: string) => boolean): number => {
  const events = r.trace.events.filter((e) =>
    [
      "callback-begin",
      "callback-end",
      "request-present",
      "request-complete",
      "request-cancel",
      "request-arrive",
    ].includes(e.type),
  );
  const i = labels(r).findIndex(match);
  return i < 0 ? Number.NaN : events[i]!.t;
};

export const statusOf = (r: RunResult, request: SimRequest): string | null =>
  r.requests.find((x) => x.id === request.id)?.status ?? null;
export const stateOf = (r: RunResult, request: SimRequest): string | null =>
  r.requests.find((x) => x.id === request.id)?.state ?? null;

export const rules = (r: RunResult): string[] => r.findings.map((f) => f.rule);
export const specs = (r: RunResult): string[] => r.findings.map((f) => f.spec);
/** A hang or deadlock was reported (BUG-24). */
export const hangReported = (r: RunResult): boolean =>
  r.findings.some((f) => f.rule === "Hang" || f.rule === "Deadlock");

/** The IRQL of every invocation of `callback`, in trace order. */
export const irqlsOf = (r: RunResult, callback: string): string[] =>
  r.trace.events.flatMap((e) => (e.type === "callback-begin" && e.callback === callback ? [e.irql] : []));

/** The locks held on a track when `callback` began there (every invocation), from lock events. */
export const locksAtBegin = (r: RunResult, callback: string): string[][] => {
  const held = new Map<string, string[]>();
  const out: string[][] = [];
  for (const e of r.trace.events) {
    if (e.type === "lock-acquire") held.set(e.track, [...(held.get(e.track) ?? []), e.lock]);
    if (e.type === "lock-release") {
      const list = [...(held.get(e.track) ?? [])];
      const i = list.lastIndexOf(e.lock);
      if (i >= 0) list.splice(i, 1);
      held.set(e.track, list);
    }
    if (e.type === "callback-begin" && e.callback === callback) out.push([...(held.get(e.track) ?? [])]);
  }
  return out;
};

export const Q = "device/q";
export const Q2 = "device/q2";
