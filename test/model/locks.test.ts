// Lock classes and passive flags (L-5, L-8) and which callbacks run under a presentation lock
// (PL-1, PL-2; PL-3 is in interrupt.test.ts). Locking spec sections 4 and 5.1.

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
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
  fileObject,
  interrupt,
  lockOf,
  objectOf,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const run = (objects: ObjectConfig[], framework: "kmdf" | "umdf2" = "kmdf") =>
  resolve(config(objects, framework));
const flag = (objects: ObjectConfig[], id: string, framework: "kmdf" | "umdf2" = "kmdf") =>
  objectOf(run(objects, framework), id).passiveFlag;

describe("L-5: who is passive-flagged", () => {
  it("L-5: the driver, always (KMDF Dispatch driver)", () => expect(flag([], "driver")).toBe(true));

  it("L-5: a queue whose resolved level is Passive; not a Dispatch queue", () => {
    expect(flag([device(), queue("device/q", { attributes: attrs("Passive", "Queue") })], "device/q")).toBe(
      true,
    );
    expect(flag([device(), queue("device/q")], "device/q")).toBe(false);
  });

  it("L-5: a work item, always (even without AutomaticSerialization under a Dispatch parent)", () => {
    expect(flag([device(), workItem("device/wi", { automaticSerialization: false })], "device/wi")).toBe(
      true,
    );
  });

  it("L-5: the file-object package when it resolves to Passive; not when it resolves to Dispatch (client 1.9, no attributes)", () => {
    expect(flag([device(), fileObject()], "device/fileObject")).toBe(true);
    const old = resolve(
      config([device(), fileObject("device", { attributes: null })], "kmdf", { major: 1, minor: 9 }),
    );
    expect(objectOf(old, "device/fileObject").passiveFlag).toBe(false);
  });

  it("L-5: any object whose own attributes say Passive explicitly (general object, timer)", () => {
    expect(
      flag([device(), other("device/obj", "object", { attributes: attrs("Passive") })], "device/obj"),
    ).toBe(true);
    expect(flag([device(), timer("device/t", { attributes: attrs("Passive") })], "device/t")).toBe(true);
  });

  it("L-5: not an object that only inherits Passive (general object under an explicitly Passive device; default timer)", () => {
    const passiveDevice = device("device", { attributes: attrs("Passive") });
    expect(flag([passiveDevice, other("device/obj", "object", { attributes: attrs() })], "device/obj")).toBe(
      false,
    );
    expect(flag([passiveDevice, timer("device/t", { automaticSerialization: false })], "device/t")).toBe(
      false,
    );
  });

  it("L-5: not a DPC, not an interrupt (defaults table)", () => {
    expect(flag([device(), dpc("device/dpc")], "device/dpc")).toBe(false);
    expect(
      flag(
        [device(), interrupt("device/int", { passiveHandling: true, callbacks: [cb("EvtInterruptIsr")] })],
        "device/int",
      ),
    ).toBe(false);
  });

  it("L-5: a device only by explicit attributes (UMDF default device: no flag)", () => {
    expect(flag([device()], "device", "umdf2")).toBe(false);
  });
});

describe("L-8: lock kind is the framework class", () => {
  it("L-8: the driver's lock is mutex", () =>
    expect(lockOf(objectOf(run([]), "driver").ownLock)?.kind).toBe("mutex"));

  it("L-8: a non-Passive device or queue has a spin lock; a Passive one a mutex", () => {
    const r = run([
      device(),
      queue("device/d", { attributes: attrs("Dispatch", "Queue") }),
      queue("device/p", { attributes: attrs("Passive", "Queue") }),
    ]);
    expect(lockOf(objectOf(r, "device").ownLock)).toEqual({ id: "device#lock", kind: "spin" });
    expect(lockOf(objectOf(r, "device/d").ownLock)).toEqual({ id: "device/d#lock", kind: "spin" });
    expect(lockOf(objectOf(r, "device/p").ownLock)).toEqual({ id: "device/p#lock", kind: "mutex" });
  });

  it("L-8: a UMDF queue explicitly at Dispatch has a spin lock while its callbacks report PASSIVE_LEVEL", () => {
    const r = run([device(), queue("device/q", { attributes: attrs("Dispatch", "Queue") })], "umdf2");
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
    expect(callbackOf(r, "device/q", "EvtIoDeviceControl").irql).toBe("PASSIVE_LEVEL");
  });

  it("L-8: the interrupt lock is spin for a DIRQL interrupt and mutex for a passive-level one", () => {
    const r = run([
      device(),
      interrupt("device/dirql"),
      interrupt("device/passive", { passiveHandling: true, callbacks: [cb("EvtInterruptIsr")] }),
    ]);
    expect(lockOf(objectOf(r, "device/dirql").interruptLock)).toEqual({
      id: "device/dirql#interrupt-lock",
      kind: "spin",
    });
    expect(lockOf(objectOf(r, "device/passive").interruptLock)).toEqual({
      id: "device/passive#interrupt-lock",
      kind: "mutex",
    });
  });
});

describe("PL-1: callbacks taken under a presentation lock, and only under the stated condition", () => {
  it("PL-1 (a): a Queue-scope queue's EvtIoRead holds its own lock; a scope-None queue's holds none", () => {
    const r = run([
      device(),
      queue("device/locked", {
        attributes: attrs("InheritFromParent", "Queue"),
        callbacks: [cb("EvtIoRead")],
      }),
      queue("device/free", { callbacks: [cb("EvtIoRead")] }),
    ]);
    expect(lockOf(callbackOf(r, "device/locked", "EvtIoRead").lock)).toEqual({
      id: "device/locked#lock",
      kind: "spin",
    });
    expect(callbackOf(r, "device/free", "EvtIoRead").lock).toBeNull();
  });

  it("PL-1 (b): a child owned by a queue shares that queue's lock with the queue's callbacks", () => {
    const r = run([
      device(),
      queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
      dpc("device/q/dpc"),
    ]);
    expect(lockOf(callbackOf(r, "device/q/dpc", "EvtDpcFunc").lock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
  });

  it("PL-1 (b): a child whose owner has scope None holds no lock", () => {
    expect(callbackOf(run([device(), dpc("device/dpc")]), "device/dpc", "EvtDpcFunc").lock).toBeNull();
  });

  it("PL-1 (c): client file callbacks hold the device lock only when the file scope resolves to Device", () => {
    const locked = run([device("device", { attributes: attrs("Passive", "Device") }), fileObject()]);
    expect(lockOf(callbackOf(locked, "device/fileObject", "EvtFileClose").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
    const free = run([device("device", { attributes: attrs("Passive") }), fileObject()]);
    expect(callbackOf(free, "device/fileObject", "EvtFileClose").lock).toBeNull();
  });

  it("PL-1 (d): EvtDriverDeviceAdd holds the driver mutex only when the driver scope is Device or Queue", () => {
    const locked = run([
      driver({ attributes: attrs("InheritFromParent", "Queue"), callbacks: [cb("EvtDriverDeviceAdd")] }),
    ]);
    expect(lockOf(callbackOf(locked, "driver", "EvtDriverDeviceAdd").lock)).toEqual({
      id: "driver#lock",
      kind: "mutex",
    });
    const free = run([driver({ callbacks: [cb("EvtDriverDeviceAdd")] })]);
    expect(callbackOf(free, "driver", "EvtDriverDeviceAdd").lock).toBeNull();
  });

  it("PL-1: no other driver callback holds the driver mutex (EvtDriverUnload with driver scope Device)", () => {
    const r = run([
      driver({ attributes: attrs("InheritFromParent", "Device"), callbacks: [cb("EvtDriverUnload")] }),
    ]);
    expect(callbacksOf(r, "driver", "EvtDriverUnload").every((c) => c.lock === null)).toBe(true);
  });
});

describe("PL-2: callbacks never taken under a presentation lock", () => {
  const lockedQueue = queue("device/q", {
    attributes: attrs("InheritFromParent", "Device"),
    callbacks: [
      cb("EvtIoDeviceControl"),
      cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
      cb("EvtIoQueueState", "MyStopPurgeDone", { registration: "StopAndPurge" }),
      cb("EvtIoAllocateRequestResources"),
      cb("EvtIoWdmIrpForForwardProgress"),
      cb("EvtCleanupCallback"),
    ],
  });
  const dev = device("device", {
    attributes: attrs("Passive", "Device"),
    callbacks: [
      cb("EvtIoInCallerContext"),
      cb("EvtDevicePrepareHardware"),
      cb("EvtDeviceD0Exit"),
      cb("EvtCleanupCallback"),
    ],
  });
  const r = run([
    dev,
    lockedQueue,
    fileObject("device", { callbacks: [cb("EvtDeviceFileCreate"), cb("EvtCleanupCallback")] }),
    workItem("device/q/wi", {
      callbacks: [cb("EvtWorkItem"), cb("EvtCleanupCallback"), cb("EvtDestroyCallback")],
    }),
  ]);

  it("PL-2: the stop / stop-and-purge EvtIoQueueState of a Device-scope queue is unlocked", () => {
    expect(callbackOf(r, "device/q", "EvtIoQueueState", "Stop").lock).toBeNull();
    expect(callbackOf(r, "device/q", "EvtIoQueueState", "StopAndPurge").lock).toBeNull();
    expect(lockOf(callbackOf(r, "device/q", "EvtIoDeviceControl").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
  });

  it("PL-2: EvtIoInCallerContext and PnP/power callbacks are unlocked on a Device-scope device", () => {
    for (const event of ["EvtIoInCallerContext", "EvtDevicePrepareHardware", "EvtDeviceD0Exit"]) {
      expect(callbackOf(r, "device", event).lock).toBeNull();
    }
  });

  it("PL-2: forward-progress callbacks are never locked", () => {
    for (const event of ["EvtIoAllocateRequestResources", "EvtIoWdmIrpForForwardProgress"]) {
      expect(callbacksOf(r, "device/q", event).every((c) => c.lock === null)).toBe(true);
    }
  });

  it("PL-2: object EvtCleanupCallback / EvtDestroyCallback are never locked (device, queue, Device-scope file object, serialized work item)", () => {
    expect(objectOf(r, "device/q/wi").failure).toBeNull();
    expect(lockOf(callbackOf(r, "device/q/wi", "EvtWorkItem").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
    expect(lockOf(callbackOf(r, "device/fileObject", "EvtDeviceFileCreate").lock)).toEqual({
      id: "device#lock",
      kind: "mutex",
    });
    const cleanups = r.callbacks.filter(
      (c) => c.event === "EvtCleanupCallback" || c.event === "EvtDestroyCallback",
    );
    expect(cleanups.filter((c) => c.lock !== null).map((c) => c.id)).toEqual([]);
  });

  it("PL-2: a scope-None queue runs its callbacks unlocked although it still has a presentation lock", () => {
    const free = run([device(), queue("device/q")]);
    expect(callbackOf(free, "device/q", "EvtIoDeviceControl").lock).toBeNull();
    expect(lockOf(objectOf(free, "device/q").presentationLock)).toEqual({
      id: "device/q#lock",
      kind: "spin",
    });
  });

  it("PL-2: EvtInterruptIsr holds the interrupt lock, never the AutomaticSerialization lock", () => {
    const ir = run([
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      interrupt("device/int", { automaticSerialization: true }),
    ]);
    expect(lockOf(callbackOf(ir, "device/int", "EvtInterruptIsr").lock)).toEqual({
      id: "device/int#interrupt-lock",
      kind: "spin",
    });
    expect(lockOf(callbackOf(ir, "device/int", "EvtInterruptDpc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });
});
