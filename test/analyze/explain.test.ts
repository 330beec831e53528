// The explain contract (shared/spec/explain-json.md, "Details a consumer relies on"): schema,
// framework, objects[].lock per kind, locks[] completeness and owners, absent callbacks, UMDF IRQL.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { ExplainResult } from "../../src/analyze/explain-result.js";
import {
  attrs,
  cb,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";
import { callbackNamed, findingsOf, lockEntry, objectNamed, pairOf } from "../helpers/explain-lookup.js";

const QUEUE_SCOPE = attrs("InheritFromParent", "Queue");
const DEVICE_SCOPE = attrs("InheritFromParent", "Device");

/** The locks[] entry (kind and owner) of the lock an object reports, or null. */
const objectLock = (result: ExplainResult, id: string) => {
  const lock = objectNamed(result, id).lock;
  if (lock === null) return null;
  const entry = lockEntry(result, lock);
  expect(entry, `objects[${id}].lock ${lock} is in locks[]`).not.toBeNull();
  return { kind: entry!.kind, owner: entry!.owner };
};

/** The locks[] entry (kind and owner) of the lock a callback reports, or null. */
const callbackLock = (result: ExplainResult, id: string) => {
  const lock = callbackNamed(result, id).lock;
  if (lock === null) return null;
  const entry = lockEntry(result, lock);
  expect(entry, `callbacks[${id}].lock ${lock} is in locks[]`).not.toBeNull();
  return { kind: entry!.kind, owner: entry!.owner };
};

const involves = (result: ExplainResult, object: string): boolean =>
  result.callbacks.some((c) => c.object === object) ||
  result.pairs.some((p) => p.a.startsWith(`${object}:`) || p.b.startsWith(`${object}:`));

describe("schema and framework", () => {
  it("explain-json: the schema string is wdfsim.explain/1", () => {
    expect(explain(config([device()])).schema).toBe("wdfsim.explain/1");
  });

  it("explain-json: framework follows the input (kmdf / umdf2)", () => {
    expect(explain(config([device()], "kmdf")).framework).toBe("kmdf");
    expect(explain(config([device()], "umdf2")).framework).toBe("umdf2");
  });
});

describe("objects[].lock per kind", () => {
  it("D-4: the driver reports its mutex when its scope is Device or Queue, and EvtDriverDeviceAdd holds it", () => {
    for (const scope of ["Device", "Queue"] as const) {
      const result = explain(
        config([
          driver({ attributes: attrs("InheritFromParent", scope), callbacks: [cb("EvtDriverDeviceAdd")] }),
          device(),
        ]),
      );
      expect(objectLock(result, "driver"), scope).toEqual({ kind: "mutex", owner: "driver" });
      expect(callbackNamed(result, "driver:EvtDriverDeviceAdd").lock).toBe(
        objectNamed(result, "driver").lock,
      );
    }
  });

  it("D-4: the driver reports no lock with its default scope None", () => {
    const result = explain(config([driver({ callbacks: [cb("EvtDriverDeviceAdd")] }), device()]));
    expect(objectNamed(result, "driver").lock).toBeNull();
    expect(callbackNamed(result, "driver:EvtDriverDeviceAdd").lock).toBeNull();
  });

  it.each(["Device", "Queue", "None"] as const)(
    "DV-4: a device with scope %s always reports lock null",
    (scope) => {
      const result = explain(
        config([
          device("device", {
            attributes: attrs("InheritFromParent", scope),
            callbacks: [cb("EvtDeviceD0Entry")],
          }),
          queue("device/q"),
        ]),
      );
      expect(objectNamed(result, "device").lock).toBeNull();
      expect(callbackNamed(result, "device:EvtDeviceD0Entry").lock).toBeNull();
    },
  );

  it("Q-3: a Device-scope queue reports the device lock, owned by the device, which locks[] lists although the device's own lock is null", () => {
    // KMDF device Dispatch + scope None; the queue opts into the device lock (Q-3 note).
    const result = explain(config([device(), queue("device/q", { attributes: DEVICE_SCOPE })]));
    expect(objectNamed(result, "device").lock).toBeNull();
    expect(objectLock(result, "device/q")).toEqual({ kind: "spin", owner: "device" });
    expect(result.locks.filter((l) => l.owner === "device")).toHaveLength(1);
  });

  it("Q-4: a Queue-scope queue reports its own lock (mutex when Passive, spin when Dispatch)", () => {
    const result = explain(
      config([
        device(),
        queue("device/spin", { attributes: QUEUE_SCOPE }),
        queue("device/mutex", { attributes: attrs("Passive", "Queue") }),
      ]),
    );
    expect(objectLock(result, "device/spin")).toEqual({ kind: "spin", owner: "device/spin" });
    expect(objectLock(result, "device/mutex")).toEqual({ kind: "mutex", owner: "device/mutex" });
  });

  it("PL-2: a scope-None queue reports lock null and its callbacks hold none", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: attrs("InheritFromParent", "None") })]),
    );
    expect(objectNamed(result, "device/q").lock).toBeNull();
    expect(callbackNamed(result, "device/q:EvtIoDeviceControl").lock).toBeNull();
  });

  it("F-6: a file object with scope Device reports the device lock; with scope None, null", () => {
    const deviceScope = explain(
      config([device("device", { attributes: attrs("Passive", "Device") }), fileObject("device")]),
    );
    expect(objectLock(deviceScope, "device/fileObject")).toEqual({ kind: "mutex", owner: "device" });
    expect(callbackNamed(deviceScope, "device/fileObject:EvtDeviceFileCreate").lock).toBe(
      objectNamed(deviceScope, "device/fileObject").lock,
    );

    const noAttributes = explain(
      config([
        device("device", { attributes: attrs("Passive", "Device") }),
        fileObject("device", { attributes: null }),
      ]),
    );
    expect(objectNamed(noAttributes, "device/fileObject").lock).toBeNull();
    expect(callbackNamed(noAttributes, "device/fileObject:EvtDeviceFileCreate").lock).toBeNull();
  });

  it("S-5: work item, timer and DPC report their automatic-serialization lock; S-3: null without it", () => {
    // Passive + Queue queue: passive-flagged, so the work item and the passive timer are compatible (S-4).
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/q", { attributes: attrs("Passive", "Queue") }),
        workItem("device/q/workItem0"),
        timer("device/q/timer0", { attributes: attrs("Passive") }),
        dpc("device/dpc0"),
        workItem("device/q/workItem1", { automaticSerialization: false }),
      ]),
    );
    expect(objectLock(result, "device/q/workItem0")).toEqual({ kind: "mutex", owner: "device/q" });
    expect(objectLock(result, "device/q/timer0")).toEqual({ kind: "mutex", owner: "device/q" });
    expect(objectLock(result, "device/dpc0")).toEqual({ kind: "spin", owner: "device" });
    expect(objectNamed(result, "device/q/workItem1").lock).toBeNull();
  });

  it("PL-3: an interrupt never reports the interrupt lock as objects[].lock (null without AutomaticSerialization)", () => {
    const result = explain(config([device(), interrupt("device/int0")]));
    expect(objectNamed(result, "device/int0").lock).toBeNull();
    expect(callbackLock(result, "device/int0:EvtInterruptIsr")).toEqual({
      kind: "spin",
      owner: "device/int0",
    });
  });

  it("PL-3: an AutomaticSerialization interrupt reports the lock of EvtInterruptDpc, not the interrupt lock", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: QUEUE_SCOPE }),
        interrupt("device/q/int0", { automaticSerialization: true }),
      ]),
    );
    const lock = objectNamed(result, "device/q/int0").lock;
    expect(lock).toBe(callbackNamed(result, "device/q/int0:EvtInterruptDpc").lock);
    expect(lock).toBe(objectNamed(result, "device/q").lock);
    expect(lock).not.toBe(callbackNamed(result, "device/q/int0:EvtInterruptIsr").lock);
  });

  it("explain-json: a failed object reports lock null (DPC under a passive-flagged Queue-scope queue, S-4)", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: attrs("Passive", "Queue") }), dpc("device/q/dpc0")]),
    );
    expect(objectNamed(result, "device/q/dpc0").status).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
    expect(objectNamed(result, "device/q/dpc0").lock).toBeNull();
  });

  it("explain-json: a failed queue reports lock null (Device scope with a level mismatch, Q-3)", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/q", { attributes: attrs("Passive") }),
      ]),
    );
    expect(objectNamed(result, "device/q").status).toBe("STATUS_INVALID_PARAMETER");
    expect(objectNamed(result, "device/q").lock).toBeNull();
  });
});

describe("locks[]", () => {
  const rich = () =>
    explain(
      config([
        driver({ attributes: QUEUE_SCOPE, callbacks: [cb("EvtDriverDeviceAdd")] }),
        device("device", { attributes: attrs("Passive", "Device") }),
        queue("device/a"),
        queue("device/b", { attributes: attrs("Passive", "Queue") }),
        workItem("device/b/workItem0"),
        workItem("device/workItem1"),
        other("device/spinLock0", "spinlock"),
        interrupt("device/int0", { interruptLock: "device/spinLock0" }),
        interrupt("device/int1", { interruptLock: "device/spinLock0" }),
        interrupt("device/int2", {
          passiveHandling: true,
          callbacks: [cb("EvtInterruptIsr"), cb("EvtInterruptWorkItem")],
        }),
        fileObject("device"),
      ]),
    );

  it("explain-json: every lock id an object or callback names appears in locks[] exactly once, and nothing else does", () => {
    const result = rich();
    const named = new Set(
      [...result.objects.map((o) => o.lock), ...result.callbacks.map((c) => c.lock)].filter(
        (l) => l !== null,
      ),
    );
    const ids = result.locks.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(named);
  });

  it("L-8: owners and kinds — driver mutex, device mutex, queue mutex, a named WDFSPINLOCK owned by itself, a passive interrupt's wait lock", () => {
    const result = rich();
    expect(objectLock(result, "driver")).toEqual({ kind: "mutex", owner: "driver" });
    expect(objectLock(result, "device/a")).toEqual({ kind: "mutex", owner: "device" });
    expect(objectLock(result, "device/fileObject")).toEqual({ kind: "mutex", owner: "device" });
    expect(objectLock(result, "device/b")).toEqual({ kind: "mutex", owner: "device/b" });
    expect(objectLock(result, "device/b/workItem0")).toEqual({ kind: "mutex", owner: "device/b" });
    expect(callbackLock(result, "device/int0:EvtInterruptIsr")).toEqual({
      kind: "spin",
      owner: "device/spinLock0",
    });
    expect(callbackLock(result, "device/int1:EvtInterruptIsr")).toEqual({
      kind: "spin",
      owner: "device/spinLock0",
    });
    expect(callbackLock(result, "device/int2:EvtInterruptIsr")).toEqual({
      kind: "mutex",
      owner: "device/int2",
    });
  });

  it("L-8: a UMDF queue explicitly at Dispatch has a spin lock while its callbacks report PASSIVE_LEVEL", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: attrs("Dispatch", "Queue") })], "umdf2"),
    );
    expect(objectLock(result, "device/q")).toEqual({ kind: "spin", owner: "device/q" });
    expect(callbackNamed(result, "device/q:EvtIoDeviceControl").irql).toBe("PASSIVE_LEVEL");
  });

  it("DV-2: the device lock is a mutex for a Passive device and a spin lock for a Dispatch device", () => {
    const passive = explain(
      config([device("device", { attributes: attrs("Passive", "Device") }), queue("device/q")]),
    );
    expect(objectLock(passive, "device/q")).toEqual({ kind: "mutex", owner: "device" });
    const dispatch = explain(config([device("device", { attributes: DEVICE_SCOPE }), queue("device/q")]));
    expect(objectLock(dispatch, "device/q")).toEqual({ kind: "spin", owner: "device" });
  });
});

describe("callbacks[].object", () => {
  it("explain-json: queue callbacks, EvtRequestCancel and EvtIoQueueState belong to the queue; file callbacks to the fileobject; PnP and EvtIoInCallerContext to the device", () => {
    const result = explain(
      config([
        driver({ callbacks: [cb("EvtDriverDeviceAdd")] }),
        device("device", {
          attributes: attrs("Passive"),
          callbacks: [cb("EvtDeviceD0Entry"), cb("EvtIoInCallerContext")],
        }),
        queue("device/q", {
          callbacks: [
            cb("EvtIoRead"),
            cb("EvtIoStop"),
            cb("EvtRequestCancel", "MyCancel"),
            cb("EvtIoQueueState", "MyPurged", { registration: "Purge" }),
          ],
        }),
        fileObject("device", {
          callbacks: [cb("EvtDeviceFileCreate"), cb("EvtFileCleanup"), cb("EvtFileClose")],
        }),
        workItem("device/workItem0"),
        interrupt("device/int0"),
      ]),
    );
    const objectOf = (id: string) => callbackNamed(result, id).object;
    expect(objectOf("driver:EvtDriverDeviceAdd")).toBe("driver");
    expect(objectOf("device:EvtDeviceD0Entry")).toBe("device");
    expect(objectOf("device:EvtIoInCallerContext")).toBe("device");
    expect(objectOf("device/q:EvtIoRead")).toBe("device/q");
    expect(objectOf("device/q:EvtIoStop")).toBe("device/q");
    expect(objectOf("device/q:EvtRequestCancel:MyCancel")).toBe("device/q");
    expect(objectOf("device/q:EvtIoQueueState[Purge]")).toBe("device/q");
    for (const event of ["EvtDeviceFileCreate", "EvtFileCleanup", "EvtFileClose"]) {
      expect(objectOf(`device/fileObject:${event}`)).toBe("device/fileObject");
    }
    expect(objectOf("device/workItem0:EvtWorkItem")).toBe("device/workItem0");
    expect(objectOf("device/int0:EvtInterruptIsr")).toBe("device/int0");
    expect(objectOf("device/int0:EvtInterruptDpc")).toBe("device/int0");
  });
});

describe("absent callbacks", () => {
  it("explain-json: a failed queue contributes no callbacks and no pairs, and earns a finding", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/q", { attributes: attrs("Passive") }),
        queue("device/ok"),
      ]),
    );
    expect(objectNamed(result, "device/q").status).not.toBe("STATUS_SUCCESS");
    expect(involves(result, "device/q")).toBe(false);
    expect(result.findings.some((f) => f.object === "device/q" && f.severity === "error")).toBe(true);
    expect(involves(result, "device/ok")).toBe(true);
  });

  it("explain-json: children created on a failed queue contribute no callbacks, and each earns a finding", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/q", { attributes: attrs("Passive") }),
        workItem("device/q/workItem0", { automaticSerialization: false }),
        other("device/q/object0"),
        timer("device/q/object0/timer0", { automaticSerialization: false }),
      ]),
    );
    for (const child of ["device/q/workItem0", "device/q/object0/timer0"]) {
      expect(objectNamed(result, child).status, child).not.toBe("STATUS_SUCCESS");
      expect(objectNamed(result, child).lock).toBeNull();
      expect(involves(result, child), child).toBe(false);
      expect(
        result.findings.some((f) => f.object === child),
        child,
      ).toBe(true);
    }
  });

  it("F-3: when WdfDeviceCreate fails, the fileobject shares its status and its callbacks and the device's are absent", () => {
    // Device scope Queue inherited by initialized file attributes: F-3 fails the device.
    const result = explain(
      config([
        device("device", { attributes: QUEUE_SCOPE, callbacks: [cb("EvtDeviceD0Entry")] }),
        fileObject("device"),
        queue("device/q"),
      ]),
    );
    expect(objectNamed(result, "device").status).toBe("STATUS_INVALID_DEVICE_REQUEST");
    expect(objectNamed(result, "device/fileObject").status).toBe("STATUS_INVALID_DEVICE_REQUEST");
    expect(involves(result, "device/fileObject")).toBe(false);
    expect(involves(result, "device")).toBe(false);
    expect(involves(result, "device/q")).toBe(false);
    expect(result.callbacks).toEqual([]);
    expect(result.pairs).toEqual([]);
    expect(result.findings.some((f) => f.object === "device" && f.severity === "error")).toBe(true);
  });

  it("BUG-21: WdfIoQueueReadyNotify on a Sequential queue fails, so its callback is absent, with an error finding", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          callbacks: [cb("EvtIoRead"), cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
        }),
      ]),
    );
    expect(result.callbacks.map((c) => c.id)).toEqual(["device/q:EvtIoRead"]);
    expect(result.pairs).toHaveLength(1);
    expect(findingsOf(result, "BUG-21")).toEqual([
      expect.objectContaining({ severity: "error", object: "device/q" }),
    ]);
  });

  it("BUG-21 does not fire for ReadyNotify on a Manual queue: the callback is present", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          dispatchType: "Manual",
          callbacks: [cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
        }),
      ]),
    );
    expect(result.callbacks.map((c) => c.id)).toEqual(["device/q:EvtIoQueueState[ReadyNotify]"]);
    expect(findingsOf(result, "BUG-21")).toEqual([]);
  });
});

describe("IRQ-3: UMDF", () => {
  it("IRQ-3: every UMDF callback reports PASSIVE_LEVEL — Dispatch queue, timer, ISR, EvtInterruptDpc included", () => {
    const result = explain(
      config(
        [
          driver({ callbacks: [cb("EvtDriverDeviceAdd")] }),
          device("device", { callbacks: [cb("EvtDeviceD0Entry"), cb("EvtIoInCallerContext")] }),
          queue("device/dispatch", { attributes: attrs("Dispatch", "Queue") }),
          queue("device/passive", { attributes: QUEUE_SCOPE, callbacks: [cb("EvtIoRead"), cb("EvtIoStop")] }),
          timer("device/timer0", { automaticSerialization: false, period: 5 }),
          workItem("device/passive/workItem0"),
          interrupt("device/int0", { passiveHandling: true }),
          interrupt("device/int1", { passiveHandling: false }),
          fileObject("device", { attributes: null }),
        ],
        "umdf2",
      ),
    );
    expect(result.callbacks.length).toBeGreaterThanOrEqual(12);
    for (const c of result.callbacks) expect(c.irql, c.id).toBe("PASSIVE_LEVEL");
  });

  it("IRQ-4: the same KMDF driver reports DISPATCH_LEVEL and DIRQL where the kinds call for them", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: QUEUE_SCOPE }),
        timer("device/timer0", { automaticSerialization: false }),
        interrupt("device/int0"),
      ]),
    );
    expect(callbackNamed(result, "device/q:EvtIoDeviceControl").irql).toBe("DISPATCH_LEVEL");
    expect(callbackNamed(result, "device/timer0:EvtTimerFunc").irql).toBe("DISPATCH_LEVEL");
    expect(callbackNamed(result, "device/int0:EvtInterruptIsr").irql).toBe("DIRQL");
    expect(callbackNamed(result, "device/int0:EvtInterruptDpc").irql).toBe("DISPATCH_LEVEL");
  });
});

describe("pairs[]", () => {
  it("explain-json: three callbacks give six pairs, each callback with itself included", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { callbacks: [cb("EvtIoRead"), cb("EvtIoWrite")] }),
        workItem("device/workItem0"),
      ]),
    );
    expect(result.pairs).toHaveLength(6);
    expect(pairOf(result, "device/q:EvtIoRead").a).toBe("device/q:EvtIoRead");
    expect(pairOf(result, "device/q:EvtIoWrite", "device/workItem0:EvtWorkItem")).toBeDefined();
  });
});
