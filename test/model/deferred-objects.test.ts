// Work item, timer and DPC creation: the 6.2 / 6.3 / 6.4 validation orders (first failure wins)
// and the creation side of T-2, T-3, T-5 (locking spec 6.2-6.4).

import { describe, expect, it } from "vitest";
import type { FrameworkVersion, ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  config,
  device,
  dpc,
  lockOf,
  objectOf,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const MAXLONG = 0x7fffffff;
const status = (
  objects: ObjectConfig[],
  id: string,
  framework: "kmdf" | "umdf2" = "kmdf",
  version: FrameworkVersion | null = null,
) => objectOf(resolve(config(objects, framework, version)), id).failure?.status ?? "STATUS_SUCCESS";
const passiveQueue = queue("device/q", {
  attributes: attrs("Passive", "Queue"),
  dispatchType: "Manual",
  callbacks: [],
});

describe("6.2: WdfWorkItemCreate validation order", () => {
  it("6.2: step 1 before step 3 — no attributes and no EvtWorkItem → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    expect(status([device(), workItem("device/wi", { attributes: null, callbacks: [] })], "device/wi")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
  });

  it("6.2: step 3 — EvtWorkItemFunc NULL → STATUS_INVALID_PARAMETER, before the scope check of step 4", () => {
    const wi = workItem("device/wi", { callbacks: [], attributes: attrs("InheritFromParent", "Queue") });
    expect(status([device(), wi], "device/wi")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.2: step 4 — scope Device → STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    expect(
      status(
        [device(), workItem("device/wi", { attributes: attrs("InheritFromParent", "Device") })],
        "device/wi",
      ),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("6.2: step 4 — explicit Passive, even under a Passive queue → STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(
      status(
        [device(), passiveQueue, workItem("device/q/wi", { attributes: attrs("Passive") })],
        "device/q/wi",
      ),
    ).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
  });

  it("6.2: step 4 before step 5 — explicit Passive and a driver parent → STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(status([device(), workItem("driver/wi", { attributes: attrs("Passive") })], "driver/wi")).toBe(
      "STATUS_WDF_EXECUTION_LEVEL_INVALID",
    );
  });

  it("6.2: step 5 — no device ancestor → STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), workItem("driver/wi")], "driver/wi")).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("6.2: step 6 — wantsPassive is always TRUE: under a Dispatch Queue-scope queue → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    const objects = [
      device(),
      queue("device/q", { attributes: attrs("Dispatch", "Queue") }),
      workItem("device/q/wi"),
    ];
    expect(status(objects, "device/q/wi")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("6.2: all steps pass under a Passive Queue-scope queue", () => {
    expect(status([device(), passiveQueue, workItem("device/q/wi")], "device/q/wi")).toBe("STATUS_SUCCESS");
  });
});

describe("6.3: WdfTimerCreate validation order", () => {
  it("6.3: step 1 before step 3 — no attributes and Period > MAXLONG → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    expect(status([device(), timer("device/t", { attributes: null, period: MAXLONG + 1 })], "device/t")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
  });

  it("6.3: step 3 before step 6 — Period > MAXLONG and scope Device → STATUS_INVALID_PARAMETER", () => {
    const t = timer("device/t", { period: MAXLONG + 1, attributes: attrs("InheritFromParent", "Device") });
    expect(status([device(), t], "device/t")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.3: step 4 — TolerableDelay > MAXLONG for a 1.11 client → STATUS_INVALID_PARAMETER", () => {
    const t = timer("device/t", { tolerableDelay: MAXLONG + 1 });
    expect(status([device(), t], "device/t", "kmdf", { major: 1, minor: 11 })).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("6.3: step 4 — TolerableDelay > MAXLONG for a 1.13 client is accepted", () => {
    const t = timer("device/t", { tolerableDelay: MAXLONG + 1 });
    expect(status([device(), t], "device/t", "kmdf", { major: 1, minor: 13 })).toBe("STATUS_SUCCESS");
  });

  it("6.3: step 5 — UMDF with UseHighResolutionTimer (and TolerableDelay > 0) → STATUS_NOT_IMPLEMENTED", () => {
    const t = timer("device/t", { useHighResolutionTimer: true, tolerableDelay: 10 });
    expect(status([device(), t], "device/t", "umdf2")).toBe("STATUS_NOT_IMPLEMENTED");
  });

  it("6.3: step 5 before step 6 — KMDF TolerableDelay > 0 with UseHighResolutionTimer and scope Queue → STATUS_INVALID_PARAMETER", () => {
    const t = timer("device/t", {
      useHighResolutionTimer: true,
      tolerableDelay: 10,
      attributes: attrs("InheritFromParent", "Queue"),
    });
    expect(status([device(), t], "device/t")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.3: step 5 — KMDF UseHighResolutionTimer alone is accepted", () => {
    expect(status([device(), timer("device/t", { useHighResolutionTimer: true })], "device/t")).toBe(
      "STATUS_SUCCESS",
    );
  });

  it("6.3: step 6 before step 7 — periodic, explicit Passive and scope Device → STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    const t = timer("device/t", { period: 10, attributes: attrs("Passive", "Device") });
    expect(status([device(), t], "device/t")).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("6.3: step 7 — Period > 0 with explicit Passive → STATUS_NOT_SUPPORTED", () => {
    expect(
      status([device(), timer("device/t", { period: 10, attributes: attrs("Passive") })], "device/t"),
    ).toBe("STATUS_NOT_SUPPORTED");
  });

  it("6.3: step 7 — Period > 0 with an inherited level (parent Passive queue) is accepted", () => {
    const t = timer("device/q/t", { period: 10, automaticSerialization: false });
    expect(status([device(), passiveQueue, t], "device/q/t")).toBe("STATUS_SUCCESS");
  });

  it("6.3: step 7 before step 9 — periodic Passive timer parented to the driver → STATUS_NOT_SUPPORTED", () => {
    expect(
      status([device(), timer("driver/t", { period: 10, attributes: attrs("Passive") })], "driver/t"),
    ).toBe("STATUS_NOT_SUPPORTED");
  });

  it("6.3: step 9 — no device ancestor → STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), timer("driver/t")], "driver/t")).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });
});

describe("6.4: WdfDpcCreate validation order", () => {
  it("6.4: step 1 — no attributes → STATUS_WDF_PARENT_NOT_SPECIFIED", () => {
    expect(status([device(), dpc("device/dpc", { attributes: null })], "device/dpc")).toBe(
      "STATUS_WDF_PARENT_NOT_SPECIFIED",
    );
  });

  it("6.4: step 3 — scope before level: Dispatch + Queue → STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    expect(
      status([device(), dpc("device/dpc", { attributes: attrs("Dispatch", "Queue") })], "device/dpc"),
    ).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("6.4: step 3 before step 4 — explicit Dispatch with a driver parent → STATUS_WDF_EXECUTION_LEVEL_INVALID", () => {
    expect(status([device(), dpc("driver/dpc", { attributes: attrs("Dispatch") })], "driver/dpc")).toBe(
      "STATUS_WDF_EXECUTION_LEVEL_INVALID",
    );
  });

  it("6.4: step 4 — no device ancestor → STATUS_INVALID_DEVICE_REQUEST", () => {
    expect(status([device(), dpc("driver/dpc")], "driver/dpc")).toBe("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("6.4: step 5 — wantsPassive FALSE under a passive-flagged Queue-scope queue → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([device(), passiveQueue, dpc("device/q/dpc")], "device/q/dpc")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("6.4: EvtDpcFunc is not checked for NULL: a DPC without a callback is created", () => {
    expect(status([device(), dpc("device/dpc", { callbacks: [] })], "device/dpc")).toBe("STATUS_SUCCESS");
  });
});

describe("T-2 / T-3 / T-5: timer passive-ness (creation side)", () => {
  it("T-2: a one-shot timer with explicit Passive is created as a passive timer (level Passive, PASSIVE_LEVEL callback)", () => {
    const r = resolve(config([device(), timer("device/t", { attributes: attrs("Passive") })]));
    expect(objectOf(r, "device/t").failure).toBeNull();
    expect(objectOf(r, "device/t").level).toBe("Passive");
    expect(callbackOf(r, "device/t", "EvtTimerFunc").irql).toBe("PASSIVE_LEVEL");
  });

  it("T-3: a default timer under a Passive queue is a DPC-level timer (level Dispatch, DISPATCH_LEVEL callback)", () => {
    const r = resolve(
      config([device(), passiveQueue, timer("device/q/t", { automaticSerialization: false })]),
    );
    expect(objectOf(r, "device/q/t").level).toBe("Dispatch");
    expect(callbackOf(r, "device/q/t", "EvtTimerFunc").irql).toBe("DISPATCH_LEVEL");
  });

  it("T-3: ... and with AutomaticSerialization it fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(status([device(), passiveQueue, timer("device/q/t")], "device/q/t")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("T-3: with its own explicit Passive it is created and shares the queue's mutex", () => {
    const r = resolve(
      config([device(), passiveQueue, timer("device/q/t", { attributes: attrs("Passive") })]),
    );
    expect(lockOf(callbackOf(r, "device/q/t", "EvtTimerFunc").lock)).toEqual({
      id: "device/q#lock",
      kind: "mutex",
    });
  });

  it("T-5: a UMDF timer with default attributes runs passive (PASSIVE_LEVEL) but still counts as non-passive for S-4", () => {
    const objects = [
      device(),
      queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
      timer("device/q/t"),
    ];
    expect(status(objects, "device/q/t", "umdf2")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    const ok = resolve(config([device(), timer("device/t")], "umdf2"));
    expect(objectOf(ok, "device/t").level).toBe("Passive");
    expect(callbackOf(ok, "device/t", "EvtTimerFunc").irql).toBe("PASSIVE_LEVEL");
  });

  it("T-5: a UMDF timer with explicit Passive under a Queue-scope (passive-flagged) queue is created with the queue mutex", () => {
    const objects = [
      device(),
      queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
      timer("device/q/t", { attributes: attrs("Passive") }),
    ];
    const r = resolve(config(objects, "umdf2"));
    expect(objectOf(r, "device/q/t").failure).toBeNull();
    expect(lockOf(callbackOf(r, "device/q/t", "EvtTimerFunc").lock)).toEqual({
      id: "device/q#lock",
      kind: "mutex",
    });
  });
});
