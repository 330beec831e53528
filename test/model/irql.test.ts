// The highest IRQL a callback can be called at: IRQ-1..IRQ-4 (locking spec 7.1).

import { describe, expect, it } from "vitest";
import type { ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import {
  attrs,
  callbackOf,
  cb,
  config,
  device,
  dpc,
  driver,
  fileObject,
  interrupt,
  lockOf,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";

const run = (objects: ObjectConfig[], framework: "kmdf" | "umdf2" = "kmdf") =>
  resolve(config(objects, framework));
// A Dispatch Queue-scope queue and an explicitly Passive general object under it: a passive child
// parented to the object passes S-4 (the object's flag) and gets the queue's spin lock (S-5).
const spinForPassiveChild = [
  device(),
  queue("device/q", { attributes: attrs("Dispatch", "Queue") }),
  other("device/q/obj", "object", { attributes: attrs("Passive") }),
];

describe("IRQ-1: a spin-class lock raises to DISPATCH_LEVEL; a mutex never changes the IRQL", () => {
  it("IRQ-1: a work item holding a spin lock reports DISPATCH_LEVEL", () => {
    const r = run([...spinForPassiveChild, workItem("device/q/obj/wi")]);
    const c = callbackOf(r, "device/q/obj/wi", "EvtWorkItem");
    expect(lockOf(c.lock)).toEqual({ id: "device/q#lock", kind: "spin" });
    expect(c.irql).toBe("DISPATCH_LEVEL");
  });

  it("IRQ-1: a passive timer holding a spin lock reports DISPATCH_LEVEL", () => {
    const r = run([...spinForPassiveChild, timer("device/q/obj/t", { attributes: attrs("Passive") })]);
    expect(callbackOf(r, "device/q/obj/t", "EvtTimerFunc").irql).toBe("DISPATCH_LEVEL");
  });

  it("IRQ-1: a work item holding a mutex stays at PASSIVE_LEVEL", () => {
    const r = run([
      device(),
      queue("device/q", { attributes: attrs("Passive", "Queue") }),
      workItem("device/q/wi"),
    ]);
    expect(callbackOf(r, "device/q/wi", "EvtWorkItem").irql).toBe("PASSIVE_LEVEL");
  });

  it("IRQ-1: a DPC holding a mutex (S-8) still reports DISPATCH_LEVEL", () => {
    const r = run([
      driver({ attributes: attrs("Passive") }),
      device("device", { attributes: attrs("InheritFromParent", "Device") }),
      dpc("device/dpc"),
    ]);
    const c = callbackOf(r, "device/dpc", "EvtDpcFunc");
    expect(lockOf(c.lock)).toEqual({ id: "device#lock", kind: "mutex" });
    expect(c.irql).toBe("DISPATCH_LEVEL");
  });
});

describe("IRQ-2: queue-delivered callbacks follow the queue's resolved level, locked or not", () => {
  const deliveredBy = (level: "Passive" | "Dispatch", scope: "None" | "Queue") =>
    queue("device/q", {
      attributes: attrs(level, scope),
      dispatchType: "Parallel",
      callbacks: [
        cb("EvtIoRead"),
        cb("EvtIoStop"),
        cb("EvtIoResume"),
        cb("EvtIoCanceledOnQueue"),
        cb("EvtRequestCancel", "MyCancel"),
        cb("EvtIoQueueState", "MyPurgeDone", { registration: "Purge" }),
        cb("EvtIoQueueState", "MyStopDone", { registration: "Stop" }),
      ],
    });
  const slots: [string, "Purge" | "Stop" | undefined][] = [
    ["EvtIoRead", undefined],
    ["EvtIoStop", undefined],
    ["EvtIoResume", undefined],
    ["EvtIoCanceledOnQueue", undefined],
    ["EvtRequestCancel", undefined],
    ["EvtIoQueueState", "Purge"],
    ["EvtIoQueueState", "Stop"],
  ];

  it.each([
    ["Passive", "None", "PASSIVE_LEVEL"],
    ["Passive", "Queue", "PASSIVE_LEVEL"],
    ["Dispatch", "None", "DISPATCH_LEVEL"],
    ["Dispatch", "Queue", "DISPATCH_LEVEL"],
  ] as const)(
    "IRQ-2: level %s, scope %s → every queue-delivered callback reports %s",
    (level, scope, irql) => {
      const r = run([device(), deliveredBy(level, scope)]);
      for (const [event, registration] of slots) {
        expect([event, registration, callbackOf(r, "device/q", event, registration).irql]).toEqual([
          event,
          registration,
          irql,
        ]);
      }
    },
  );

  it("IRQ-2: the never-locked stop-complete callback of a Dispatch Queue-scope queue reports DISPATCH_LEVEL", () => {
    const c = callbackOf(
      run([device(), deliveredBy("Dispatch", "Queue")]),
      "device/q",
      "EvtIoQueueState",
      "Stop",
    );
    expect(c.lock).toBeNull();
    expect(c.irql).toBe("DISPATCH_LEVEL");
  });

  it("IRQ-2: a Device-scope queue on an explicitly Passive device reports PASSIVE_LEVEL (device mutex held)", () => {
    const r = run([device("device", { attributes: attrs("Passive", "Device") }), queue("device/q")]);
    expect(callbackOf(r, "device/q", "EvtIoDeviceControl").irql).toBe("PASSIVE_LEVEL");
  });
});

describe("IRQ-3: every UMDF 2 callback reports PASSIVE_LEVEL", () => {
  it("IRQ-3: UMDF ISR, EvtInterruptDpc, spin-locked Dispatch queue, EvtIoInCallerContext, default timer, work item → all PASSIVE_LEVEL", () => {
    const r = run(
      [
        device("device", { callbacks: [cb("EvtIoInCallerContext"), cb("EvtDeviceD0Entry")] }),
        queue("device/q", { attributes: attrs("Dispatch", "Queue") }),
        interrupt("device/int", {
          passiveHandling: true,
          callbacks: [cb("EvtInterruptIsr"), cb("EvtInterruptDpc")],
        }),
        timer("device/t"),
        workItem("device/q/wi", { automaticSerialization: false }),
      ],
      "umdf2",
    );
    expect(r.callbacks.length).toBe(7);
    expect(r.callbacks.filter((c) => c.irql !== "PASSIVE_LEVEL").map((c) => c.id)).toEqual([]);
  });
});

describe("IRQ-4: KMDF fixed kinds", () => {
  const r = run([
    driver({ callbacks: [cb("EvtDriverDeviceAdd")] }),
    device("device", {
      callbacks: [cb("EvtDevicePrepareHardware"), cb("EvtDeviceD0Entry"), cb("EvtIoInCallerContext")],
    }),
    fileObject("device", {
      callbacks: [cb("EvtDeviceFileCreate"), cb("EvtFileCleanup"), cb("EvtFileClose")],
    }),
    workItem("device/wi"),
    timer("device/pt", { attributes: attrs("Passive") }),
    timer("device/dt"),
    dpc("device/dpc"),
    interrupt("device/dirql", {
      callbacks: [
        cb("EvtInterruptIsr"),
        cb("EvtInterruptEnable"),
        cb("EvtInterruptDisable"),
        cb("EvtInterruptDpc"),
      ],
    }),
    interrupt("device/passive", {
      passiveHandling: true,
      callbacks: [
        cb("EvtInterruptIsr"),
        cb("EvtInterruptEnable"),
        cb("EvtInterruptDisable"),
        cb("EvtInterruptWorkItem"),
      ],
    }),
  ]);

  it.each([
    ["driver", "EvtDriverDeviceAdd"],
    ["device", "EvtDevicePrepareHardware"],
    ["device", "EvtDeviceD0Entry"],
    ["device/fileObject", "EvtDeviceFileCreate"],
    ["device/fileObject", "EvtFileCleanup"],
    ["device/fileObject", "EvtFileClose"],
    ["device/wi", "EvtWorkItem"],
    ["device/pt", "EvtTimerFunc"],
    ["device/passive", "EvtInterruptWorkItem"],
    ["device/passive", "EvtInterruptIsr"],
    ["device/passive", "EvtInterruptEnable"],
    ["device/passive", "EvtInterruptDisable"],
  ])("IRQ-4: %s %s → PASSIVE_LEVEL", (object, event) => {
    expect(callbackOf(r, object, event).irql).toBe("PASSIVE_LEVEL");
  });

  it.each([
    ["device/dpc", "EvtDpcFunc"],
    ["device/dt", "EvtTimerFunc"],
    ["device/dirql", "EvtInterruptDpc"],
    ["device", "EvtIoInCallerContext"],
  ])("IRQ-4: %s %s → DISPATCH_LEVEL", (object, event) => {
    expect(callbackOf(r, object, event).irql).toBe("DISPATCH_LEVEL");
  });

  it.each([
    ["device/dirql", "EvtInterruptIsr"],
    ["device/dirql", "EvtInterruptEnable"],
    ["device/dirql", "EvtInterruptDisable"],
  ])("IRQ-4: %s %s (PassiveHandling FALSE) → DIRQL", (object, event) => {
    expect(callbackOf(r, object, event).irql).toBe("DIRQL");
  });

  it("IRQ-4: EvtIoInCallerContext of an explicitly Passive device still reports DISPATCH_LEVEL", () => {
    const p = run([
      device("device", { attributes: attrs("Passive"), callbacks: [cb("EvtIoInCallerContext")] }),
    ]);
    expect(callbackOf(p, "device", "EvtIoInCallerContext").irql).toBe("DISPATCH_LEVEL");
  });
});
