// Expert findings about queues (src/analyze/lints-queues.ts): CFG-11, DSP-08 (both variants),
// RDY-01, PL-1 (both variants), U-2, CFG-06c. Each fires where it should and nowhere else.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { attrs, cb, config, device, queue, workItem } from "../helpers/build.js";
import { findingsOf, objectNamed } from "../helpers/explain-lookup.js";

const QUEUE_SCOPE = attrs("InheritFromParent", "Queue");
const DEVICE_SCOPE = attrs("InheritFromParent", "Device");

describe("CFG-11: a Parallel queue with NumberOfPresentedRequests = 0 never presents", () => {
  it("CFG-11: NumberOfPresentedRequests = 0 on a Parallel queue — error", () => {
    const result = explain(
      config([device(), queue("device/q", { dispatchType: "Parallel", numberOfPresentedRequests: 0 })]),
    );
    expect(objectNamed(result, "device/q").status).toBe("STATUS_SUCCESS");
    expect(findingsOf(result, "CFG-11")).toEqual([
      expect.objectContaining({ severity: "error", object: "device/q" }),
    ]);
  });

  it.each([null, 1, 5])("CFG-11 stays quiet for NumberOfPresentedRequests = %s", (n) => {
    const result = explain(
      config([device(), queue("device/q", { dispatchType: "Parallel", numberOfPresentedRequests: n })]),
    );
    expect(findingsOf(result, "CFG-11")).toEqual([]);
  });
});

describe("DSP-08: dispatch type vs presentation lock", () => {
  it("DSP-08 (info): a Sequential queue whose callbacks hold a lock", () => {
    const result = explain(config([device(), queue("device/q", { attributes: QUEUE_SCOPE })]));
    expect(findingsOf(result, "DSP-08")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q" }),
    ]);
  });

  it("DSP-08 (warning): a Sequential queue with scope None — callbacks can still overlap", () => {
    const result = explain(config([device(), queue("device/q")]));
    expect(findingsOf(result, "DSP-08")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it("DSP-08 (warning): a Parallel queue limited to one presented request, scope None", () => {
    const result = explain(
      config([device(), queue("device/q", { dispatchType: "Parallel", numberOfPresentedRequests: 1 })]),
    );
    expect(findingsOf(result, "DSP-08")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it.each([
    ["an unlimited Parallel queue without a lock", { dispatchType: "Parallel" as const }],
    ["a Parallel queue with a lock", { dispatchType: "Parallel" as const, attributes: QUEUE_SCOPE }],
    [
      "a Parallel queue limited to one request, with a lock",
      { dispatchType: "Parallel" as const, numberOfPresentedRequests: 1, attributes: QUEUE_SCOPE },
    ],
    ["a Manual queue", { dispatchType: "Manual" as const, callbacks: [cb("EvtIoStop")] }],
  ])("DSP-08 stays quiet for %s", (_, opts) => {
    const result = explain(config([device(), queue("device/q", opts)]));
    expect(objectNamed(result, "device/q").status).toBe("STATUS_SUCCESS");
    expect(findingsOf(result, "DSP-08")).toEqual([]);
  });
});

describe("RDY-01: a Manual queue that receives requests nobody takes", () => {
  it("RDY-01: a Manual default queue with no ReadyNotify and no retrieval — warning", () => {
    const result = explain(
      config([device(), queue("device/q", { dispatchType: "Manual", defaultQueue: true, callbacks: [] })]),
    );
    expect(findingsOf(result, "RDY-01")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it("RDY-01: a Manual queue that is a request-dispatching target, not drained — warning", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { dispatchType: "Manual", requestDispatching: ["Read"], callbacks: [] }),
      ]),
    );
    expect(findingsOf(result, "RDY-01")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it("RDY-01 stays quiet when the driver retrieves requests from it", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          dispatchType: "Manual",
          defaultQueue: true,
          retrievesRequests: true,
          callbacks: [],
        }),
      ]),
    );
    expect(findingsOf(result, "RDY-01")).toEqual([]);
  });

  it("RDY-01 stays quiet when a ReadyNotify callback is registered", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", {
          dispatchType: "Manual",
          defaultQueue: true,
          callbacks: [cb("EvtIoQueueState", "MyReady", { registration: "ReadyNotify" })],
        }),
      ]),
    );
    expect(findingsOf(result, "RDY-01")).toEqual([]);
  });

  it("RDY-01 stays quiet for a Manual queue that receives no requests", () => {
    const result = explain(config([device(), queue("device/q", { dispatchType: "Manual", callbacks: [] })]));
    expect(findingsOf(result, "RDY-01")).toEqual([]);
  });
});

describe("PL-1: locks nobody benefits from, and Manual queues used as lock owners", () => {
  it("PL-1: a Manual queue with no request callbacks serving as the lock owner of a child — info", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { dispatchType: "Manual", attributes: attrs("Passive", "Queue"), callbacks: [] }),
        workItem("device/q/workItem0"),
      ]),
    );
    expect(findingsOf(result, "PL-1")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q" }),
    ]);
  });

  it("PL-1: a device that sets scope Device while every queue chooses scope Queue — info on the device", () => {
    const result = explain(
      config([
        device("device", { attributes: DEVICE_SCOPE }),
        queue("device/q", { attributes: QUEUE_SCOPE }),
      ]),
    );
    expect(findingsOf(result, "PL-1")).toEqual([
      expect.objectContaining({ severity: "info", object: "device" }),
    ]);
  });

  it("PL-1: a Manual queue that sets scope Queue with no callback and no child under its lock — info on the queue", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { dispatchType: "Manual", attributes: QUEUE_SCOPE, callbacks: [] }),
      ]),
    );
    expect(findingsOf(result, "PL-1")).toEqual([
      expect.objectContaining({ severity: "info", object: "device/q" }),
    ]);
  });

  it("PL-1 stays quiet when a queue inherits the device's Device scope", () => {
    const result = explain(config([device("device", { attributes: DEVICE_SCOPE }), queue("device/q")]));
    expect(findingsOf(result, "PL-1")).toEqual([]);
  });

  it("PL-1 stays quiet for a scope-Queue queue with EvtIo callbacks", () => {
    const result = explain(config([device(), queue("device/q", { attributes: QUEUE_SCOPE })]));
    expect(findingsOf(result, "PL-1")).toEqual([]);
  });
});

describe("U-2: UMDF queue explicitly at Dispatch", () => {
  it("U-2: a UMDF queue with ExecutionLevel Dispatch is created, with a warning", () => {
    const result = explain(
      config([device(), queue("device/q", { attributes: attrs("Dispatch", "Queue") })], "umdf2"),
    );
    expect(objectNamed(result, "device/q").status).toBe("STATUS_SUCCESS");
    expect(findingsOf(result, "U-2")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it("U-2 stays quiet for a UMDF queue at the default (Passive) level", () => {
    expect(
      findingsOf(explain(config([device(), queue("device/q", { attributes: QUEUE_SCOPE })], "umdf2")), "U-2"),
    ).toEqual([]);
  });

  it("U-2 stays quiet in KMDF", () => {
    expect(
      findingsOf(
        explain(config([device(), queue("device/q", { attributes: attrs("Dispatch", "Queue") })])),
        "U-2",
      ),
    ).toEqual([]);
  });
});

describe("CFG-06c: UMDF EvtIoInternalDeviceControl", () => {
  const internal = { callbacks: [cb("EvtIoInternalDeviceControl")] };

  it("CFG-06c: UMDF before 2.19 only warns; the queue is created", () => {
    const result = explain(config([device(), queue("device/q", internal)], "umdf2", { major: 2, minor: 17 }));
    expect(objectNamed(result, "device/q").status).toBe("STATUS_SUCCESS");
    expect(findingsOf(result, "CFG-06c")).toEqual([
      expect.objectContaining({ severity: "warning", object: "device/q" }),
    ]);
  });

  it("CFG-06c: UMDF 2.19 fails WdfIoQueueCreate with STATUS_INVALID_PARAMETER — an error, not the warning", () => {
    const result = explain(config([device(), queue("device/q", internal)], "umdf2", { major: 2, minor: 19 }));
    expect(objectNamed(result, "device/q").status).toBe("STATUS_INVALID_PARAMETER");
    expect(findingsOf(result, "CFG-06c")).toEqual([
      expect.objectContaining({ severity: "error", object: "device/q" }),
    ]);
  });

  it("CFG-06c / VER-1: with no version stated UMDF 2.33 is assumed, so the queue fails", () => {
    const result = explain(config([device(), queue("device/q", internal)], "umdf2"));
    expect(objectNamed(result, "device/q").status).toBe("STATUS_INVALID_PARAMETER");
    expect(findingsOf(result, "CFG-06c").map((f) => f.severity)).toEqual(["error"]);
  });

  it("CFG-06c stays quiet in KMDF", () => {
    const result = explain(config([device(), queue("device/q", internal)], "kmdf", { major: 1, minor: 15 }));
    expect(objectNamed(result, "device/q").status).toBe("STATUS_SUCCESS");
    expect(findingsOf(result, "CFG-06c")).toEqual([]);
  });
});
