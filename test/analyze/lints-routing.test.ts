// Findings about request routing and UMDF interrupts (src/analyze/lints-routing.ts): RTE-07 (one
// case per result row of the queues spec table that a DriverConfig can express), U-4; and VER-1.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { cb, config, device, interrupt, queue } from "../helpers/build.js";
import { findingsOf } from "../helpers/explain-lookup.js";

describe("RTE-07: WdfDeviceConfigureRequestDispatching validation", () => {
  it("RTE-07: a queue that cannot handle the type (no EvtIoDefault, no EvtIoWrite) — STATUS_INVALID_DEVICE_REQUEST", () => {
    const result = explain(
      config([device(), queue("device/q", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Write"] })]),
    );
    const findings = findingsOf(result, "RTE-07");
    expect(findings).toEqual([expect.objectContaining({ severity: "error", object: "device/q" })]);
    expect(findings[0]!.message).toContain("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("RTE-07: Create needs EvtIoDefault or a Manual queue — STATUS_INVALID_DEVICE_REQUEST", () => {
    const result = explain(
      config([device(), queue("device/q", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Create"] })]),
    );
    const findings = findingsOf(result, "RTE-07");
    expect(findings).toEqual([expect.objectContaining({ severity: "error", object: "device/q" })]);
    expect(findings[0]!.message).toContain("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("RTE-07: a type other than Create routed to the default queue — STATUS_INVALID_DEVICE_REQUEST", () => {
    const result = explain(
      config([
        device(),
        queue("device/q", { defaultQueue: true, callbacks: [cb("EvtIoRead")], requestDispatching: ["Read"] }),
      ]),
    );
    const findings = findingsOf(result, "RTE-07");
    expect(findings).toEqual([expect.objectContaining({ severity: "error", object: "device/q" })]);
    expect(findings[0]!.message).toContain("STATUS_INVALID_DEVICE_REQUEST");
  });

  it("RTE-07: the slot already points at another non-default queue — STATUS_WDF_BUSY on the second", () => {
    const result = explain(
      config([
        device(),
        queue("device/a", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Read"] }),
        queue("device/b", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Read"] }),
      ]),
    );
    const findings = findingsOf(result, "RTE-07");
    expect(findings).toEqual([expect.objectContaining({ severity: "error", object: "device/b" })]);
    expect(findings[0]!.message).toContain("STATUS_WDF_BUSY");
  });

  it("RTE-07: a second create queue — STATUS_INVALID_PARAMETER on the second", () => {
    const result = explain(
      config([
        device(),
        queue("device/a", { callbacks: [cb("EvtIoDefault")], requestDispatching: ["Create"] }),
        queue("device/b", { dispatchType: "Manual", callbacks: [], requestDispatching: ["Create"] }),
      ]),
    );
    const findings = findingsOf(result, "RTE-07");
    expect(findings).toEqual([expect.objectContaining({ severity: "error", object: "device/b" })]);
    expect(findings[0]!.message).toContain("STATUS_INVALID_PARAMETER");
  });

  it.each([
    [
      "a typed callback for the type",
      { callbacks: [cb("EvtIoWrite")], requestDispatching: ["Write" as const] },
    ],
    [
      "EvtIoDefault for any type",
      {
        callbacks: [cb("EvtIoDefault")],
        requestDispatching: ["Read" as const, "DeviceControlInternal" as const],
      },
    ],
    [
      "a Manual queue for Create",
      { dispatchType: "Manual" as const, callbacks: [], requestDispatching: ["Create" as const] },
    ],
    [
      "Create routed to the default queue",
      { defaultQueue: true, callbacks: [cb("EvtIoDefault")], requestDispatching: ["Create" as const] },
    ],
  ])("RTE-07 stays quiet for %s", (_, opts) => {
    expect(findingsOf(explain(config([device(), queue("device/q", opts)])), "RTE-07")).toEqual([]);
  });

  it("RTE-07 stays quiet when two devices each route Read to their own queue", () => {
    const result = explain(
      config([
        device("device0"),
        queue("device0/q", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Read"] }),
        device("device1"),
        queue("device1/q", { callbacks: [cb("EvtIoRead")], requestDispatching: ["Read"] }),
      ]),
    );
    expect(findingsOf(result, "RTE-07")).toEqual([]);
  });
});

describe("U-4: UMDF interrupts need PassiveHandling", () => {
  it("U-4: a UMDF interrupt without PassiveHandling — error", () => {
    const result = explain(config([device(), interrupt("device/int0", { passiveHandling: false })], "umdf2"));
    expect(findingsOf(result, "U-4")).toEqual([
      expect.objectContaining({ severity: "error", object: "device/int0" }),
    ]);
  });

  it("U-4 stays quiet for a UMDF interrupt with PassiveHandling", () => {
    expect(
      findingsOf(
        explain(config([device(), interrupt("device/int0", { passiveHandling: true })], "umdf2")),
        "U-4",
      ),
    ).toEqual([]);
  });

  it("U-4 stays quiet for a KMDF DIRQL interrupt", () => {
    expect(
      findingsOf(explain(config([device(), interrupt("device/int0", { passiveHandling: false })])), "U-4"),
    ).toEqual([]);
  });
});

describe("VER-1: an unstated client version", () => {
  it("VER-1: no version stated — one info finding naming KMDF 1.33", () => {
    const findings = findingsOf(explain(config([device()], "kmdf", null)), "VER-1");
    expect(findings).toEqual([expect.objectContaining({ severity: "info", object: null })]);
    expect(findings[0]!.message).toContain("1.33");
  });

  it("VER-1: no version stated — one info finding naming UMDF 2.33", () => {
    const findings = findingsOf(explain(config([device()], "umdf2", null)), "VER-1");
    expect(findings).toEqual([expect.objectContaining({ severity: "info", object: null })]);
    expect(findings[0]!.message).toContain("2.33");
  });

  it("VER-1 stays quiet when the version is stated", () => {
    expect(findingsOf(explain(config([device()], "kmdf", { major: 1, minor: 15 })), "VER-1")).toEqual([]);
    expect(findingsOf(explain(config([device()], "umdf2", { major: 2, minor: 33 })), "VER-1")).toEqual([]);
  });
});
