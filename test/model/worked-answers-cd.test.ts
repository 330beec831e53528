// Locking spec section 12, worked answers (c) and (d), asserted literally: statuses, lock ids,
// lock kinds and callback IRQLs, plus the UMDF notes. KMDF, default driver, unless stated.

import { describe, expect, it } from "vitest";
import type { Framework, ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  cb,
  config,
  device,
  dpc,
  fileObject,
  lockAndIrql,
  lockOf,
  objectOf,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

describe("12(c): device SyncScopeDevice with three sequential queues (read, write, ioctl)", () => {
  const queues = [
    queue("device/read", { callbacks: [cb("EvtIoRead"), cb("EvtIoStop")] }),
    queue("device/write", { callbacks: [cb("EvtIoWrite"), cb("EvtIoCanceledOnQueue")] }),
    queue("device/ioctl", { callbacks: [cb("EvtIoDeviceControl"), cb("EvtIoResume")] }),
  ];
  const build = (
    deviceLevel: "InheritFromParent" | "Passive",
    extra: ObjectConfig[] = [],
    framework: Framework = "kmdf",
  ) =>
    resolve(
      config(
        [device("device", { attributes: attrs(deviceLevel, "Device") }), ...queues, ...extra],
        framework,
      ),
    );
  const status = (extra: ObjectConfig[], id: string) =>
    objectOf(build("InheritFromParent", extra), id).failure?.status ?? "STATUS_SUCCESS";
  const slots: [string, string][] = [
    ["device/read", "EvtIoRead"],
    ["device/read", "EvtIoStop"],
    ["device/write", "EvtIoWrite"],
    ["device/write", "EvtIoCanceledOnQueue"],
    ["device/ioctl", "EvtIoDeviceControl"],
    ["device/ioctl", "EvtIoResume"],
  ];
  const r = build("InheritFromParent");

  it("12(c) DV-1/Q-3: the device is Dispatch + Device; each queue inherits Device + Dispatch and presents the device spin lock", () => {
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Dispatch", "Device"]);
    for (const id of ["device/read", "device/write", "device/ioctl"]) {
      const q = objectOf(r, id);
      expect([id, q.level, q.scope, q.failure]).toEqual([id, "Dispatch", "Device", null]);
      expect(lockOf(q.presentationLock)).toEqual({ id: "device#lock", kind: "spin" });
    }
  });

  it("12(c) Q-3/Q-6: EvtIoRead, EvtIoWrite, EvtIoDeviceControl and the other queue callbacks of all three queues hold device#lock at DISPATCH_LEVEL", () => {
    for (const [object, event] of slots) {
      expect([object, event, lockAndIrql(r, object, event)]).toEqual([
        object,
        event,
        { lock: { id: "device#lock", kind: "spin" }, irql: "DISPATCH_LEVEL" },
      ]);
    }
  });

  it("12(c) CFG-06a: a queue that sets its own level to Passive while inheriting Device scope fails with STATUS_INVALID_PARAMETER", () => {
    expect(status([queue("device/passive", { attributes: attrs("Passive") })], "device/passive")).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("12(c) Q-3: if the device is created Passive, all three queues share the device mutex and run at PASSIVE_LEVEL", () => {
    const p = build("Passive");
    for (const [object, event] of slots) {
      expect([object, event, lockAndIrql(p, object, event)]).toEqual([
        object,
        event,
        { lock: { id: "device#lock", kind: "mutex" }, irql: "PASSIVE_LEVEL" },
      ]);
    }
  });

  it("12(c) S-5: AS DPC and default timer on the device are created and share the device spin lock", () => {
    const rr = build("InheritFromParent", [dpc("device/dpc"), timer("device/timer")]);
    expect(lockAndIrql(rr, "device/dpc", "EvtDpcFunc")).toEqual({
      lock: { id: "device#lock", kind: "spin" },
      irql: "DISPATCH_LEVEL",
    });
    expect(lockAndIrql(rr, "device/timer", "EvtTimerFunc")).toEqual({
      lock: { id: "device#lock", kind: "spin" },
      irql: "DISPATCH_LEVEL",
    });
  });

  it("12(c) S-4: an AS work item or passive timer on the device fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([workItem("device/wi")], "device/wi")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    expect(status([timer("device/pt", { attributes: attrs("Passive") })], "device/pt")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("12(c) F-4: initialized file attributes make WdfDeviceCreate fail with STATUS_INVALID_DEVICE_REQUEST (device not Passive)", () => {
    expect(status([fileObject()], "device")).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("12(c) UMDF: the same exclusivity with the device's mutex-class lock (inherited Passive), at PASSIVE_LEVEL", () => {
    const u = build("InheritFromParent", [], "umdf2");
    for (const [object, event] of slots) {
      expect([object, event, lockAndIrql(u, object, event)]).toEqual([
        object,
        event,
        { lock: { id: "device#lock", kind: "mutex" }, irql: "PASSIVE_LEVEL" },
      ]);
    }
  });

  it("12(c) UMDF U-6: an AS work item parented to the device fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      objectOf(build("InheritFromParent", [workItem("device/wi")], "umdf2"), "device/wi").failure?.status,
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });
});

describe("12(d): manual queue Passive + Queue on a default device; work item under it with AS TRUE", () => {
  const Q = "device/queue";
  const queueCallbacks = [
    cb("EvtIoCanceledOnQueue"),
    cb("EvtIoStop"),
    cb("EvtIoResume"),
    cb("EvtRequestCancel", "MyCancel"),
    cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" }),
    cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
    cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
    cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
    cb("EvtIoQueueState", "MyStopPurgeDone", { registration: "StopAndPurge" }),
  ];
  const base = (framework: Framework) =>
    [
      device("device", { callbacks: [cb("EvtDeviceD0Entry")] }),
      fileObject("device", { callbacks: [cb("EvtDeviceFileCreate"), cb("EvtFileClose")] }),
      queue(Q, { attributes: attrs("Passive", "Queue"), dispatchType: "Manual", callbacks: queueCallbacks }),
      queue("device/other", {
        attributes: attrs("Passive", "Queue"),
        dispatchType: "Manual",
        callbacks: [cb("EvtIoStop")],
      }),
      workItem("device/queue/workItem"),
      workItem("device/queue/workItem2"),
      timer("device/queue/passiveTimer", { attributes: attrs("Passive") }),
      ...(framework === "kmdf" ? [dpc("device/dpc")] : []),
      timer("device/timer"),
    ] as ObjectConfig[];
  const build = (framework: Framework = "kmdf", extra: ObjectConfig[] = []) =>
    resolve(config([...base(framework), ...extra], framework));
  const r = build();
  const queueMutex = { id: "device/queue#lock", kind: "mutex" };

  it("12(d) DV-1/Q-4/Q-2: device Dispatch + None; the queue is created with its own mutex and is passive-flagged", () => {
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Dispatch", "None"]);
    const q = objectOf(r, Q);
    expect(q.failure).toBeNull();
    expect(q.passiveFlag).toBe(true);
    expect(lockOf(q.ownLock)).toEqual(queueMutex);
  });

  it("12(d) S-4/S-5: the work item is created and runs at PASSIVE_LEVEL holding the queue's mutex", () => {
    expect(objectOf(r, "device/queue/workItem").failure).toBeNull();
    expect(lockAndIrql(r, "device/queue/workItem", "EvtWorkItem")).toEqual({
      lock: queueMutex,
      irql: "PASSIVE_LEVEL",
    });
  });

  it("12(d) PL-1: serialized with other AS work items and AS passive timers of the queue", () => {
    expect(lockOf(callbackOf(r, "device/queue/workItem2", "EvtWorkItem").lock)).toEqual(queueMutex);
    expect(lockAndIrql(r, "device/queue/passiveTimer", "EvtTimerFunc")).toEqual({
      lock: queueMutex,
      irql: "PASSIVE_LEVEL",
    });
  });

  it("12(d) PL-1: serialized with the queue's locked callbacks (canceled-on-queue, stop/resume, request cancel, ready-notify, purge, drain)", () => {
    for (const event of ["EvtIoCanceledOnQueue", "EvtIoStop", "EvtIoResume", "EvtRequestCancel"]) {
      expect([event, lockOf(callbackOf(r, Q, event).lock)]).toEqual([event, queueMutex]);
    }
    for (const registration of ["ReadyNotify", "Purge", "Drain"] as const) {
      expect([registration, lockOf(callbackOf(r, Q, "EvtIoQueueState", registration).lock)]).toEqual([
        registration,
        queueMutex,
      ]);
    }
  });

  it("12(d) PL-2: not serialized with stop/stop-and-purge EvtIoQueueState, the device, PnP, file callbacks, DPCs or unlocked timers", () => {
    expect(callbackOf(r, Q, "EvtIoQueueState", "Stop").lock).toBeNull();
    expect(callbackOf(r, Q, "EvtIoQueueState", "StopAndPurge").lock).toBeNull();
    expect(objectOf(r, "device").callbackLock).toBeNull();
    expect(callbackOf(r, "device", "EvtDeviceD0Entry").lock).toBeNull();
    expect(callbackOf(r, "device/fileObject", "EvtDeviceFileCreate").lock).toBeNull();
    expect(callbackOf(r, "device/dpc", "EvtDpcFunc").lock).toBeNull();
    expect(callbackOf(r, "device/timer", "EvtTimerFunc").lock).toBeNull();
  });

  it("12(d) Q-4: not serialized with other queues (device/other has its own mutex)", () => {
    expect(lockOf(callbackOf(r, "device/other", "EvtIoStop").lock)).toEqual({
      id: "device/other#lock",
      kind: "mutex",
    });
  });

  it("12(d) S-4: an AS DPC or default timer parented to this queue fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    const rr = build("kmdf", [dpc("device/queue/dpc"), timer("device/queue/defaultTimer")]);
    expect(objectOf(rr, "device/queue/dpc").failure?.status).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    expect(objectOf(rr, "device/queue/defaultTimer").failure?.status).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("12(d) UMDF: identical result — the queue is passive-flagged and the work item holds its mutex", () => {
    const u = build("umdf2");
    expect(objectOf(u, Q).passiveFlag).toBe(true);
    expect(objectOf(u, "device/queue/workItem").failure).toBeNull();
    expect(lockAndIrql(u, "device/queue/workItem", "EvtWorkItem")).toEqual({
      lock: queueMutex,
      irql: "PASSIVE_LEVEL",
    });
    expect(lockOf(callbackOf(u, Q, "EvtIoCanceledOnQueue").lock)).toEqual(queueMutex);
  });
});
