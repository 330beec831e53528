// UMDF 2 differences: U-1..U-7 (locking spec section 9).

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
  dpc,
  driver,
  interrupt,
  lockOf,
  objectOf,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const umdf = (objects: ObjectConfig[], version: FrameworkVersion | null = null) =>
  resolve(config(objects, "umdf2", version));
const status = (objects: ObjectConfig[], id: string, version: FrameworkVersion | null = null) =>
  objectOf(umdf(objects, version), id).failure?.status ?? "STATUS_SUCCESS";

describe("U-1: everything resolves to Passive by default", () => {
  it("U-1: a default device and queue resolve to Passive with mutex locks; the queue is passive-flagged, the device is not", () => {
    const r = umdf([device(), queue("device/q")]);
    const dev = objectOf(r, "device");
    const q = objectOf(r, "device/q");
    expect([dev.level, q.level]).toEqual(["Passive", "Passive"]);
    expect(lockOf(dev.ownLock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(lockOf(q.ownLock)).toEqual({ id: "device/q#lock", kind: "mutex" });
    expect(q.passiveFlag).toBe(true);
    expect(dev.passiveFlag).toBe(false);
  });

  it("U-1: the same objects in KMDF resolve to Dispatch with spin locks (the UMDF default does not leak)", () => {
    const r = resolve(config([device(), queue("device/q")], "kmdf"));
    expect(lockOf(objectOf(r, "device/q").ownLock)).toEqual({ id: "device/q#lock", kind: "spin" });
  });
});

describe("U-2: WdfExecutionLevelDispatch is accepted in UMDF", () => {
  const dispatchQueue = queue("device/q", { attributes: attrs("Dispatch", "Queue") });

  it("U-2: a Dispatch Queue-scope UMDF queue is created, not passive-flagged, with a spin lock and PASSIVE_LEVEL callbacks", () => {
    const r = umdf([device(), dispatchQueue]);
    const q = objectOf(r, "device/q");
    expect(q.failure).toBeNull();
    expect(q.passiveFlag).toBe(false);
    expect(lockOf(q.ownLock)).toEqual({ id: "device/q#lock", kind: "spin" });
    expect(callbackOf(r, "device/q", "EvtIoDeviceControl").irql).toBe("PASSIVE_LEVEL");
  });

  it("U-2: an AS work item parented to it fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([device(), dispatchQueue, workItem("device/q/wi")], "device/q/wi")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("U-2: an AS explicit-Passive timer parented to it fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      status([device(), dispatchQueue, timer("device/q/t", { attributes: attrs("Passive") })], "device/q/t"),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("U-2: a Dispatch UMDF driver is accepted and its devices inherit Dispatch", () => {
    const r = umdf([driver({ attributes: attrs("Dispatch") }), device()]);
    expect(objectOf(r, "driver").failure).toBeNull();
    expect(objectOf(r, "device").level).toBe("Dispatch");
  });
});

describe("U-3: no DPC objects in UMDF", () => {
  it("U-3: a UMDF DPC is never created and contributes no callback", () => {
    const r = umdf([device(), dpc("device/dpc")]);
    expect(objectOf(r, "device/dpc").exists).toBe(false);
    expect(objectOf(r, "device/dpc").failure).not.toBeNull();
    expect(callbacksOf(r, "device/dpc", "EvtDpcFunc")).toEqual([]);
  });

  it("U-3: the same DPC in KMDF is created", () => {
    expect(objectOf(resolve(config([device(), dpc("device/dpc")])), "device/dpc").exists).toBe(true);
  });
});

describe("U-4: interrupts run passive; EvtInterruptDpc keeps wantsPassive FALSE", () => {
  it("U-4: the ISR runs at PASSIVE_LEVEL holding the interrupt's wait lock (mutex)", () => {
    const r = umdf([device(), interrupt("device/int", { passiveHandling: true })]);
    const isr = callbackOf(r, "device/int", "EvtInterruptIsr");
    expect(isr.irql).toBe("PASSIVE_LEVEL");
    expect(lockOf(isr.lock)).toEqual({ id: "device/int#interrupt-lock", kind: "mutex" });
    expect(callbackOf(r, "device/int", "EvtInterruptDpc").irql).toBe("PASSIVE_LEVEL");
  });

  it("U-4: EvtInterruptDpc + AS under a Device-scope device that inherits Passive (no flag) is created with the device mutex", () => {
    const r = umdf([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      interrupt("device/int", { passiveHandling: true, automaticSerialization: true }),
    ]);
    expect(objectOf(r, "device/int").failure).toBeNull();
    expect(lockOf(callbackOf(r, "device/int", "EvtInterruptDpc").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });
});

describe("U-5: timers", () => {
  it("U-5: UseHighResolutionTimer → STATUS_NOT_IMPLEMENTED", () => {
    expect(status([device(), timer("device/t", { useHighResolutionTimer: true })], "device/t")).toBe(
      "STATUS_NOT_IMPLEMENTED",
    );
  });

  it("U-5: every UMDF timer callback reports PASSIVE_LEVEL", () => {
    expect(callbackOf(umdf([device(), timer("device/t")]), "device/t", "EvtTimerFunc").irql).toBe(
      "PASSIVE_LEVEL",
    );
  });

  it("U-5: an explicit-Passive AS timer fails against a Device-scope device whose Passive level is only inherited", () => {
    const objects = [
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      timer("device/t", { attributes: attrs("Passive") }),
    ];
    expect(status(objects, "device/t")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("U-5: ... and is created with the device mutex when the device says Passive explicitly", () => {
    const r = umdf([
      device("device", { attributes: attrs("Passive", "Device") }),
      timer("device/t", { attributes: attrs("Passive") }),
    ]);
    expect(lockOf(callbackOf(r, "device/t", "EvtTimerFunc").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });

  it("U-5: a default AS timer under a passive-flagged Queue-scope queue fails (must set Passive explicitly)", () => {
    const objects = [
      device(),
      queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
      timer("device/q/t"),
    ];
    expect(status(objects, "device/q/t")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });
});

describe("U-6: AS work items parented to a Device/Queue-scope device", () => {
  it("U-6: device scope Device, inherited Passive → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      status(
        [device("device", { attributes: attrs("InheritFromParent", "Device") }), workItem("device/wi")],
        "device/wi",
      ),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("U-6: device scope Queue, inherited Passive → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      status(
        [device("device", { attributes: attrs("InheritFromParent", "Queue") }), workItem("device/wi")],
        "device/wi",
      ),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("U-6: device attributes explicitly Passive → created with the device mutex", () => {
    const r = umdf([device("device", { attributes: attrs("Passive", "Device") }), workItem("device/wi")]);
    expect(lockOf(objectOf(r, "device/wi").callbackLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });

  it("U-6: parented to a queue of the Device-scope device → created with the device mutex (queues are passive-flagged)", () => {
    const r = umdf([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      queue("device/q"),
      workItem("device/q/wi"),
    ]);
    expect(objectOf(r, "device/q/wi").failure).toBeNull();
    expect(lockOf(objectOf(r, "device/q/wi").callbackLock)).toEqual({ id: "device#lock", kind: "mutex" });
  });

  it("U-6: device scope None → created, no lock", () => {
    const r = umdf([device(), workItem("device/wi")]);
    expect(objectOf(r, "device/wi").failure).toBeNull();
    expect(objectOf(r, "device/wi").callbackLock).toBeNull();
  });
});

describe("U-7: EvtIoInternalDeviceControl on a UMDF queue", () => {
  const internal = queue("device/q", { callbacks: [cb("EvtIoInternalDeviceControl")] });

  it("U-7: client 2.19 → STATUS_INVALID_PARAMETER", () => {
    expect(status([device(), internal], "device/q", { major: 2, minor: 19 })).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("U-7: client 2.17 → created (only a warning before 2.19)", () => {
    expect(status([device(), internal], "device/q", { major: 2, minor: 17 })).toBe("STATUS_SUCCESS");
  });
});
