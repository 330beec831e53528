// Queue-delivered callback kinds CB-3..CB-9 (locking spec 7.2): lock and highest IRQL (KMDF), with
// the row's condition true and false. facts() = [rule, kind, lock, irql]. Other kinds: callbacks.test.ts.

import { describe, expect, it } from "vitest";
import type { ObjectConfig, QueueStateRegistration } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import type { ResolvedDriver } from "../../src/model/resolved.js";
import { attrs, callbackOf, cb, config, device, lockOf, queue } from "../helpers/build.js";

type Lock = { id: string; kind: string } | null;
const run = (objects: ObjectConfig[], framework: "kmdf" | "umdf2" = "kmdf") =>
  resolve(config(objects, framework));
const facts = (r: ResolvedDriver, object: string, event: string, registration?: QueueStateRegistration) => {
  const c = callbackOf(r, object, event, registration);
  return [c.rule, c.kind, lockOf(c.lock), c.irql];
};
const DEVICE_SPIN: Lock = { id: "device#lock", kind: "spin" };
const Q_SPIN: Lock = { id: "device/q#lock", kind: "spin" };

describe("CB-3..CB-9: queue-delivered callbacks", () => {
  const queueCallbacks = [
    cb("EvtIoWrite"),
    cb("EvtIoStop"),
    cb("EvtIoResume"),
    cb("EvtIoCanceledOnQueue"),
    cb("EvtRequestCancel", "MyCancel"),
    cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
    cb("EvtIoQueueState", "MyDrainDone", { registration: "Drain" }),
    cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
    cb("EvtIoQueueState", "MyStopPurgeDone", { registration: "StopAndPurge" }),
  ];
  const rows: [string, string, QueueStateRegistration | "", string][] = [
    ["CB-3", "EvtIoWrite", "", "ioEvent"],
    ["CB-4", "EvtIoStop", "", "ioStop"],
    ["CB-4", "EvtIoResume", "", "ioResume"],
    ["CB-5", "EvtIoCanceledOnQueue", "", "ioCanceledOnQueue"],
    ["CB-6", "EvtRequestCancel", "", "requestCancel"],
    ["CB-8", "EvtIoQueueState", "Purge", "purgeComplete"],
    ["CB-8", "EvtIoQueueState", "Drain", "purgeComplete"],
  ];
  const reg = (registration: QueueStateRegistration | "") => (registration === "" ? undefined : registration);
  const deviceScope = run([
    device("device", { attributes: attrs("InheritFromParent", "Device") }),
    queue("device/q", { dispatchType: "Parallel", callbacks: queueCallbacks }),
  ]);
  const passiveNone = run([
    device(),
    queue("device/q", {
      attributes: attrs("Passive", "None"),
      dispatchType: "Parallel",
      callbacks: queueCallbacks,
    }),
  ]);

  it.each(rows)(
    "%s: %s %s — scope Device, Dispatch → the device spin lock, DISPATCH_LEVEL",
    (rule, event, registration, kind) => {
      expect(facts(deviceScope, "device/q", event, reg(registration))).toEqual([
        rule,
        kind,
        DEVICE_SPIN,
        "DISPATCH_LEVEL",
      ]);
    },
  );

  it.each(rows)(
    "%s: %s %s — scope None, Passive → no lock, PASSIVE_LEVEL",
    (rule, event, registration, kind) => {
      expect(facts(passiveNone, "device/q", event, reg(registration))).toEqual([
        rule,
        kind,
        null,
        "PASSIVE_LEVEL",
      ]);
    },
  );

  it("CB-7: ReadyNotify EvtIoQueueState of a Queue-scope Dispatch manual queue → its own lock, DISPATCH_LEVEL", () => {
    const r = run([
      device(),
      queue("device/q", {
        attributes: attrs("Dispatch", "Queue"),
        dispatchType: "Manual",
        callbacks: [cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
      }),
    ]);
    expect(facts(r, "device/q", "EvtIoQueueState", "ReadyNotify")).toEqual([
      "CB-7",
      "readyNotify",
      Q_SPIN,
      "DISPATCH_LEVEL",
    ]);
  });

  it("CB-7: ReadyNotify of a scope-None Passive manual queue → no lock, PASSIVE_LEVEL", () => {
    const r = run([
      device(),
      queue("device/q", {
        attributes: attrs("Passive", "None"),
        dispatchType: "Manual",
        callbacks: [cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
      }),
    ]);
    expect(facts(r, "device/q", "EvtIoQueueState", "ReadyNotify")).toEqual([
      "CB-7",
      "readyNotify",
      null,
      "PASSIVE_LEVEL",
    ]);
  });

  it.each(["Stop", "StopAndPurge"] as const)(
    "CB-9: EvtIoQueueState from WdfIoQueue%s → no lock even with scope Device; DISPATCH_LEVEL by level",
    (registration) => {
      expect(facts(deviceScope, "device/q", "EvtIoQueueState", registration)).toEqual([
        "CB-9",
        "stopComplete",
        null,
        "DISPATCH_LEVEL",
      ]);
    },
  );

  it.each(["Stop", "StopAndPurge"] as const)(
    "CB-9: EvtIoQueueState from WdfIoQueue%s on a Passive queue → PASSIVE_LEVEL",
    (registration) => {
      expect(facts(passiveNone, "device/q", "EvtIoQueueState", registration)).toEqual([
        "CB-9",
        "stopComplete",
        null,
        "PASSIVE_LEVEL",
      ]);
    },
  );
});
