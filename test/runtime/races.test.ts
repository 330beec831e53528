// The race detector (races.ts): accesses of invocations in progress together with no lock in
// common are races, unless a framework ordering puts one before the other (the completion that
// freed a sequential queue's slot happens before the next presentation; an enqueue happens before
// the work item runs).

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";

const sequentialNoLock = (EvtIoRead: unknown) => ({
  devices: {
    device: {
      queues: {
        q: {
          dispatchType: "Sequential",
          defaultQueue: true,
          attributes: { synchronizationScope: "None" },
          callbacks: { EvtIoRead },
        },
      },
    },
  },
});

const twoReads = async (io: { send: (t: "Read") => unknown; wait: (us: number) => Promise<void> }) => {
  io.send("Read");
  await io.wait(5);
  io.send("Read");
  await io.wait(100);
};

const races = (r: { findings: readonly { rule: string; message: string }[] }) =>
  r.findings.filter((f) => f.rule === "DataRace");

describe("race detector", () => {
  it("DSP-S11 / CC-6: a write before WdfRequestComplete is ordered before the next presentation of a Sequential queue", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.cell("last", "").set(r.id); // before giving the slot back
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.stall(50); // still in progress when the next request is presented (DSP-08)
    }
    for (const seed of [1, 2, 3])
      expect(races(await simulate(sequentialNoLock(EvtIoRead), twoReads, { seed }))).toEqual([]);
  });

  it("DSP-08 / CC-6: a write after WdfRequestComplete races with the next presentation's write", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.stall(10);
      ctx.cell("last", "").set(r.id); // after the slot went back: the next call may be running
      await ctx.stall(50);
    }
    const r = await simulate(sequentialNoLock(EvtIoRead), twoReads, { seed: 1 });
    expect(races(r)).toHaveLength(1);
  });

  it("6.2 / CC-6: what EvtIoRead wrote before WdfWorkItemEnqueue is ordered before the work item", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.cell("pended", null as SimRequest | null).set(r);
      ctx.WdfWorkItemEnqueue("device/W");
      await ctx.stall(50); // the work item runs meanwhile on the other processor
    }
    function EvtWorkItem(ctx: WdfContext) {
      const r = ctx.cell("pended", null as SimRequest | null).get();
      if (r) ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const spec = {
      devices: {
        device: {
          workItems: { W: { callback: EvtWorkItem } },
          queues: { q: { dispatchType: "Parallel", defaultQueue: true, callbacks: { EvtIoRead } } },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(races(r)).toEqual([]);
    expect(r.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS"]);
  });
});

describe("cell arrays and maps", () => {
  const parallel = (EvtIoRead: unknown) => ({
    devices: {
      device: { queues: { q: { dispatchType: "Parallel", defaultQueue: true, callbacks: { EvtIoRead } } } },
    },
  });
  const reads = async (io: {
    send: (t: "Read", f: { outputLength: number }) => unknown;
    wait: (us: number) => Promise<void>;
  }) => {
    io.send("Read", { outputLength: 1 });
    io.send("Read", { outputLength: 2 });
    await io.wait(100);
  };

  it("CC-6: two callbacks writing different elements of a cell array do not race; the same element does", async () => {
    const slot = (same: boolean) =>
      async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest, length: number) {
        const stats = ctx.cellArray("perLength", [0, 0, 0]);
        const i = same ? 0 : length;
        const n = stats.get(i) ?? 0;
        await ctx.stall(10);
        stats.set(i, n + 1);
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      };
    expect(races(await simulate(parallel(slot(false)), reads))).toEqual([]);
    const r = await simulate(parallel(slot(true)), reads);
    expect(races(r).map((f) => f.message)).toEqual([expect.stringContaining('"perLength[0]"')]);
  });

  it("CC-6: adding keys to a cell map writes its key set, so two callbacks adding keys race", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      const open = ctx.cellMap<string, number>("inFlight");
      const known = open.has(r.id);
      await ctx.stall(10);
      if (!known) open.set(r.id, 1);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const r = await simulate(parallel(EvtIoRead), reads);
    expect(races(r).map((f) => f.message)).toEqual([expect.stringContaining('"inFlight.keys"')]);
  });
});
