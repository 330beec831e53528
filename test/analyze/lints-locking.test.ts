// Expert findings about locks (src/analyze/lints-locking.ts): Q-3, S-5, S-3 / S-7, S-6, DSP-10.
// Each lint gets a case where it fires and cases where it must stay quiet.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { attrs, cb, config, device, dpc, interrupt, queue, timer, workItem } from "../helpers/build.js";
import { findingsOf } from "../helpers/explain-lookup.js";

const QUEUE_SCOPE = attrs("InheritFromParent", "Queue");
const DEVICE_SCOPE = attrs("InheritFromParent", "Device");
const NONE_SCOPE = attrs("InheritFromParent", "None");

describe("Q-3: Device scope serializes the callbacks of several queues", () => {
  it("Q-3: two queues inheriting Device scope share the device lock — one warning on the device", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/read", { callbacks: [cb("EvtIoRead")] }),
        queue("device/write", { callbacks: [cb("EvtIoWrite")] }),
      ]),
    );
    expect(findingsOf(result, "Q-3")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device" }),
    ]);
  });

  it("Q-3 stays quiet with a single Device-scope queue", () => {
    const result = explain(config([device("device", { attributes: DEVICE_SCOPE }), queue("device/read")]));
    expect(findingsOf(result, "Q-3")).toEqual([]);
  });

  it("Q-3 stays quiet when the queues choose scope Queue on a Device-scope device", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/a", { attributes: QUEUE_SCOPE }),
        queue("device/b", { attributes: QUEUE_SCOPE }),
      ]),
    );
    expect(findingsOf(result, "Q-3")).toEqual([]);
  });
});

describe("S-5: an AutomaticSerialization child shares its queue's EvtIo lock", () => {
  it("S-5: a DPC under a Dispatch Queue-scope queue holds the lock of the queue's EvtIo callbacks — info", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: QUEUE_SCOPE }), dpc("device/q/dpc0")]),
    );
    expect(findingsOf(result, "S-5")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q/dpc0" }),
    ]);
  });

  it("S-5 stays quiet without AutomaticSerialization", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: QUEUE_SCOPE }),
        dpc("device/q/dpc0", { automaticSerialization: false }),
      ]),
    );
    expect(findingsOf(result, "S-5")).toEqual([]);
  });

  it("S-5 stays quiet when the owner queue has scope None (no lock to share)", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: NONE_SCOPE }), dpc("device/q/dpc0")]),
    );
    expect(findingsOf(result, "S-5")).toEqual([]);
  });
});

describe("S-3 / S-7: AutomaticSerialization without effect", () => {
  it("S-3: an AutomaticSerialization work item under a scope-None queue takes no lock — info", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: NONE_SCOPE }), workItem("device/q/workItem0")]),
    );
    expect(findingsOf(result, "S-3")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q/workItem0" }),
    ]);
    expect(findingsOf(result, "S-7")).toEqual([]);
  });

  it("S-7: device scope None while a queue opts into Device scope — a DPC parented to the device still gets no lock", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: DEVICE_SCOPE }), dpc("device/dpc0")]),
    );
    expect(findingsOf(result, "S-7")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/dpc0" }),
    ]);
  });

  it("S-7 needs a queue that opted into Device scope; without one, a device-parented child with no lock is plain S-3", () => {
    const result = explain(config([device(), queue("device/q"), dpc("device/dpc0")]));
    expect(findingsOf(result, "S-7")).toEqual([]);
    expect(findingsOf(result, "S-3")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/dpc0" }),
    ]);
  });

  it("S-3 / S-7 stay quiet when AutomaticSerialization is FALSE", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: DEVICE_SCOPE }),
        dpc("device/dpc0", { automaticSerialization: false }),
        workItem("device/q/workItem0", { automaticSerialization: false }),
      ]),
    );
    expect([...findingsOf(result, "S-3"), ...findingsOf(result, "S-7")]).toEqual([]);
  });

  it("S-3 / S-7 stay quiet when the owner's scope takes a lock", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: QUEUE_SCOPE }), timer("device/q/timer0")]),
    );
    expect([...findingsOf(result, "S-3"), ...findingsOf(result, "S-7")]).toEqual([]);
  });

  it("S-3 / S-7 stay quiet for an AutomaticSerialization interrupt without EvtInterruptDpc / EvtInterruptWorkItem", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: NONE_SCOPE }),
        interrupt("device/q/int0", { automaticSerialization: true, callbacks: [cb("EvtInterruptIsr")] }),
      ]),
    );
    expect([...findingsOf(result, "S-3"), ...findingsOf(result, "S-7")]).toEqual([]);
  });
});

describe("S-6: device scope Queue and a child parented to the device", () => {
  it("S-6: a DPC parented to a scope-Queue device gets the device lock no queue uses — warning", () => {
    const result = explain(
      config([device("device", { attributes: QUEUE_SCOPE }), queue("device/q"), dpc("device/dpc0")]),
    );
    expect(findingsOf(result, "S-6")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/dpc0" }),
    ]);
  });

  it("S-6 stays quiet for a child parented to the queue", () => {
    const result = explain(
      config([device("device", { attributes: QUEUE_SCOPE }), queue("device/q"), dpc("device/q/dpc0")]),
    );
    expect(findingsOf(result, "S-6")).toEqual([]);
  });

  it("S-6 stays quiet when the device scope is Device (the queues share that lock)", () => {
    const result = explain(
      config([device("device", { attributes: DEVICE_SCOPE }), queue("device/q"), dpc("device/dpc0")]),
    );
    expect(findingsOf(result, "S-6")).toEqual([]);
  });
});

describe("DSP-10: a Passive queue fed from DISPATCH_LEVEL callbacks", () => {
  it("DSP-10: a Passive-level queue plus a DPC in KMDF — info on the queue", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: attrs("Passive", "Queue") }),
        dpc("device/dpc0", { automaticSerialization: false }),
      ]),
    );
    expect(findingsOf(result, "DSP-10")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q" }),
    ]);
  });

  it("DSP-10 stays quiet for a Dispatch-level queue", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: QUEUE_SCOPE }),
        dpc("device/dpc0", { automaticSerialization: false }),
      ]),
    );
    expect(findingsOf(result, "DSP-10")).toEqual([]);
  });

  it("DSP-10 stays quiet when nothing runs at DISPATCH_LEVEL", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { attributes: attrs("Passive", "Queue") }),
        workItem("device/workItem0", { automaticSerialization: false }),
      ]),
    );
    expect(findingsOf(result, "DSP-10")).toEqual([]);
  });

  it("DSP-10 stays quiet in UMDF (DSP-13: no DPCs, DSP-10 never fires)", () => {
    const result = explain(
      config(
        [
          device(),
          queue("device/q", { attributes: QUEUE_SCOPE }),
          timer("device/timer0", { automaticSerialization: false }),
        ],
        "umdf2",
      ),
    );
    expect(findingsOf(result, "DSP-10")).toEqual([]);
  });
});
