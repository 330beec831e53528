// Cases a review of the simulator found wrong, each pinned with the rule it is about.

import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";

const rules = (r: { findings: readonly { rule: string; spec: string }[] }) =>
  r.findings.map((f) => `${f.rule} ${f.spec}`);

describe("regressions", () => {
  it("OPS-04 / PWR-02: an EvtIoStop(Purge) acknowledgement with requeue during removal cancels the request", async () => {
    const spec = {
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Sequential",
              defaultQueue: true,
              callbacks: {
                EvtIoRead: () => {},
                EvtIoStop: (ctx: WdfContext, _q: string, r: SimRequest, flags: number) =>
                  ctx.WdfRequestStopAcknowledge(r, (flags & 2) !== 0),
                EvtIoResume: (ctx: WdfContext, _q: string, r: SimRequest) =>
                  ctx.WdfRequestComplete(r, "STATUS_SUCCESS"),
              },
            },
          },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(5);
      await io.surpriseRemove();
    });
    expect(r.outcome.kind).toBe("idle");
    expect(r.requests.map((x) => x.status)).toEqual(["STATUS_CANCELLED"]);
    expect(rules(r)).toEqual([]);
  });

  it("7.2 / OPS-06: WdfIoQueueStop without a callback registers nothing, so a second one is no BUG-22", async () => {
    const spec = {
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              callbacks: {
                EvtIoRead: (ctx: WdfContext, q: string, r: SimRequest) => {
                  ctx.WdfIoQueueStop(q, null);
                  ctx.WdfIoQueueStop(q, null);
                  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
                },
              },
            },
          },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(5);
    });
    expect(rules(r)).toEqual([]);
  });

  it("OPS-09: StopSynchronously from the queue's own callback hangs even when it owns no request (DSP-05)", async () => {
    async function EvtIoRead(ctx: WdfContext, q: string, r: SimRequest) {
      ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
      await ctx.WdfIoQueueStopSynchronously(q);
    }
    // Passive level: the …Synchronously forms are PASSIVE_LEVEL only (BUG-23 otherwise).
    const spec = {
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              attributes: { executionLevel: "Passive" },
              callbacks: { EvtIoRead },
            },
          },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(5);
    });
    expect(r.outcome.kind).toBe("deadlock");
    expect(rules(r)).toContain("Deadlock OPS-09");
  });

  it("6.2: two waits started at once on one thread (Promise.all of flushes) are an error, not a silent non-wait", async () => {
    const spec = {
      devices: {
        device: {
          workItems: {
            W1: { callback: async (ctx: WdfContext) => ctx.stall(20) },
            W2: { callback: async (ctx: WdfContext) => ctx.stall(80) },
          },
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              attributes: { executionLevel: "Passive" },
              callbacks: {
                EvtIoRead: async (ctx: WdfContext, _q: string, r: SimRequest) => {
                  ctx.WdfWorkItemEnqueue("device/W1");
                  ctx.WdfWorkItemEnqueue("device/W2");
                  await Promise.all([ctx.WdfWorkItemFlush("device/W1"), ctx.WdfWorkItemFlush("device/W2")]);
                  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
                },
              },
            },
          },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(200);
    });
    expect(r.errors.map((e) => e.message).join("\n")).toContain("waits for one thing at a time");
  });

  it("CC-6: what a callback wrote before WdfTimerStart is ordered before EvtTimerFunc", async () => {
    const spec = {
      devices: {
        device: {
          timers: {
            T: {
              callback: (ctx: WdfContext) => {
                const r = ctx.cell<SimRequest | null>("pended", null).get();
                if (r) ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
              },
            },
          },
          queues: {
            q: {
              dispatchType: "Parallel",
              defaultQueue: true,
              callbacks: {
                EvtIoRead: async (ctx: WdfContext, _q: string, r: SimRequest) => {
                  ctx.cell<SimRequest | null>("pended", null).set(r);
                  ctx.WdfTimerStart("device/T", 10);
                  await ctx.stall(50); // still running when the timer fires
                },
              },
            },
          },
        },
      },
    };
    const r = await simulate(spec, async (io) => {
      io.send("Read");
      await io.wait(100);
    });
    expect(rules(r)).toEqual([]);
    expect(r.requests.map((x) => x.status)).toEqual(["STATUS_SUCCESS"]);
  });
});
