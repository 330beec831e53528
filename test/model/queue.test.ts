// The I/O queue: Q-1..Q-7 (locking spec 3.3) and WdfIoQueueCreate checks CFG-06, CFG-06a,
// CFG-06c..CFG-06f, CFG-06h (queues spec 2.1). CFG-07 is in queue-power-managed.test.ts.

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import { attrs, callbackOf, cb, config, device, lockOf, objectOf, queue } from "../helpers/build.js";

const q = (objects: ObjectConfig[], id = "device/q", framework: "kmdf" | "umdf2" = "kmdf") =>
  objectOf(resolve(config(objects, framework)), id);
const status = (objects: ObjectConfig[], id = "device/q", framework: "kmdf" | "umdf2" = "kmdf") =>
  q(objects, id, framework).failure?.status ?? "STATUS_SUCCESS";

describe("Q-1: a queue inherits from the device it is created on, never from its ParentObject", () => {
  it("Q-1: WDF_NO_OBJECT_ATTRIBUTES takes the device's Passive + Device", () => {
    const r = q([device("device", { attributes: attrs("Passive", "Device") }), queue("device/q")]);
    expect([r.level, r.scope]).toEqual(["Passive", "Device"]);
  });

  it("Q-1: a queue parented to a Passive/Queue-scope queue still inherits the device's Dispatch + None", () => {
    const objects = [
      device(),
      queue("device/parentQ", {
        attributes: attrs("Passive", "Queue"),
        dispatchType: "Manual",
        callbacks: [],
      }),
      queue("device/parentQ/q", { device: "device" }),
    ];
    const r = q(objects, "device/parentQ/q");
    expect([r.level, r.scope]).toEqual(["Dispatch", "None"]);
  });
});

describe("CFG-06: the ParentObject must be under the queue's own device", () => {
  it("CFG-06: a ParentObject under another device fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), device("other"), queue("device/q", { parent: "other" })])).toBe(
      "STATUS_INVALID_DEVICE_REQUEST",
    );
  });

  it("CFG-06: the driver as ParentObject fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), queue("device/q", { parent: "driver" })])).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("CFG-06: CFG-06 comes before CFG-06a (foreign parent and a Device-scope level mismatch → STATUS_INVALID_DEVICE_REQUEST)", () => {
    const objects = [
      device(),
      device("other"),
      queue("device/q", { parent: "other", attributes: attrs("Passive", "Device") }),
    ];
    expect(status(objects)).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });
});

describe("Q-2: own lock mutex iff Passive; passive flag iff Passive; presentation lock even for scope None", () => {
  it("Q-2: a Passive queue owns device/q#lock as a mutex and is passive-flagged", () => {
    const r = q([device(), queue("device/q", { attributes: attrs("Passive", "Queue") })]);
    expect(lockOf(r.ownLock)).toEqual({ id: "device/q#lock", kind: "mutex" });
    expect(r.passiveFlag).toBe(true);
  });

  it("Q-2: a Dispatch queue owns device/q#lock as a spin lock and is not passive-flagged", () => {
    const r = q([device(), queue("device/q", { attributes: attrs("Dispatch", "Queue") })]);
    expect(lockOf(r.ownLock)).toEqual({ id: "device/q#lock", kind: "spin" });
    expect(r.passiveFlag).toBe(false);
  });

  it("Q-2: a queue that inherits Passive (from an explicitly Passive device) is passive-flagged", () => {
    expect(q([device("device", { attributes: attrs("Passive") }), queue("device/q")]).passiveFlag).toBe(true);
  });

  it("Q-2: a scope-None queue keeps its own lock as presentation lock", () => {
    const r = q([device(), queue("device/q", { attributes: attrs("InheritFromParent", "None") })]);
    expect(lockOf(r.presentationLock)).toEqual({ id: "device/q#lock", kind: "spin" });
  });
});

describe("Q-3 / CFG-06a: resolved scope Device", () => {
  it("Q-3: with matching levels the queue presents the device lock and its callbacks take it", () => {
    const r = resolve(
      config([device("device", { attributes: attrs("InheritFromParent", "Device") }), queue("device/q")]),
    );
    expect(lockOf(objectOf(r, "device/q").presentationLock)).toEqual({ id: "device#lock", kind: "spin" });
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("Q-3: works when the device's own scope is None (the queue opts in to the device lock)", () => {
    const r = resolve(
      config([device(), queue("device/q", { attributes: attrs("InheritFromParent", "Device") })]),
    );
    expect(objectOf(r, "device").scope).toBe("None");
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("CFG-06a: queue Passive + scope Device on a Dispatch device fails with STATUS_INVALID_PARAMETER", () => {
    expect(status([device(), queue("device/q", { attributes: attrs("Passive", "Device") })])).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("CFG-06a: queue Dispatch inheriting scope Device from a Passive device fails with STATUS_INVALID_PARAMETER", () => {
    const objects = [
      device("device", { attributes: attrs("Passive", "Device") }),
      queue("device/q", { attributes: attrs("Dispatch") }),
    ];
    expect(status(objects)).toBe("STATUS_INVALID_PARAMETER");
  });

  it("CFG-06a: a Passive Device-scope queue on a Passive device is created and takes the device mutex", () => {
    const objects = [device("device", { attributes: attrs("Passive", "Device") }), queue("device/q")];
    const r = q(objects);
    expect(r.failure).toBeNull();
    expect(lockOf(r.callbackLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });

  it("CFG-06a: the constraint step precedes CFG-06d (level mismatch and no EvtIo callback → STATUS_INVALID_PARAMETER, not STATUS_WDF_NO_CALLBACK)", () => {
    expect(
      status([device(), queue("device/q", { attributes: attrs("Passive", "Device"), callbacks: [] })]),
    ).toBe("STATUS_INVALID_PARAMETER");
  });
});

describe("Q-4: resolved scope Queue", () => {
  it("Q-4: a Passive + Queue queue on a Dispatch device is created (no level match) and locks its callbacks with its own mutex", () => {
    const r = resolve(config([device(), queue("device/q", { attributes: attrs("Passive", "Queue") })]));
    expect(objectOf(r, "device/q").failure).toBeNull();
    expect(lockOf(objectOf(r, "device/q").presentationLock)).toEqual({ id: "device/q#lock", kind: "mutex" });
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device/q#lock",
      kind: "mutex",
    });
  });
});

describe("Q-5: resolved scope None", () => {
  it("Q-5: queue callbacks are not locked; the queue object's callback lock is null", () => {
    const r = resolve(config([device(), queue("device/q")]));
    expect(objectOf(r, "device/q").scope).toBe("None");
    expect(callbackOf(r, "device/q", "EvtIoDeviceControl").lock).toBeNull();
    expect(objectOf(r, "device/q").callbackLock).toBeNull();
  });
});

describe("Q-6: which queue callback slots carry the presentation lock", () => {
  const locked = [
    cb("EvtIoDefault"),
    cb("EvtIoRead"),
    cb("EvtIoWrite"),
    cb("EvtIoDeviceControl"),
    cb("EvtIoInternalDeviceControl"),
    cb("EvtIoStop"),
    cb("EvtIoResume"),
    cb("EvtIoCanceledOnQueue"),
    cb("EvtRequestCancel", "MyCancel"),
    cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
    cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
  ];
  const stops = [
    cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
    cb("EvtIoQueueState", "MyStopPurgeDone", { registration: "StopAndPurge" }),
  ];
  const r = resolve(
    config([
      device(),
      queue("device/q", {
        attributes: attrs("Dispatch", "Queue"),
        dispatchType: "Parallel",
        callbacks: [...locked, ...stops],
      }),
      queue("device/m", {
        attributes: attrs("Dispatch", "Queue"),
        dispatchType: "Manual",
        callbacks: [cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
      }),
    ]),
  );

  it.each(locked.map((c) => [c.event, c.registration ?? ""] as const))(
    "Q-6: %s %s runs holding the queue's own lock device/q#lock",
    (event, registration) => {
      const c = callbackOf(r, "device/q", event, registration === "" ? undefined : (registration as "Purge"));
      expect(lockOf(c.lock)).toEqual({ id: "device/q#lock", kind: "spin" });
    },
  );

  it("Q-6: the ready-notify EvtIoQueueState of a manual queue runs holding device/m#lock", () => {
    expect(lockOf(callbackOf(r, "device/m", "EvtIoQueueState", "ReadyNotify").lock)).toEqual({
      id: "device/m#lock",
      kind: "spin",
    });
  });

  it("Q-6: the Stop and StopAndPurge EvtIoQueueState callbacks are left out (no lock)", () => {
    expect(callbackOf(r, "device/q", "EvtIoQueueState", "Stop").lock).toBeNull();
    expect(callbackOf(r, "device/q", "EvtIoQueueState", "StopAndPurge").lock).toBeNull();
  });
});

describe("Q-7 / CFG-06c..CFG-06f, CFG-06h: checks after the constraint step", () => {
  it("CFG-06c: UMDF with EvtIoInternalDeviceControl fails with STATUS_INVALID_PARAMETER (default version, ≥ 2.19)", () => {
    const objects = [device(), queue("device/q", { callbacks: [cb("EvtIoInternalDeviceControl")] })];
    expect(status(objects, "device/q", "umdf2")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("CFG-06c: KMDF with EvtIoInternalDeviceControl is fine", () => {
    expect(status([device(), queue("device/q", { callbacks: [cb("EvtIoInternalDeviceControl")] })])).toBe(
      "STATUS_SUCCESS",
    );
  });

  it("CFG-06d: a Sequential queue with no EvtIo* callback fails with STATUS_WDF_NO_CALLBACK", () => {
    expect(status([device(), queue("device/q", { callbacks: [cb("EvtIoStop")] })])).toBe(
      "STATUS_WDF_NO_CALLBACK",
    );
  });

  it("CFG-06d: a Parallel queue with only EvtIoDefault is fine", () => {
    expect(
      status([device(), queue("device/q", { dispatchType: "Parallel", callbacks: [cb("EvtIoDefault")] })]),
    ).toBe("STATUS_SUCCESS");
  });

  it("CFG-06e: a Manual queue with EvtIoRead fails with STATUS_INVALID_PARAMETER", () => {
    expect(
      status([device(), queue("device/q", { dispatchType: "Manual", callbacks: [cb("EvtIoRead")] })]),
    ).toBe("STATUS_INVALID_PARAMETER");
  });

  it("CFG-06e: a Manual queue with EvtIoStop, EvtIoResume and EvtIoCanceledOnQueue is fine", () => {
    const callbacks = [cb("EvtIoStop"), cb("EvtIoResume"), cb("EvtIoCanceledOnQueue")];
    expect(status([device(), queue("device/q", { dispatchType: "Manual", callbacks })])).toBe(
      "STATUS_SUCCESS",
    );
  });

  it("CFG-06f: NumberOfPresentedRequests = 1 on a Sequential queue fails with STATUS_INVALID_PARAMETER", () => {
    expect(status([device(), queue("device/q", { numberOfPresentedRequests: 1 })])).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("CFG-06f: NumberOfPresentedRequests = 2 on a Manual queue fails with STATUS_INVALID_PARAMETER", () => {
    expect(
      status([
        device(),
        queue("device/q", { dispatchType: "Manual", callbacks: [], numberOfPresentedRequests: 2 }),
      ]),
    ).toBe("STATUS_INVALID_PARAMETER");
  });

  it("CFG-06f: NumberOfPresentedRequests = 1 on a Parallel queue is fine", () => {
    expect(
      status([device(), queue("device/q", { dispatchType: "Parallel", numberOfPresentedRequests: 1 })]),
    ).toBe("STATUS_SUCCESS");
  });

  it("Q-7: CFG-06d comes before CFG-06f (no callback and NumberOfPresentedRequests = 1 → STATUS_WDF_NO_CALLBACK)", () => {
    expect(status([device(), queue("device/q", { callbacks: [], numberOfPresentedRequests: 1 })])).toBe(
      "STATUS_WDF_NO_CALLBACK",
    );
  });

  it("CFG-06h: a second default queue on the same device fails with STATUS_UNSUCCESSFUL; the first is created", () => {
    const objects = [
      device(),
      queue("device/q1", { defaultQueue: true }),
      queue("device/q2", { defaultQueue: true }),
    ];
    expect(status(objects, "device/q1")).toBe("STATUS_SUCCESS");
    expect(status(objects, "device/q2")).toBe("STATUS_UNSUCCESSFUL");
  });

  it("CFG-06h: one default queue on each of two devices is fine", () => {
    const objects = [
      device(),
      device("other"),
      queue("device/q", { defaultQueue: true }),
      queue("other/q", { defaultQueue: true }),
    ];
    expect(status(objects, "other/q")).toBe("STATUS_SUCCESS");
  });

  it("CFG-06h: a second default queue without EvtIo callbacks reports STATUS_WDF_NO_CALLBACK (CFG-06d is checked first)", () => {
    const objects = [
      device(),
      queue("device/q1", { defaultQueue: true }),
      queue("device/q2", { defaultQueue: true, callbacks: [] }),
    ];
    expect(status(objects, "device/q2")).toBe("STATUS_WDF_NO_CALLBACK");
  });
});
