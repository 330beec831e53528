// The driver object: D-1..D-4 (locking spec 3.1).

import { describe, expect, it } from "vitest";
import { resolve } from "../../src/model/resolve.js";
import { attrs, callbackOf, cb, config, device, driver, lockOf, objectOf } from "../helpers/build.js";

const withAddDevice = (
  scope: "Device" | "Queue" | "None" | "InheritFromParent",
  framework: "kmdf" | "umdf2" = "kmdf",
) =>
  resolve(
    config(
      [
        driver({ attributes: attrs("InheritFromParent", scope), callbacks: [cb("EvtDriverDeviceAdd")] }),
        device(),
      ],
      framework,
    ),
  );

describe("D-1: driver defaults", () => {
  it("D-1: a KMDF driver defaults to level Dispatch, scope None", () => {
    const d = objectOf(resolve(config([device()], "kmdf")), "driver");
    expect([d.level, d.scope]).toEqual(["Dispatch", "None"]);
  });

  it("D-1: a UMDF 2 driver defaults to level Passive, scope None", () => {
    const d = objectOf(resolve(config([device()], "umdf2")), "driver");
    expect([d.level, d.scope]).toEqual(["Passive", "None"]);
  });
});

describe("D-2: attribute values replace the defaults unless InheritFromParent", () => {
  it("D-2: explicit Passive + Queue replace Dispatch + None", () => {
    const d = objectOf(resolve(config([driver({ attributes: attrs("Passive", "Queue") })])), "driver");
    expect([d.level, d.scope]).toEqual(["Passive", "Queue"]);
  });

  it("D-2: InheritFromParent keeps the default (KMDF: Dispatch, None)", () => {
    const d = objectOf(resolve(config([driver({ attributes: attrs() })])), "driver");
    expect([d.level, d.scope]).toEqual(["Dispatch", "None"]);
  });

  it("D-2: explicit Dispatch on a UMDF driver replaces the Passive default", () => {
    const d = objectOf(resolve(config([driver({ attributes: attrs("Dispatch") })], "umdf2")), "driver");
    expect(d.level).toBe("Dispatch");
  });
});

describe("D-3: the driver's lock is always mutex-class and the driver always passive-flagged", () => {
  it("D-3: a KMDF driver at Dispatch still owns a mutex-class lock driver#lock and is passive-flagged", () => {
    const d = objectOf(resolve(config([])), "driver");
    expect(d.level).toBe("Dispatch");
    expect(lockOf(d.ownLock)).toEqual({ id: "driver#lock", kind: "mutex" });
    expect(d.passiveFlag).toBe(true);
  });

  it("D-3: a UMDF driver at Passive owns the same mutex-class lock", () => {
    const d = objectOf(resolve(config([], "umdf2")), "driver");
    expect(lockOf(d.ownLock)).toEqual({ id: "driver#lock", kind: "mutex" });
    expect(d.passiveFlag).toBe(true);
  });
});

describe("D-4: EvtDriverDeviceAdd is locked with the driver mutex iff the driver scope is Device or Queue", () => {
  it("D-4: driver scope Device → EvtDriverDeviceAdd holds driver#lock (mutex)", () => {
    const r = withAddDevice("Device");
    expect(lockOf(callbackOf(r, "driver", "EvtDriverDeviceAdd").lock)).toEqual({
      id: "driver#lock",
      kind: "mutex",
    });
    expect(lockOf(objectOf(r, "driver").callbackLock)).toEqual({ id: "driver#lock", kind: "mutex" });
  });

  it("D-4: driver scope Queue → EvtDriverDeviceAdd holds driver#lock (mutex)", () => {
    const r = withAddDevice("Queue");
    expect(lockOf(callbackOf(r, "driver", "EvtDriverDeviceAdd").lock)).toEqual({
      id: "driver#lock",
      kind: "mutex",
    });
  });

  it("D-4: driver scope None → EvtDriverDeviceAdd is unlocked", () => {
    const r = withAddDevice("None");
    expect(callbackOf(r, "driver", "EvtDriverDeviceAdd").lock).toBeNull();
    expect(objectOf(r, "driver").callbackLock).toBeNull();
  });

  it("D-4: default driver scope (None, D-1) → EvtDriverDeviceAdd is unlocked", () => {
    expect(callbackOf(withAddDevice("InheritFromParent"), "driver", "EvtDriverDeviceAdd").lock).toBeNull();
  });

  it("D-4: UMDF driver scope Device → EvtDriverDeviceAdd holds driver#lock (mutex)", () => {
    const r = withAddDevice("Device", "umdf2");
    expect(lockOf(callbackOf(r, "driver", "EvtDriverDeviceAdd").lock)).toEqual({
      id: "driver#lock",
      kind: "mutex",
    });
  });
});
