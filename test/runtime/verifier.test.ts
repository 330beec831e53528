// Verifier findings: each check with a driver that trips it and one that does not.

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";

const driver = (callbacks: object, extra: object = {}) => ({
  devices: {
    device: { queues: { q: { dispatchType: "Parallel", defaultQueue: true, callbacks, ...extra } } },
  },
});
const rules = (r: { findings: readonly { rule: string }[] }) => r.findings.map((f) => f.rule);

describe("verifier", () => {
  it("BUG-02 DoubleCompletion: completing twice is reported; once is clean", async () => {
    const twice = (ctx: WdfContext, _q: string, r: SimRequest) => {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    };
    const once = (ctx: WdfContext, _q: string, r: SimRequest) => ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    expect(rules(await simulate(driver({ EvtIoRead: twice }), (io) => void io.send("Read")))).toEqual([
      "DoubleCompletion",
    ]);
    expect(rules(await simulate(driver({ EvtIoRead: once }), (io) => void io.send("Read")))).toEqual([]);
  });

  it("BUG-03 CompleteCanceledReq: completing a request still marked cancelable; unmarking first is clean", async () => {
    const careless = (ctx: WdfContext, _q: string, r: SimRequest) => {
      ctx.WdfRequestMarkCancelable(r, "EvtRequestCancel");
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    };
    const careful = (ctx: WdfContext, _q: string, r: SimRequest) => {
      ctx.WdfRequestMarkCancelable(r, "EvtRequestCancel");
      if (ctx.WdfRequestUnmarkCancelable(r) !== "STATUS_CANCELLED")
        ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    };
    expect(rules(await simulate(driver({ EvtIoRead: careless }), (io) => void io.send("Read")))).toEqual([
      "CompleteCanceledReq",
    ]);
    expect(rules(await simulate(driver({ EvtIoRead: careful }), (io) => void io.send("Read")))).toEqual([]);
  });

  it("9.1 RequestLeak: a request never completed is still owned at the end of the scenario", async () => {
    const keep = () => {};
    const r = await simulate(driver({ EvtIoRead: keep }), (io) => void io.send("Read"));
    expect(rules(r)).toEqual(["RequestLeak"]);
    expect(r.findings[0]!.message).toContain("req1");
  });

  it("A-5 WDF_RECURSIVE_LOCK: WdfObjectAcquireLock on the queue from its own locked callback", async () => {
    const recursive = (ctx: WdfContext, q: string, r: SimRequest) => {
      ctx.WdfObjectAcquireLock(q);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    };
    const unlocked = (ctx: WdfContext, q: string, r: SimRequest) => {
      ctx.WdfObjectAcquireLock(q);
      ctx.WdfObjectReleaseLock(q);
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
    };
    const locked = await simulate(
      driver({ EvtIoRead: recursive }, { attributes: { synchronizationScope: "Queue" } }),
      (io) => void io.send("Read"),
    );
    expect(rules(locked)).toEqual(["WdfSpinlock"]);
    expect(locked.findings[0]!.bugcheck).toContain("WDF_RECURSIVE_LOCK");
    expect(rules(await simulate(driver({ EvtIoRead: unlocked }), (io) => void io.send("Read")))).toEqual([]);
  });

  it("DataRace: an unserialized work item and EvtIoDeviceControl updating one cell; serialized by the queue lock it is clean", async () => {
    const build = (serialized: boolean) => ({
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              attributes: { executionLevel: "Passive", synchronizationScope: "Queue" },
              callbacks: {
                async EvtIoDeviceControl(ctx: WdfContext, _q: string, r: SimRequest) {
                  ctx.WdfWorkItemEnqueue("device/q/w");
                  const c = ctx.cell("counter", 0);
                  const v = c.get();
                  await ctx.stall(10);
                  c.set(v + 1);
                  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
                },
              },
              workItems: {
                w: {
                  automaticSerialization: serialized,
                  async callback(ctx: WdfContext) {
                    const c = ctx.cell("counter", 0);
                    const v = c.get();
                    await ctx.stall(10);
                    c.set(v + 1);
                  },
                },
              },
            },
          },
        },
      },
    });
    const send = async (io: {
      send: (t: "DeviceControl") => unknown;
      wait: (n: number) => Promise<void>;
    }) => {
      io.send("DeviceControl");
      await io.wait(100);
    };
    expect(rules(await simulate(build(false), send))).toContain("DataRace");
    expect(rules(await simulate(build(true), send))).toEqual([]);
  });
});
