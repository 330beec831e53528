// Hand-written explain results for the report tests: a KMDF device with scope Queue, a
// Sequential queue whose EvtIoDeviceControl holds the queue's spin lock at DISPATCH_LEVEL, a work
// item with no lock at PASSIVE_LEVEL, and a timer whose creation failed (S-4).
import type {
  ExplainCallback,
  ExplainDeclared,
  ExplainObject,
  ExplainPair,
  ExplainResult,
} from "../../src/analyze/explain-result.js";

const declared = (overrides: Partial<ExplainDeclared>): ExplainDeclared => ({
  syncScope: "InheritFromParent",
  executionLevel: "InheritFromParent",
  automaticSerialization: null,
  dispatch: null,
  numberOfPresentedRequests: null,
  defaultQueue: null,
  powerManaged: null,
  period: null,
  ...overrides,
});

const objects: ExplainObject[] = [
  {
    id: "driver",
    kind: "driver",
    parent: null,
    source: { file: "driver.c", line: 10 },
    declared: declared({}),
    effective: { syncScope: "None", executionLevel: "Dispatch" },
    status: "STATUS_SUCCESS",
    lock: null,
  },
  {
    id: "device",
    kind: "device",
    parent: "driver",
    source: { file: "device.c", line: 40 },
    declared: declared({ syncScope: "Queue" }),
    effective: { syncScope: "Queue", executionLevel: "Dispatch" },
    status: "STATUS_SUCCESS",
    lock: null,
  },
  {
    id: "device/ioctlQueue",
    kind: "queue",
    parent: "device",
    source: { file: "queue.c", line: 180 },
    declared: declared({ dispatch: "Sequential", defaultQueue: false, powerManaged: "WdfTrue" }),
    effective: { syncScope: "Queue", executionLevel: "Dispatch" },
    status: "STATUS_SUCCESS",
    lock: "device/ioctlQueue#lock",
  },
  {
    id: "device/ioctlQueue/workItem0",
    kind: "workitem",
    parent: "device/ioctlQueue",
    source: { file: "queue.c", line: 200 },
    declared: declared({ executionLevel: "Passive", automaticSerialization: false }),
    effective: { syncScope: "Queue", executionLevel: "Passive" },
    status: "STATUS_SUCCESS",
    lock: null,
  },
  {
    id: "device/ioctlQueue/timer0",
    kind: "timer",
    parent: "device/ioctlQueue",
    source: { file: "queue.c", line: 212 },
    declared: declared({ executionLevel: "Passive", automaticSerialization: true, period: 0 }),
    effective: { syncScope: "Queue", executionLevel: "Passive" },
    status: "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    lock: null,
  },
];

const callbacks: ExplainCallback[] = [
  {
    id: "driver:EvtDriverDeviceAdd",
    object: "driver",
    event: "EvtDriverDeviceAdd",
    function: "MyEvtDeviceAdd",
    lock: null,
    irql: "PASSIVE_LEVEL",
  },
  {
    id: "device/ioctlQueue:EvtIoDeviceControl",
    object: "device/ioctlQueue",
    event: "EvtIoDeviceControl",
    function: "MyEvtIoDeviceControl",
    lock: "device/ioctlQueue#lock",
    irql: "DISPATCH_LEVEL",
  },
  {
    id: "device/ioctlQueue/workItem0:EvtWorkItem",
    object: "device/ioctlQueue/workItem0",
    event: "EvtWorkItem",
    function: "MyEvtWorkItem",
    lock: null,
    irql: "PASSIVE_LEVEL",
  },
];

export const WHY_IOCTL_WORKITEM =
  "The work item has AutomaticSerialization=FALSE and takes no lock, so it can run on another processor while EvtIoDeviceControl holds the queue's lock.";

const pairs: ExplainPair[] = [
  {
    a: "driver:EvtDriverDeviceAdd",
    b: "driver:EvtDriverDeviceAdd",
    concurrent: false,
    why: "The framework adds one device at a time.",
  },
  {
    a: "driver:EvtDriverDeviceAdd",
    b: "device/ioctlQueue:EvtIoDeviceControl",
    concurrent: false,
    why: "No request reaches the queue before EvtDriverDeviceAdd returns.",
  },
  {
    a: "driver:EvtDriverDeviceAdd",
    b: "device/ioctlQueue/workItem0:EvtWorkItem",
    concurrent: false,
    why: "The work item is only enqueued after EvtDriverDeviceAdd returns.",
  },
  {
    a: "device/ioctlQueue:EvtIoDeviceControl",
    b: "device/ioctlQueue:EvtIoDeviceControl",
    concurrent: false,
    why: "ioctlQueue is Sequential and its callbacks hold the queue's spin lock.",
  },
  {
    a: "device/ioctlQueue:EvtIoDeviceControl",
    b: "device/ioctlQueue/workItem0:EvtWorkItem",
    concurrent: true,
    why: WHY_IOCTL_WORKITEM,
  },
  {
    a: "device/ioctlQueue/workItem0:EvtWorkItem",
    b: "device/ioctlQueue/workItem0:EvtWorkItem",
    concurrent: false,
    why: "A work item runs one instance of its callback at a time.",
  },
];

export const FIXTURE: ExplainResult = {
  schema: "wdfsim.explain/1",
  framework: "kmdf",
  objects,
  locks: [{ id: "device/ioctlQueue#lock", kind: "spin", owner: "device/ioctlQueue" }],
  callbacks,
  pairs,
  findings: [
    {
      rule: "D-1",
      severity: "info",
      message: "The driver's execution level is not set; the KMDF default applies.",
      object: "driver",
      source: { file: "driver.c", line: 10 },
    },
    {
      rule: "S-4",
      severity: "error",
      message:
        "WdfTimerCreate fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL: a passive-level timer cannot be serialized with a Dispatch-level queue.",
      object: "device/ioctlQueue/timer0",
      source: { file: "queue.c", line: 212 },
    },
    {
      rule: "S-3",
      severity: "warning",
      message: "workItem0 takes no lock; guard state it shares with EvtIoDeviceControl yourself.",
      object: "device/ioctlQueue/workItem0",
      source: null,
    },
  ],
};

/** A result with `count` lock-free passive work items under one device and all their pairs. */
export const manyCallbacks = (count: number): ExplainResult => {
  const items = Array.from({ length: count }, (_, i) => `device/workItem${i}`);
  const cbs = items.map(
    (object): ExplainCallback => ({
      id: `${object}:EvtWorkItem`,
      object,
      event: "EvtWorkItem",
      function: null,
      lock: null,
      irql: "PASSIVE_LEVEL",
    }),
  );
  const allPairs = cbs.flatMap((a, i) =>
    cbs
      .slice(i)
      .map((b): ExplainPair => ({ a: a.id, b: b.id, concurrent: a !== b, why: "Neither takes a lock." })),
  );
  return { ...FIXTURE, callbacks: cbs, pairs: allPairs, findings: [] };
};
