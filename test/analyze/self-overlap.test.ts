// CC-2 / S-10: can a callback overlap itself? One case per row of the 6.6 table
// (wdf-objects-and-locking.md), answers written from the table, seen through explain().

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { ExplainResult } from "../../src/analyze/explain-result.js";
import type { DriverConfig } from "../../src/model/config.js";
import {
  attrs,
  cb,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";
import { callbackNamed, pairOf } from "../helpers/explain-lookup.js";

const QUEUE_SCOPE = attrs("InheritFromParent", "Queue");
const queueState = (registration: "ReadyNotify" | "Stop" | "StopAndPurge" | "Purge" | "Drain") =>
  cb("EvtIoQueueState", `My${registration}Complete`, { registration });

// A queue of each flavour; KMDF defaults give the device Dispatch + scope None, so `scope: null`
// queues take no lock.
const unlocked = config([
  device("device", {
    callbacks: [
      cb("EvtDevicePrepareHardware"),
      cb("EvtDeviceD0Entry"),
      cb("EvtDeviceSurpriseRemoval"),
      cb("EvtIoInCallerContext"),
    ],
  }),
  queue("device/seq", {
    callbacks: [
      cb("EvtIoRead"),
      cb("EvtIoStop"),
      cb("EvtIoResume"),
      cb("EvtIoCanceledOnQueue"),
      cb("EvtRequestCancel", "MyCancel"),
      queueState("Stop"),
      queueState("Purge"),
    ],
  }),
  queue("device/par1", {
    dispatchType: "Parallel",
    numberOfPresentedRequests: 1,
    callbacks: [cb("EvtIoWrite")],
  }),
  queue("device/par", { dispatchType: "Parallel", callbacks: [cb("EvtIoDefault")] }),
  queue("device/manual", {
    dispatchType: "Manual",
    callbacks: [queueState("ReadyNotify"), queueState("StopAndPurge"), queueState("Drain")],
  }),
  workItem("device/workItem0", { automaticSerialization: false }),
  dpc("device/dpc0", { automaticSerialization: false }),
  timer("device/timer0", { automaticSerialization: false, period: 10 }),
  timer("device/passiveTimer", { automaticSerialization: false, attributes: attrs("Passive") }),
  interrupt("device/int0", {
    callbacks: [
      cb("EvtInterruptIsr"),
      cb("EvtInterruptEnable"),
      cb("EvtInterruptDisable"),
      cb("EvtInterruptDpc"),
    ],
  }),
  interrupt("device/int1", {
    passiveHandling: true,
    callbacks: [cb("EvtInterruptIsr"), cb("EvtInterruptWorkItem")],
  }),
  fileObject("device", { attributes: null }),
]);

// Scope Queue everywhere it can be set; a Passive device so file scope Device is legal (F-4).
const locked = config([
  driver({ attributes: attrs("InheritFromParent", "Device"), callbacks: [cb("EvtDriverDeviceAdd")] }),
  device("device", { attributes: attrs("Passive", "Device") }),
  queue("device/seq", {
    attributes: QUEUE_SCOPE,
    callbacks: [
      cb("EvtIoRead"),
      cb("EvtIoStop"),
      cb("EvtIoResume"),
      cb("EvtIoCanceledOnQueue"),
      cb("EvtRequestCancel", "MyCancel"),
      queueState("Stop"),
      queueState("Purge"),
    ],
  }),
  queue("device/manual", {
    dispatchType: "Manual",
    attributes: QUEUE_SCOPE,
    callbacks: [queueState("ReadyNotify"), queueState("Drain")],
  }),
  workItem("device/seq/workItem0"),
  timer("device/seq/passiveTimer", { attributes: attrs("Passive") }),
  fileObject("device"),
]);

const unlockedDriver = config([driver({ callbacks: [cb("EvtDriverDeviceAdd")] }), device()]);

const results = new Map<DriverConfig, ExplainResult>();
const explained = (c: DriverConfig): ExplainResult => {
  if (!results.has(c)) results.set(c, explain(c));
  return results.get(c)!;
};

// The rule that decides a self-pair: CC-1 when the callback holds a lock (CC-1 comes first),
// else CC-2, which defers to S-10.
const expectSelf = (result: ExplainResult, id: string, concurrent: boolean): void => {
  const pair = pairOf(result, id);
  expect(pair.concurrent, pair.why).toBe(concurrent);
  const holdsLock = callbackNamed(result, id).lock !== null;
  expect(pair.why).toMatch(holdsLock ? /CC-1/ : /S-10|CC-2/);
};

describe("S-10: callbacks without a lock", () => {
  it.each([
    ["device/seq:EvtIoRead", "EvtIo* of a Sequential queue without a lock (DSP-08)"],
    ["device/par1:EvtIoWrite", "EvtIo* of a Parallel queue with NumberOfPresentedRequests = 1 (DSP-08)"],
    ["device/par:EvtIoDefault", "EvtIo* of an unlimited Parallel queue"],
    ["device/seq:EvtIoStop", "EvtIoStop (PWR-17)"],
    ["device/seq:EvtIoResume", "EvtIoResume (PWR-17)"],
    ["device/seq:EvtIoCanceledOnQueue", "EvtIoCanceledOnQueue (DSP-09)"],
    ["device/seq:EvtRequestCancel:MyCancel", "EvtRequestCancel (DSP-09)"],
    ["device/manual:EvtIoQueueState[ReadyNotify]", "ready-notify EvtIoQueueState (DSP-09)"],
    ["device/workItem0:EvtWorkItem", "a work item"],
    ["device/dpc0:EvtDpcFunc", "a DPC"],
    ["device/timer0:EvtTimerFunc", "a dispatch-level timer"],
    ["device/passiveTimer:EvtTimerFunc", "a passive timer"],
    ["device/int0:EvtInterruptDpc", "EvtInterruptDpc"],
    ["device/int1:EvtInterruptWorkItem", "EvtInterruptWorkItem"],
    ["device/fileObject:EvtDeviceFileCreate", "a client file callback without the device lock"],
    ["device:EvtIoInCallerContext", "EvtIoInCallerContext"],
  ])("S-10: %s overlaps itself — %s", (id) => {
    expect(callbackNamed(explained(unlocked), id).lock).toBeNull();
    expectSelf(explained(unlocked), id, true);
  });

  it("S-10: EvtDriverDeviceAdd without the driver mutex overlaps itself (AddDevice for different devices)", () => {
    expectSelf(explained(unlockedDriver), "driver:EvtDriverDeviceAdd", true);
  });

  it.each([
    ["device/seq:EvtIoQueueState[Stop]", "stop-complete (DSP-05)"],
    ["device/seq:EvtIoQueueState[Purge]", "purge-complete (DSP-05)"],
    ["device/manual:EvtIoQueueState[StopAndPurge]", "stop-and-purge-complete (DSP-05)"],
    ["device/manual:EvtIoQueueState[Drain]", "drain-complete (DSP-05)"],
    ["device:EvtDevicePrepareHardware", "a PnP callback (CC-4)"],
    ["device:EvtDeviceD0Entry", "a power callback (CC-4)"],
    ["device:EvtDeviceSurpriseRemoval", "EvtDeviceSurpriseRemoval (CC-4)"],
  ])("S-10: %s never overlaps itself although it holds no lock — %s", (id) => {
    expect(callbackNamed(explained(unlocked), id).lock).toBeNull();
    expectSelf(explained(unlocked), id, false);
  });

  it.each([
    ["device/int0:EvtInterruptIsr"],
    ["device/int0:EvtInterruptEnable"],
    ["device/int0:EvtInterruptDisable"],
    ["device/int1:EvtInterruptIsr"],
  ])("S-10: %s never overlaps itself (interrupt lock, PL-3)", (id) => {
    expectSelf(explained(unlocked), id, false);
  });
});

describe("S-10: callbacks holding a lock never overlap themselves", () => {
  it.each([
    ["device/seq:EvtIoRead"],
    ["device/seq:EvtIoStop"],
    ["device/seq:EvtIoResume"],
    ["device/seq:EvtIoCanceledOnQueue"],
    ["device/seq:EvtRequestCancel:MyCancel"],
    ["device/seq:EvtIoQueueState[Purge]"],
    ["device/manual:EvtIoQueueState[ReadyNotify]"],
    ["device/manual:EvtIoQueueState[Drain]"],
    ["device/seq/workItem0:EvtWorkItem"],
    ["device/seq/passiveTimer:EvtTimerFunc"],
    ["device/fileObject:EvtDeviceFileCreate"],
    ["device/fileObject:EvtFileClose"],
    ["driver:EvtDriverDeviceAdd"],
  ])("S-10: %s", (id) => {
    expect(callbackNamed(explained(locked), id).lock).not.toBeNull();
    expectSelf(explained(locked), id, false);
  });

  it("S-10: the stop-complete callback of a Queue-scope queue takes no lock (PL-2) and still never overlaps itself", () => {
    expect(callbackNamed(explained(locked), "device/seq:EvtIoQueueState[Stop]").lock).toBeNull();
    expectSelf(explained(locked), "device/seq:EvtIoQueueState[Stop]", false);
  });
});
