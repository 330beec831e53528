// Callback kinds at a glance: CB-1..CB-18 (locking spec 7.2) — object, lock and highest IRQL (KMDF)
// of each kind, with the row's condition true and false. facts() = [rule, kind, lock, irql].

import { describe, expect, it } from "vitest";
import type { ObjectConfig, QueueStateRegistration } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import type { ResolvedDriver } from "../../src/model/resolved.js";
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
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

type Lock = { id: string; kind: string } | null;
const run = (objects: ObjectConfig[], framework: "kmdf" | "umdf2" = "kmdf") =>
  resolve(config(objects, framework));
const facts = (r: ResolvedDriver, object: string, event: string, registration?: QueueStateRegistration) => {
  const c = callbackOf(r, object, event, registration);
  return [c.rule, c.kind, lockOf(c.lock), c.irql];
};
const DEVICE_SPIN: Lock = { id: "device#lock", kind: "spin" };
const DEVICE_MUTEX: Lock = { id: "device#lock", kind: "mutex" };

describe("CB-1: EvtDriverDeviceAdd", () => {
  it("CB-1: driver scope Device → driver mutex, PASSIVE_LEVEL", () => {
    const r = run([
      driver({ attributes: attrs("InheritFromParent", "Device"), callbacks: [cb("EvtDriverDeviceAdd")] }),
    ]);
    expect(facts(r, "driver", "EvtDriverDeviceAdd")).toEqual([
      "CB-1",
      "driverDeviceAdd",
      { id: "driver#lock", kind: "mutex" },
      "PASSIVE_LEVEL",
    ]);
  });

  it("CB-1: driver scope None → no lock, PASSIVE_LEVEL", () => {
    const r = run([driver({ callbacks: [cb("EvtDriverDeviceAdd")] })]);
    expect(facts(r, "driver", "EvtDriverDeviceAdd")).toEqual([
      "CB-1",
      "driverDeviceAdd",
      null,
      "PASSIVE_LEVEL",
    ]);
  });
});

describe("CB-2: PnP / power / power-policy callbacks", () => {
  it("CB-2: on a Dispatch device with scope Device they hold no lock and run at PASSIVE_LEVEL", () => {
    const events = ["EvtDeviceD0Entry", "EvtDeviceSelfManagedIoInit", "EvtDeviceArmWakeFromS0"];
    const r = run([
      device("device", {
        attributes: attrs("InheritFromParent", "Device"),
        callbacks: events.map((e) => cb(e)),
      }),
    ]);
    for (const event of events) {
      expect(facts(r, "device", event)).toEqual(["CB-2", "pnpPower", null, "PASSIVE_LEVEL"]);
    }
  });
});

describe("CB-10: EvtIoInCallerContext", () => {
  it("CB-10: on a Passive Device-scope device → device object, no lock, DISPATCH_LEVEL", () => {
    const r = run([
      device("device", { attributes: attrs("Passive", "Device"), callbacks: [cb("EvtIoInCallerContext")] }),
    ]);
    expect(facts(r, "device", "EvtIoInCallerContext")).toEqual([
      "CB-10",
      "ioInCallerContext",
      null,
      "DISPATCH_LEVEL",
    ]);
  });
});

describe("CB-11: client file callbacks", () => {
  it("CB-11: file scope Device → the device lock, PASSIVE_LEVEL, on the fileobject entry", () => {
    const r = run([
      device("device", { attributes: attrs("Passive", "Device") }),
      fileObject("device", { callbacks: [cb("EvtFileCleanup")] }),
    ]);
    expect(facts(r, "device/fileObject", "EvtFileCleanup")).toEqual([
      "CB-11",
      "file",
      DEVICE_MUTEX,
      "PASSIVE_LEVEL",
    ]);
    expect(callbacksOf(r, "device", "EvtFileCleanup")).toEqual([]);
  });

  it("CB-11: file scope None → no lock, PASSIVE_LEVEL", () => {
    const r = run([device(), fileObject("device", { callbacks: [cb("EvtFileCleanup")] })]);
    expect(facts(r, "device/fileObject", "EvtFileCleanup")).toEqual(["CB-11", "file", null, "PASSIVE_LEVEL"]);
  });
});

describe("CB-12..CB-15: work item, timers, DPC", () => {
  const deviceScope = device("device", { attributes: attrs("InheritFromParent", "Device") });
  const passiveQueue = queue("device/q", {
    attributes: attrs("Passive", "Queue"),
    dispatchType: "Manual",
    callbacks: [],
  });

  it("CB-12: EvtWorkItem with AS under a Passive Queue-scope queue → its mutex, PASSIVE_LEVEL; without AS → none", () => {
    const r = run([
      device(),
      passiveQueue,
      workItem("device/q/a"),
      workItem("device/q/b", { automaticSerialization: false }),
    ]);
    const mutex = { id: "device/q#lock", kind: "mutex" };
    expect(facts(r, "device/q/a", "EvtWorkItem")).toEqual(["CB-12", "workItem", mutex, "PASSIVE_LEVEL"]);
    expect(facts(r, "device/q/b", "EvtWorkItem")).toEqual(["CB-12", "workItem", null, "PASSIVE_LEVEL"]);
  });

  it("CB-13: EvtTimerFunc without explicit Passive → AS lock, DISPATCH_LEVEL; owner scope None → none", () => {
    expect(facts(run([deviceScope, timer("device/t")]), "device/t", "EvtTimerFunc")).toEqual([
      "CB-13",
      "timer",
      DEVICE_SPIN,
      "DISPATCH_LEVEL",
    ]);
    expect(facts(run([device(), timer("device/t")]), "device/t", "EvtTimerFunc")).toEqual([
      "CB-13",
      "timer",
      null,
      "DISPATCH_LEVEL",
    ]);
  });

  it("CB-14: EvtTimerFunc with explicit Passive → AS lock (queue mutex), PASSIVE_LEVEL; without AS → none", () => {
    const r = run([
      device(),
      passiveQueue,
      timer("device/q/a", { attributes: attrs("Passive") }),
      timer("device/q/b", { attributes: attrs("Passive"), automaticSerialization: false }),
    ]);
    const mutex = { id: "device/q#lock", kind: "mutex" };
    expect(facts(r, "device/q/a", "EvtTimerFunc")).toEqual(["CB-14", "timer", mutex, "PASSIVE_LEVEL"]);
    expect(facts(r, "device/q/b", "EvtTimerFunc")).toEqual(["CB-14", "timer", null, "PASSIVE_LEVEL"]);
  });

  it("CB-15: EvtDpcFunc → AS lock, DISPATCH_LEVEL; also with a mutex (S-8)", () => {
    expect(facts(run([deviceScope, dpc("device/dpc")]), "device/dpc", "EvtDpcFunc")).toEqual([
      "CB-15",
      "dpc",
      DEVICE_SPIN,
      "DISPATCH_LEVEL",
    ]);
    const s8 = run([driver({ attributes: attrs("Passive") }), deviceScope, dpc("device/dpc")]);
    expect(facts(s8, "device/dpc", "EvtDpcFunc")).toEqual(["CB-15", "dpc", DEVICE_MUTEX, "DISPATCH_LEVEL"]);
  });
});

describe("CB-16..CB-18: interrupts", () => {
  const events = [cb("EvtInterruptIsr"), cb("EvtInterruptEnable"), cb("EvtInterruptDisable")];

  it("CB-16: ISR/Enable/Disable → the interrupt lock; DIRQL, or PASSIVE_LEVEL with PassiveHandling", () => {
    const r = run([
      device(),
      interrupt("device/a", { callbacks: events }),
      interrupt("device/b", { callbacks: events, passiveHandling: true }),
    ]);
    for (const { event } of events) {
      expect(facts(r, "device/a", event)).toEqual([
        "CB-16",
        "interruptLocked",
        { id: "device/a#interrupt-lock", kind: "spin" },
        "DIRQL",
      ]);
      expect(facts(r, "device/b", event)).toEqual([
        "CB-16",
        "interruptLocked",
        { id: "device/b#interrupt-lock", kind: "mutex" },
        "PASSIVE_LEVEL",
      ]);
    }
  });

  it("CB-17: EvtInterruptDpc → AS lock, DISPATCH_LEVEL (KMDF); UMDF → PASSIVE_LEVEL", () => {
    const dev = device("device", { attributes: attrs("InheritFromParent", "Device") });
    const k = run([dev, interrupt("device/int", { automaticSerialization: true })]);
    expect(facts(k, "device/int", "EvtInterruptDpc")).toEqual([
      "CB-17",
      "interruptDpc",
      DEVICE_SPIN,
      "DISPATCH_LEVEL",
    ]);
    const u = run([dev, interrupt("device/int", { passiveHandling: true })], "umdf2");
    expect(facts(u, "device/int", "EvtInterruptDpc")).toEqual([
      "CB-17",
      "interruptDpc",
      null,
      "PASSIVE_LEVEL",
    ]);
  });

  it("CB-18: EvtInterruptWorkItem → AS lock (device mutex), PASSIVE_LEVEL; without AS → none", () => {
    const callbacks = [cb("EvtInterruptIsr"), cb("EvtInterruptWorkItem")];
    const r = run([
      device("device", { attributes: attrs("Passive", "Device") }),
      interrupt("device/a", { automaticSerialization: true, passiveHandling: true, callbacks }),
      interrupt("device/b", { passiveHandling: true, callbacks }),
    ]);
    expect(objectOf(r, "device/a").failure).toBeNull();
    expect(facts(r, "device/a", "EvtInterruptWorkItem")).toEqual([
      "CB-18",
      "interruptWorkItem",
      DEVICE_MUTEX,
      "PASSIVE_LEVEL",
    ]);
    expect(facts(r, "device/b", "EvtInterruptWorkItem")).toEqual([
      "CB-18",
      "interruptWorkItem",
      null,
      "PASSIVE_LEVEL",
    ]);
  });
});

describe("Failed objects contribute no callbacks", () => {
  it("CB-12: a work item that fails S-4, and a work item under a failed queue, have no callbacks", () => {
    const r = run([
      device(),
      queue("device/q", { attributes: attrs("Dispatch", "Queue") }),
      workItem("device/q/wi"),
      queue("device/bad", { callbacks: [] }),
      workItem("device/bad/wi", { automaticSerialization: false }),
    ]);
    expect(objectOf(r, "device/q/wi").failure?.status).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    expect(callbacksOf(r, "device/q/wi", "EvtWorkItem")).toEqual([]);
    expect(objectOf(r, "device/bad/wi").exists).toBe(false);
    expect(callbacksOf(r, "device/bad/wi", "EvtWorkItem")).toEqual([]);
  });
});
