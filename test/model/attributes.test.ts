// V-1 (FxValidateObjectAttributes check order) and V-2 (per-API permissions), locking spec section 2.
// Expected statuses are the spec's literals; the first failing check wins.

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  objectOf,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const statusOf = (objects: ObjectConfig[], id: string, framework: "kmdf" | "umdf2" = "kmdf") =>
  objectOf(resolve(config(objects, framework)), id).failure?.status ?? "STATUS_SUCCESS";

describe("V-1: check order, first failure wins", () => {
  it("V-1: item 1 — a work item without attributes fails with STATUS_WDF_PARENT_NOT_SPECIFIED before any level/scope check", () => {
    expect(statusOf([device(), workItem("device/wi", { attributes: null })], "device/wi")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
  });

  it("V-1: items 7 before 8 — a work item with Passive + Queue reports STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID, not the level error", () => {
    expect(
      statusOf([device(), workItem("device/wi", { attributes: attrs("Passive", "Queue") })], "device/wi"),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("V-1: items 7 before 8 — a DPC with Dispatch + Device reports STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    expect(
      statusOf([device(), dpc("device/dpc", { attributes: attrs("Dispatch", "Device") })], "device/dpc"),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("V-1: item 7 tolerates scope None, so a work item with Passive + None reaches item 8: STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(
      statusOf([device(), workItem("device/wi", { attributes: attrs("Passive", "None") })], "device/wi"),
    ).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
  });

  it("V-1: a work item with InheritFromParent + None passes validation", () => {
    expect(
      statusOf(
        [device(), workItem("device/wi", { attributes: attrs("InheritFromParent", "None") })],
        "device/wi",
      ),
    ).toBe("STATUS_SUCCESS");
  });

  it("V-1: item 4 (parent) before item 7 (scope) — an interrupt with a ParentObject, no AutomaticSerialization and scope Device fails with STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED", () => {
    const objects = [
      device(),
      queue("device/q"),
      interrupt("device/q/int", {
        automaticSerialization: false,
        attributes: attrs("InheritFromParent", "Device"),
      }),
    ];
    expect(statusOf(objects, "device/q/int")).toBe("STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED");
  });
});

describe("V-2: per-API permissions", () => {
  it("V-2: WdfDriverCreate accepts a level and a scope", () => {
    const r = resolve(config([driver({ attributes: attrs("Passive", "Queue") })]));
    expect(objectOf(r, "driver").failure).toBeNull();
  });

  it("V-2: WdfDeviceCreate accepts a level and a scope", () => {
    expect(statusOf([device("device", { attributes: attrs("Passive", "Device") })], "device")).toBe(
      "STATUS_SUCCESS",
    );
  });

  it("V-2: WdfIoQueueCreate accepts a level, a scope and a ParentObject in the same device's subtree", () => {
    const objects = [
      device(),
      queue("device/q1"),
      queue("device/q1/q2", { device: "device", attributes: attrs("Passive", "Queue") }),
    ];
    expect(statusOf(objects, "device/q1/q2")).toBe("STATUS_SUCCESS");
  });

  it("V-2: file-object attributes accept a level and a scope (Passive + Device on a Passive device)", () => {
    const objects = [
      device("device", { attributes: attrs("Passive") }),
      fileObject("device", { attributes: attrs("Passive", "Device") }),
    ];
    expect(statusOf(objects, "device/fileObject")).toBe("STATUS_SUCCESS");
  });

  it("V-2: WdfObjectCreate accepts a level (Passive) ...", () => {
    expect(
      statusOf([device(), other("device/obj", "object", { attributes: attrs("Passive") })], "device/obj"),
    ).toBe("STATUS_SUCCESS");
  });

  it("V-2: ... but not scope Device: STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    const objects = [
      device(),
      other("device/obj", "object", { attributes: attrs("InheritFromParent", "Device") }),
    ];
    expect(statusOf(objects, "device/obj")).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("V-2: WdfTimerCreate requires a ParentObject: no parent → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    const orphan = { ...timer("device/t"), parent: null } as ObjectConfig;
    expect(statusOf([device(), orphan], "device/t")).toBe("STATUS_WDF_PARENT_NOT_SPECIFIED");
  });

  it("V-2: WdfTimerCreate requires attributes: WDF_NO_OBJECT_ATTRIBUTES → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    expect(statusOf([device(), timer("device/t", { attributes: null })], "device/t")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
  });

  it("V-2: WdfTimerCreate accepts a level (Dispatch) but not scope Queue", () => {
    expect(statusOf([device(), timer("device/t", { attributes: attrs("Dispatch") })], "device/t")).toBe(
      "STATUS_SUCCESS",
    );
    expect(
      statusOf(
        [device(), timer("device/t", { attributes: attrs("InheritFromParent", "Queue") })],
        "device/t",
      ),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("V-2: WdfWorkItemCreate requires a ParentObject: no parent → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    const orphan = { ...workItem("device/wi"), parent: null } as ObjectConfig;
    expect(statusOf([device(), orphan], "device/wi")).toBe("STATUS_WDF_PARENT_NOT_SPECIFIED");
  });

  it("V-2: WdfWorkItemCreate accepts no level, not even Dispatch: STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(statusOf([device(), workItem("device/wi", { attributes: attrs("Dispatch") })], "device/wi")).toBe(
      "STATUS_WDF_EXECUTION_LEVEL_INVALID",
    );
  });

  it("V-2: WdfDpcCreate requires attributes and accepts no level", () => {
    expect(statusOf([device(), dpc("device/dpc", { attributes: null })], "device/dpc")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
    expect(statusOf([device(), dpc("device/dpc", { attributes: attrs("Dispatch") })], "device/dpc")).toBe(
      "STATUS_WDF_EXECUTION_LEVEL_INVALID",
    );
    expect(statusOf([device(), dpc("device/dpc")], "device/dpc")).toBe("STATUS_SUCCESS");
  });

  it("V-2: WdfInterruptCreate allows a ParentObject only with AutomaticSerialization = TRUE", () => {
    const withParent = (automaticSerialization: boolean) => [
      device(),
      queue("device/q"),
      interrupt("device/q/int", { automaticSerialization }),
    ];
    expect(statusOf(withParent(false), "device/q/int")).toBe("STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED");
    expect(statusOf(withParent(true), "device/q/int")).toBe("STATUS_SUCCESS");
  });

  it("V-2: WdfInterruptCreate accepts no level and no Device/Queue scope", () => {
    expect(
      statusOf([device(), interrupt("device/int", { attributes: attrs("Passive") })], "device/int"),
    ).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
    expect(
      statusOf(
        [device(), interrupt("device/int", { attributes: attrs("InheritFromParent", "Queue") })],
        "device/int",
      ),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
    expect(statusOf([device(), interrupt("device/int", { attributes: attrs() })], "device/int")).toBe(
      "STATUS_SUCCESS",
    );
  });

  it('V-2: a spin lock object ("most other objects") accepts no level: STATUS_WDF_EXECUTION_LEVEL_INVALID', () => {
    expect(
      statusOf([device(), other("device/lock", "spinlock", { attributes: attrs("Passive") })], "device/lock"),
    ).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
    expect(
      statusOf([device(), other("device/lock", "spinlock", { attributes: attrs() })], "device/lock"),
    ).toBe("STATUS_SUCCESS");
  });
});
