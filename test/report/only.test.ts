import { describe, expect, it } from "vitest";
import { focusOn } from "../../src/report/only.js";
import { FIXTURE } from "./fixture.js";

describe("focusOn", () => {
  it("keeps the whole result when only is empty", () => {
    expect(focusOn(FIXTURE, null)).toEqual({ full: FIXTURE, shown: FIXTURE, only: null });
  });

  it("an object id keeps the object, its callbacks, their pairs, its locks and findings", () => {
    const view = focusOn(FIXTURE, "device/ioctlQueue")!;
    expect(view.shown.objects.map((object) => object.id)).toEqual(["device/ioctlQueue"]);
    expect(view.shown.callbacks.map((callback) => callback.id)).toEqual([
      "device/ioctlQueue:EvtIoDeviceControl",
    ]);
    expect(view.shown.pairs.map((pair) => [pair.a, pair.b])).toEqual([
      ["driver:EvtDriverDeviceAdd", "device/ioctlQueue:EvtIoDeviceControl"],
      ["device/ioctlQueue:EvtIoDeviceControl", "device/ioctlQueue:EvtIoDeviceControl"],
      ["device/ioctlQueue:EvtIoDeviceControl", "device/ioctlQueue/workItem0:EvtWorkItem"],
    ]);
    expect(view.shown.locks.map((lock) => lock.id)).toEqual(["device/ioctlQueue#lock"]);
    expect(view.shown.findings).toEqual([]);
  });

  it("an object without callbacks (the failed timer) still matches, with its finding", () => {
    const view = focusOn(FIXTURE, "device/ioctlQueue/timer0")!;
    expect(view.shown.objects.map((object) => object.id)).toEqual(["device/ioctlQueue/timer0"]);
    expect(view.shown.callbacks).toEqual([]);
    expect(view.shown.pairs).toEqual([]);
    expect(view.shown.findings.map((finding) => finding.rule)).toEqual(["S-4"]);
  });

  it("a driver function name keeps the callbacks registered with it and their object", () => {
    const view = focusOn(FIXTURE, "MyEvtDeviceAdd")!;
    expect(view.shown.objects.map((object) => object.id)).toEqual(["driver"]);
    expect(view.shown.callbacks.map((callback) => callback.id)).toEqual(["driver:EvtDriverDeviceAdd"]);
    expect(view.shown.pairs).toHaveLength(3);
    expect(view.shown.findings.map((finding) => finding.rule)).toEqual(["D-1"]);
  });

  it("returns null when nothing is called that", () => {
    expect(focusOn(FIXTURE, "EvtIoDeviceControl")).toBeNull();
  });
});
