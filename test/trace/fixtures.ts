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

const WORK0 = "device/workItem0:EvtWorkItem";
const WORK1 = "device/workItem1:EvtWorkItem";
const READ = "device/ReadQueue:EvtIoRead";
const STOP = "device/ReadQueue:EvtIoStop";

const onThread = (
  t: number,
  track: string,
  callback: string,
  thread: string | null,
  irql: "PASSIVE_LEVEL" | "DISPATCH_LEVEL" = "PASSIVE_LEVEL",
): TraceEvent => ({
  t,
  type: "callback-begin",
  track,
  callback,
  object: callback.split(":")[0]!,
  request: callback === READ ? "request1" : null,
  irql,
  thread,
});

/**
 * The runtime's thread style: EvtIoRead inline on the application thread; work items on system
 * worker threads, worker0's preempted by a DPC (no thread); worker1 sleeps on cpu1 and wakes on
 * cpu0, so its end is on another processor than its begin; EvtIoStop on the power-down thread.
 */
export const threadedEvents: readonly TraceEvent[] = [
  { t: 0, type: "request-arrive", request: "request1", queue: "device/ReadQueue", major: "Read" },
  onThread(0, "cpu0", READ, "application"),
  { t: 2, type: "callback-end", track: "cpu0", callback: READ },
  onThread(2, "cpu0", WORK0, "worker0"),
  onThread(4, "cpu0", DPC, null, "DISPATCH_LEVEL"),
  onThread(5, "cpu1", WORK1, "worker1"),
  { t: 6, type: "callback-end", track: "cpu0", callback: DPC },
  onThread(7, "cpu1", STOP, "pnp:powerDown"),
  { t: 9, type: "callback-end", track: "cpu1", callback: STOP },
  { t: 10, type: "callback-end", track: "cpu0", callback: WORK0 },
  { t: 11, type: "request-complete", track: "cpu0", request: "request1", status: "STATUS_SUCCESS" },
  { t: 12, type: "callback-end", track: "cpu0", callback: WORK1 },
];

export const threaded: Trace = trace(threadedEvents);

/** The same events without any `thread` field, as an older runtime wrote them. */
export const withoutThreads = (events: readonly TraceEvent[]): Trace =>
  trace(
    events.map((event) => {
      if (!("thread" in event)) return event;
      const { thread: _, ...rest } = event;
      return rest as TraceEvent;
    }),
  );
