// Same seed, same trace — byte for byte; and request conservation over random scenarios: every
// request sent is completed exactly once or reported as still owned (never lost, never twice).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WdfContext } from "../../src/runtime/framework-api.js";
import type { SimRequest } from "../../src/runtime/request.js";
import { simulate } from "./harness.js";

const busyDriver = {
  devices: {
    device: {
      queues: {
        q: {
          dispatchType: "Parallel",
          defaultQueue: true,
          callbacks: {
            async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
              await ctx.stall(3);
              if (r.id.endsWith("3")) ctx.WdfWorkItemEnqueue("device/q/w");
              ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
            },
          },
          workItems: {
            w: {
              automaticSerialization: false,
              callback: (ctx: WdfContext) => ctx.cell("n", 0).update((n) => n + 1),
            },
          },
        },
      },
    },
  },
};

const script =
  (gaps: readonly number[]) =>
  async (io: { send: (t: "Read") => unknown; wait: (n: number) => Promise<void> }) => {
    for (const g of gaps) {
      io.send("Read");
      await io.wait(g);
    }
  };

describe("determinism", () => {
  it("same seed -> byte-identical trace, for 30 seeds; different seeds may differ", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const a = await simulate(busyDriver, script([0, 1, 0, 2, 0]), { seed, cpus: 3 });
      const b = await simulate(busyDriver, script([0, 1, 0, 2, 0]), { seed, cpus: 3 });
      expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
      expect(b.choices).toEqual(a.choices);
    }
  });
});

describe("request conservation (property)", () => {
  it("every request is completed exactly once, or reported as leaked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (gaps, cpus, keepSome) => {
          const driverSpec = {
            devices: {
              device: {
                queues: {
                  q: {
                    dispatchType: "Sequential",
                    defaultQueue: true,
                    callbacks: {
                      async EvtIoRead(ctx: WdfContext, _q: string, r: SimRequest) {
                        await ctx.stall(2);
                        if (!(keepSome && r.id === "req2")) ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
                      },
                    },
                  },
                },
              },
            },
          };
          const r = await simulate(driverSpec, script(gaps), { cpus });
          const completions = r.trace.events
            .filter((e) => e.type === "request-complete")
            .map((e) => (e as { request: string }).request);
          for (const req of r.requests) {
            const n = completions.filter((c) => c === req.id).length;
            const leaked = r.findings.some(
              (f) => f.rule === "RequestLeak" && f.message.startsWith(`${req.id} `),
            );
            expect(n === 1 ? !leaked : n === 0 && leaked, `${req.id}: ${n} completions`).toBe(true);
          }
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
