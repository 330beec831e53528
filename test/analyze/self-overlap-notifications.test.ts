// CC-2 / S-10 for the queue notifications whose self-overlap the queues spec decides:
// DSP-05 (stop/purge-complete never), DSP-09 (cancel notifications), PWR-17 (EvtIoStop/Resume),
// RDY-04 (ReadyNotify) — unlocked on a scope-None queue, never with a presentation lock.

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import { attrs, cb, config, device, queue } from "../helpers/build.js";

const selfPair = (
  scope: "None" | "Queue",
  event: string,
  registration?: "Stop" | "Purge" | "ReadyNotify",
) => {
  const callbacks =
    registration === "ReadyNotify"
      ? [cb("EvtIoQueueState", "Ready", { registration })]
      : [
          cb("EvtIoDeviceControl"),
          registration ? cb("EvtIoQueueState", "Done", { registration }) : cb(event),
        ];
  const r = explain(
    config([
      device(),
      queue("device/q", {
        dispatchType: registration === "ReadyNotify" ? "Manual" : "Sequential",
        attributes: attrs("InheritFromParent", scope),
        callbacks,
      }),
    ]),
  );
  const id = registration ? `device/q:EvtIoQueueState[${registration}]` : `device/q:${event}`;
  const p = r.pairs.find((x) => x.a === id && x.b === id);
  if (!p) throw new Error(`no self pair for ${id}`);
  return p;
};

describe("CC-2 / S-10: queue notifications with themselves", () => {
  it("CC-2, DSP-05: stop-complete and purge-complete never overlap themselves, locked or not", () => {
    for (const scope of ["None", "Queue"] as const) {
      expect(selfPair(scope, "", "Stop").concurrent).toBe(false);
      expect(selfPair(scope, "", "Purge").concurrent).toBe(false);
    }
    expect(selfPair("None", "", "Stop").why).toContain("DSP-05");
  });

  it("CC-2, DSP-09: EvtIoCanceledOnQueue and EvtRequestCancel overlap themselves only without a presentation lock", () => {
    expect(selfPair("None", "EvtIoCanceledOnQueue").concurrent).toBe(true);
    expect(selfPair("None", "EvtIoCanceledOnQueue").why).toContain("DSP-09");
    expect(selfPair("Queue", "EvtIoCanceledOnQueue").concurrent).toBe(false);
  });

  it("CC-2, PWR-17: EvtIoStop and EvtIoResume overlap themselves on a scope-None queue, not under the queue lock", () => {
    for (const event of ["EvtIoStop", "EvtIoResume"]) {
      expect(selfPair("None", event).concurrent).toBe(true);
      expect(selfPair("None", event).why).toContain("PWR-17");
      expect(selfPair("Queue", event).concurrent).toBe(false);
    }
  });

  it("CC-2, RDY-04: a ReadyNotify callback overlaps itself only without a presentation lock", () => {
    expect(selfPair("None", "", "ReadyNotify").concurrent).toBe(true);
    expect(selfPair("None", "", "ReadyNotify").why).toContain("RDY-04");
    expect(selfPair("Queue", "", "ReadyNotify").concurrent).toBe(false);
  });
});
