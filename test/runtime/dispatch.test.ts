// Queue dispatch rules at run time (queues spec sections 3, 4, 6), each with a case where the
// rule applies and one where it does not.

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { maxConcurrent, simulate } from "./harness.js";

const queueDriver = (dispatchType: string, scope: string, EvtIoRead: unknown, extra: object = {}) => ({
  devices: {
    device: {
      queues: {
        q: {
          dispatchType,
          defaultQueue: true,
          attributes: { synchronizationScope: scope },
          callbacks: { EvtIoRead },
          ...extra,
        },
      },
    },
  },
});

const sendReads =
  (n: number) => async (io: { send: (t: "Read") => unknown; wait: (us: number) => Promise<void> }) => {
    for (let i = 0; i < n; i++) io.send("Read");
    await io.wait(1000);
  };

describe("dispatch", () => {
  it("DSP-S11: a Sequential queue presents the next request only after the driver gives the current one back", async () => {
    const held: SimRequest[] = [];
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      held.push(r);
      await ctx.stall(10);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const r = await simulate(queueDriver("Sequential", "None", EvtIoRead), sendReads(3), { cpus: 4 });
    expect(maxConcurrent(r, "device/q:EvtIoRead")).toBe(1);
    expect(r.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS", "STATUS_SUCCESS", "STATUS_SUCCESS"]);
  });

  it("DSP-08: without a presentation lock, completing early lets the next request in while the first callback still runs (Sequential)", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.stall(50);
    }
    const r = await simulate(
      queueDriver("Sequential", "None", EvtIoRead),
      async (io) => {
        io.send("Read");
        await io.wait(10);
        io.send("Read");
        await io.wait(200);
      },
      { cpus: 4 },
    );
    expect(maxConcurrent(r, "device/q:EvtIoRead")).toBe(2);
  });

  it("CC-1: with scope Queue the same early completion never overlaps two EvtIoRead calls", async () => {
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.stall(50);
    }
    const r = await simulate(queueDriver("Parallel", "Queue", EvtIoRead), sendReads(4), { cpus: 4 });
    expect(maxConcurrent(r, "device/q:EvtIoRead")).toBe(1);
    expect(r.findings).toEqual([]);
  });

  it("DSP-S12: a Parallel queue with NumberOfPresentedRequests = 2 has at most two requests driver-owned", async () => {
    let owned = 0;
    let maxOwned = 0;
    async function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      maxOwned = Math.max(maxOwned, ++owned);
      await ctx.stall(20);
      owned--;
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    await simulate(
      queueDriver("Parallel", "None", EvtIoRead, { numberOfPresentedRequests: 2 }),
      sendReads(5),
      { cpus: 4 },
    );
    expect(maxOwned).toBe(2);
    maxOwned = 0;
    await simulate(queueDriver("Parallel", "None", EvtIoRead), sendReads(5), { cpus: 8 });
    expect(maxOwned).toBe(5);
  });

  it("DSP-03: completing inside the callback does not re-enter the dispatcher on the same stack", async () => {
    let depth = 0;
    let maxDepth = 0;
    function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      maxDepth = Math.max(maxDepth, ++depth);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      depth--;
    }
    const r = await simulate(queueDriver("Sequential", "None", EvtIoRead), sendReads(3));
    expect(maxDepth).toBe(1);
    expect(r.requests.every((x) => x.status === "STATUS_SUCCESS")).toBe(true);
  });

  it("RTE-04 / PRS-02: no queue for the type, or no handler, completes with STATUS_INVALID_DEVICE_REQUEST", async () => {
    function EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    }
    const spec = {
      devices: {
        device: {
          queues: { q: { dispatchType: "Parallel", requestDispatching: ["Read"], callbacks: { EvtIoRead } } },
        },
      },
    };
    const r = await simulate(spec, (io) => {
      io.send("Read");
      io.send("Write");
    });
    expect(r.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS", "STATUS_INVALID_DEVICE_REQUEST"]);
  });
});
