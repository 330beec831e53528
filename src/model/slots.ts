// The WDF callback slots each object kind may register, spelled as the WDF structure
// fields (WDF_DRIVER_CONFIG, WDF_PNPPOWER_EVENT_CALLBACKS, WDF_IO_QUEUE_CONFIG, ...). Shared by
// every frontend so a slot name is checked against one list.

import type { QueueStateRegistration } from "./config.js";

/** WDF_DRIVER_CONFIG (wdfdriver.h). */
export const DRIVER_SLOTS = ["EvtDriverDeviceAdd", "EvtDriverUnload"] as const;
export type DriverSlot = (typeof DRIVER_SLOTS)[number];

/** WDF_PNPPOWER_EVENT_CALLBACKS (wdfdevice.h). */
export const DEVICE_PNP_POWER_SLOTS = [
  "EvtDeviceD0Entry",
  "EvtDeviceD0EntryPostInterruptsEnabled",
  "EvtDeviceD0Exit",
  "EvtDeviceD0ExitPreInterruptsDisabled",
  "EvtDevicePrepareHardware",
  "EvtDeviceReleaseHardware",
  "EvtDeviceSelfManagedIoCleanup",
  "EvtDeviceSelfManagedIoFlush",
  "EvtDeviceSelfManagedIoInit",
  "EvtDeviceSelfManagedIoSuspend",
  "EvtDeviceSelfManagedIoRestart",
  "EvtDeviceSurpriseRemoval",
  "EvtDeviceQueryRemove",
  "EvtDeviceQueryStop",
  "EvtDeviceUsageNotification",
  "EvtDeviceUsageNotificationEx",
  "EvtDeviceRelationsQuery",
] as const;
export type DevicePnpPowerSlot = (typeof DEVICE_PNP_POWER_SLOTS)[number];

/** WDF_POWER_POLICY_EVENT_CALLBACKS (wdfdevice.h). */
export const DEVICE_POWER_POLICY_SLOTS = [
  "EvtDeviceArmWakeFromS0",
  "EvtDeviceDisarmWakeFromS0",
  "EvtDeviceWakeFromS0Triggered",
  "EvtDeviceArmWakeFromSx",
  "EvtDeviceArmWakeFromSxWithReason",
  "EvtDeviceDisarmWakeFromSx",
  "EvtDeviceWakeFromSxTriggered",
] as const;
export type DevicePowerPolicySlot = (typeof DEVICE_POWER_POLICY_SLOTS)[number];

/** Everything a device entry's `callbacks` may hold (WdfDeviceInitSetIoInCallerContextCallback included). */
export const DEVICE_SLOTS: readonly (DevicePnpPowerSlot | DevicePowerPolicySlot | "EvtIoInCallerContext")[] =
  [...DEVICE_PNP_POWER_SLOTS, ...DEVICE_POWER_POLICY_SLOTS, "EvtIoInCallerContext"];
export type DeviceSlot = (typeof DEVICE_SLOTS)[number];

/** WDF_FILEOBJECT_CONFIG (wdfdevice.h). */
export const FILE_OBJECT_SLOTS = ["EvtDeviceFileCreate", "EvtFileClose", "EvtFileCleanup"] as const;
export type FileObjectSlot = (typeof FILE_OBJECT_SLOTS)[number];

/** WDF_IO_QUEUE_CONFIG (wdfio.h). */
export const QUEUE_SLOTS = [
  "EvtIoDefault",
  "EvtIoRead",
  "EvtIoWrite",
  "EvtIoDeviceControl",
  "EvtIoInternalDeviceControl",
  "EvtIoStop",
  "EvtIoResume",
  "EvtIoCanceledOnQueue",
] as const;
export type QueueSlot = (typeof QUEUE_SLOTS)[number];

/** WDF_INTERRUPT_CONFIG (wdfinterrupt.h). */
export const INTERRUPT_SLOTS = [
  "EvtInterruptIsr",
  "EvtInterruptDpc",
  "EvtInterruptWorkItem",
  "EvtInterruptEnable",
  "EvtInterruptDisable",
] as const;
export type InterruptSlot = (typeof INTERRUPT_SLOTS)[number];

/** The DDIs that register an EvtIoQueueState routine on a queue, minus their `WdfIoQueue` prefix. */
export const QUEUE_STATE_REGISTRATIONS: readonly QueueStateRegistration[] = [
  "ReadyNotify",
  "Stop",
  "StopAndPurge",
  "Purge",
  "Drain",
];

/** The `stateCallbacks` keys of a queue entry: WdfIoQueueStop, StopAndPurge, Purge, Drain. */
export const QUEUE_STATE_CALLBACK_KEYS = ["Stop", "StopAndPurge", "Purge", "Drain"] as const;
export type QueueStateCallbackKey = (typeof QUEUE_STATE_CALLBACK_KEYS)[number];

/** The single callback of a work item, timer or DPC config (EvtWorkItemFunc, EvtTimerFunc, EvtDpcFunc). */
export const WORK_ITEM_EVENT = "EvtWorkItem";
export const TIMER_EVENT = "EvtTimerFunc";
export const DPC_EVENT = "EvtDpcFunc";
export const QUEUE_STATE_EVENT = "EvtIoQueueState";
export const REQUEST_CANCEL_EVENT = "EvtRequestCancel";

const OWNERS: readonly (readonly [string, readonly string[]])[] = [
  ["the driver", DRIVER_SLOTS],
  ["a device", DEVICE_SLOTS],
  ["a fileObject", FILE_OBJECT_SLOTS],
  ["a queue", QUEUE_SLOTS],
  ["an interrupt", INTERRUPT_SLOTS],
];

/** Which config entry's `callbacks` hold `slot` ("a queue"), or undefined for no WDF slot. */
export const slotOwner = (slot: string): string | undefined =>
  OWNERS.find(([, slots]) => slots.includes(slot))?.[0];
