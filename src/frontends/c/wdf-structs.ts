// The WDF configuration structures the front-end tracks, and what their INIT macros set — the
// header defaults (wdfio.h, wdfobject.h, wdfworkitem.h, wdftimer.h, wdfdpc.h, wdfinterrupt.h,
// wdfdevice.h, wdfdriver.h; locking spec section 1, queues spec 2.1).

import type { Framework } from "../../model/config.js";
import { num, Storage, type Value } from "./values.js";

const STRUCT_TYPES = new Set([
  "WDF_OBJECT_ATTRIBUTES",
  "WDF_IO_QUEUE_CONFIG",
  "WDF_WORKITEM_CONFIG",
  "WDF_TIMER_CONFIG",
  "WDF_DPC_CONFIG",
  "WDF_INTERRUPT_CONFIG",
  "WDF_FILEOBJECT_CONFIG",
  "WDF_DRIVER_CONFIG",
  "WDF_PNPPOWER_EVENT_CALLBACKS",
  "WDF_POWER_POLICY_EVENT_CALLBACKS",
]);

export const isWdfStructType = (type: string): boolean =>
  STRUCT_TYPES.has(type.replace(/^(const|CONST)\s+/, ""));

/** A zero-filled structure (`= {0}`, or a variable before its INIT macro). */
export const zeroStorage = (type: string | null): Storage => new Storage(type);

const e = (name: string): Value => ({ k: "enum", name });
const UNLIMITED = num(0xffffffff);

export interface InitMacro {
  readonly type: string;
  /** Which macro argument (after the structure pointer) goes to which field. */
  readonly args: readonly string[];
  readonly defaults: (
    framework: Framework,
    args: readonly Value[],
  ) => ReadonlyArray<readonly [string, Value]>;
}

const attributesInit: InitMacro = {
  type: "WDF_OBJECT_ATTRIBUTES",
  args: [],
  defaults: () => [
    ["ExecutionLevel", e("WdfExecutionLevelInheritFromParent")],
    ["SynchronizationScope", e("WdfSynchronizationScopeInheritFromParent")],
    ["ParentObject", { k: "null" }],
  ],
};

// WDF_IO_QUEUE_CONFIG_INIT sets NumberOfPresentedRequests to unlimited only for Parallel queues.
const queueDefaults = (defaultQueue: boolean) => (_f: Framework, args: readonly Value[]) => {
  const type = args[0];
  const parallel = type?.k === "enum" && type.name === "WdfIoQueueDispatchParallel";
  return [
    ["DefaultQueue", num(defaultQueue ? 1 : 0)],
    ["PowerManaged", e("WdfUseDefault")],
    ["AllowZeroLengthRequests", num(0)],
    ["Settings.Parallel.NumberOfPresentedRequests", parallel ? UNLIMITED : num(0)],
  ] as const;
};

export const INIT_MACROS: Readonly<Record<string, InitMacro>> = {
  WDF_OBJECT_ATTRIBUTES_INIT: attributesInit,
  WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE: attributesInit,
  WDF_IO_QUEUE_CONFIG_INIT: {
    type: "WDF_IO_QUEUE_CONFIG",
    args: ["DispatchType"],
    defaults: queueDefaults(false),
  },
  WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE: {
    type: "WDF_IO_QUEUE_CONFIG",
    args: ["DispatchType"],
    defaults: queueDefaults(true),
  },
  WDF_WORKITEM_CONFIG_INIT: {
    type: "WDF_WORKITEM_CONFIG",
    args: ["EvtWorkItemFunc"],
    defaults: () => [["AutomaticSerialization", num(1)]],
  },
  WDF_DPC_CONFIG_INIT: {
    type: "WDF_DPC_CONFIG",
    args: ["EvtDpcFunc"],
    defaults: () => [["AutomaticSerialization", num(1)]],
  },
  WDF_TIMER_CONFIG_INIT: {
    type: "WDF_TIMER_CONFIG",
    args: ["EvtTimerFunc"],
    defaults: () => [
      ["Period", num(0)],
      ["AutomaticSerialization", num(1)],
      ["TolerableDelay", num(0)],
      ["UseHighResolutionTimer", num(0)],
    ],
  },
  WDF_TIMER_CONFIG_INIT_PERIODIC: {
    type: "WDF_TIMER_CONFIG",
    args: ["EvtTimerFunc", "Period"],
    defaults: () => [
      ["AutomaticSerialization", num(1)],
      ["TolerableDelay", num(0)],
      ["UseHighResolutionTimer", num(0)],
    ],
  },
  // The structure is zeroed (AutomaticSerialization FALSE); the UMDF header also sets PassiveHandling.
  WDF_INTERRUPT_CONFIG_INIT: {
    type: "WDF_INTERRUPT_CONFIG",
    args: ["EvtInterruptIsr", "EvtInterruptDpc"],
    defaults: (framework) => [
      ["AutomaticSerialization", num(0)],
      ["PassiveHandling", num(framework === "umdf2" ? 1 : 0)],
    ],
  },
  WDF_FILEOBJECT_CONFIG_INIT: {
    type: "WDF_FILEOBJECT_CONFIG",
    args: ["EvtDeviceFileCreate", "EvtFileClose", "EvtFileCleanup"],
    defaults: () => [],
  },
  WDF_DRIVER_CONFIG_INIT: { type: "WDF_DRIVER_CONFIG", args: ["EvtDriverDeviceAdd"], defaults: () => [] },
  WDF_PNPPOWER_EVENT_CALLBACKS_INIT: { type: "WDF_PNPPOWER_EVENT_CALLBACKS", args: [], defaults: () => [] },
  WDF_POWER_POLICY_EVENT_CALLBACKS_INIT: {
    type: "WDF_POWER_POLICY_EVENT_CALLBACKS",
    args: [],
    defaults: () => [],
  },
};
