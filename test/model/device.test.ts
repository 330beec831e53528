// The device object: DV-1, DV-2, DV-4, DV-5 (locking spec 3.2).

import { describe, expect, it } from "vitest";
import { resolve } from "../../src/model/resolve.js";
import { attrs, callbackOf, cb, config, device, driver, lockOf, objectOf } from "../helpers/build.js";

describe("DV-1: InheritFromParent is replaced by the driver's resolved value", () => {
  it("DV-1: a device with WDF_NO_OBJECT_ATTRIBUTES takes the driver's Passive + Queue", () => {
    const r = resolve(config([driver({ attributes: attrs("Passive", "Queue") }), device()]));
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Passive", "Queue"]);
  });

  it("DV-1: each component inherits separately (scope Device set, level inherited Passive from the driver)", () => {
    const r = resolve(
      config([
        driver({ attributes: attrs("Passive") }),
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
      ]),
    );
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Passive", "Device"]);
  });

  it("DV-1: explicit device values are not replaced by the driver's", () => {
    const r = resolve(
      config([
        driver({ attributes: attrs("Passive", "Queue") }),
        device("device", { attributes: attrs("Dispatch", "None") }),
      ]),
    );
    const dev = objectOf(r, "device");
    expect([dev.level, dev.scope]).toEqual(["Dispatch", "None"]);
  });

  it("DV-1: a KMDF device with default driver resolves to Dispatch + None", () => {
    const dev = objectOf(resolve(config([device()])), "device");
    expect([dev.level, dev.scope]).toEqual(["Dispatch", "None"]);
  });
});

describe("DV-2: the device lock is mutex-class at Passive, spin otherwise; always present; always presented", () => {
  it("DV-2: a Passive device owns and presents device#lock as a mutex", () => {
    const dev = objectOf(resolve(config([device("device", { attributes: attrs("Passive") })])), "device");
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(lockOf(dev.presentationLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });

  it("DV-2: a Dispatch device owns and presents device#lock as a spin lock", () => {
    const dev = objectOf(resolve(config([device("device", { attributes: attrs("Dispatch") })])), "device");
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "spin" });
    expect(lockOf(dev.presentationLock)).toEqual({ id: "device#lock", kind: "spin" });
  });

  it("DV-2: a device with scope None still has its lock", () => {
    const dev = objectOf(
      resolve(config([device("device", { attributes: attrs("InheritFromParent", "None") })])),
      "device",
    );
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "spin" });
    expect(lockOf(dev.presentationLock)).toEqual({ id: "device#lock", kind: "spin" });
  });

  it("DV-2: a device whose Passive level is inherited (UMDF default) gets the mutex class", () => {
    const dev = objectOf(resolve(config([device()], "umdf2")), "device");
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });
});

describe("DV-4: PnP/power callbacks never take the device lock", () => {
  it("DV-4: on a Device-scope device EvtDevicePrepareHardware and EvtDeviceD0Entry run unlocked; the device object's lock is null", () => {
    const r = resolve(
      config([
        device("device", {
          attributes: attrs("Passive", "Device"),
          callbacks: [cb("EvtDevicePrepareHardware"), cb("EvtDeviceD0Entry")],
        }),
      ]),
    );
    expect(callbackOf(r, "device", "EvtDevicePrepareHardware").lock).toBeNull();
    expect(callbackOf(r, "device", "EvtDeviceD0Entry").lock).toBeNull();
    expect(objectOf(r, "device").callbackLock).toBeNull();
  });
});

describe("DV-5: the device's passive flag comes only from explicit Passive attributes", () => {
  it("DV-5: explicit ExecutionLevel = Passive sets the flag", () => {
    expect(
      objectOf(resolve(config([device("device", { attributes: attrs("Passive") })])), "device").passiveFlag,
    ).toBe(true);
  });

  it("DV-5: Passive inherited from a KMDF driver created Passive does not set the flag (mutex lock, no flag)", () => {
    const dev = objectOf(resolve(config([driver({ attributes: attrs("Passive") }), device()])), "device");
    expect(dev.level).toBe("Passive");
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(dev.passiveFlag).toBe(false);
  });

  it("DV-5: a UMDF device with default attributes is Passive but not passive-flagged", () => {
    const dev = objectOf(resolve(config([device()], "umdf2")), "device");
    expect(dev.level).toBe("Passive");
    expect(dev.passiveFlag).toBe(false);
  });

  it("DV-5: a UMDF device with attributes saying Passive explicitly is passive-flagged", () => {
    const dev = objectOf(
      resolve(config([device("device", { attributes: attrs("Passive") })], "umdf2")),
      "device",
    );
    expect(dev.passiveFlag).toBe(true);
  });

  it("DV-5: a Dispatch device is not passive-flagged", () => {
    expect(objectOf(resolve(config([device()])), "device").passiveFlag).toBe(false);
  });
});
