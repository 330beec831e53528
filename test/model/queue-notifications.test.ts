// CB-4..CB-8: the queue-delivered notification callbacks (EvtIoStop/Resume, EvtIoCanceledOnQueue,
// EvtRequestCancel, purge/drain-complete EvtIoQueueState) take the queue's presentation lock only
// for scope Device/Queue and report the queue's level (locking spec 7.2, IRQ-2).

import { describe, expect, it } from "vitest";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  cb,
  config,
  device,
  fileObject,
  other,
  queue,
  workItem,
} from "../helpers/build.js";

const notifications = [
  cb("EvtIoDeviceControl"),
  cb("EvtIoStop"),
  cb("EvtIoResume"),
  cb("EvtIoCanceledOnQueue"),
  cb("EvtRequestCancel", "MyCancel"),
  cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
  cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
];

const withScope = (scope: "Queue" | "None", level: "Passive" | "InheritFromParent" = "InheritFromParent") =>
  resolve(
    config([device(), queue("device/q", { attributes: attrs(level, scope), callbacks: notifications })]),
  );

describe("CB-4..CB-8 queue notifications", () => {
  it("CB-4: EvtIoStop and EvtIoResume hold the queue's own spin lock for scope Queue, at DISPATCH_LEVEL", () => {
    const r = withScope("Queue");
    for (const event of ["EvtIoStop", "EvtIoResume"]) {
      const c = callbackOf(r, "device/q", event);
      expect([c.lock?.id, c.lock?.kind, c.irql, c.rule]).toEqual([
        "device/q#lock",
        "spin",
        "DISPATCH_LEVEL",
        "CB-4",
      ]);
    }
  });

  it("CB-5: EvtIoCanceledOnQueue is unlocked for scope None but still reports DISPATCH_LEVEL (IRQ-2)", () => {
    const c = callbackOf(withScope("None"), "device/q", "EvtIoCanceledOnQueue");
    expect([c.lock, c.irql, c.rule]).toEqual([null, "DISPATCH_LEVEL", "CB-5"]);
  });

  it("CB-6: EvtRequestCancel belongs to the queue it was marked cancelable on and takes its mutex when Passive + Queue", () => {
    const c = callbackOf(withScope("Queue", "Passive"), "device/q", "EvtRequestCancel");
    expect([c.id, c.lock?.id, c.lock?.kind, c.irql, c.rule]).toEqual([
      "device/q:EvtRequestCancel:MyCancel",
      "device/q#lock",
      "mutex",
      "PASSIVE_LEVEL",
      "CB-6",
    ]);
  });

  it("CB-8: purge- and drain-complete EvtIoQueueState are locked with scope Queue and unlocked with scope None", () => {
    for (const registration of ["Purge", "Drain"] as const) {
      expect(callbackOf(withScope("Queue"), "device/q", "EvtIoQueueState", registration).lock?.id).toBe(
        "device/q#lock",
      );
      const unlocked = callbackOf(withScope("None"), "device/q", "EvtIoQueueState", registration);
      expect([unlocked.lock, unlocked.rule]).toEqual([null, "CB-8"]);
    }
  });
});

describe("D-5, G-1, L-3, BUG-33", () => {
  it("D-5: a device with default attributes takes the driver's overridden level and scope", () => {
    const r = resolve(
      config([
        {
          kind: "driver",
          id: "driver",
          parent: null,
          attributes: attrs("Passive", "Device"),
          callbacks: [],
          source: null,
        },
        device(),
      ]),
    );
    const dev = r.objects[1]!;
    expect([dev.level, dev.scope, dev.ownLock?.kind]).toEqual(["Passive", "Device", "mutex"]);
  });

  it("G-1: a general object with explicit Passive is passive-flagged, so an AutomaticSerialization work item under it passes S-4", () => {
    const flagged = resolve(
      config([
        device("device", { attributes: attrs("Passive", "Device") }),
        other("device/ctx", "object", { attributes: attrs("Passive") }),
        workItem("device/ctx/wi"),
      ]),
    );
    expect(flagged.objects.find((o) => o.id === "device/ctx")?.passiveFlag).toBe(true);
    expect(flagged.objects.find((o) => o.id === "device/ctx/wi")?.failure).toBeNull();
    const plain = resolve(
      config([
        device("device", { attributes: attrs("Passive", "Device") }),
        other("device/ctx"),
        workItem("device/ctx/wi"),
      ]),
    );
    expect(plain.objects.find((o) => o.id === "device/ctx/wi")?.failure?.status).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("L-3: UMDF keeps both lock classes (mutex for Passive, spin for an explicit Dispatch queue) while every IRQL is PASSIVE_LEVEL", () => {
    const r = resolve(
      config(
        [
          device("device", { attributes: attrs("InheritFromParent", "Queue") }),
          queue("device/p"),
          queue("device/d", { attributes: attrs("Dispatch") }),
        ],
        "umdf2",
      ),
    );
    expect(callbackOf(r, "device/p", "EvtIoDeviceControl").lock?.kind).toBe("mutex");
    const d = callbackOf(r, "device/d", "EvtIoDeviceControl");
    expect([d.lock?.kind, d.irql]).toEqual(["spin", "PASSIVE_LEVEL"]);
  });

  it("BUG-33: a queue on a device whose creation failed is never created (a NULL WDFDEVICE handle)", () => {
    const r = resolve(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Queue") }),
        fileObject("device"),
        queue("device/q"),
      ]),
    );
    expect(r.objects.find((o) => o.id === "device")?.failure?.status).toBe("STATUS_INVALID_DEVICE_REQUEST");
    const q = r.objects.find((o) => o.id === "device/q")!;
    expect([q.failure?.status, q.failure?.rule, q.exists]).toEqual([
      "STATUS_INVALID_HANDLE",
      "BUG-33",
      false,
    ]);
    expect(r.callbacks.filter((c) => c.object === "device/q")).toEqual([]);
  });
});
