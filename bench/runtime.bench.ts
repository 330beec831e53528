// Simulated requests per second through a Sequential and a Parallel queue whose synchronous
// EvtIoRead completes inline, on 2 virtual processors; floor = a plain loop calling the same
// callback directly with a request object. Targets: >= 1,000,000 requests/s and <= 5x the floor.
// Also the async-callback figure (EvtIoRead awaits ctx.yield() once). Measured on the built
// package (dist/, what `npx wdfsim run` executes; `npm run bench` builds first), with the trace
// recorded (what `wdfsim run` does) and without it (the fast path: findings only).

import { RandomScheduler } from "../dist/explore/strategies/random.js";
import { driverConfigFromPlain } from "../dist/frontends/config/index.js";
import { resolve } from "../dist/model/resolve.js";
import type { WdfContext } from "../dist/runtime/framework-api.js";
import type { SimRequest } from "../dist/runtime/request.js";
import { runExecution } from "../dist/runtime/run.js";
import type { CallbackFn } from "../dist/runtime/simulator.js";
import { emit } from "./measure.js";

const N = Number(process.env.WDFSIM_BENCH_N ?? 200_000);

const setup = (dispatchType: string, EvtIoRead: CallbackFn) => {
  const spec = {
    devices: { device: { queues: { q: { dispatchType, defaultQueue: true, callbacks: { EvtIoRead } } } } },
  };
  const { config, functions } = driverConfigFromPlain(spec, { file: "bench.ts", allowFunctions: true });
  return { driver: resolve(config), functions: functions as unknown as ReadonlyMap<string, CallbackFn> };
};

const syncRead: CallbackFn = (ctx: WdfContext, _q: string, r: SimRequest) =>
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
const asyncRead: CallbackFn = async (ctx: WdfContext, _q: string, r: SimRequest) => {
  await ctx.yield();
  ctx.WdfRequestComplete(r, "STATUS_SUCCESS");
};

const simulateMs = async (dispatchType: string, fn: CallbackFn, n: number, trace = true): Promise<number> => {
  const { driver, functions } = setup(dispatchType, fn);
  const t0 = performance.now();
  const r = await runExecution(
    driver,
    functions,
    (io) => {
      for (let i = 0; i < n; i++) io.send("Read", { outputLength: 16 });
    },
    { cpus: 2, seed: 1, scheduler: new RandomScheduler(1), maxSteps: 100 * n, trace },
  );
  const ms = performance.now() - t0;
  if (r.requests.some((x) => x.status !== "STATUS_SUCCESS"))
    throw new Error("bench: a request was not completed");
  return ms;
};

const floorMs = (n: number): number => {
  let completed = 0;
  const ctx = { WdfRequestComplete: () => completed++ } as unknown as WdfContext;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = { id: `req${i}`, type: "Read", state: "driver-owned" } as unknown as SimRequest;
    syncRead(ctx, "device/q", r);
  }
  const ms = performance.now() - t0;
  if (completed !== n) throw new Error("floor miscounted");
  return ms;
};

export const runRuntimeBench = async (): Promise<void> => {
  const floor = Math.min(floorMs(N), floorMs(N));
  emit({ name: "runtime.floor.requests_per_s", value: (N / floor) * 1000, unit: "requests/s" });
  for (const trace of [false, true]) {
    const mode = trace ? "traced" : "fast";
    for (const type of ["Sequential", "Parallel"]) {
      const best = Math.min(
        await simulateMs(type, syncRead, N, trace),
        await simulateMs(type, syncRead, N, trace),
        await simulateMs(type, syncRead, N, trace),
      );
      const name = `runtime.${type.toLowerCase()}.sync.${mode}`;
      emit({ name: `${name}.requests_per_s`, value: (N / best) * 1000, unit: "requests/s" });
      emit({ name: `${name}.ratio_to_floor`, value: best / floor, unit: "x" });
    }
  }
  const n = N / 10;
  const ms = await simulateMs("Parallel", asyncRead, n);
  emit({ name: "runtime.parallel.async.requests_per_s", value: (n / ms) * 1000, unit: "requests/s" });
};
