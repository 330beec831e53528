// Locking spec 2.1: the consolidated table of constraint-related creation errors, one case per
// row the DriverConfig can express, plus a passing neighbour for each.

import { describe, expect, it } from "vitest";
import type { Framework, ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  cb,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  objectOf,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

type Row = [name: string, objects: ObjectConfig[], id: string, status: string, framework?: Framework];

const statusOf = (objects: ObjectConfig[], id: string, framework: Framework = "kmdf") =>
  objectOf(resolve(config(objects, framework)), id).failure?.status ?? "STATUS_SUCCESS";
const passiveQueue = queue("device/q", {
  attributes: attrs("Passive", "Queue"),
  dispatchType: "Manual",
  callbacks: [],
});
const scope = (s: "Device" | "Queue") => attrs("InheritFromParent", s);

const failing: Row[] = [
  [
    "scope Device on a timer",
    [device(), timer("device/x", { attributes: scope("Device") })],
    "device/x",
    "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
  ],
  [
    "scope Queue on a work item",
    [device(), workItem("device/x", { attributes: scope("Queue") })],
    "device/x",
    "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
  ],
  [
    "scope Device on a DPC",
    [device(), dpc("device/x", { attributes: scope("Device") })],
    "device/x",
    "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
  ],
  [
    "scope Queue on an interrupt",
    [device(), interrupt("device/x", { attributes: scope("Queue") })],
    "device/x",
    "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
  ],
  [
    "scope Device on a general object",
    [device(), other("device/x", "object", { attributes: scope("Device") })],
    "device/x",
    "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
  ],
  [
    "level Passive on a work item",
    [device(), workItem("device/x", { attributes: attrs("Passive") })],
    "device/x",
    "STATUS_WDF_EXECUTION_LEVEL_INVALID",
  ],
  [
    "level Dispatch on a DPC",
    [device(), dpc("device/x", { attributes: attrs("Dispatch") })],
    "device/x",
    "STATUS_WDF_EXECUTION_LEVEL_INVALID",
  ],
  [
    "level Passive on an interrupt",
    [device(), interrupt("device/x", { attributes: attrs("Passive") })],
    "device/x",
    "STATUS_WDF_EXECUTION_LEVEL_INVALID",
  ],
  [
    "ParentObject on an interrupt without AutomaticSerialization",
    [device(), queue("device/q"), interrupt("device/q/x")],
    "device/q/x",
    "STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED",
  ],
  [
    "timer without attributes",
    [device(), timer("device/x", { attributes: null })],
    "device/x",
    "STATUS_WDF_PARENT_NOT_SPECIFIED",
  ],
  [
    "work item without attributes",
    [device(), workItem("device/x", { attributes: null })],
    "device/x",
    "STATUS_WDF_PARENT_NOT_SPECIFIED",
  ],
  [
    "DPC without attributes",
    [device(), dpc("device/x", { attributes: null })],
    "device/x",
    "STATUS_WDF_PARENT_NOT_SPECIFIED",
  ],
  [
    "queue ParentObject not under the same device",
    [device(), device("other"), queue("device/x", { parent: "other" })],
    "device/x",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  [
    "queue scope Device with level ≠ device level",
    [device(), queue("device/x", { attributes: attrs("Passive", "Device") })],
    "device/x",
    "STATUS_INVALID_PARAMETER",
  ],
  [
    "file scope Queue (explicit) fails WdfDeviceCreate",
    [device(), fileObject("device", { attributes: scope("Queue") })],
    "device",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  [
    "file scope Queue (inherited from the device) fails WdfDeviceCreate",
    [device("device", { attributes: scope("Queue") }), fileObject()],
    "device",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  [
    "file scope Device on a non-Passive device fails WdfDeviceCreate",
    [device(), fileObject("device", { attributes: scope("Device") })],
    "device",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  [
    "timer parented to the driver",
    [device(), timer("driver/x")],
    "driver/x",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  [
    "work item parented to the driver",
    [device(), workItem("driver/x")],
    "driver/x",
    "STATUS_INVALID_DEVICE_REQUEST",
  ],
  ["DPC parented to the driver", [device(), dpc("driver/x")], "driver/x", "STATUS_INVALID_DEVICE_REQUEST"],
  [
    "interrupt parent not a queue/device",
    [device(), other("device/obj"), interrupt("device/obj/x", { automaticSerialization: true })],
    "device/obj/x",
    "STATUS_INVALID_PARAMETER",
  ],
  [
    "AS DPC under a passive-flagged Queue-scope parent",
    [device(), passiveQueue, dpc("device/q/x")],
    "device/q/x",
    "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
  ],
  [
    "AS work item under a non-passive Device-scope device",
    [device("device", { attributes: scope("Device") }), workItem("device/x")],
    "device/x",
    "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
  ],
  [
    "AS default timer under a passive-flagged Queue-scope parent",
    [device(), passiveQueue, timer("device/q/x")],
    "device/q/x",
    "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
  ],
  [
    "AS interrupt with EvtInterruptDpc under a passive-flagged Queue-scope queue",
    [device(), passiveQueue, interrupt("device/q/x", { automaticSerialization: true })],
    "device/q/x",
    "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
  ],
  [
    "periodic timer with explicit Passive",
    [device(), timer("device/x", { period: 100, attributes: attrs("Passive") })],
    "device/x",
    "STATUS_NOT_SUPPORTED",
  ],
  [
    "UMDF timer with UseHighResolutionTimer",
    [device(), timer("device/x", { useHighResolutionTimer: true })],
    "device/x",
    "STATUS_NOT_IMPLEMENTED",
    "umdf2",
  ],
  [
    "timer with TolerableDelay > 0 and UseHighResolutionTimer",
    [device(), timer("device/x", { useHighResolutionTimer: true, tolerableDelay: 5 })],
    "device/x",
    "STATUS_INVALID_PARAMETER",
  ],
];

const passing: Row[] = [
  [
    "scope None on a timer",
    [device(), timer("device/x", { attributes: attrs("InheritFromParent", "None") })],
    "device/x",
    "STATUS_SUCCESS",
  ],
  [
    "level Passive on a timer",
    [device(), timer("device/x", { attributes: attrs("Passive") })],
    "device/x",
    "STATUS_SUCCESS",
  ],
  [
    "interrupt with ParentObject and AutomaticSerialization",
    [device(), queue("device/q"), interrupt("device/q/x", { automaticSerialization: true })],
    "device/q/x",
    "STATUS_SUCCESS",
  ],
  [
    "queue scope Device with matching levels",
    [device(), queue("device/x", { attributes: scope("Device") })],
    "device/x",
    "STATUS_SUCCESS",
  ],
  [
    "file scope Device on a Passive device",
    [
      device("device", { attributes: attrs("Passive") }),
      fileObject("device", { attributes: scope("Device") }),
    ],
    "device",
    "STATUS_SUCCESS",
  ],
  [
    "file config with WDF_NO_OBJECT_ATTRIBUTES on a Queue-scope device",
    [device("device", { attributes: scope("Queue") }), fileObject("device", { attributes: null })],
    "device",
    "STATUS_SUCCESS",
  ],
  [
    "AS DPC under a non-passive Queue-scope queue",
    [device(), queue("device/q", { attributes: scope("Queue") }), dpc("device/q/x")],
    "device/q/x",
    "STATUS_SUCCESS",
  ],
  [
    "one-shot explicit-Passive timer",
    [device(), timer("device/x", { period: 0, attributes: attrs("Passive") })],
    "device/x",
    "STATUS_SUCCESS",
  ],
  ["periodic default timer", [device(), timer("device/x", { period: 100 })], "device/x", "STATUS_SUCCESS"],
  [
    "KMDF timer with UseHighResolutionTimer and no TolerableDelay",
    [device(), timer("device/x", { useHighResolutionTimer: true })],
    "device/x",
    "STATUS_SUCCESS",
  ],
];

describe("2.1: consolidated creation errors", () => {
  it.each(failing)("2.1: %s → %s", (_name, objects, id, status, framework = "kmdf") => {
    expect(statusOf(objects, id, framework)).toBe(status);
  });

  it.each(passing)("2.1 (does not apply): %s → %s", (_name, objects, id, status, framework = "kmdf") => {
    expect(statusOf(objects, id, framework)).toBe(status);
  });

  it("2.1: driver and device creation cannot fail for level/scope consistency apart from the file-object rows", () => {
    const objects = [
      driver({ attributes: attrs("Passive", "Queue"), callbacks: [cb("EvtDriverDeviceAdd")] }),
      device("a", { attributes: attrs("Dispatch", "Device") }),
      device("b", { attributes: attrs("Passive", "None") }),
      device("c", { attributes: attrs("InheritFromParent", "Queue") }),
    ];
    for (const id of ["driver", "a", "b", "c"]) expect(statusOf(objects, id)).toBe("STATUS_SUCCESS");
  });
});
