// A scenario: the application side of a run. Its script sends requests, waits, and reads results,
// as a passive thread of the simulated machine (it gives its processor away while it waits).

import type { DriverModel } from "../frontends/ts/define-driver.js";
import type { RequestType } from "../model/config.js";
import * as device from "./device-io.js";
import type { RunningTask } from "./engine.js";
import { raiseInterrupt } from "./interrupts.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

/** What an application passes with a request: the IOCTL code, buffer lengths, the handle. */
export interface SendFields {
  readonly ioctl?: number;
  /** Write buffer / IOCTL input buffer length (Write defaults to 64). */
  readonly inputLength?: number;
  /** Read buffer / IOCTL output buffer length (Read defaults to 64). */
  readonly outputLength?: number;
  /** The file object (from io.open) the request is sent on. */
  readonly fileObject?: string;
}

export interface ScenarioIo {
  /** Virtual time in microseconds. */
  readonly now: number;
  /** The I/O manager delivers a request to the device (routing RTE-03/04). */
  send(type: RequestType, fields?: SendFields): SimRequest;
  /** The application thread sleeps (other work runs meanwhile). */
  wait(microseconds: number): Promise<void>;
  /** IoCancelIrp: cancel a request the application sent (CAN-10 in a queue, CAN-20 if cancelable). */
  cancel(request: SimRequest): void;
  /** CreateFile: sends IRP_MJ_CREATE (EvtDeviceFileCreate or a create queue) and returns the file object. */
  open(): Promise<string>;
  /** CloseHandle, first half: EvtFileCleanup, then the handle's pending requests are cancelled (CAN-50). */
  cleanup(fileObject: string): Promise<void>;
  /** CloseHandle, second half: EvtFileClose once the handle's requests are gone. */
  close(fileObject: string): Promise<void>;
  /** The device leaves D0 (idle or system sleep): power-managed queues are held (EvtIoStop). */
  powerDown(): PromiseLike<void>;
  /** The device returns to D0: EvtIoResume, then presentation resumes. */
  powerUp(): PromiseLike<void>;
  /** The device is yanked: EvtDeviceSurpriseRemoval, power down, queues purged, removal waits for I/O. */
  surpriseRemove(): PromiseLike<void>;
  /** The device raises an interrupt: EvtInterruptIsr at DIRQL under the interrupt lock (on `cpu`, or one the scheduler picks). */
  interrupt(interrupt: string, cpu?: number): void;
}

export const SCENARIO_BRAND = "wdfsim.scenario/1" as const;

export interface Scenario {
  readonly brand: typeof SCENARIO_BRAND;
  readonly driver: DriverModel;
  /** Virtual processors (default 2). */
  readonly cpus?: number;
  readonly run: (io: ScenarioIo) => void | Promise<void>;
}

/**
 * Declares a scenario to run with `wdfsim run`.
 * @example export default defineScenario({ driver, run: async (io) => { io.send("DeviceControl", { ioctl: 1 }); } });
 */
export const defineScenario = (scenario: Omit<Scenario, "brand">): Scenario => ({
  brand: SCENARIO_BRAND,
  ...scenario,
});

export const isScenario = (v: unknown): v is Scenario =>
  typeof v === "object" && v !== null && (v as { brand?: unknown }).brand === SCENARIO_BRAND;

/** ReadFile/WriteFile with a 64-byte buffer unless the script says otherwise; an explicit 0 is
 * a zero-length request, which the framework completes itself (PRS-02). */
export const DEFAULT_BUFFER_LENGTH = 64;
const withDefaultLengths = (type: RequestType, fields: SendFields): SendFields => {
  if (type === "Read" && fields.outputLength === undefined)
    return { ...fields, outputLength: DEFAULT_BUFFER_LENGTH };
  if (type === "Write" && fields.inputLength === undefined)
    return { ...fields, inputLength: DEFAULT_BUFFER_LENGTH };
  return fields;
};

export const scenarioIo = (sim: Simulator): ScenarioIo => ({
  get now() {
    return sim.engine.now;
  },
  send: (type, fields) => sim.send(type, withDefaultLengths(type, fields ?? {})),
  wait: (us) => sim.engine.sleepUntil(sim.engine.now + Math.max(0, us), app(sim)),
  cancel: (request) => device.cancelIrp(sim, request),
  open: () => device.openFile(sim, app(sim)),
  cleanup: (file) => device.cleanupFile(sim, app(sim), file),
  close: (file) => device.closeFile(sim, app(sim), file),
  powerDown: () => pnp(sim, "powerDown", (task) => device.powerDown(sim, task)),
  powerUp: () => pnp(sim, "powerUp", (task) => device.powerUp(sim, task)),
  surpriseRemove: () => pnp(sim, "surpriseRemove", (task) => device.surpriseRemove(sim, task)),
  interrupt: (id, cpu) => raiseInterrupt(sim, id, cpu),
});

const app = (sim: Simulator): RunningTask => {
  const task = sim.engine.running;
  if (task === null) throw new Error("io.* called outside the scenario's run function");
  return task;
};

/**
 * A PnP/power sequence runs on a thread of its own; the application waits for it only if it
 * awaits the result (the wait starts when `then` is called, so a call that is not awaited does
 * not block the script).
 */
const pnp = (sim: Simulator, name: string, body: (task: RunningTask) => Promise<void>): PromiseLike<void> => {
  const caller = app(sim);
  let done = false;
  sim.spawnThread(`pnp:${name}`, async () => {
    const task = sim.engine.running!;
    await sim.engine.waitUntil(
      () => !sim.device.pnpBusy,
      "the previous PnP/power transition to finish",
      false,
      undefined,
      task,
    );
    sim.device.pnpBusy = true;
    try {
      await body(task);
    } finally {
      sim.device.pnpBusy = false;
      done = true;
    }
  });
  return {
    // biome-ignore lint/suspicious/noThenProperty: a lazy PromiseLike on purpose: the wait starts only when awaited.
    then: (onFulfilled, onRejected) =>
      sim.engine
        .waitUntil(() => done, `io.${name}() to finish`, false, undefined, caller)
        .then((): void => undefined)
        .then(onFulfilled, onRejected),
  };
};
