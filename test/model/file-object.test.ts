// File-object constraints, decided during WdfDeviceCreate: F-1..F-6 (locking spec 3.4).

import { describe, expect, it } from "vitest";
import type { FrameworkVersion, ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  callbacksOf,
  cb,
  config,
  device,
  fileObject,
  lockOf,
  objectOf,
  queue,
} from "../helpers/build.js";

const FILE = "device/fileObject";
const run = (objects: ObjectConfig[], version: FrameworkVersion | null = null) =>
  resolve(config(objects, "kmdf", version));
const fileCallbacks = [cb("EvtDeviceFileCreate"), cb("EvtFileCleanup"), cb("EvtFileClose")];

describe("F-1: starting values; WDF_NO_OBJECT_ATTRIBUTES does not inherit", () => {
  it("F-1: no attributes, client ≥ 1.11 (default) → level Passive, scope None", () => {
    const f = objectOf(run([device(), fileObject("device", { attributes: null })]), FILE);
    expect([f.level, f.scope]).toEqual(["Passive", "None"]);
  });

  it("F-1: no attributes, client 1.9 → level Dispatch, scope None", () => {
    const f = objectOf(
      run([device(), fileObject("device", { attributes: null })], { major: 1, minor: 9 }),
      FILE,
    );
    expect([f.level, f.scope]).toEqual(["Dispatch", "None"]);
  });

  it("F-1: no attributes on a Passive Device-scope device → scope stays None and the callbacks are unlocked", () => {
    const r = run([
      device("device", { attributes: attrs("Passive", "Device") }),
      fileObject("device", { attributes: null, callbacks: fileCallbacks }),
    ]);
    expect(objectOf(r, FILE).scope).toBe("None");
    expect(objectOf(r, "device").failure).toBeNull();
    for (const event of ["EvtDeviceFileCreate", "EvtFileCleanup", "EvtFileClose"]) {
      expect(callbackOf(r, FILE, event).lock).toBeNull();
    }
  });
});

describe("F-2: supplied attributes inherit from the device; Passive wins", () => {
  it("F-2: InheritFromParent on a Passive + Device device → Passive + Device", () => {
    const f = objectOf(
      run([device("device", { attributes: attrs("Passive", "Device") }), fileObject()]),
      FILE,
    );
    expect([f.level, f.scope]).toEqual(["Passive", "Device"]);
  });

  it("F-2: InheritFromParent on a Dispatch + None device, client 1.9 → Dispatch + None", () => {
    const f = objectOf(run([device(), fileObject()], { major: 1, minor: 9 }), FILE);
    expect([f.level, f.scope]).toEqual(["Dispatch", "None"]);
  });

  it("F-2: explicit Passive, client 1.9 → Passive", () => {
    const f = objectOf(
      run([device(), fileObject("device", { attributes: attrs("Passive") })], { major: 1, minor: 9 }),
      FILE,
    );
    expect(f.level).toBe("Passive");
  });

  it("F-2: explicit Dispatch never overrides the ≥ 1.11 Passive start → Passive", () => {
    const f = objectOf(run([device(), fileObject("device", { attributes: attrs("Dispatch") })]), FILE);
    expect(f.level).toBe("Passive");
  });

  it("F-2: inherited Dispatch never overrides the ≥ 1.11 Passive start → Passive", () => {
    const f = objectOf(run([device(), fileObject()]), FILE);
    expect(f.level).toBe("Passive");
  });
});

describe("F-3: file scope Queue fails WdfDeviceCreate", () => {
  it("F-3: explicit file scope Queue → the device fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    const r = run([device(), fileObject("device", { attributes: attrs("InheritFromParent", "Queue") })]);
    expect(objectOf(r, "device").failure?.status).toBe("STATUS_INVALID_DEVICE_REQUEST");
    expect(objectOf(r, "device").exists).toBe(false);
  });

  it("F-3: device scope Queue inherited by initialized file attributes → the device fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    const r = run([device("device", { attributes: attrs("InheritFromParent", "Queue") }), fileObject()]);
    expect(objectOf(r, "device").failure?.status).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("F-3: the file object reports the WdfDeviceCreate status, and nothing on the failed device exists", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Queue") }),
      fileObject("device", { callbacks: fileCallbacks }),
      queue("device/q"),
    ]);
    expect(objectOf(r, FILE).failure?.status).toBe("STATUS_INVALID_DEVICE_REQUEST");
    expect(objectOf(r, FILE).exists).toBe(false);
    expect(objectOf(r, "device/q").exists).toBe(false);
    expect(callbacksOf(r, FILE, "EvtDeviceFileCreate")).toEqual([]);
    expect(callbacksOf(r, "device/q", "EvtIoDeviceControl")).toEqual([]);
  });

  it("F-3: device scope Queue with file attributes saying scope None → the device is created", () => {
    const r = run([
      device("device", { attributes: attrs("InheritFromParent", "Queue") }),
      fileObject("device", { attributes: attrs("InheritFromParent", "None") }),
    ]);
    expect(objectOf(r, "device").failure).toBeNull();
  });
});

describe("F-4: file scope Device needs a Passive device; then client file callbacks hold the device lock", () => {
  it("F-4: file scope Device on a Dispatch device → the device fails with STATUS_INVALID_DEVICE_REQUEST", () => {
    const r = run([device(), fileObject("device", { attributes: attrs("InheritFromParent", "Device") })]);
    expect(objectOf(r, "device").failure?.status).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("F-4: file scope Device on a Passive device → created; EvtDeviceFileCreate, EvtFileCleanup, EvtFileClose hold device#lock (mutex)", () => {
    const r = run([
      device("device", { attributes: attrs("Passive") }),
      fileObject("device", { attributes: attrs("InheritFromParent", "Device"), callbacks: fileCallbacks }),
    ]);
    expect(objectOf(r, "device").failure).toBeNull();
    for (const event of ["EvtDeviceFileCreate", "EvtFileCleanup", "EvtFileClose"]) {
      expect(lockOf(callbackOf(r, FILE, event).lock)).toEqual({ id: "device#lock", kind: "mutex" });
    }
  });

  it("F-4: file scope Device inherited from a Passive Device-scope device → created and locked with device#lock", () => {
    const r = run([device("device", { attributes: attrs("Passive", "Device") }), fileObject()]);
    expect(objectOf(r, "device").failure).toBeNull();
    expect(lockOf(callbackOf(r, FILE, "EvtDeviceFileCreate").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });

  it("F-4: device scope Device inherited by a Passive device through a Passive driver, checked on the device's resolved level → created", () => {
    const r = resolve(
      config([device("device", { attributes: attrs("InheritFromParent", "Device") }), fileObject()], "umdf2"),
    );
    expect(objectOf(r, "device").failure).toBeNull();
    expect(lockOf(callbackOf(r, FILE, "EvtFileClose").lock)).toEqual({ id: "device#lock", kind: "mutex" });
  });
});

describe("F-5: file callbacks always run at PASSIVE_LEVEL", () => {
  it("F-5: with a Dispatch-level file object (client 1.9, no attributes) the callbacks report PASSIVE_LEVEL", () => {
    const r = run([device(), fileObject("device", { attributes: null, callbacks: fileCallbacks })], {
      major: 1,
      minor: 9,
    });
    expect(objectOf(r, FILE).level).toBe("Dispatch");
    for (const event of ["EvtDeviceFileCreate", "EvtFileCleanup", "EvtFileClose"]) {
      expect(callbackOf(r, FILE, event).irql).toBe("PASSIVE_LEVEL");
    }
  });

  it("F-5: with the device mutex held they report PASSIVE_LEVEL", () => {
    const r = run([device("device", { attributes: attrs("Passive", "Device") }), fileObject()]);
    expect(callbackOf(r, FILE, "EvtDeviceFileCreate").irql).toBe("PASSIVE_LEVEL");
  });
});

describe("F-6: the file object's presentation lock", () => {
  it("F-6: scope Device → the device lock", () => {
    const r = run([device("device", { attributes: attrs("Passive", "Device") }), fileObject()]);
    expect(lockOf(objectOf(r, FILE).presentationLock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(lockOf(objectOf(r, FILE).callbackLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });

  it("F-6: scope None → NULL", () => {
    const r = run([device(), fileObject()]);
    expect(objectOf(r, FILE).presentationLock).toBeNull();
    expect(objectOf(r, FILE).callbackLock).toBeNull();
  });
});
