// The seed questions (shared/seeds/) answered by the example inputs, asserted literally from the
// rule books — so the goldens are not only checked against wdfsim's own earlier output.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { ExplainResult } from "../../src/analyze/explain-result.js";
import { loadDriver } from "../../src/frontends/load.js";

const run = async (example: string): Promise<ExplainResult> =>
  explain((await loadDriver(join(import.meta.dirname, "../../examples", example))).config);

const pair = (r: ExplainResult, a: string, b: string) => {
  const p = r.pairs.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
  if (!p) throw new Error(`no pair ${a} / ${b}`);
  return p;
};
const obj = (r: ExplainResult, id: string) => r.objects.find((o) => o.id === id)!;
const callback = (r: ExplainResult, id: string) => r.callbacks.find((c) => c.id === id)!;

describe("seed 000: Sequential vs scope Queue with a pending work item", () => {
  it("CC-1/S-10: EvtIoDeviceControl never overlaps itself, holding the queue's own spin lock at DISPATCH_LEVEL", async () => {
    const r = await run("000-sequential-vs-queue-scope/driver.yaml");
    const ioctl = callback(r, "device/IoctlQueue:EvtIoDeviceControl");
    expect(ioctl.lock).toBe("device/IoctlQueue#lock");
    expect(ioctl.irql).toBe("DISPATCH_LEVEL");
    expect(r.locks).toContainEqual({
      id: "device/IoctlQueue#lock",
      kind: "spin",
      owner: "device/IoctlQueue",
    });
    expect(pair(r, ioctl.id, ioctl.id).concurrent).toBe(false);
  });

  it("S-3/CC-6: the AutomaticSerialization=FALSE work item runs unlocked at PASSIVE_LEVEL, concurrently with EvtIoDeviceControl and itself", async () => {
    const r = await run("000-sequential-vs-queue-scope/driver.yaml");
    const work = callback(r, "device/IoctlQueue/WorkItem:EvtWorkItem");
    expect([work.lock, work.irql]).toEqual([null, "PASSIVE_LEVEL"]);
    expect(pair(r, work.id, "device/IoctlQueue:EvtIoDeviceControl").concurrent).toBe(true);
    expect(pair(r, work.id, work.id).concurrent).toBe(true);
  });

  it("DSP-08: the Sequential queue earns the finding that Parallel keeps callbacks serialized but lets requests in", async () => {
    const seq = await run("000-sequential-vs-queue-scope/driver.yaml");
    expect(seq.findings.some((f) => f.rule === "DSP-08" && f.object === "device/IoctlQueue")).toBe(true);
    const par = await run("000-sequential-vs-queue-scope/parallel.yaml");
    expect(par.findings.some((f) => f.rule === "DSP-08")).toBe(false);
    const ioctl = "device/IoctlQueue:EvtIoDeviceControl";
    expect(pair(par, ioctl, ioctl).concurrent).toBe(false);
  });

  it("the TypeScript model of the same driver explains exactly like the YAML (sources aside)", async () => {
    const strip = (r: ExplainResult) =>
      JSON.stringify({
        ...r,
        objects: r.objects.map((o) => ({ ...o, source: null })),
        findings: r.findings.map((f) => ({ ...f, source: null })),
      });
    expect(strip(await run("000-sequential-vs-queue-scope/model.ts"))).toBe(
      strip(await run("000-sequential-vs-queue-scope/driver.yaml")),
    );
  });
});

describe("seed 001: scope Queue vs Sequential dispatch", () => {
  it("Q-1/Q-4: each queue inheriting device scope Queue gets its own lock — ReadQueue and IoctlQueue callbacks can overlap", async () => {
    const r = await run("001-queue-scope-vs-sequential/driver.yaml");
    expect(obj(r, "device/ReadQueue").lock).toBe("device/ReadQueue#lock");
    expect(obj(r, "device/IoctlQueue").lock).toBe("device/IoctlQueue#lock");
    expect(pair(r, "device/ReadQueue:EvtIoRead", "device/IoctlQueue:EvtIoDeviceControl").concurrent).toBe(
      true,
    );
  });

  it("CC-1: a Parallel queue with scope Queue still runs one callback at a time; DSP-08: a scope-None Sequential queue does not", async () => {
    const r = await run("001-queue-scope-vs-sequential/driver.yaml");
    const ioctl = "device/IoctlQueue:EvtIoDeviceControl";
    expect(pair(r, ioctl, ioctl).concurrent).toBe(false);
    expect(pair(r, ioctl, "device/IoctlQueue:EvtIoStop").concurrent).toBe(false);
    const write = "device/UnlockedQueue:EvtIoWrite";
    expect(pair(r, write, write).concurrent).toBe(true);
  });
});

describe("seed 001 (msr): DPC, passive timers, work items under per-queue locks", () => {
  it("S-3: DPC and timers parented to a scope-None device get no lock; S-5: each work item gets its own queue's mutex", async () => {
    const r = await run("001-msr-dpc-timer-workitem/driver.yaml");
    expect(obj(r, "device/Dpc").lock).toBeNull();
    expect(obj(r, "device/Timer0").lock).toBeNull();
    expect(obj(r, "device/SyncQueue0/WorkItem0").lock).toBe("device/SyncQueue0#lock");
    expect(r.locks).toContainEqual({
      id: "device/SyncQueue0#lock",
      kind: "mutex",
      owner: "device/SyncQueue0",
    });
  });

  it("CC-6: nothing serializes the DPC, the two timers, or the two work items with each other; S-10: each work item is serialized with itself", async () => {
    const r = await run("001-msr-dpc-timer-workitem/driver.yaml");
    const [dpc, t0, t1, w0, w1] = [
      "device/Dpc:EvtDpcFunc",
      "device/Timer0:EvtTimerFunc",
      "device/Timer1:EvtTimerFunc",
      "device/SyncQueue0/WorkItem0:EvtWorkItem",
      "device/SyncQueue1/WorkItem1:EvtWorkItem",
    ];
    for (const [a, b] of [
      [dpc, t0],
      [t0, t1],
      [t0, w0],
      [w0, w1],
      [dpc, w1],
    ] as const) {
      expect(pair(r, a, b).concurrent, `${a} / ${b}`).toBe(true);
    }
    expect(pair(r, w0, w0).concurrent).toBe(false);
    expect(callback(r, t0).irql).toBe("PASSIVE_LEVEL");
    expect(callback(r, dpc).irql).toBe("DISPATCH_LEVEL");
  });

  it("V-1: as written, the DPC (level Dispatch) and the work item (level Passive) fail with STATUS_WDF_EXECUTION_LEVEL_INVALID", async () => {
    const r = await run("001-msr-dpc-timer-workitem/as-written.yaml");
    expect(obj(r, "device/Dpc").status).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
    expect(obj(r, "device/SyncQueue0/WorkItem0").status).toBe("STATUS_WDF_EXECUTION_LEVEL_INVALID");
    expect(obj(r, "device/Timer0").status).toBe("STATUS_SUCCESS");
  });
});

describe("seed 002: device scope with three queues", () => {
  it("Q-3/CC-1: EvtIoRead, EvtIoWrite and EvtIoDeviceControl of three queues all hold the device spin lock and never overlap", async () => {
    const r = await run("002-device-scope-three-queues/driver.yaml");
    const ids = [
      "device/ReadQueue:EvtIoRead",
      "device/WriteQueue:EvtIoWrite",
      "device/IoctlQueue:EvtIoDeviceControl",
    ];
    for (const id of ids) expect(callback(r, id).lock).toBe("device#lock");
    for (const a of ids) for (const b of ids) expect(pair(r, a, b).concurrent).toBe(false);
    expect(r.findings.some((f) => f.rule === "Q-3" && f.severity === "warning")).toBe(true);
  });

  it("CC-1: device scope serializes the callbacks of a Parallel queue too", async () => {
    const r = await run("002-device-scope-three-queues/parallel.yaml");
    expect(pair(r, "device/DefaultQueue:EvtIoRead", "device/DefaultQueue:EvtIoWrite").concurrent).toBe(false);
    expect(pair(r, "device/DefaultQueue:EvtIoRead", "device/DefaultQueue:EvtIoRead").concurrent).toBe(false);
  });
});

describe("seed 003: work item parented to a Passive, scope-Queue manual queue", () => {
  it("S-4/S-5: each work item is created and holds its queue's mutex; the two work items can overlap (different locks)", async () => {
    const r = await run("003-workitem-queue-scope/driver.yaml");
    expect(obj(r, "device/ParentQueue1/WorkItem1").status).toBe("STATUS_SUCCESS");
    const w1 = "device/ParentQueue1/WorkItem1:EvtWorkItem";
    const w2 = "device/ParentQueue2/WorkItem2:EvtWorkItem";
    expect(callback(r, w1).lock).toBe("device/ParentQueue1#lock");
    expect(pair(r, w1, w1).concurrent).toBe(false);
    expect(pair(r, w1, w2).concurrent).toBe(true);
  });
});

describe("seed 004: UMDF 2 dispatch modes", () => {
  it("IRQ-3/DSP-08: every callback is PASSIVE_LEVEL; without a scope even the Sequential queue's EvtIoRead can overlap itself", async () => {
    const r = await run("004-umdf2-dispatch-modes/driver.yaml");
    expect(new Set(r.callbacks.map((c) => c.irql))).toEqual(new Set(["PASSIVE_LEVEL"]));
    expect(pair(r, "device/DefaultQueue:EvtIoRead", "device/DefaultQueue:EvtIoRead").concurrent).toBe(true);
    expect(
      pair(r, "device/IoctlQueue:EvtIoDeviceControl", "device/IoctlQueue:EvtIoDeviceControl").concurrent,
    ).toBe(true);
  });

  it("U-1/L-8: with scope Queue each UMDF queue's callbacks hold its own mutex-class lock", async () => {
    const r = await run("004-umdf2-dispatch-modes/synchronized.yaml");
    expect(r.locks).toContainEqual({
      id: "device/DefaultQueue#lock",
      kind: "mutex",
      owner: "device/DefaultQueue",
    });
    expect(pair(r, "device/DefaultQueue:EvtIoRead", "device/DefaultQueue:EvtIoWrite").concurrent).toBe(false);
    expect(pair(r, "device/DefaultQueue:EvtIoRead", "device/IoctlQueue:EvtIoDeviceControl").concurrent).toBe(
      true,
    );
  });
});
