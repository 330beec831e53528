// Literal expectations for the C fixture drivers under test/fixtures/c/<name>/.
//
// Written by hand from each fixture's C source and the rule books in shared/spec
// (wdf-objects-and-locking.md, wdf-queues-and-requests.md, explain-json.md), never from wdfsim's
// output. Every non-success status and every lock names the rule that decides it.
//
// Conventions:
// - `objects` is every object the C front-end must report (driver, device, file object, queues,
//   work items, timers, DPCs, interrupts, spin locks), with `line` = the line on which the create
//   function's name appears (WdfDeviceInitSetFileObjectConfig for a file object) and `file`
//   relative to the fixture folder.
// - `declared` lists only the fields the fixture is about; a field that is not statically known is
//   `null` (and listed in `unknown`). Fields left out are not checked.
// - `lock` is `objects[].lock` of the explain contract; it is left out where the spec does not
//   decide it.
// - `callbacks` is exactly the explain `callbacks[]` as (object, event, function): callbacks of an
//   object whose creation fails are absent (explain-json.md "Absent callbacks"), and object
//   EvtCleanupCallback / EvtDestroyCallback routines are not WDF callback slots (PL-2) and absent.
// - Framework defaults used throughout: KMDF driver level Dispatch, scope None (D-1); UMDF 2 driver
//   level Passive, scope None (D-1, U-1). Devices and queues inherit (DV-1, Q-1).

export interface FixtureExpectation {
  readonly framework: "kmdf" | "umdf2";
  readonly objects: ReadonlyArray<{
    id: string;
    kind: string;
    parent: string | null;
    line: number;
    file: string;
    status: string;
    declared?: Partial<{
      syncScope: string;
      executionLevel: string;
      automaticSerialization: boolean | null;
      dispatch: string | null;
      numberOfPresentedRequests: number | null;
      defaultQueue: boolean | null;
      powerManaged: string | null;
      period: number | null;
    }>;
    lock?: string | null;
  }>;
  readonly callbacks: ReadonlyArray<{ object: string; event: string; function: string }>;
  readonly unknown?: ReadonlyArray<{ object: string; field: string }>;
  readonly findingsInclude?: ReadonlyArray<{
    rule?: string;
    severity?: string;
    file?: string;
    line?: number;
  }>;
}

const INHERIT = { syncScope: "InheritFromParent", executionLevel: "InheritFromParent" } as const;

export const FIXTURE_EXPECTATIONS: Record<string, FixtureExpectation> = {
  // DriverEntry + EvtDeviceAdd in driver.c; queue.c: EcsQueueInitialize creates a Sequential default
  // queue with its own scope, EcsTimerCreate a periodic timer parented to that queue (helper
  // parameter as ParentObject, out-handle in the queue context). WdfRequestMarkCancelableEx in
  // EvtIoRead attributes the cancel routine to the queue (CAN-25). The driver attributes carry only
  // an EvtCleanupCallback (not a callback slot).
  "echo-style": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 46,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4: driver scope None
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 81,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/queue",
        kind: "queue",
        parent: "device",
        line: 46,
        file: "queue.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "Queue",
          executionLevel: "InheritFromParent",
          dispatch: "Sequential",
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
          numberOfPresentedRequests: null,
        },
        lock: "device/queue#lock", // scope Queue -> the queue's own (spin) lock
      },
      {
        id: "device/queue/Timer",
        kind: "timer",
        parent: "device/queue",
        line: 88,
        file: "queue.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true, period: 2000 },
        // S-4: wantsPassive FALSE (no explicit Passive, 6.3 step 10) = the Dispatch queue's passive
        // flag FALSE; S-5: owner = queue with scope Queue -> its own lock.
        lock: "device/queue#lock",
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "EcsEvtDeviceAdd" },
      { object: "device", event: "EvtDeviceSelfManagedIoInit", function: "EcsEvtSelfManagedIoInit" },
      { object: "device", event: "EvtDeviceSelfManagedIoSuspend", function: "EcsEvtSelfManagedIoSuspend" },
      { object: "device/queue", event: "EvtIoRead", function: "EcsEvtIoRead" },
      { object: "device/queue", event: "EvtIoWrite", function: "EcsEvtIoWrite" },
      { object: "device/queue", event: "EvtRequestCancel", function: "EcsEvtRequestCancel" }, // CAN-25
      { object: "device/queue/Timer", event: "EvtTimerFunc", function: "EcsEvtTimerFunc" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // The queue config is filled by CihFillIoctlQueueConfig(PWDF_IO_QUEUE_CONFIG) through `->`; the
  // queue attributes through a PWDF_OBJECT_ATTRIBUTES pointer variable (INIT_CONTEXT_TYPE, level,
  // scope) that is itself passed to WdfIoQueueCreate; the work item config and attributes (with a
  // ParentObject parameter) by CihInitWorkItem. Device out-handle `&hDevice`. The work item call is
  // split over two lines (`status =` / `WdfWorkItemCreate(`).
  "config-in-helper": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 15,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "hDevice",
        kind: "device",
        parent: "driver",
        line: 31,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "hDevice/ioctlQueue",
        kind: "queue",
        parent: "hDevice",
        line: 52,
        file: "queue.c",
        status: "STATUS_SUCCESS", // scope Queue needs no level match with the device
        declared: {
          syncScope: "Queue",
          executionLevel: "Passive",
          dispatch: "Parallel",
          numberOfPresentedRequests: 4,
          defaultQueue: false,
          powerManaged: "WdfFalse",
        },
        lock: "hDevice/ioctlQueue#lock", // its own (mutex) lock
      },
      {
        id: "hDevice/ioctlQueue/CompletionWorkItem",
        kind: "workitem",
        parent: "hDevice/ioctlQueue",
        line: 70,
        file: "queue.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true },
        // S-4: work item wantsPassive TRUE (6.2) = the Passive queue's passive flag; S-5.
        lock: "hDevice/ioctlQueue#lock",
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "CihEvtDeviceAdd" },
      { object: "hDevice/ioctlQueue", event: "EvtIoDeviceControl", function: "CihEvtIoDeviceControl" },
      { object: "hDevice/ioctlQueue", event: "EvtIoStop", function: "CihEvtIoStop" },
      {
        object: "hDevice/ioctlQueue/CompletionWorkItem",
        event: "EvtWorkItem",
        function: "CihEvtCompletionWorkItem",
      },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // Every value comes from dae.h: device scope (#define to an enumerator), dispatch type (#define),
  // NumberOfPresentedRequests from enumerators with implicit values (DaeDepthRead = 2,
  // DaeDepthIoctl = 3), the period from a nested #define with arithmetic ((50 * 5) = 250),
  // AutomaticSerialization from a #define to FALSE, and two callbacks through #define aliases
  // (DaeEvtIoDeviceControl -> DaeDispatchIoctl, DAE_POLL_CALLBACK -> DaeEvtPollTimer). The default
  // queue has no out-handle (WDF_NO_HANDLE).
  "defines-and-enums": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 19,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 45,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Device", executionLevel: "InheritFromParent" },
        lock: null,
      },
      {
        id: "device/DefaultQueue",
        kind: "queue",
        parent: "device",
        line: 60,
        file: "driver.c",
        status: "STATUS_SUCCESS", // queue and device both resolve to Dispatch
        declared: {
          ...INHERIT,
          dispatch: "Parallel",
          numberOfPresentedRequests: 3,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: "device#lock", // scope Device (inherited) -> the device lock
      },
      {
        id: "device/ReadQueue",
        kind: "queue",
        parent: "device",
        line: 75,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "None",
          executionLevel: "InheritFromParent",
          dispatch: "Parallel",
          numberOfPresentedRequests: 2,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: null, // Q-5 / PL-2: scope None
      },
      {
        id: "device/PollTimer",
        kind: "timer",
        parent: "device",
        line: 91,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: false, period: 250 },
        lock: null, // S-3: AutomaticSerialization FALSE
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "DaeEvtDeviceAdd" },
      { object: "device/DefaultQueue", event: "EvtIoDeviceControl", function: "DaeDispatchIoctl" },
      { object: "device/ReadQueue", event: "EvtIoRead", function: "DaeEvtIoRead" },
      { object: "device/PollTimer", event: "EvtTimerFunc", function: "DaeEvtPollTimer" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // A Parallel default queue (out-handle devCtx->IoQueue) and a Manual queue (devCtx->PendingQueue)
  // that receives writes through WdfDeviceConfigureRequestDispatching, has EvtIoCanceledOnQueue
  // (allowed on a manual queue, CFG-06e), a WdfIoQueueReadyNotify routine and is drained with
  // WdfIoQueueRetrieveNextRequest(Queue, ...) inside that routine. Device scope None throughout.
  "manual-readynotify": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 16,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 38,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/IoQueue",
        kind: "queue",
        parent: "device",
        line: 55,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Parallel",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: null, // scope None inherited from the device (DV-1, D-1)
      },
      {
        id: "device/PendingQueue",
        kind: "queue",
        parent: "device",
        line: 69,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Manual",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: null,
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "MrnEvtDeviceAdd" },
      { object: "device/IoQueue", event: "EvtIoRead", function: "MrnEvtIoRead" },
      { object: "device/IoQueue", event: "EvtIoDeviceControl", function: "MrnEvtIoDeviceControl" },
      {
        object: "device/PendingQueue",
        event: "EvtIoCanceledOnQueue",
        function: "MrnEvtPendingCanceledOnQueue",
      },
      { object: "device/PendingQueue", event: "EvtIoQueueState", function: "MrnEvtPendingQueueReady" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // Seed 001 (msr), locking spec 12 (b), in C: device with only a context; one WDF_OBJECT_ATTRIBUTES
  // variable re-initialized between object kinds; a DPC and two passive one-shot timers under the
  // device (AutomaticSerialization TRUE set explicitly); two manual, non-power-managed Passive +
  // Queue-scope queues, each parenting a work item (AutomaticSerialization left at the INIT default)
  // through a context field. The two timers are stored in one array (`&ctx->PassiveTimer[0]`,
  // `[1]`): both out-handles end in `PassiveTimer`, so the second gets `@L61`. Both work item calls
  // put `WdfWorkItemCreate(` on the line after `status =`.
  "workitem-dpc-timer": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 25,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 50,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/Dpc",
        kind: "dpc",
        parent: "device",
        line: 39,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true },
        lock: null, // S-3: owner (device) scope None
      },
      {
        id: "device/PassiveTimer",
        kind: "timer",
        parent: "device",
        line: 56,
        file: "sync.c",
        status: "STATUS_SUCCESS", // 6.3 step 7: period 0, so an explicit Passive level is allowed
        declared: {
          syncScope: "InheritFromParent",
          executionLevel: "Passive",
          automaticSerialization: true,
          period: 0,
        },
        lock: null, // S-3
      },
      {
        id: "device/PassiveTimer@L61",
        kind: "timer",
        parent: "device",
        line: 61,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "InheritFromParent",
          executionLevel: "Passive",
          automaticSerialization: true,
          period: 0,
        },
        lock: null, // S-3
      },
      {
        id: "device/SyncQueue0",
        kind: "queue",
        parent: "device",
        line: 77,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "Queue",
          executionLevel: "Passive",
          dispatch: "Manual",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfFalse",
        },
        lock: "device/SyncQueue0#lock", // Q-4 (mutex, Q-2)
      },
      {
        id: "device/SyncQueue1",
        kind: "queue",
        parent: "device",
        line: 82,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "Queue",
          executionLevel: "Passive",
          dispatch: "Manual",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfFalse",
        },
        lock: "device/SyncQueue1#lock",
      },
      {
        id: "device/SyncQueue0/WorkItem0",
        kind: "workitem",
        parent: "device/SyncQueue0",
        line: 97,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true },
        lock: "device/SyncQueue0#lock", // S-4 (passive-flagged queue, Q-2), S-5
      },
      {
        id: "device/SyncQueue1/WorkItem1",
        kind: "workitem",
        parent: "device/SyncQueue1",
        line: 106,
        file: "sync.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true },
        lock: "device/SyncQueue1#lock", // S-4, S-5
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "MsrEvtDeviceAdd" },
      { object: "device/Dpc", event: "EvtDpcFunc", function: "MsrEvtDpc" },
      { object: "device/PassiveTimer", event: "EvtTimerFunc", function: "MsrEvtTimer" },
      { object: "device/PassiveTimer@L61", event: "EvtTimerFunc", function: "MsrEvtTimer" },
      { object: "device/SyncQueue0/WorkItem0", event: "EvtWorkItem", function: "MsrEvtWorkItem0" },
      { object: "device/SyncQueue1/WorkItem1", event: "EvtWorkItem", function: "MsrEvtWorkItem1" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // Seed 000 as posted, locking spec 12 (a): objAttrib (INIT_CONTEXT_TYPE, scope Queue) creates the
  // device, is then given ParentObject = pDeviceExt->Device and scope InheritFromParent for the
  // Sequential IOCTL queue, and ParentObject = pDeviceExt->IoctlQueue for the work item
  // (AutomaticSerialization FALSE). Same objects as examples/000-sequential-vs-queue-scope.
  "seed-000": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 13,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 37,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Queue", executionLevel: "InheritFromParent" },
        lock: null, // device: always null (DV-4)
      },
      {
        id: "device/IoctlQueue",
        kind: "queue",
        parent: "device",
        line: 55,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfTrue",
        },
        lock: "device/IoctlQueue#lock", // Q-1 (inherits Queue), Q-4: its own spin lock
      },
      {
        id: "device/IoctlQueue/WorkItem",
        kind: "workitem",
        parent: "device/IoctlQueue",
        line: 73,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: false },
        lock: null, // S-3: AutomaticSerialization FALSE
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "VpaPci9030EvtDeviceAdd" },
      {
        object: "device/IoctlQueue",
        event: "EvtIoDeviceControl",
        function: "VpaPci9030EvtIoDeviceControl",
      },
      { object: "device/IoctlQueue/WorkItem", event: "EvtWorkItem", function: "VpaPci9030EvtWorkItem" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // UMDF 2 known only from the `// wdfsim: framework=umdf2` comment on line 1 of driver.c. Device
  // scope Queue with the level left to the driver default (Passive, not explicit); a Parallel
  // default queue inheriting it; one AutomaticSerialization work item under the queue and one
  // under the device (U-6).
  "umdf2-marker": {
    framework: "umdf2",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 36,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 71,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Queue", executionLevel: "InheritFromParent" },
        lock: null,
      },
      {
        id: "device/IoQueue",
        kind: "queue",
        parent: "device",
        line: 82,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Parallel",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: "device/IoQueue#lock", // U-1, Q-1, Q-4: its own mutex-class lock
      },
      {
        id: "device/IoQueue/QueueWorkItem",
        kind: "workitem",
        parent: "device/IoQueue",
        line: 97,
        file: "driver.c",
        status: "STATUS_SUCCESS", // U-6: under a queue it succeeds (queue passive-flagged, Q-2)
        declared: { ...INHERIT, automaticSerialization: true },
        lock: "device/IoQueue#lock", // S-4, S-5
      },
      {
        id: "device/ResetWorkItem",
        kind: "workitem",
        parent: "device",
        line: 109,
        file: "driver.c",
        // U-6 / S-4: owner = device with scope Queue; the work item wants passive, but the device
        // is not passive-flagged because its Passive level is only inherited (DV-5).
        status: "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
        declared: { ...INHERIT, automaticSerialization: true },
        lock: null, // failed object
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "UmkEvtDeviceAdd" },
      { object: "device", event: "EvtDeviceD0Entry", function: "UmkEvtDeviceD0Entry" },
      { object: "device/IoQueue", event: "EvtIoDeviceControl", function: "UmkEvtIoDeviceControl" },
      { object: "device/IoQueue/QueueWorkItem", event: "EvtWorkItem", function: "UmkEvtQueueWorkItem" },
    ],
    findingsInclude: [
      { rule: "S-4", severity: "error", file: "driver.c", line: 109 },
      { rule: "VER-1", severity: "info" },
    ],
  },

  // UMDF 2 known only from uvx.vcxproj (DriverType UMDF, UMDF_VERSION_MAJOR 2; no minor version).
  // File-object callbacks registered with WDF_FILEOBJECT_CONFIG_INIT and WDF_NO_OBJECT_ATTRIBUTES
  // (inside a helper that receives the PWDFDEVICE_INIT), device scope Queue, a Sequential default
  // queue without out-handle (NULL), and an explicitly Passive one-shot timer under the device.
  "umdf2-vcxproj": {
    framework: "umdf2",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 29,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 46,
        file: "device.c",
        // F-1: with WDF_NO_OBJECT_ATTRIBUTES the file object starts at scope None and does not
        // inherit the device's scope Queue, so F-3 does not fail WdfDeviceCreate.
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Queue", executionLevel: "InheritFromParent" },
        lock: null,
      },
      {
        id: "device/fileObject",
        kind: "fileobject",
        parent: "device",
        line: 39,
        file: "device.c",
        status: "STATUS_SUCCESS", // the status of WdfDeviceCreate (explain-json.md)
        lock: null, // F-6: file scope None
      },
      {
        id: "device/DefaultQueue",
        kind: "queue",
        parent: "device",
        line: 58,
        file: "device.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: "device/DefaultQueue#lock", // U-1, Q-4: inherits scope Queue, own mutex-class lock
      },
      {
        id: "device/IdleTimer",
        kind: "timer",
        parent: "device",
        line: 73,
        file: "device.c",
        // U-5 / S-4: explicit Passive timer (wantsPassive TRUE, 6.3 step 10) under a device with
        // scope Queue whose Passive level is only inherited, so not passive-flagged (DV-5).
        status: "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
        declared: {
          syncScope: "InheritFromParent",
          executionLevel: "Passive",
          automaticSerialization: true,
          period: 0,
        },
        lock: null, // failed object
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "UvxEvtDeviceAdd" },
      { object: "device/fileObject", event: "EvtDeviceFileCreate", function: "UvxEvtDeviceFileCreate" },
      { object: "device/fileObject", event: "EvtFileClose", function: "UvxEvtFileClose" },
      { object: "device/fileObject", event: "EvtFileCleanup", function: "UvxEvtFileCleanup" },
      { object: "device/DefaultQueue", event: "EvtIoRead", function: "UvxEvtIoRead" },
      { object: "device/DefaultQueue", event: "EvtIoWrite", function: "UvxEvtIoWrite" },
    ],
    findingsInclude: [{ rule: "S-4", severity: "error", file: "device.c", line: 73 }],
  },

  // ifp.vcxproj defines IFP_SERIALIZED_IO (both configurations) and not IFP_SLOW_POLL or
  // IFP_TRACE_LOAD: the default queue is Sequential (driver.c `#ifdef IFP_SERIALIZED_IO`) and the
  // period is 50 (ifp.h `#ifdef IFP_SLOW_POLL ... #else #define IFP_POLL_PERIOD_MS 50`).
  // PowerManaged is WdfFalse in both branches. The timer is parented to the queue (context field).
  "ifdef-project": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 22,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 43,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/IoQueue",
        kind: "queue",
        parent: "device",
        line: 64,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "Queue",
          executionLevel: "InheritFromParent",
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfFalse",
        },
        lock: "device/IoQueue#lock",
      },
      {
        id: "device/IoQueue/PollTimer",
        kind: "timer",
        parent: "device/IoQueue",
        line: 74,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true, period: 50 },
        lock: "device/IoQueue#lock", // S-4 (FALSE = FALSE: Dispatch queue, no explicit Passive), S-5
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "IfpEvtDeviceAdd" },
      { object: "device/IoQueue", event: "EvtIoRead", function: "IfpEvtIoRead" },
      { object: "device/IoQueue", event: "EvtIoWrite", function: "IfpEvtIoWrite" },
      { object: "device/IoQueue/PollTimer", event: "EvtTimerFunc", function: "IfpEvtPollTimer" },
    ],
  },

  // The same driver.c and ifp.h with no project: both branches of each #ifdef count. The dispatch
  // type (Sequential vs Parallel) and the period (500 vs 50) differ between branches and are not
  // statically known; PowerManaged is WdfFalse in both branches and stays known. Neither unknown
  // value changes a status or a lock: Sequential and Parallel queues with EvtIoRead/EvtIoWrite both
  // succeed (CFG-06d), the lock follows the scope, and a non-Passive timer's creation does not
  // depend on its period (6.3).
  "ifdef-no-project": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 22,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 43,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/IoQueue",
        kind: "queue",
        parent: "device",
        line: 64,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          syncScope: "Queue",
          executionLevel: "InheritFromParent",
          dispatch: null,
          defaultQueue: true,
          powerManaged: "WdfFalse",
        },
        lock: "device/IoQueue#lock",
      },
      {
        id: "device/IoQueue/PollTimer",
        kind: "timer",
        parent: "device/IoQueue",
        line: 74,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true, period: null },
        lock: "device/IoQueue#lock", // S-4, S-5
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "IfpEvtDeviceAdd" },
      { object: "device/IoQueue", event: "EvtIoRead", function: "IfpEvtIoRead" },
      { object: "device/IoQueue", event: "EvtIoWrite", function: "IfpEvtIoWrite" },
      { object: "device/IoQueue/PollTimer", event: "EvtTimerFunc", function: "IfpEvtPollTimer" },
    ],
    unknown: [
      { object: "device/IoQueue", field: "dispatch" },
      { object: "device/IoQueue/PollTimer", field: "period" },
    ],
    findingsInclude: [
      { rule: "C-IFDEF", severity: "info", file: "driver.c" },
      { rule: "C-IFDEF", severity: "info", file: "ifp.h" },
      { rule: "VER-1", severity: "info" },
    ],
  },

  // Runtime values: PowerManaged is WdfFalse or WdfTrue depending on a registry-derived flag
  // (if/else); the period is a registry value (address passed to a helper that calls
  // WdfRegistryQueryULong, then capped at 60000); AutomaticSerialization is set to FALSE only in an
  // `if` without else. None of them changes a status or a lock: the queue succeeds with any
  // PowerManaged value, a non-Passive timer with a period <= MAXLONG succeeds (6.3 steps 3, 7), and
  // the device has scope None so the timer takes no lock whatever AutomaticSerialization is (S-3).
  "branch-unknown": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 16,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 66,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/ReadQueue",
        kind: "queue",
        parent: "device",
        line: 94,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: null,
        },
        lock: null, // scope None
      },
      {
        id: "device/PollTimer",
        kind: "timer",
        parent: "device",
        line: 121,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: null, period: null },
        lock: null, // S-3: owner (device) scope None, for either AutomaticSerialization value
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "BruEvtDeviceAdd" },
      { object: "device/ReadQueue", event: "EvtIoRead", function: "BruEvtIoRead" },
      { object: "device/PollTimer", event: "EvtTimerFunc", function: "BruEvtPollTimer" },
    ],
    unknown: [
      { object: "device/ReadQueue", field: "powerManaged" },
      { object: "device/PollTimer", field: "period" },
      { object: "device/PollTimer", field: "automaticSerialization" },
    ],
    findingsInclude: [
      { rule: "C-VALUE", severity: "info", file: "driver.c" },
      { rule: "VER-1", severity: "info" },
    ],
  },

  // C++ file: extern "C" DriverEntry, declarations mixed with statements, C-style casts, a
  // static_cast in the ISR, a parenthesized out-handle `&(devCtx->Interrupt)`, and
  // config.EvtDriverUnload. Device scope Device; a Parallel default queue (WDF_NO_HANDLE); a spin
  // lock under the device used as the interrupt's SpinLock, a spin lock with no attributes (parent:
  // the driver); an interrupt with ISR + DPC + enable/disable and AutomaticSerialization TRUE.
  "cpp-file": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 26,
        file: "driver.cpp",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 63,
        file: "driver.cpp",
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Device", executionLevel: "InheritFromParent" },
        lock: null,
      },
      {
        id: "device/DefaultQueue",
        kind: "queue",
        parent: "device",
        line: 77,
        file: "driver.cpp",
        status: "STATUS_SUCCESS", // levels match (Dispatch)
        declared: {
          ...INHERIT,
          dispatch: "Parallel",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: "device#lock",
      },
      {
        id: "device/IsrLock",
        kind: "other",
        parent: "device",
        line: 89,
        file: "driver.cpp",
        status: "STATUS_SUCCESS",
        lock: null, // no callbacks of its own
      },
      {
        id: "driver/StatsLock",
        kind: "other",
        parent: "driver",
        line: 97,
        file: "driver.cpp",
        status: "STATUS_SUCCESS",
        lock: null,
      },
      {
        id: "device/Interrupt",
        kind: "interrupt",
        parent: "device",
        line: 109,
        file: "driver.cpp",
        status: "STATUS_SUCCESS", // 6.5: DIRQL interrupt with a SpinLock (step 7), parent = device
        declared: { ...INHERIT, automaticSerialization: true },
        // 6.5 step 9: EvtInterruptDpc set -> wantsPassive FALSE = device passive flag FALSE (DV-5);
        // S-5: owner = device with scope Device -> the device lock (not the interrupt lock, PL-3).
        lock: "device#lock",
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "CppEvtDeviceAdd" },
      { object: "driver", event: "EvtDriverUnload", function: "CppEvtDriverUnload" },
      { object: "device", event: "EvtDevicePrepareHardware", function: "CppEvtDevicePrepareHardware" },
      { object: "device", event: "EvtDeviceD0Entry", function: "CppEvtDeviceD0Entry" },
      { object: "device", event: "EvtDeviceD0Exit", function: "CppEvtDeviceD0Exit" },
      { object: "device/DefaultQueue", event: "EvtIoDeviceControl", function: "CppEvtIoDeviceControl" },
      { object: "device/Interrupt", event: "EvtInterruptIsr", function: "CppEvtInterruptIsr" },
      { object: "device/Interrupt", event: "EvtInterruptDpc", function: "CppEvtInterruptDpc" },
      { object: "device/Interrupt", event: "EvtInterruptEnable", function: "CppEvtInterruptEnable" },
      { object: "device/Interrupt", event: "EvtInterruptDisable", function: "CppEvtInterruptDisable" },
    ],
    findingsInclude: [{ rule: "VER-1", severity: "info" }],
  },

  // Locking spec 12 (c): device scope Device; read / write / IOCTL Sequential queues (one reused
  // WDF_IO_QUEUE_CONFIG, re-initialized each time), each routed with
  // WdfDeviceConfigureRequestDispatching; a DPC under the device (AutomaticSerialization default);
  // an optional internal-IOCTL queue that sets ExecutionLevel Passive (its failure does not end
  // EvtDeviceAdd); a work item under the device (AutomaticSerialization default).
  "device-scope": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 26,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 49,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { syncScope: "Device", executionLevel: "InheritFromParent" },
        lock: null,
      },
      {
        id: "device/ReadQueue",
        kind: "queue",
        parent: "device",
        line: 62,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: "device#lock", // scope Device, levels match -> the device lock
      },
      {
        id: "device/WriteQueue",
        kind: "queue",
        parent: "device",
        line: 77,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: "device#lock",
      },
      {
        id: "device/IoctlQueue",
        kind: "queue",
        parent: "device",
        line: 92,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: "device#lock",
      },
      {
        id: "device/CompletionDpc",
        kind: "dpc",
        parent: "device",
        line: 111,
        file: "driver.c",
        status: "STATUS_SUCCESS",
        declared: { ...INHERIT, automaticSerialization: true },
        // S-4: DPC wantsPassive FALSE (6.4) = device passive flag FALSE; S-5: owner device, scope
        // Device -> the device lock (12 (c)).
        lock: "device#lock",
      },
      {
        id: "device/InternalQueue",
        kind: "queue",
        parent: "device",
        line: 126,
        file: "driver.c",
        // Q-3 (CFG-06a): scope resolves to Device, queue level Passive != device level Dispatch.
        status: "STATUS_INVALID_PARAMETER",
        declared: {
          syncScope: "InheritFromParent",
          executionLevel: "Passive",
          dispatch: "Sequential",
          numberOfPresentedRequests: null,
          defaultQueue: false,
          powerManaged: "WdfUseDefault",
        },
        lock: null, // failed object
      },
      {
        id: "device/LogWorkItem",
        kind: "workitem",
        parent: "device",
        line: 140,
        file: "driver.c",
        // S-4: work item wantsPassive TRUE, device (scope Device) not passive-flagged (DV-5); 12 (c).
        status: "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
        declared: { ...INHERIT, automaticSerialization: true },
        lock: null, // failed object
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "DscEvtDeviceAdd" },
      { object: "device/ReadQueue", event: "EvtIoRead", function: "DscEvtIoRead" },
      { object: "device/WriteQueue", event: "EvtIoWrite", function: "DscEvtIoWrite" },
      { object: "device/IoctlQueue", event: "EvtIoDeviceControl", function: "DscEvtIoDeviceControl" },
      { object: "device/CompletionDpc", event: "EvtDpcFunc", function: "DscEvtCompletionDpc" },
    ],
    findingsInclude: [
      { rule: "Q-3", severity: "error", file: "driver.c", line: 126 },
      { rule: "S-4", severity: "error", file: "driver.c", line: 140 },
      { rule: "VER-1", severity: "info" },
    ],
  },

  // good.c is a complete small driver; broken.c (a helper called from good.c) holds an unresolved
  // merge conflict, unbalanced braces, a malformed initializer list and an unterminated `#if 0`,
  // and creates no objects. good.c must be analyzed as if broken.c were fine.
  "parse-error": {
    framework: "kmdf",
    objects: [
      {
        id: "driver",
        kind: "driver",
        parent: null,
        line: 24,
        file: "good.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null, // D-4
      },
      {
        id: "device",
        kind: "device",
        parent: "driver",
        line: 40,
        file: "good.c",
        status: "STATUS_SUCCESS",
        declared: INHERIT,
        lock: null,
      },
      {
        id: "device/DefaultQueue",
        kind: "queue",
        parent: "device",
        line: 49,
        file: "good.c",
        status: "STATUS_SUCCESS",
        declared: {
          ...INHERIT,
          dispatch: "Parallel",
          numberOfPresentedRequests: null,
          defaultQueue: true,
          powerManaged: "WdfUseDefault",
        },
        lock: null,
      },
    ],
    callbacks: [
      { object: "driver", event: "EvtDriverDeviceAdd", function: "PeEvtDeviceAdd" },
      { object: "device/DefaultQueue", event: "EvtIoRead", function: "PeEvtIoRead" },
      { object: "device/DefaultQueue", event: "EvtIoWrite", function: "PeEvtIoWrite" },
    ],
    findingsInclude: [
      { rule: "C-PARSE", file: "broken.c" },
      { rule: "VER-1", severity: "info" },
    ],
  },
};
