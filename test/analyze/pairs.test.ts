// Pair rules CC-1 and CC-3..CC-6 and the interrupt lock PL-3 (wdf-objects-and-locking.md 5.1, 6.7),
// seen through explain(). Expected answers are written from the spec, never computed by canOverlap.
// Self-pairs (CC-2 / S-10) are in self-overlap.test.ts.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import {
  attrs,
  cb,
  config,
  device,
  dpc,
  driver,
  interrupt,
  other,
  queue,
  timer,
  workItem,
} from "../helpers/build.js";
import { callbackNamed, findingsOf, objectNamed, pairOf } from "../helpers/explain-lookup.js";

const queueState = (registration: "ReadyNotify" | "Stop" | "StopAndPurge" | "Purge" | "Drain") =>
  cb("EvtIoQueueState", `My${registration}Complete`, { registration });

describe("CC-1: callbacks holding the same lock instance never overlap", () => {
  it("CC-1: two EvtIo callbacks of one Queue-scope queue share the queue lock", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          attributes: attrs("InheritFromParent", "Queue"),
          callbacks: [cb("EvtIoRead"), cb("EvtIoWrite")],
        }),
      ]),
    );
    const pair = pairOf(result, "device/q:EvtIoRead", "device/q:EvtIoWrite");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
  });

  it("CC-1: a callback holding a lock does not overlap itself", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: attrs("InheritFromParent", "Queue") })]),
    );
    const pair = pairOf(result, "device/q:EvtIoDeviceControl");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
  });

  it("CC-1: EvtIo callbacks of three queues on a Device-scope device share the device lock (worked answer c)", () => {
    const result = explain(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device/read", { callbacks: [cb("EvtIoRead")] }),
        queue("device/write", { callbacks: [cb("EvtIoWrite")] }),
        queue("device/ioctl", { callbacks: [cb("EvtIoDeviceControl")] }),
      ]),
    );
    for (const [a, b] of [
      ["device/read:EvtIoRead", "device/write:EvtIoWrite"],
      ["device/read:EvtIoRead", "device/ioctl:EvtIoDeviceControl"],
      ["device/write:EvtIoWrite", "device/ioctl:EvtIoDeviceControl"],
    ] as const) {
      const pair = pairOf(result, a, b);
      expect(pair.concurrent, `${a} / ${b}`).toBe(false);
      expect(pair.why).toContain("CC-1");
    }
  });

  it("CC-1: an AutomaticSerialization work item under a Passive Queue-scope manual queue shares its mutex (worked answer d)", () => {
    const result = explain(
      config([
        device(),
        queue("device/manual", {
          dispatchType: "Manual",
          attributes: attrs("Passive", "Queue"),
          callbacks: [cb("EvtIoCanceledOnQueue"), queueState("ReadyNotify")],
        }),
        workItem("device/manual/workItem0"),
      ]),
    );
    for (const other of [
      "device/manual:EvtIoCanceledOnQueue",
      "device/manual:EvtIoQueueState[ReadyNotify]",
    ]) {
      const pair = pairOf(result, "device/manual/workItem0:EvtWorkItem", other);
      expect(pair.concurrent, other).toBe(false);
      expect(pair.why).toContain("CC-1");
    }
  });

  it("CC-1 / S-8: a DPC taking the inherited-Passive device mutex at DISPATCH_LEVEL still never overlaps the queue, plus an S-8 error", () => {
    // Driver Passive -> device inherits Passive (mutex, no passive flag, DV-5) with scope Device:
    // the AutomaticSerialization DPC passes the S-4 check and takes the device mutex (S-8).
    const result = explain(
      config([
        driver({ attributes: attrs("Passive", "InheritFromParent") }),
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device/q"),
        dpc("device/dpc0"),
      ]),
    );
    expect(objectNamed(result, "device/dpc0").status).toBe("STATUS_SUCCESS");
    expect(callbackNamed(result, "device/dpc0:EvtDpcFunc").irql).toBe("DISPATCH_LEVEL");
    const pair = pairOf(result, "device/dpc0:EvtDpcFunc", "device/q:EvtIoDeviceControl");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
    expect(findingsOf(result, "S-8")).toEqual([
      expect.objectContaining({ rule: "S-8", severity: "error", object: "device/dpc0" }),
    ]);
  });

  it("CC-1 / S-8: a DPC-level timer on the same inherited-Passive device also keeps CC-1 and earns its own S-8 error", () => {
    const result = explain(
      config([
        driver({ attributes: attrs("Passive", "InheritFromParent") }),
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device/q"),
        timer("device/timer0"),
      ]),
    );
    // IRQ-1: a mutex never lowers the IRQL, so the timer still reports DISPATCH_LEVEL.
    expect(callbackNamed(result, "device/timer0:EvtTimerFunc").irql).toBe("DISPATCH_LEVEL");
    const pair = pairOf(result, "device/timer0:EvtTimerFunc", "device/q:EvtIoDeviceControl");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
    expect(findingsOf(result, "S-8")).toEqual([
      expect.objectContaining({ rule: "S-8", severity: "error", object: "device/timer0" }),
    ]);
  });

  it("CC-1: no S-8 finding when the DPC's lock is a spin lock", () => {
    const result = explain(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device/q"),
        dpc("device/dpc0"),
      ]),
    );
    expect(pairOf(result, "device/dpc0:EvtDpcFunc", "device/q:EvtIoDeviceControl").concurrent).toBe(false);
    expect(findingsOf(result, "S-8")).toEqual([]);
  });

  it("CC-1 does not apply to two devices: each WdfDeviceCreate site has its own device lock", () => {
    const result = explain(
      config([
        device("device0", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device0/q"),
        device("device1", { attributes: attrs("InheritFromParent", "Device") }),
        queue("device1/q"),
      ]),
    );
    const pair = pairOf(result, "device0/q:EvtIoDeviceControl", "device1/q:EvtIoDeviceControl");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });
});

describe("CC-3: stop-complete and purge/drain-complete callbacks vs their own queue", () => {
  // KMDF defaults: device Dispatch + None, so these queues take no lock and CC-3 (not CC-1) decides.
  const sequential = (callsWdfIoQueueStart: boolean) =>
    explain(
      config([
        device(),
        queue("device/q", {
          callsWdfIoQueueStart,
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
        queue("device/other", { callbacks: [cb("EvtIoWrite")] }),
      ]),
    );
  const manual = (callsWdfIoQueueStart: boolean) =>
    explain(
      config([
        device(),
        queue("device/m", {
          dispatchType: "Manual",
          callsWdfIoQueueStart,
          callbacks: [queueState("ReadyNotify"), queueState("StopAndPurge"), queueState("Drain")],
        }),
      ]),
    );

  it.each([
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoRead"],
    ["device/q:EvtIoQueueState[Purge]", "device/q:EvtIoRead"],
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoQueueState[Purge]"],
  ])("CC-3: %s vs %s is false when the driver never calls WdfIoQueueStart", (a, b) => {
    const pair = pairOf(sequential(false), a, b);
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-3");
  });

  it.each([
    ["device/m:EvtIoQueueState[StopAndPurge]", "device/m:EvtIoQueueState[ReadyNotify]"],
    ["device/m:EvtIoQueueState[Drain]", "device/m:EvtIoQueueState[ReadyNotify]"],
    ["device/m:EvtIoQueueState[StopAndPurge]", "device/m:EvtIoQueueState[Drain]"],
  ])("CC-3: %s vs %s (manual queue) is false when the driver never calls WdfIoQueueStart", (a, b) => {
    const pair = pairOf(manual(false), a, b);
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-3");
  });

  it.each([
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoRead"],
    ["device/q:EvtIoQueueState[Purge]", "device/q:EvtIoRead"],
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoQueueState[Purge]"],
  ])("CC-3 does not apply once the driver calls WdfIoQueueStart: %s vs %s is true (CC-6)", (a, b) => {
    const pair = pairOf(sequential(true), a, b);
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it.each([
    ["device/m:EvtIoQueueState[StopAndPurge]", "device/m:EvtIoQueueState[ReadyNotify]"],
    ["device/m:EvtIoQueueState[Drain]", "device/m:EvtIoQueueState[ReadyNotify]"],
    ["device/m:EvtIoQueueState[StopAndPurge]", "device/m:EvtIoQueueState[Drain]"],
  ])(
    "CC-3 does not apply once the driver calls WdfIoQueueStart (manual queue): %s vs %s is true (CC-6)",
    (a, b) => {
      const pair = pairOf(manual(true), a, b);
      expect(pair.concurrent).toBe(true);
      expect(pair.why).toContain("CC-6");
    },
  );

  it.each([
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoStop"],
    ["device/q:EvtIoQueueState[Stop]", "device/q:EvtIoResume"],
    ["device/q:EvtIoQueueState[Purge]", "device/q:EvtIoCanceledOnQueue"],
    ["device/q:EvtIoQueueState[Purge]", "device/q:EvtRequestCancel:MyCancel"],
    ["device/q:EvtIoQueueState[Stop]", "device/other:EvtIoWrite"],
    ["device/q:EvtIoQueueState[Purge]", "device/other:EvtIoWrite"],
  ])("CC-3 does not cover %s vs %s: unlocked, so CC-6 says true", (a, b) => {
    const pair = pairOf(sequential(false), a, b);
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("CC-3: on a Queue-scope queue the never-locked stop-complete vs EvtIo* is still false (CC-1 cannot decide it)", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          attributes: attrs("InheritFromParent", "Queue"),
          callbacks: [cb("EvtIoRead"), queueState("Stop")],
        }),
      ]),
    );
    expect(callbackNamed(result, "device/q:EvtIoQueueState[Stop]").lock).toBeNull();
    const pair = pairOf(result, "device/q:EvtIoQueueState[Stop]", "device/q:EvtIoRead");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-3");
  });

  it("CC-3 leaves the locked purge-complete vs EvtIoStop to CC-1 (false) and the never-locked stop-complete vs EvtIoStop to CC-6 (true)", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          attributes: attrs("InheritFromParent", "Queue"),
          callbacks: [cb("EvtIoRead"), cb("EvtIoStop"), queueState("Stop"), queueState("Purge")],
        }),
      ]),
    );
    const purge = pairOf(result, "device/q:EvtIoQueueState[Purge]", "device/q:EvtIoStop");
    expect(purge.concurrent).toBe(false);
    expect(purge.why).toContain("CC-1");
    const stop = pairOf(result, "device/q:EvtIoQueueState[Stop]", "device/q:EvtIoStop");
    expect(stop.concurrent).toBe(true);
    expect(stop.why).toContain("CC-6");
  });
});

describe("CC-4: PnP / power / power-policy callbacks of one device", () => {
  const SYNCHRONIZED = [
    "EvtDevicePrepareHardware",
    "EvtDeviceD0Entry",
    "EvtDeviceSelfManagedIoInit",
    "EvtDeviceArmWakeFromS0",
  ];
  const UNSYNCHRONIZED = ["EvtDeviceSurpriseRemoval", "EvtDeviceQueryRemove", "EvtDeviceQueryStop"];
  const pnp = () =>
    explain(
      config([
        device("device", {
          callbacks: [...SYNCHRONIZED, ...UNSYNCHRONIZED, "EvtIoInCallerContext"].map((e) => cb(e)),
        }),
        queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
        workItem("device/workItem0", { automaticSerialization: false }),
        device("device1", { callbacks: [cb("EvtDeviceD0Entry")] }),
      ]),
    );

  it.each([
    ["EvtDevicePrepareHardware", "EvtDeviceD0Entry"],
    ["EvtDevicePrepareHardware", "EvtDeviceSelfManagedIoInit"],
    ["EvtDeviceD0Entry", "EvtDeviceSelfManagedIoInit"],
    ["EvtDeviceD0Entry", "EvtDeviceArmWakeFromS0"],
  ])("CC-4: %s vs %s of one device is false", (a, b) => {
    const pair = pairOf(pnp(), `device:${a}`, `device:${b}`);
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-4");
  });

  it.each([
    ["EvtDeviceSurpriseRemoval", "EvtDeviceD0Entry"],
    ["EvtDeviceSurpriseRemoval", "EvtDevicePrepareHardware"],
    ["EvtDeviceQueryRemove", "EvtDevicePrepareHardware"],
    ["EvtDeviceQueryStop", "EvtDeviceD0Entry"],
    ["EvtDeviceQueryStop", "EvtDeviceArmWakeFromS0"],
    ["EvtDeviceSurpriseRemoval", "EvtDeviceQueryRemove"],
  ])("CC-4: %s vs %s is true (not synchronized with the other PnP callbacks)", (a, b) => {
    const pair = pairOf(pnp(), `device:${a}`, `device:${b}`);
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-4");
  });

  it.each(UNSYNCHRONIZED)("CC-4: %s does not overlap itself", (event) => {
    expect(pairOf(pnp(), `device:${event}`).concurrent).toBe(false);
  });

  it.each([
    ["device:EvtDeviceD0Entry", "device/q:EvtIoDeviceControl"],
    ["device:EvtDevicePrepareHardware", "device:EvtIoInCallerContext"],
    ["device:EvtDeviceD0Entry", "device/workItem0:EvtWorkItem"],
    ["device:EvtDeviceD0Entry", "device1:EvtDeviceD0Entry"],
  ])("CC-4 does not cover %s vs %s: PnP callbacks hold no lock, so CC-6 says true", (a, b) => {
    const pair = pairOf(pnp(), a, b);
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });
});

describe("CC-5: EvtIoStop / EvtIoResume vs presentation on one unlocked queue", () => {
  type QueueOpts = {
    powerManaged: "WdfTrue" | "WdfFalse" | "WdfUseDefault";
    filter?: boolean;
    controlDevice?: boolean;
  };
  const powerQueue = ({ powerManaged, filter = false, controlDevice = false }: QueueOpts) =>
    explain(
      config([
        device("device", { filter, controlDevice }),
        queue("device/q", { powerManaged, callbacks: [cb("EvtIoRead"), cb("EvtIoStop"), cb("EvtIoResume")] }),
        queue("device/other", { powerManaged, callbacks: [cb("EvtIoWrite")] }),
      ]),
    );

  // CFG-07: WdfTrue -> managed; WdfFalse -> not; WdfUseDefault -> managed unless filter; control device -> never.
  it.each<[string, QueueOpts]>([
    ["WdfTrue on a non-filter device", { powerManaged: "WdfTrue" }],
    ["WdfUseDefault on a non-filter device", { powerManaged: "WdfUseDefault" }],
    ["WdfTrue on a filter device", { powerManaged: "WdfTrue", filter: true }],
  ])("CC-5: EvtIoStop vs EvtIo* is false on a power-managed queue (%s)", (_, opts) => {
    const pair = pairOf(powerQueue(opts), "device/q:EvtIoStop", "device/q:EvtIoRead");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-5");
  });

  it.each<[string, QueueOpts]>([
    ["WdfFalse", { powerManaged: "WdfFalse" }],
    ["WdfUseDefault on a filter device", { powerManaged: "WdfUseDefault", filter: true }],
    ["WdfTrue on a control device", { powerManaged: "WdfTrue", controlDevice: true }],
    ["WdfUseDefault on a control device", { powerManaged: "WdfUseDefault", controlDevice: true }],
  ])("CC-5: EvtIoStop vs EvtIo* is true on a queue that is not power-managed (%s)", (_, opts) => {
    const pair = pairOf(powerQueue(opts), "device/q:EvtIoStop", "device/q:EvtIoRead");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-5");
  });

  it.each<[string, QueueOpts]>([
    ["power-managed", { powerManaged: "WdfTrue" }],
    ["not power-managed", { powerManaged: "WdfFalse" }],
  ])("CC-5: EvtIoResume vs EvtIo* is true (%s)", (_, opts) => {
    const pair = pairOf(powerQueue(opts), "device/q:EvtIoResume", "device/q:EvtIoRead");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-5");
  });

  it.each<[string, QueueOpts]>([
    ["power-managed", { powerManaged: "WdfTrue" }],
    ["not power-managed", { powerManaged: "WdfFalse" }],
  ])("CC-5: EvtIoStop vs EvtIoResume is false (%s)", (_, opts) => {
    const pair = pairOf(powerQueue(opts), "device/q:EvtIoStop", "device/q:EvtIoResume");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-5");
  });

  it("CC-5 does not cover another queue's EvtIo*: EvtIoStop of a power-managed queue vs it is true (CC-6)", () => {
    const pair = pairOf(
      powerQueue({ powerManaged: "WdfTrue" }),
      "device/q:EvtIoStop",
      "device/other:EvtIoWrite",
    );
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("CC-5 yields to CC-1 on a locked queue: EvtIoStop vs EvtIo* of a non-power-managed Queue-scope queue is false", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          powerManaged: "WdfFalse",
          attributes: attrs("InheritFromParent", "Queue"),
          callbacks: [cb("EvtIoRead"), cb("EvtIoStop"), cb("EvtIoResume")],
        }),
      ]),
    );
    for (const other of ["device/q:EvtIoStop", "device/q:EvtIoResume"]) {
      const pair = pairOf(result, other, "device/q:EvtIoRead");
      expect(pair.concurrent, other).toBe(false);
      expect(pair.why).toContain("CC-1");
    }
  });
});

describe("CC-6: everything else can overlap", () => {
  it("CC-6: EvtIo callbacks of two Queue-scope queues hold different locks", () => {
    const result = explain(
      config([
        device(),
        queue("device/a", { attributes: attrs("InheritFromParent", "Queue"), callbacks: [cb("EvtIoRead")] }),
        queue("device/b", { attributes: attrs("InheritFromParent", "Queue"), callbacks: [cb("EvtIoWrite")] }),
      ]),
    );
    const pair = pairOf(result, "device/a:EvtIoRead", "device/b:EvtIoWrite");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("CC-6: a work item without AutomaticSerialization vs a locked EvtIoDeviceControl (worked answer a)", () => {
    const result = explain(
      config([
        device("device", { attributes: attrs("InheritFromParent", "Queue") }),
        queue("device/ioctl"),
        workItem("device/ioctl/workItem0", { automaticSerialization: false }),
      ]),
    );
    const pair = pairOf(result, "device/ioctl/workItem0:EvtWorkItem", "device/ioctl:EvtIoDeviceControl");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("CC-6: the reason adds a preemption sentence when the IRQLs differ (a DPC over a passive work item)", () => {
    const result = explain(
      config([
        device(),
        dpc("device/dpc0", { automaticSerialization: false }),
        workItem("device/workItem0", { automaticSerialization: false }),
      ]),
    );
    expect(callbackNamed(result, "device/dpc0:EvtDpcFunc").irql).toBe("DISPATCH_LEVEL");
    expect(callbackNamed(result, "device/workItem0:EvtWorkItem").irql).toBe("PASSIVE_LEVEL");
    const pair = pairOf(result, "device/dpc0:EvtDpcFunc", "device/workItem0:EvtWorkItem");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
    expect(pair.why).toMatch(/preempt/i);
  });

  it("CC-6: no preemption sentence when both run at the same IRQL (two work items)", () => {
    const result = explain(
      config([
        device(),
        workItem("device/workItem0", { automaticSerialization: false }),
        workItem("device/workItem1", { automaticSerialization: false }),
      ]),
    );
    const pair = pairOf(result, "device/workItem0:EvtWorkItem", "device/workItem1:EvtWorkItem");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
    expect(pair.why).not.toMatch(/preempt/i);
  });
});

describe("PL-3: the interrupt lock", () => {
  const isrEnableDisable = [
    cb("EvtInterruptIsr"),
    cb("EvtInterruptEnable"),
    cb("EvtInterruptDisable"),
    cb("EvtInterruptDpc"),
  ];

  it.each([
    ["EvtInterruptIsr", "EvtInterruptEnable"],
    ["EvtInterruptIsr", "EvtInterruptDisable"],
    ["EvtInterruptEnable", "EvtInterruptDisable"],
  ])("PL-3: %s and %s of one interrupt hold the interrupt lock and never overlap (CC-1)", (a, b) => {
    const result = explain(config([device(), interrupt("device/int0", { callbacks: isrEnableDisable })]));
    const pair = pairOf(result, `device/int0:${a}`, `device/int0:${b}`);
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
  });

  it("PL-3: two interrupts naming the same WDFSPINLOCK share one lock, so their ISRs never overlap", () => {
    const result = explain(
      config([
        device(),
        other("device/spinLock0", "spinlock"),
        interrupt("device/int0", { interruptLock: "device/spinLock0" }),
        interrupt("device/int1", { interruptLock: "device/spinLock0" }),
      ]),
    );
    const lock = callbackNamed(result, "device/int0:EvtInterruptIsr").lock;
    expect(lock).not.toBeNull();
    expect(callbackNamed(result, "device/int1:EvtInterruptIsr").lock).toBe(lock);
    const pair = pairOf(result, "device/int0:EvtInterruptIsr", "device/int1:EvtInterruptIsr");
    expect(pair.concurrent).toBe(false);
    expect(pair.why).toContain("CC-1");
  });

  it("PL-3: two interrupts with built-in locks have different locks, so their ISRs can overlap (CC-6)", () => {
    const result = explain(config([device(), interrupt("device/int0"), interrupt("device/int1")]));
    const pair = pairOf(result, "device/int0:EvtInterruptIsr", "device/int1:EvtInterruptIsr");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("PL-3: EvtInterruptDpc does not take the interrupt lock, so it overlaps the ISR (CC-6)", () => {
    const result = explain(config([device(), interrupt("device/int0", { callbacks: isrEnableDisable })]));
    expect(callbackNamed(result, "device/int0:EvtInterruptDpc").lock).toBeNull();
    const pair = pairOf(result, "device/int0:EvtInterruptIsr", "device/int0:EvtInterruptDpc");
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("PL-3: an AutomaticSerialization EvtInterruptDpc holds its queue's lock, not the interrupt lock", () => {
    // Dispatch + Queue scope queue: not passive-flagged, so the DPC (wantsPassive FALSE) is compatible (6.5 step 9).
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: attrs("InheritFromParent", "Queue") }),
        interrupt("device/q/int0", { automaticSerialization: true, callbacks: isrEnableDisable }),
      ]),
    );
    const dpcLock = callbackNamed(result, "device/q/int0:EvtInterruptDpc").lock;
    expect(dpcLock).toBe(callbackNamed(result, "device/q:EvtIoDeviceControl").lock);
    expect(dpcLock).not.toBe(callbackNamed(result, "device/q/int0:EvtInterruptIsr").lock);
    expect(pairOf(result, "device/q/int0:EvtInterruptDpc", "device/q:EvtIoDeviceControl").concurrent).toBe(
      false,
    );
    const isr = pairOf(result, "device/q/int0:EvtInterruptDpc", "device/q/int0:EvtInterruptIsr");
    expect(isr.concurrent).toBe(true);
    expect(isr.why).toContain("CC-6");
  });
});
