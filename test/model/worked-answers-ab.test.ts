// Locking spec section 12, worked answers (a) and (b), asserted literally: statuses, lock ids,
// lock kinds and callback IRQLs, plus the UMDF notes. KMDF, default driver, unless stated.

import { describe, expect, it } from "vitest";
import type { DispatchType, Framework, ObjectConfig } from "../../src/model/config.js";
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

describe("12(a): device SyncScopeQueue, queue InheritFromParent, EvtIoDeviceControl, work item under the queue with AS FALSE", () => {
  const Q = "device/queue";
  const WI = "device/queue/workItem";
  const queueCallbacks = [
    cb("EvtIoDeviceControl"),
    cb("EvtIoStop"),
    cb("EvtIoResume"),
    cb("EvtIoCanceledOnQueue"),
    cb("EvtRequestCancel", "MyCancel"),
    cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
    cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
    cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
    cb("EvtIoQueueState", "MyStopPurgeDone", { registration: "StopAndPurge" }),
  ];
  const build = (
    o: {
      framework?: Framework;
      dispatchType?: DispatchType;
      autoSerial?: boolean;
      extra?: ObjectConfig[];
    } = {},
  ) =>
    resolve(
      config(
        [
          device("device", {
            attributes: attrs("InheritFromParent", "Queue"),
            callbacks: [cb("EvtDevicePrepareHardware")],
          }),
          queue(Q, {
            attributes: attrs(),
            dispatchType: o.dispatchType ?? "Sequential",
            callbacks: queueCallbacks,
          }),
          workItem(WI, { automaticSerialization: o.autoSerial ?? false }),
          ...(o.extra ?? []),
        ],
        o.framework ?? "kmdf",
      ),
    );
  const r = build();

  it("12(a) DV-1: the device resolves to Dispatch + Queue with a spin-class device#lock and no passive flag", () => {
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope, dev.passiveFlag]).toEqual(["Dispatch", "Queue", false]);
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "spin" });
  });

  it("12(a) Q-1/Q-4: the queue inherits Queue + Dispatch; its presentation lock is its own spin lock", () => {
    const q = objectOf(r, Q);
    expect([q.level, q.scope]).toEqual(["Dispatch", "Queue"]);
    expect(lockOf(q.presentationLock)).toEqual({ id: "device/queue#lock", kind: "spin" });
  });

  it.each(["Sequential", "Parallel"] as const)(
    "12(a) Q-4: queue creation succeeds as %s, and locking is the same",
    (dispatchType) => {
      const rr = build({ dispatchType });
      expect(objectOf(rr, Q).failure).toBeNull();
      expect(lockAndIrql(rr, Q, "EvtIoDeviceControl")).toEqual({
        lock: { id: "device/queue#lock", kind: "spin" },
        irql: "DISPATCH_LEVEL",
      });
    },
  );

  it("12(a) Q-6: EvtIoDeviceControl, EvtIoStop, EvtIoResume, EvtIoCanceledOnQueue, EvtRequestCancel and purge/drain EvtIoQueueState hold device/queue#lock at DISPATCH_LEVEL", () => {
    const expected = { lock: { id: "device/queue#lock", kind: "spin" }, irql: "DISPATCH_LEVEL" };
    for (const event of [
      "EvtIoDeviceControl",
      "EvtIoStop",
      "EvtIoResume",
      "EvtIoCanceledOnQueue",
      "EvtRequestCancel",
    ]) {
      expect([event, lockAndIrql(r, Q, event)]).toEqual([event, expected]);
    }
    expect(lockAndIrql(r, Q, "EvtIoQueueState", "Purge")).toEqual(expected);
    expect(lockAndIrql(r, Q, "EvtIoQueueState", "Drain")).toEqual(expected);
  });

  it("12(a) S-3: the work item (AS FALSE) is created and runs at PASSIVE_LEVEL with no lock", () => {
    expect(objectOf(r, WI).failure).toBeNull();
    expect(objectOf(r, WI).callbackLock).toBeNull();
    expect(lockAndIrql(r, WI, "EvtWorkItem")).toEqual({ lock: null, irql: "PASSIVE_LEVEL" });
  });

  it("12(a) PL-2: the stop / stop-and-purge EvtIoQueueState and PnP/power callbacks are unlocked", () => {
    expect(callbackOf(r, Q, "EvtIoQueueState", "Stop").lock).toBeNull();
    expect(callbackOf(r, Q, "EvtIoQueueState", "StopAndPurge").lock).toBeNull();
    expect(callbackOf(r, "device", "EvtDevicePrepareHardware").lock).toBeNull();
  });

  it("12(a) S-4: had AutomaticSerialization been TRUE, the work item fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(objectOf(build({ autoSerial: true }), WI).failure?.status).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("12(a) S-5: with a Passive queue the AS work item is created and holds the queue's own mutex", () => {
    const rr = resolve(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Queue") }),
        queue(Q, { attributes: attrs("Passive") }),
        workItem(WI),
      ]),
    );
    expect(objectOf(rr, WI).failure).toBeNull();
    expect(lockAndIrql(rr, WI, "EvtWorkItem")).toEqual({
      lock: { id: "device/queue#lock", kind: "mutex" },
      irql: "PASSIVE_LEVEL",
    });
  });

  it("12(a) S-5: a DPC with AS under the queue instead is created and shares the queue's spin lock", () => {
    const rr = build({ extra: [dpc("device/queue/dpc")] });
    expect(lockAndIrql(rr, "device/queue/dpc", "EvtDpcFunc")).toEqual({
      lock: { id: "device/queue#lock", kind: "spin" },
      irql: "DISPATCH_LEVEL",
    });
  });

  it("12(a) F-3: file-object config with initialized attributes makes WdfDeviceCreate fail with STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(objectOf(build({ extra: [fileObject()] }), "device").failure?.status).toBe(
      "STATUS_INVALID_DEVICE_REQUEST",
    );
  });

  it("12(a) F-1: with WDF_NO_OBJECT_ATTRIBUTES the device is created and file callbacks are unlocked", () => {
    const rr = build({ extra: [fileObject("device", { attributes: null })] });
    expect(objectOf(rr, "device").failure).toBeNull();
    expect(lockAndIrql(rr, "device/fileObject", "EvtDeviceFileCreate")).toEqual({
      lock: null,
      irql: "PASSIVE_LEVEL",
    });
  });

  it("12(a) UMDF: device and queue resolve to Passive; the queue's own lock is a mutex; the AS FALSE work item is unlocked", () => {
    const u = build({ framework: "umdf2" });
    expect([objectOf(u, "device").level, objectOf(u, Q).level]).toEqual(["Passive", "Passive"]);
    expect(lockAndIrql(u, Q, "EvtIoDeviceControl")).toEqual({
      lock: { id: "device/queue#lock", kind: "mutex" },
      irql: "PASSIVE_LEVEL",
    });
    expect(lockAndIrql(u, WI, "EvtWorkItem")).toEqual({ lock: null, irql: "PASSIVE_LEVEL" });
  });

  it("12(a) UMDF: with AS TRUE the work item is created and serialized with the queue callbacks (device/queue#lock)", () => {
    const u = build({ framework: "umdf2", autoSerial: true });
    expect(objectOf(u, WI).failure).toBeNull();
    expect(lockAndIrql(u, WI, "EvtWorkItem")).toEqual({
      lock: { id: "device/queue#lock", kind: "mutex" },
      irql: "PASSIVE_LEVEL",
    });
  });
});

describe("12(b): device Dispatch + None; DPC and passive timer on the device; work items under Passive/Queue manual queues", () => {
  const manualQueueCallbacks = [
    cb("EvtIoStop"),
    cb("EvtIoResume"),
    cb("EvtIoCanceledOnQueue"),
    cb("EvtRequestCancel", "MyCancel"),
    cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" }),
    cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
    cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
  ];
  const manual = (id: string, o: { callbacks?: ReturnType<typeof cb>[] } = {}) =>
    queue(id, {
      attributes: attrs("Passive", "Queue"),
      dispatchType: "Manual",
      callbacks: o.callbacks ?? manualQueueCallbacks,
    });
  const base = [
    device("device", { attributes: attrs("Dispatch", "None") }),
    dpc("device/dpc"),
    timer("device/timer", { attributes: attrs("Passive") }),
    timer("device/timer2", { attributes: attrs("Passive") }),
    manual("device/q1"),
    manual("device/q2"),
    workItem("device/q1/workItem"),
    workItem("device/q1/workItem2"),
    workItem("device/q2/workItem"),
  ];
  const r = resolve(config(base));
  const q1Mutex = { id: "device/q1#lock", kind: "mutex" };
  const status = (extra: ObjectConfig[], id: string) =>
    objectOf(resolve(config([...base, ...extra])), id).failure?.status ?? "STATUS_SUCCESS";

  it("12(b) DV-2: the device is Dispatch + None with its own spin lock", () => {
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Dispatch", "None"]);
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "spin" });
  });

  it("12(b) S-3: the DPC is created with no lock and runs at DISPATCH_LEVEL", () => {
    expect(objectOf(r, "device/dpc").failure).toBeNull();
    expect(lockAndIrql(r, "device/dpc", "EvtDpcFunc")).toEqual({ lock: null, irql: "DISPATCH_LEVEL" });
  });

  it("12(b) S-3/T-2: the passive timer is created with no lock and runs at PASSIVE_LEVEL; two such timers share no lock", () => {
    expect(objectOf(r, "device/timer").failure).toBeNull();
    expect(lockAndIrql(r, "device/timer", "EvtTimerFunc")).toEqual({ lock: null, irql: "PASSIVE_LEVEL" });
    expect(lockAndIrql(r, "device/timer2", "EvtTimerFunc")).toEqual({ lock: null, irql: "PASSIVE_LEVEL" });
  });

  it("12(b) 6.3: the passive timer with Period ≠ 0 fails with STATUS_NOT_SUPPORTED", () => {
    expect(
      status([timer("device/periodic", { attributes: attrs("Passive"), period: 1000 })], "device/periodic"),
    ).toBe("STATUS_NOT_SUPPORTED");
  });

  it("12(b) Q-4/Q-2: each manual queue is created with its own mutex and is passive-flagged", () => {
    for (const id of ["device/q1", "device/q2"]) {
      const q = objectOf(r, id);
      expect(q.failure).toBeNull();
      expect(q.passiveFlag).toBe(true);
      expect(lockOf(q.presentationLock)).toEqual({ id: `${id}#lock`, kind: "mutex" });
    }
  });

  it("12(b) CFG-06e: a manual queue registering EvtIoRead fails with STATUS_INVALID_PARAMETER", () => {
    expect(status([manual("device/q3", { callbacks: [cb("EvtIoRead")] })], "device/q3")).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("12(b) S-5: each work item holds its own queue's mutex at PASSIVE_LEVEL (q1 and q2 differ)", () => {
    expect(lockAndIrql(r, "device/q1/workItem", "EvtWorkItem")).toEqual({
      lock: q1Mutex,
      irql: "PASSIVE_LEVEL",
    });
    expect(lockAndIrql(r, "device/q2/workItem", "EvtWorkItem")).toEqual({
      lock: { id: "device/q2#lock", kind: "mutex" },
      irql: "PASSIVE_LEVEL",
    });
  });

  it("12(b) PL-1: two work items under q1 share q1's mutex with q1's locked callbacks", () => {
    expect(lockOf(callbackOf(r, "device/q1/workItem2", "EvtWorkItem").lock)).toEqual(q1Mutex);
    for (const event of ["EvtIoStop", "EvtIoResume", "EvtIoCanceledOnQueue", "EvtRequestCancel"]) {
      expect([event, lockOf(callbackOf(r, "device/q1", event).lock)]).toEqual([event, q1Mutex]);
    }
    for (const registration of ["ReadyNotify", "Purge", "Drain"] as const) {
      expect([
        registration,
        lockOf(callbackOf(r, "device/q1", "EvtIoQueueState", registration).lock),
      ]).toEqual([registration, q1Mutex]);
    }
  });

  it("12(b) 6.2: a work item with ExecutionLevel = Passive fails with STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(status([workItem("device/q1/bad", { attributes: attrs("Passive") })], "device/q1/bad")).toBe(
      "STATUS_WDF_EXECUTION_LEVEL_INVALID",
    );
  });

  it("12(b) S-4: variants under q1 — AS DPC fails, passive timer shares q1's mutex, default timer fails", () => {
    expect(status([dpc("device/q1/dpc")], "device/q1/dpc")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    expect(status([timer("device/q1/t", { attributes: attrs("Passive") })], "device/q1/t")).toBe(
      "STATUS_SUCCESS",
    );
    const rr = resolve(config([...base, timer("device/q1/t", { attributes: attrs("Passive") })]));
    expect(lockOf(callbackOf(rr, "device/q1/t", "EvtTimerFunc").lock)).toEqual(q1Mutex);
    expect(status([timer("device/q1/dt")], "device/q1/dt")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });
});
