// The driver-config zod schema: one entry schema per WDF object kind, nested the way objects are
// parented (docs/config.md). Built twice: function names only (YAML/JSON text, the published
// JSON Schema) and names-or-functions (the TypeScript driver model).

import * as z from "zod";
import type {
  ChildSectionsInput,
  DeviceInput,
  DriverConfigInput,
  DriverFunction,
  GeneralObjectInput,
  QueueInput,
} from "./input-types.js";
import {
  dpcEntry,
  interruptEntry,
  lockEntry,
  type Naming,
  named,
  timerEntry,
  workItemEntry,
} from "./schema-entries.js";
import {
  attributesSchema,
  callbackMap,
  callbackValueSchema,
  dispatchTypeSchema,
  flag,
  frameworkSchema,
  requestTypeSchema,
  section,
  strictMapping,
  triStateSchema,
  ulong,
  versionSchema,
} from "./schema-fields.js";
import {
  DEVICE_SLOTS,
  DRIVER_SLOTS,
  FILE_OBJECT_SLOTS,
  QUEUE_SLOTS,
  QUEUE_STATE_CALLBACK_KEYS,
} from "./slots.js";

type Callback<F> = z.ZodType<string | F>;

/** WDF_IO_QUEUE_CONFIG and the queue's registrations, plus its child sections. */
const queueShape = <F>(callback: Callback<F>) => ({
  dispatchType: dispatchTypeSchema.describe(
    "WDF_IO_QUEUE_CONFIG.DispatchType (WdfIoQueueDispatch...). Required.",
  ),
  defaultQueue: flag("WDF_IO_QUEUE_CONFIG.DefaultQueue. Default false."),
  powerManaged: triStateSchema
    .optional()
    .describe("WDF_IO_QUEUE_CONFIG.PowerManaged. Default WdfUseDefault."),
  allowZeroLengthRequests: flag("WDF_IO_QUEUE_CONFIG.AllowZeroLengthRequests. Default false."),
  numberOfPresentedRequests: z
    .union([z.literal("unlimited"), ulong()], { error: `"unlimited" or an integer from 0 to 4294967295` })
    .optional()
    .describe(
      "WDF_IO_QUEUE_CONFIG.Settings.Parallel.NumberOfPresentedRequests; 0 never presents. Default unlimited.",
    ),
  requestDispatching: z
    .array(requestTypeSchema, { error: "a list of request types" })
    .optional()
    .describe("Request types routed here with WdfDeviceConfigureRequestDispatching."),
  callsWdfIoQueueStart: flag("The driver calls WdfIoQueueStart on this queue. Default false."),
  retrievesRequests: flag("The driver calls WdfIoQueueRetrieve*Request on this queue. Default false."),
  attributes: attributesSchema,
  callbacks: callbackMap(QUEUE_SLOTS, callback, "WDF_IO_QUEUE_CONFIG"),
  readyNotify: callback.optional().describe("EvtIoQueueState registered with WdfIoQueueReadyNotify."),
  stateCallbacks: callbackMap(
    QUEUE_STATE_CALLBACK_KEYS,
    callback,
    "WdfIoQueue<Stop|StopAndPurge|Purge|Drain>",
  ),
  requestCancel: z
    .array(callback, { error: "a list of function names" })
    .optional()
    .describe("EvtRequestCancel routines passed to WdfRequestMarkCancelable(Ex) for requests of this queue."),
});

/** The sections a device, queue or general object may hold; queues and objects recurse. */
function childSections<F>(callback: Callback<F>, naming: Naming) {
  // Recursive sections need ids of their own, else the JSON Schema names them __schema0.
  const recursive = <T>(item: () => z.ZodType<T>, id: string, description: string) =>
    named(section(z.lazy(item), description), naming, id, description);
  const lock = lockEntry(naming);
  const children = {
    queues: recursive(() => queue, "Queues", "WdfIoQueueCreate queues, name -> queue."),
    objects: recursive(() => general, "GeneralObjects", "WdfObjectCreate general objects, name -> object."),
    spinLocks: section(lock, "WdfSpinLockCreate locks, name -> {}."),
    waitLocks: section(lock, "WdfWaitLockCreate locks, name -> {}."),
    workItems: section(workItemEntry(callback, naming), "WdfWorkItemCreate work items, name -> work item."),
    timers: section(timerEntry(callback, naming), "WdfTimerCreate timers, name -> timer."),
    dpcs: section(dpcEntry(callback, naming), "WdfDpcCreate DPCs (KMDF), name -> DPC."),
    interrupts: section(
      interruptEntry(callback, naming),
      "WdfInterruptCreate interrupts, name -> interrupt.",
    ),
  };
  const queue: z.ZodType<QueueInput<F>> = named(
    strictMapping({ ...queueShape(callback), ...children }),
    naming,
    "Queue",
    "WdfIoQueueCreate; the children below are parented to the queue.",
  );
  const general: z.ZodType<GeneralObjectInput<F>> = named(
    strictMapping({ attributes: attributesSchema, ...children }),
    naming,
    "GeneralObject",
    "WdfObjectCreate; the children below are parented to it.",
  );
  const checked: { [K in keyof Required<ChildSectionsInput<F>>]: z.ZodType<ChildSectionsInput<F>[K]> } =
    children;
  return checked;
}

function deviceEntry<F>(callback: Callback<F>, naming: Naming): z.ZodType<DeviceInput<F>> {
  const fileObject = named(
    strictMapping({
      attributes: attributesSchema,
      callbacks: callbackMap(FILE_OBJECT_SLOTS, callback, "WDF_FILEOBJECT_CONFIG"),
    }),
    naming,
    "FileObject",
    "WdfDeviceInitSetFileObjectConfig.",
  );
  return named(
    strictMapping({
      attributes: attributesSchema,
      filter: flag("WdfFdoInitSetFilter was called. Default false."),
      controlDevice: flag("A control (non-PnP) device from WdfControlDeviceInitAllocate. Default false."),
      callbacks: callbackMap(
        DEVICE_SLOTS,
        callback,
        "WDF_PNPPOWER_EVENT_CALLBACKS / WDF_POWER_POLICY_EVENT_CALLBACKS",
      ),
      fileObject: fileObject.optional().describe("WdfDeviceInitSetFileObjectConfig; omitted: not called."),
      ...childSections(callback, naming),
    }),
    naming,
    "Device",
    "WdfDeviceCreate; the children below are parented to the device.",
  );
}

/** The whole file, with callback values that are names, or names or functions. */
export function buildDriverConfigSchema<F>(
  allowFunctions: boolean,
  naming: Naming,
): z.ZodType<DriverConfigInput<F>> {
  const callback = callbackValueSchema<F>(allowFunctions);
  const driver = strictMapping({
    attributes: attributesSchema,
    callbacks: callbackMap(DRIVER_SLOTS, callback, "WDF_DRIVER_CONFIG"),
  });
  return strictMapping({
    $schema: z.string().optional().describe("JSON Schema location, for editors."),
    framework: frameworkSchema.optional().describe("kmdf or umdf2. Default kmdf."),
    version: versionSchema.optional().describe('Client framework version "major.minor", e.g. "1.33".'),
    driver: driver.optional().describe('WdfDriverCreate (object id "driver").'),
    devices: section(
      deviceEntry(callback, naming),
      "WdfDeviceCreate devices, name -> device; the name is the device's object id.",
    ),
  }).meta({
    title: "wdfsim driver config",
    description: "WDF objects, attributes and callbacks of one driver.",
  });
}

/** The config-file schema: callback values are function names. Source of schema/driver-config.schema.json. */
export const driverConfigSchema: z.ZodType<DriverConfigInput> = buildDriverConfigSchema<never>(false, {
  ids: true,
});

/** The driver-model schema: callback values may also be JS functions (`defineDriver({...})`). */
export const driverModelSchema: z.ZodType<DriverConfigInput<DriverFunction>> =
  buildDriverConfigSchema<DriverFunction>(true, { ids: false });
