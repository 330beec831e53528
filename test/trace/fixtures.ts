// Hand-built traces for the exporters: two processors, a passive work item on cpu0 preempted by a
// DPC, an EvtIo callback on cpu1 holding its queue's lock, requests arriving, presented,
// completed and cancelled, and findings.

import { TRACE_VERSION, type Trace, type TraceEvent } from "../../src/trace/events.js";

const WORK_ITEM = "device/workItem0:EvtWorkItem";
const DPC = "device/dpc0:EvtDpcFunc";
const IOCTL = "device/IoctlQueue:EvtIoDeviceControl";
const QUEUE = "device/IoctlQueue";

/** The runtime's style: present and framework completions carry no track (""). */
export const twoCpuEvents: readonly TraceEvent[] = [
  {
    t: 0,
    type: "callback-begin",
    track: "cpu0",
    callback: WORK_ITEM,
    object: "device/workItem0",
    request: null,
    irql: "PASSIVE_LEVEL",
  },
  { t: 1, type: "request-arrive", request: "request2", queue: QUEUE, major: "DeviceControl" },
  { t: 2, type: "request-arrive", request: "request1", queue: QUEUE, major: "DeviceControl" },
  { t: 3, type: "request-present", track: "", request: "request1", queue: QUEUE },
  { t: 5, type: "lock-acquire", track: "cpu1", lock: `${QUEUE}/lock` },
  {
    t: 5,
    type: "callback-begin",
    track: "cpu1",
    callback: IOCTL,
    object: QUEUE,
    request: "request1",
    irql: "DISPATCH_LEVEL",
  },
  { t: 8, type: "cell-write", track: "cpu1", cell: "pending", callback: IOCTL },
  {
    t: 10,
    type: "callback-begin",
    track: "cpu0",
    callback: DPC,
    object: "device/dpc0",
    request: null,
    irql: "DISPATCH_LEVEL",
  },
  { t: 12, type: "callback-end", track: "cpu1", callback: IOCTL },
  { t: 12, type: "lock-release", track: "cpu1", lock: `${QUEUE}/lock` },
  { t: 15, type: "request-complete", track: "cpu0", request: "request1", status: "STATUS_SUCCESS" },
  { t: 18, type: "finding", track: "cpu0", rule: "DataRace", message: 'data race on cell "pending"' },
  { t: 20, type: "callback-end", track: "cpu0", callback: DPC },
  { t: 30, type: "request-cancel", request: "request2" },
  { t: 31, type: "request-complete", track: "", request: "request2", status: "STATUS_CANCELLED" },
  { t: 35, type: "request-arrive", request: "request3", queue: QUEUE, major: "Read" },
  { t: 36, type: "finding", track: null, rule: "RequestCompleted", message: "request3 is never completed" },
  { t: 40, type: "callback-end", track: "cpu0", callback: WORK_ITEM },
];

export const trace = (events: readonly TraceEvent[], cpus = 2): Trace => ({
  version: TRACE_VERSION,
  cpus,
  seed: 7,
  events,
});

export const twoCpu: Trace = trace(twoCpuEvents);

const begin = (t: number, callback: string): TraceEvent => ({
  t,
  type: "callback-begin",
  track: "cpu0",
  callback,
  object: callback.split(":")[0]!,
  request: null,
  irql: "PASSIVE_LEVEL",
});
const end = (t: number, callback: string): TraceEvent => ({
  t,
  type: "callback-end",
  track: "cpu0",
  callback,
});

/** A begins, B begins, A ends, B ends: B crosses A and must move to an overflow thread. */
export const crossing: Trace = trace(
  [
    begin(0, "a:EvtA"),
    begin(1, "b:EvtB"),
    end(2, "a:EvtA"),
    end(3, "b:EvtB"),
    begin(4, "c:EvtC"),
    end(5, "c:EvtC"),
  ],
  1,
);

/** Back-to-back and nested zero-length slices at one instant, and a callback the trace cuts off. */
export const edges: Trace = trace(
  [
    begin(0, "a:EvtA"),
    end(0, "a:EvtA"),
    begin(0, "b:EvtB"),
    begin(0, "c:EvtC"),
    end(0, "c:EvtC"),
    begin(2, "d:EvtD"),
    end(3, "b:EvtB"),
  ],
  1,
);
