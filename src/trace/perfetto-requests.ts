// Requests in the Chrome trace (design.md "Timelines that render right"): one async slice per
// request, keyed by its id, from arrival to completion; flow arrows along its path — arrival →
// presenting callback → … → completing callback; an instant for each cancel.

import { byTs, type ChromeEvent, chromeEvent, micros, PID } from "./chrome-event.js";
import type { Trace, TraceEvent, TrackId } from "./events.js";
import type { Slice } from "./slices.js";

type RequestEvent = Extract<
  TraceEvent,
  { type: "request-arrive" | "request-present" | "request-complete" | "request-cancel" }
>;
type PathEvent = Exclude<RequestEvent, { type: "request-cancel" }>;

/** A path point shown inside a callback slice at time `u` (points without one get a marker). */
interface Anchor {
  readonly slice: Slice;
  readonly u: number;
}

/** What a flow event binds to: a callback slice, or a path event drawn as a marker. */
export type FlowOwner = Slice | PathEvent;

/** A flow event to place inside its owner at virtual time `u`. */
export interface Attached {
  readonly u: number;
  readonly event: ChromeEvent;
}

export interface RequestLayout {
  /** Callback slices per track. */
  readonly callbackSlices: ReadonlyMap<TrackId, readonly Slice[]>;
  readonly tidOf: (slice: Slice) => number;
  /** The thread that holds arrivals, cancels and path points no callback encloses. */
  readonly requestsTid: number;
  readonly end: number;
}

export interface RequestEvents {
  /** Flow events per callback slice, sorted by time. */
  readonly attached: ReadonlyMap<FlowOwner, readonly Attached[]>;
  /** The requests thread: zero-length markers with their flows, and cancel instants. */
  readonly requestsThread: readonly ChromeEvent[];
  /** Async b/e per request, in time order. */
  readonly async: readonly ChromeEvent[];
}

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

const isPath = (event: RequestEvent): event is PathEvent => event.type !== "request-cancel";

/** Request events grouped by request id (in order of first appearance), and each one's index. */
interface Requests {
  readonly byId: Map<string, RequestEvent[]>;
  readonly seq: Map<RequestEvent, number>;
}

const collectRequests = (trace: Trace): Requests => {
  const requests: Requests = { byId: new Map(), seq: new Map() };
  trace.events.forEach((event, seq) => {
    if (!event.type.startsWith("request-")) return;
    const request = event as RequestEvent;
    pushTo(requests.byId, request.request, request);
    requests.seq.set(request, seq);
  });
  return requests;
};

const bySeq = (a: Slice, b: Slice): number => a.seq - b.seq;

/** Points of one track, in trace order: each in the innermost callback running when it happened. */
const anchorTrack = (
  points: readonly PathEvent[],
  slices: readonly Slice[],
  requests: Requests,
  out: Map<PathEvent, Anchor>,
): void => {
  const ordered = [...slices].sort(bySeq);
  let next = 0;
  let active: Slice[] = [];
  for (const point of points) {
    const seq = requests.seq.get(point)!;
    while (next < ordered.length && ordered[next]!.seq < seq) active.push(ordered[next++]!);
    active = active.filter((slice) => slice.endSeq > seq);
    const inner = active.at(-1);
    if (inner !== undefined)
      out.set(point, { slice: inner, u: Math.min(Math.max(point.t, inner.start), inner.end) });
  }
};

/** Callback slices that were handed a request, per request id, in trace order. */
const slicesByRequest = (layout: RequestLayout): Map<string, Slice[]> => {
  const out = new Map<string, Slice[]>();
  for (const slice of [...layout.callbackSlices.values()].flat().sort(bySeq)) {
    if (slice.begin.type === "callback-begin" && slice.begin.request !== null)
      pushTo(out, slice.begin.request, slice);
  }
  return out;
};

/**
 * A present shows in the next callback handed that request (the EvtIo callback begins when a
 * processor runs it); otherwise, like a completion, in the innermost callback running on its
 * track at that point. Points the framework raises on no track get markers.
 */
const anchorPoints = (requests: Requests, layout: RequestLayout): Map<PathEvent, Anchor> => {
  const handed = slicesByRequest(layout);
  const out = new Map<PathEvent, Anchor>();
  const perTrack = new Map<TrackId, PathEvent[]>();
  for (const [event, seq] of requests.seq) {
    if (event.type !== "request-present" && event.type !== "request-complete") continue;
    const callback =
      event.type === "request-present" ? handed.get(event.request)?.find((s) => s.seq > seq) : undefined;
    if (callback !== undefined) out.set(event, { slice: callback, u: callback.start });
    else if (event.track !== "") pushTo(perTrack, event.track, event);
  }
  for (const [track, points] of perTrack)
    anchorTrack(points, layout.callbackSlices.get(track) ?? [], requests, out);
  return out;
};

const flowEvent = (request: string, ph: "s" | "f", u: number, tid: number, id: number): ChromeEvent =>
  chromeEvent({
    name: request,
    cat: "request",
    ph,
    ts: micros(u),
    pid: PID,
    tid,
    id,
    ...(ph === "f" && { bp: "e" }),
  });

/** One flow arrow per hop between consecutive anchors (none within one slice, none back in time). */
const addFlows = (request: string, path: readonly PathEvent[], ctx: FlowContext): void => {
  const owner = (point: PathEvent): FlowOwner => ctx.anchors.get(point)?.slice ?? point;
  const at = (point: PathEvent): number => ctx.anchors.get(point)?.u ?? point.t;
  const tid = (point: PathEvent): number => {
    const slice = ctx.anchors.get(point)?.slice;
    return slice ? ctx.layout.tidOf(slice) : ctx.layout.requestsTid;
  };
  for (let i = 1; i < path.length; i++) {
    const [from, to] = [path[i - 1]!, path[i]!];
    if (owner(from) === owner(to) || at(to) < at(from)) continue;
    const id = ++ctx.lastFlowId;
    pushTo(ctx.attached, owner(from), {
      u: at(from),
      event: flowEvent(request, "s", at(from), tid(from), id),
    });
    pushTo(ctx.attached, owner(to), { u: at(to), event: flowEvent(request, "f", at(to), tid(to), id) });
  }
};

interface FlowContext {
  readonly anchors: ReadonlyMap<PathEvent, Anchor>;
  readonly layout: RequestLayout;
  readonly attached: Map<FlowOwner, Attached[]>;
  lastFlowId: number;
}

/** The async slice: from the request's first event to its first completion (or the trace end). */
const asyncSlice = (request: string, events: readonly RequestEvent[], end: number): ChromeEvent[] => {
  const arrive = events.find((event) => event.type === "request-arrive");
  const complete = events.find((event) => event.type === "request-complete");
  const base = { name: request, cat: "request", pid: PID, id: request } as const;
  const beginArgs = arrive ? { queue: arrive.queue, major: arrive.major } : {};
  const endArgs = complete ? { status: complete.status } : { unfinished: true };
  return [
    chromeEvent({ ...base, ph: "b", ts: micros(events[0]!.t), args: beginArgs }),
    chromeEvent({ ...base, ph: "e", ts: micros(complete?.t ?? end), args: endArgs }),
  ];
};

const markerArgs = (event: PathEvent): Record<string, string> => {
  switch (event.type) {
    case "request-arrive":
      return { request: event.request, queue: event.queue, major: event.major };
    case "request-present":
      return { request: event.request, queue: event.queue, track: event.track };
    case "request-complete":
      return { request: event.request, status: event.status, track: event.track };
    default: {
      const never: never = event;
      return never;
    }
  }
};

/** A zero-length slice on the requests thread, with the flow events that bind to it. */
const marker = (event: PathEvent, tid: number, flows: readonly Attached[]): ChromeEvent[] => {
  const base = { name: event.type.slice("request-".length), cat: "request", pid: PID, tid } as const;
  const ts = micros(event.t);
  return [
    chromeEvent({ ...base, ph: "B", ts, args: markerArgs(event) }),
    ...flows.map((flow) => flow.event),
    chromeEvent({ ...base, ph: "E", ts }),
  ];
};

const cancelInstant = (event: RequestEvent, tid: number): ChromeEvent[] => [
  chromeEvent({
    name: "cancel",
    cat: "request",
    ph: "i",
    ts: micros(event.t),
    pid: PID,
    tid,
    s: "t",
    args: { request: event.request },
  }),
];

/** Markers (path points with no enclosing callback) and cancels, in time order. */
const requestsThread = (requests: Requests, ctx: FlowContext): ChromeEvent[] => {
  const items: { readonly t: number; readonly events: ChromeEvent[] }[] = [];
  const tid = ctx.layout.requestsTid;
  for (const events of requests.byId.values()) {
    for (const event of events) {
      if (!isPath(event)) items.push({ t: event.t, events: cancelInstant(event, tid) });
      else if (!ctx.anchors.has(event))
        items.push({ t: event.t, events: marker(event, tid, ctx.attached.get(event) ?? []) });
    }
  }
  return items.sort((a, b) => a.t - b.t).flatMap((item) => item.events);
};

/** Async slices, flows and markers for every request in the trace. */
export const requestEvents = (trace: Trace, layout: RequestLayout): RequestEvents => {
  const requests = collectRequests(trace);
  const ctx: FlowContext = {
    anchors: anchorPoints(requests, layout),
    layout,
    attached: new Map(),
    lastFlowId: 0,
  };
  for (const [request, events] of requests.byId) addFlows(request, events.filter(isPath), ctx);
  for (const list of ctx.attached.values()) list.sort((a, b) => a.u - b.u);
  return {
    attached: ctx.attached,
    requestsThread: requestsThread(requests, ctx),
    async: [...requests.byId]
      .flatMap(([request, events]) => asyncSlice(request, events, layout.end))
      .sort(byTs),
  };
};
