// A generated tree of KMDF driver sources for the C front-end benchmark: each driver is a folder
// with driver.c (DriverEntry, EvtDeviceAdd) and queue.c (queue, work item, timer helpers).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const driverC = (n: number): string => `#include <ntddk.h>
#include <wdf.h>
#include "queue.h"

DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD Gen${n}EvtDeviceAdd;

NTSTATUS
DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, Gen${n}EvtDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

NTSTATUS
Gen${n}EvtDeviceAdd(_In_ WDFDRIVER Driver, _Inout_ PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceD0Entry = Gen${n}EvtD0Entry;
    pnp.EvtDeviceD0Exit = Gen${n}EvtD0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.SynchronizationScope = ${n % 3 === 0 ? "WdfSynchronizationScopeDevice" : "WdfSynchronizationScopeQueue"};
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    return Gen${n}QueueInitialize(device);
}
`;

const queueC = (n: number): string => `#include <ntddk.h>
#include <wdf.h>
#include "queue.h"

#define GEN_PERIOD_MS (10 * ${(n % 7) + 1})

static VOID Gen${n}ConfigureQueue(_Inout_ PWDF_IO_QUEUE_CONFIG Config)
{
    Config->EvtIoRead = Gen${n}EvtIoRead;
    Config->EvtIoWrite = Gen${n}EvtIoWrite;
    Config->EvtIoStop = Gen${n}EvtIoStop;
}

NTSTATUS
Gen${n}QueueInitialize(_In_ WDFDEVICE Device)
{
    WDF_IO_QUEUE_CONFIG queueConfig;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_WORKITEM_CONFIG workConfig;
    WDF_TIMER_CONFIG timerConfig;
    PDEVICE_CONTEXT devCtx = GetDeviceContext(Device);
    NTSTATUS status;

    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queueConfig, ${n % 2 ? "WdfIoQueueDispatchParallel" : "WdfIoQueueDispatchSequential"});
    Gen${n}ConfigureQueue(&queueConfig);
    status = WdfIoQueueCreate(Device, &queueConfig, WDF_NO_OBJECT_ATTRIBUTES, &devCtx->DefaultQueue);
    if (!NT_SUCCESS(status)) {
        return status;
    }

    WDF_IO_QUEUE_CONFIG_INIT(&queueConfig, WdfIoQueueDispatchManual);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    attributes.SynchronizationScope = WdfSynchronizationScopeQueue;
    status = WdfIoQueueCreate(Device, &queueConfig, &attributes, &devCtx->PendingQueue);
    WdfIoQueueReadyNotify(devCtx->PendingQueue, Gen${n}EvtPendingReady, devCtx);

    WDF_WORKITEM_CONFIG_INIT(&workConfig, Gen${n}EvtWorkItem);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = devCtx->PendingQueue;
    status = WdfWorkItemCreate(&workConfig, &attributes, &devCtx->WorkItem);

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, Gen${n}EvtTimer, GEN_PERIOD_MS);
    timerConfig.AutomaticSerialization = ${n % 2 ? "TRUE" : "FALSE"};
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = devCtx->DefaultQueue;
    status = WdfTimerCreate(&timerConfig, &attributes, &devCtx->Timer);
    return status;
}

VOID Gen${n}EvtIoRead(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request, _In_ size_t Length)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    WdfRequestMarkCancelableEx(Request, Gen${n}EvtRequestCancel);
}
`;

const queueH = (n: number): string => `#pragma once
typedef struct _DEVICE_CONTEXT { WDFQUEUE DefaultQueue; WDFQUEUE PendingQueue; WDFWORKITEM WorkItem; WDFTIMER Timer; } DEVICE_CONTEXT, *PDEVICE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, GetDeviceContext)
NTSTATUS Gen${n}QueueInitialize(_In_ WDFDEVICE Device);
`;

/** Writes `files` source files (three per driver) under `root`; returns the driver folders. */
export const generateCTree = (root: string, files: number): string[] => {
  const dirs: string[] = [];
  for (let n = 0; dirs.length * 3 < files; n++) {
    const dir = join(root, `driver${String(n).padStart(3, "0")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "driver.c"), driverC(n));
    writeFileSync(join(dir, "queue.c"), queueC(n));
    writeFileSync(join(dir, "queue.h"), queueH(n));
    dirs.push(dir);
  }
  return dirs;
};
