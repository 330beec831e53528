// AutomaticSerialization for work items, timers and DPCs: S-1..S-8 (locking spec 6.1).

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  config,
  device,
  dpc,
  driver,
  fileObject,
  lockOf,
  objectOf,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const run = (objects: ObjectConfig[]) => resolve(config(objects));
const status = (objects: ObjectConfig[], id: string) =>
  objectOf(run(objects), id).failure?.status ?? "STATUS_SUCCESS";
const passiveQueue = queue("device/q", {
  attributes: attrs("Passive", "Queue"),
  dispatchType: "Manual",
  callbacks: [],
});
const dispatchQueue = queue("device/q", { attributes: attrs("Dispatch", "Queue") });

describe("S-1: the parent needs a device ancestor, checked even without AutomaticSerialization", () => {
  it("S-1: a work item parented to the driver fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), workItem("driver/wi")], "driver/wi")).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("S-1: ... also with AutomaticSerialization = FALSE (S-1 runs before S-3)", () => {
    expect(status([device(), workItem("driver/wi", { automaticSerialization: false })], "driver/wi")).toBe(
      "STATUS_INVALID_DEVICE_REQUEST",
    );
  });

  it("S-1: a timer parented to a general object that is parented only to the driver fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), other("driver/obj"), timer("driver/obj/t")], "driver/obj/t")).toBe(
      "STATUS_INVALID_DEVICE_REQUEST",
    );
  });

  it("S-1: a DPC parented to a general object under the device is created", () => {
    expect(status([device(), other("device/obj"), dpc("device/obj/dpc")], "device/obj/dpc")).toBe(
      "STATUS_SUCCESS",
    );
  });
});

describe("S-2: the lock owner is the first queue, device or file object at or above the parent", () => {
  it("S-2: a DPC under a general object under a Queue-scope Dispatch queue takes that queue's lock", () => {
    const r = run([device(), dispatchQueue, other("device/q/obj"), dpc("device/q/obj/dpc")]);
    expect(lockOf(objectOf(r, "device/q/obj/dpc").callbackLock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
  });

  it("S-2: a work item parented to a Passive file object with scope Device takes the device lock", () => {
    const r = run([
      device("device", { attributes: attrs("Passive", "Device") }),
      fileObject(),
      workItem("device/fileObject/wi"),
    ]);
    expect(objectOf(r, "device/fileObject/wi").failure).toBeNull();
    expect(lockOf(objectOf(r, "device/fileObject/wi").callbackLock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });
});

describe("S-3: no AutomaticSerialization, or an owner with scope None: no lock and no level check", () => {
  it("S-3: AutomaticSerialization = FALSE under a Dispatch Queue-scope queue: a work item is created with no lock", () => {
    const r = run([device(), dispatchQueue, workItem("device/q/wi", { automaticSerialization: false })]);
    expect(objectOf(r, "device/q/wi").failure).toBeNull();
    expect(objectOf(r, "device/q/wi").callbackLock).toBeNull();
    expect(callbackOf(r, "device/q/wi", "EvtWorkItem").lock).toBeNull();
  });

  it("S-3: owner scope None skips the level check: a DPC under an explicitly Passive device with scope None is created, unlocked", () => {
    const r = run([device("device", { attributes: attrs("Passive", "None") }), dpc("device/dpc")]);
    expect(objectOf(r, "device/dpc").failure).toBeNull();
    expect(objectOf(r, "device/dpc").callbackLock).toBeNull();
  });

  it("S-3: owner scope None skips the level check: a work item under a Dispatch scope-None queue is created, unlocked", () => {
    const r = run([device(), queue("device/q"), workItem("device/q/wi")]);
    expect(objectOf(r, "device/q/wi").failure).toBeNull();
    expect(objectOf(r, "device/q/wi").callbackLock).toBeNull();
  });
});

describe("S-4: the compatibility check reads the passive flag of the parent itself", () => {
  it("S-4: a DPC with AutomaticSerialization under a passive-flagged Queue-scope parent fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([device(), passiveQueue, dpc("device/q/dpc")], "device/q/dpc")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("S-4: a work item with AutomaticSerialization under a non-passive Queue-scope queue fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([device(), dispatchQueue, workItem("device/q/wi")], "device/q/wi")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("S-4: a work item under a passive-flagged Queue-scope queue is created", () => {
    expect(status([device(), passiveQueue, workItem("device/q/wi")], "device/q/wi")).toBe("STATUS_SUCCESS");
  });

  it("S-4: the parent, not the owner: a work item under an unflagged general object under a Passive queue fails", () => {
    expect(
      status([device(), passiveQueue, other("device/q/obj"), workItem("device/q/obj/wi")], "device/q/obj/wi"),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("S-4: the parent, not the owner: a work item under an explicitly Passive general object under a Dispatch queue is created with the queue's spin lock", () => {
    const r = run([
      device(),
      dispatchQueue,
      other("device/q/obj", "object", { attributes: attrs("Passive") }),
      workItem("device/q/obj/wi"),
    ]);
    expect(objectOf(r, "device/q/obj/wi").failure).toBeNull();
    expect(lockOf(objectOf(r, "device/q/obj/wi").callbackLock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
  });

  it("S-4: a work item is always passive-flagged (L-5), so an AS DPC parented to a work item under a Device-scope Dispatch device fails", () => {
    const objects = [
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      workItem("device/wi", { automaticSerialization: false }),
      dpc("device/wi/dpc"),
    ];
    expect(status(objects, "device/wi/dpc")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("S-4: a device counts as passive only with explicit Passive: a work item under a Device-scope device inheriting Passive fails", () => {
    const objects = [
      driver({ attributes: attrs("Passive") }),
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      workItem("device/wi"),
    ];
    expect(status(objects, "device/wi")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("S-4: ... and with explicit Passive on the device it is created", () => {
    expect(
      status(
        [device("device", { attributes: attrs("Passive", "Device") }), workItem("device/wi")],
        "device/wi",
      ),
    ).toBe("STATUS_SUCCESS");
  });
});

describe("S-5: on success the callback lock is the owner's presentation lock", () => {
  it("S-5: owner = queue with scope Queue → that queue's own lock", () => {
    const r = run([device(), passiveQueue, workItem("device/q/wi")]);
    expect(lockOf(callbackOf(r, "device/q/wi", "EvtWorkItem").lock)).toEqual({
      id: "device/q#lock",
      kind: "mutex",
    });
  });

  it("S-5: owner = queue with scope Device → the device lock", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      queue("device/q"),
      dpc("device/q/dpc"),
    ]);
    expect(lockOf(callbackOf(r, "device/q/dpc", "EvtDpcFunc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("S-5: owner = device with scope Device → the device lock", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      timer("device/t"),
    ]);
    expect(lockOf(callbackOf(r, "device/t", "EvtTimerFunc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("S-5: owner = device with scope Queue → the device lock", () => {
    const r = run([device("device", { attributes: attrs("InheritFromParent", "Queue") }), dpc("device/dpc")]);
    expect(lockOf(callbackOf(r, "device/dpc", "EvtDpcFunc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("S-5: owner = file object with scope Device → the device lock", () => {
    const r = run([
      device("device", { attributes: attrs("Passive", "Device") }),
      fileObject(),
      timer("device/fileObject/t", { attributes: attrs("Passive") }),
    ]);
    expect(lockOf(callbackOf(r, "device/fileObject/t", "EvtTimerFunc").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });
});

describe("S-6: device scope Queue + child parented to the device → the device lock, used by no queue", () => {
  it("S-6: a DPC on the device takes device#lock while the Queue-scope queue's callbacks take device/q#lock", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Queue") }),
      queue("device/q"),
      dpc("device/dpc"),
    ]);
    expect(lockOf(callbackOf(r, "device/dpc", "EvtDpcFunc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
  });
});

describe("S-7: device scope None + a queue that opts into scope Device", () => {
  const objects = [
    device(),
    queue("device/q", { attributes: attrs("InheritFromParent", "Device") }),
    dpc("device/dpc"),
    dpc("device/q/dpc"),
  ];

  it("S-7: a DPC parented to the device gets no lock although the queue uses the device lock", () => {
    const r = run(objects);
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
    expect(callbackOf(r, "device/dpc", "EvtDpcFunc").lock).toBeNull();
  });

  it("S-7: a DPC parented to that queue gets the device lock", () => {
    expect(lockOf(callbackOf(run(objects), "device/q/dpc", "EvtDpcFunc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });
});

describe("S-8: a device that inherits Passive (mutex, no flag) with scope Device/Queue", () => {
  const inheritedPassive = [
    driver({ attributes: attrs("Passive") }),
    device("device", { attributes: attrs("InheritFromParent", "Device") }),
  ];

  it("S-8: a DPC with AutomaticSerialization is created and holds the device mutex at DISPATCH_LEVEL, with an S-8 error finding", () => {
    const r = run([...inheritedPassive, dpc("device/dpc")]);
    expect(objectOf(r, "device/dpc").failure).toBeNull();
    const c = callbackOf(r, "device/dpc", "EvtDpcFunc");
    expect(lockOf(c.lock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(c.irql).toBe("DISPATCH_LEVEL");
    expect(
      r.findings.some((f) => f.rule === "S-8" && f.severity === "error" && f.object === "device/dpc"),
    ).toBe(true);
  });

  it("S-8: a default (dispatch-level) timer with AutomaticSerialization is created with the device mutex at DISPATCH_LEVEL, with an S-8 error finding", () => {
    const r = run([...inheritedPassive, timer("device/t")]);
    expect(objectOf(r, "device/t").failure).toBeNull();
    expect(lockOf(objectOf(r, "device/t").callbackLock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(callbackOf(r, "device/t", "EvtTimerFunc").irql).toBe("DISPATCH_LEVEL");
    expect(
      r.findings.some((f) => f.rule === "S-8" && f.severity === "error" && f.object === "device/t"),
    ).toBe(true);
  });

  it("S-8: a work item with AutomaticSerialization is rejected with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([...inheritedPassive, workItem("device/wi")], "device/wi")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("S-8: a passive timer with AutomaticSerialization is rejected with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      status([...inheritedPassive, timer("device/t", { attributes: attrs("Passive") })], "device/t"),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("S-8: a DPC holding a spin lock (Dispatch device with scope Device) earns no S-8 finding", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      dpc("device/dpc"),
    ]);
    expect(r.findings.filter((f) => f.rule === "S-8")).toEqual([]);
  });
});
