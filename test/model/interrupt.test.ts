// Interrupts: the WdfInterruptCreate order (locking spec 6.5), wantsPassive (step 9) and the
// interrupt lock (PL-3, L-8).

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  cb,
  config,
  device,
  interrupt,
  lockOf,
  objectOf,
  other,
  queue,
} from "../helpers/build.js";

const status = (objects: ObjectConfig[], id: string, framework: "kmdf" | "umdf2" = "kmdf") =>
  objectOf(resolve(config(objects, framework)), id).failure?.status ?? "STATUS_SUCCESS";
const passiveQueue = queue("device/q", {
  attributes: attrs("Passive", "Queue"),
  dispatchType: "Manual",
  callbacks: [],
});

describe("6.5: WdfInterruptCreate order", () => {
  it("6.5: step 3 — EvtInterruptIsr NULL → STATUS_INVALID_PARAMETER", () => {
    expect(
      status([device(), interrupt("device/int", { callbacks: [cb("EvtInterruptDpc")] })], "device/int"),
    ).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.5: step 3 before step 4 — no ISR and a queue parent without AutomaticSerialization → STATUS_INVALID_PARAMETER", () => {
    const objects = [
      device(),
      queue("device/q"),
      interrupt("device/q/int", { callbacks: [cb("EvtInterruptDpc")] }),
    ];
    expect(status(objects, "device/q/int")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.5: step 4 — a ParentObject without AutomaticSerialization → STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED", () => {
    expect(status([device(), queue("device/q"), interrupt("device/q/int")], "device/q/int")).toBe(
      "STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED",
    );
  });

  it("6.5: step 4 before step 6 — scope Queue and both EvtInterruptDpc and EvtInterruptWorkItem → STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID", () => {
    const both = [cb("EvtInterruptIsr"), cb("EvtInterruptDpc"), cb("EvtInterruptWorkItem")];
    const int = interrupt("device/int", { callbacks: both, attributes: attrs("InheritFromParent", "Queue") });
    expect(status([device(), int], "device/int")).toBe("STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID");
  });

  it("6.5: step 6 — both EvtInterruptDpc and EvtInterruptWorkItem → STATUS_INVALID_PARAMETER", () => {
    const both = [cb("EvtInterruptIsr"), cb("EvtInterruptDpc"), cb("EvtInterruptWorkItem")];
    expect(status([device(), interrupt("device/int", { callbacks: both })], "device/int")).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("6.5: step 7 — a DIRQL interrupt with a WaitLock → STATUS_INVALID_PARAMETER", () => {
    const objects = [
      device(),
      other("device/wl", "waitlock"),
      interrupt("device/int", { interruptLock: "device/wl" }),
    ];
    expect(status(objects, "device/int")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.5: step 7 — a passive interrupt with a SpinLock → STATUS_INVALID_PARAMETER", () => {
    const int = interrupt("device/int", {
      interruptLock: "device/sl",
      passiveHandling: true,
      callbacks: [cb("EvtInterruptIsr")],
    });
    expect(status([device(), other("device/sl", "spinlock"), int], "device/int")).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("6.5: step 7 — a DIRQL interrupt with a SpinLock and a passive one with a WaitLock are created", () => {
    const objects = [
      device(),
      other("device/sl", "spinlock"),
      other("device/wl", "waitlock"),
      interrupt("device/int1", { interruptLock: "device/sl" }),
      interrupt("device/int2", {
        interruptLock: "device/wl",
        passiveHandling: true,
        callbacks: [cb("EvtInterruptIsr")],
      }),
    ];
    expect(status(objects, "device/int1")).toBe("STATUS_SUCCESS");
    expect(status(objects, "device/int2")).toBe("STATUS_SUCCESS");
  });

  it("6.5: step 8 — with AutomaticSerialization, a general-object parent → STATUS_INVALID_PARAMETER", () => {
    expect(
      status(
        [device(), other("device/obj"), interrupt("device/obj/int", { automaticSerialization: true })],
        "device/obj/int",
      ),
    ).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.5: step 4 before step 8 — a general-object parent without AutomaticSerialization → STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED", () => {
    expect(status([device(), other("device/obj"), interrupt("device/obj/int")], "device/obj/int")).toBe(
      "STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED",
    );
  });

  it("6.5: step 8 before step 9 — an AS EvtInterruptDpc parented to a general object under a Passive queue → STATUS_INVALID_PARAMETER", () => {
    const objects = [
      device(),
      passiveQueue,
      other("device/q/obj"),
      interrupt("device/q/obj/int", { automaticSerialization: true }),
    ];
    expect(status(objects, "device/q/obj/int")).toBe("STATUS_INVALID_PARAMETER");
  });

  it("6.5: step 8 — a device or a queue of the device is an accepted parent", () => {
    expect(status([device(), interrupt("device/int")], "device/int")).toBe("STATUS_SUCCESS");
    expect(
      status(
        [device(), queue("device/q"), interrupt("device/q/int", { automaticSerialization: true })],
        "device/q/int",
      ),
    ).toBe("STATUS_SUCCESS");
  });
});

describe("6.5 step 9: wantsPassive", () => {
  it("6.5: step 9 — EvtInterruptDpc + AutomaticSerialization + Passive Queue-scope queue → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    expect(
      status(
        [device(), passiveQueue, interrupt("device/q/int", { automaticSerialization: true })],
        "device/q/int",
      ),
    ).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });

  it("6.5: step 9 — EvtInterruptWorkItem + AutomaticSerialization + Passive Queue-scope queue → created; the work item holds the queue mutex", () => {
    const int = interrupt("device/q/int", {
      automaticSerialization: true,
      passiveHandling: false,
      callbacks: [cb("EvtInterruptIsr"), cb("EvtInterruptWorkItem")],
    });
    const r = resolve(config([device(), passiveQueue, int]));
    expect(objectOf(r, "device/q/int").failure).toBeNull();
    expect(lockOf(callbackOf(r, "device/q/int", "EvtInterruptWorkItem").lock)).toEqual({
      id: "device/q#lock",
      kind: "mutex",
    });
    expect(lockOf(objectOf(r, "device/q/int").callbackLock)).toEqual({ id: "device/q#lock", kind: "mutex" });
  });

  it("6.5: step 9 — neither DPC nor work item: wantsPassive = PassiveHandling (TRUE → compatible with a Passive queue)", () => {
    const int = (passiveHandling: boolean) =>
      interrupt("device/q/int", {
        automaticSerialization: true,
        passiveHandling,
        callbacks: [cb("EvtInterruptIsr")],
      });
    expect(status([device(), passiveQueue, int(true)], "device/q/int")).toBe("STATUS_SUCCESS");
    expect(status([device(), passiveQueue, int(false)], "device/q/int")).toBe(
      "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    );
  });

  it("6.5: step 9 — EvtInterruptDpc + AutomaticSerialization on a Dispatch Device-scope device → EvtInterruptDpc holds device#lock", () => {
    const r = resolve(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
        interrupt("device/int", { automaticSerialization: true }),
      ]),
    );
    expect(lockOf(callbackOf(r, "device/int", "EvtInterruptDpc").lock)).toEqual({
      id: "device#lock",
      kind: "spin",
    });
  });

  it("6.5: UMDF — EvtInterruptDpc still wants non-passive: AutomaticSerialization under a Queue-scope UMDF queue → STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL", () => {
    const objects = [
      device(),
      queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
      interrupt("device/q/int", { automaticSerialization: true, passiveHandling: true }),
    ];
    expect(status(objects, "device/q/int", "umdf2")).toBe("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL");
  });
});

describe("PL-3: the interrupt lock", () => {
  it("PL-3: a DIRQL interrupt's ISR, Enable and Disable hold its built-in spin lock <id>#interrupt-lock at DIRQL", () => {
    const callbacks = [
      cb("EvtInterruptIsr"),
      cb("EvtInterruptEnable"),
      cb("EvtInterruptDisable"),
      cb("EvtInterruptDpc"),
    ];
    const r = resolve(config([device(), interrupt("device/int", { callbacks })]));
    for (const event of ["EvtInterruptIsr", "EvtInterruptEnable", "EvtInterruptDisable"]) {
      const c = callbackOf(r, "device/int", event);
      expect(lockOf(c.lock)).toEqual({ id: "device/int#interrupt-lock", kind: "spin" });
      expect(c.irql).toBe("DIRQL");
    }
  });

  it("PL-3: a passive-level interrupt's three callbacks hold its wait lock (mutex) at PASSIVE_LEVEL", () => {
    const callbacks = [
      cb("EvtInterruptIsr"),
      cb("EvtInterruptEnable"),
      cb("EvtInterruptDisable"),
      cb("EvtInterruptWorkItem"),
    ];
    const r = resolve(config([device(), interrupt("device/int", { callbacks, passiveHandling: true })]));
    for (const event of ["EvtInterruptIsr", "EvtInterruptEnable", "EvtInterruptDisable"]) {
      const c = callbackOf(r, "device/int", event);
      expect(lockOf(c.lock)).toEqual({ id: "device/int#interrupt-lock", kind: "mutex" });
      expect(c.irql).toBe("PASSIVE_LEVEL");
    }
  });

  it("PL-3: a WDFSPINLOCK named by two interrupts is one lock shared by both ISRs", () => {
    const objects = [
      device(),
      other("device/sl", "spinlock"),
      interrupt("device/int1", { interruptLock: "device/sl" }),
      interrupt("device/int2", { interruptLock: "device/sl" }),
    ];
    const r = resolve(config(objects));
    expect(lockOf(callbackOf(r, "device/int1", "EvtInterruptIsr").lock)).toEqual({
      id: "device/sl#lock",
      kind: "spin",
    });
    expect(lockOf(callbackOf(r, "device/int2", "EvtInterruptIsr").lock)).toEqual({
      id: "device/sl#lock",
      kind: "spin",
    });
  });

  it("PL-3: EvtInterruptDpc does not take the interrupt lock, and the interrupt object's lock is not the interrupt lock", () => {
    const r = resolve(config([device(), interrupt("device/int")]));
    expect(callbackOf(r, "device/int", "EvtInterruptDpc").lock).toBeNull();
    expect(objectOf(r, "device/int").callbackLock).toBeNull();
  });
});
