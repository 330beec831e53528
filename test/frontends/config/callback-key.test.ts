// Callback ids: `<object>:<event>`, `[<registration>]` for EvtIoQueueState, `:<function>` for
// EvtRequestCancel (CAN-25: one routine per function) — the same ids the analyzer uses.

import { describe, expect, it } from "vitest";
import { callbackKey } from "../../../src/frontends/config/index.js";

describe("callbackKey", () => {
  it("names a slot by object and event", () => {
    expect(callbackKey("device/q", { event: "EvtIoRead", function: "MyRead" })).toBe("device/q:EvtIoRead");
  });

  it("adds the registering DDI to EvtIoQueueState", () => {
    const cb = { event: "EvtIoQueueState", function: "Ready", registration: "ReadyNotify" } as const;
    expect(callbackKey("device/q", cb)).toBe("device/q:EvtIoQueueState[ReadyNotify]");
  });

  it("CAN-25: adds the function to EvtRequestCancel", () => {
    expect(callbackKey("device/q", { event: "EvtRequestCancel", function: "MyCancel" })).toBe(
      "device/q:EvtRequestCancel:MyCancel",
    );
  });
});
