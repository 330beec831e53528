// The application and PnP side of a scenario: cancelling an IRP (CAN-10, CAN-20), file handles
// (create, cleanup with its queue flush CAN-50, close), device power transitions (D0 exit holding
// the power-managed queues and D0 entry resuming them, 11.1-11.2, PWR-03) and surprise removal
// (PWR-02, DEL-01). Each PnP/power sequence runs on a passive "pnp" thread of its own.

import type { ResolvedCallback } from "../model/resolved.js";
import type { RuntimeQueue } from "./dispatcher.js";
import type { RunningTask } from "./engine.js";
import type { SimRequest } from "./request.js";
import type { Simulator } from "./simulator.js";

/** The device state the PnP manager and power manager drive. */
export class DeviceState {
  powered = true;
  removed = false;
  /** A PnP or power transition is in progress: the PnP manager sends them one at a time. */
  pnpBusy = false;
  private files = 0;
  nextFile(): string {
    return `file${++this.files}`;
  }
}

const deviceCallback = (sim: Simulator, event: string): ResolvedCallback | undefined =>
  sim.driver.callbacks.find((c) => c.event === event && sim.object(c.object)?.config.kind !== "queue");

/** Runs a PnP/power/file callback on the calling thread (or as a task) and waits for it to return. */
const call = async (sim: Simulator, task: RunningTask, event: string, args: unknown[]): Promise<void> => {
  const cb = deviceCallback(sim, event);
  if (cb === undefined) return;
  let done = false;
  sim.invoke(cb, [cb.object, ...args], { inline: true, onDone: () => (done = true) });
  await sim.engine.waitUntil(() => done, `${cb.id} to return`, false, undefined, task);
};

/** IoCancelIrp on a request (10.1 / 10.4). */
export const cancelIrp = (sim: Simulator, request: SimRequest): void => {
  if (request.state === "completed" || request.irpCancel) return;
  request.irpCancel = true;
  sim.engine.emit({ t: sim.engine.now, type: "request-cancel", request: request.id });
  const queue = request.queue;
  if (queue === null) return;
  if (request.state === "pending") {
    queue.cancelForQueue(request); // CAN-10
    queue.run("guarded"); // DSP-02
  } else if (queue.driverCancelable.has(request)) {
    queue.cancelForDriver(request); // CAN-20
    queue.run("guarded");
  }
  // Driver-owned and not cancelable: nothing happens; the driver may poll WdfRequestIsCanceled.
};

/** CreateFile: IRP_MJ_CREATE to EvtDeviceFileCreate, else to a queue that takes Create, else success. */
export const openFile = async (sim: Simulator, task: RunningTask): Promise<string> => {
  const file = sim.device.nextFile();
  const request = sim.send("Create", { fileObject: file });
  await sim.engine.waitUntil(
    () => request.state === "completed",
    `the create request ${request.id} to complete`,
    false,
    undefined,
    task,
  );
  return file;
};

/** CloseHandle, first half: EvtFileCleanup, then every queue cancels the handle's pending requests (CAN-50). */
export const cleanupFile = async (sim: Simulator, task: RunningTask, file: string): Promise<void> => {
  await call(sim, task, "EvtFileCleanup", [file]);
  for (const queue of sim.queues.values()) {
    const mine = queue.pending.filter((r) => r.fileObject === file);
    for (const r of mine) queue.cancelForQueue(r);
    if (mine.length > 0) queue.run("guarded");
  }
};

/** CloseHandle, second half (after every request on the handle is gone): EvtFileClose. */
export const closeFile = async (sim: Simulator, task: RunningTask, file: string): Promise<void> => {
  await sim.engine.waitUntil(
    () => sim.requests.every((r) => r.fileObject !== file || r.state === "completed" || r.type === "Create"),
    `every request on ${file} to complete before EvtFileClose`,
    false,
    undefined,
    task,
  );
  await call(sim, task, "EvtFileClose", [file]);
};

const managed = (sim: Simulator): RuntimeQueue[] => [...sim.queues.values()].filter((q) => q.powerManaged);

const unacknowledged = (queues: readonly RuntimeQueue[]): string =>
  queues
    .flatMap((q) =>
      [...q.powerNotify, ...q.powerDriverNotified, ...q.driverOwned].map(
        (r) =>
          `${r.id} owned by the driver from ${q.id}${q.has("EvtIoStop") ? (r.inStopWindow ? " (EvtIoStop ran; neither acknowledged nor completed)" : "") : " (the queue has no EvtIoStop: it must be completed)"}`,
      ),
    )
    .join("; ");

/** Leaving D0 (PWR-03): SelfManagedIoSuspend, hold the power-managed queues, D0 exit. */
export const powerDown = async (
  sim: Simulator,
  task: RunningTask,
  target = "WdfPowerDeviceD3",
): Promise<void> => {
  if (!sim.device.powered) return;
  await call(sim, task, "EvtDeviceSelfManagedIoSuspend", []);
  const queues = managed(sim);
  for (const q of queues) q.powerState = "StartingTransition"; // phase 1: no presentation any more
  await sim.engine.waitUntil(
    () => queues.every((q) => q.dispatching === 0),
    `the running callbacks of ${queues.map((q) => q.id).join(", ")} to return before the queues are held (11.2)`,
    false,
    undefined,
    task,
  );
  for (const q of queues) {
    q.powerState = "Stopping"; // phase 2: the hold
    q.run("full");
  }
  await sim.engine.waitUntil(
    () => queues.every((q) => q.powerState === "Off"),
    `the power-managed queues to reach Off — ${unacknowledged(queues)} (PWR-11, PWR-14)`,
    false,
    undefined,
    task,
  );
  await call(sim, task, "EvtDeviceD0ExitPreInterruptsDisabled", [target]);
  await call(sim, task, "EvtDeviceD0Exit", [target]);
  sim.device.powered = false;
};

/** Entering D0: D0 entry, restart the queues (EvtIoResume), then let them present (two phases, 11.2). */
export const powerUp = async (sim: Simulator, task: RunningTask): Promise<void> => {
  if (sim.device.powered || sim.device.removed) return;
  await call(sim, task, "EvtDeviceD0Entry", ["WdfPowerDeviceD3"]);
  await call(sim, task, "EvtDeviceD0EntryPostInterruptsEnabled", ["WdfPowerDeviceD3"]);
  sim.device.powered = true;
  const queues = managed(sim);
  for (const q of queues) {
    q.powerState = "Restarting";
    q.run("full");
  }
  await sim.engine.waitUntil(
    () => queues.every((q) => q.powerState === "On"),
    `the power-managed queues to restart (EvtIoResume calls to return)`,
    false,
    undefined,
    task,
  );
  for (const q of queues) {
    if (q.pending.length > 0) q.transitionFromEmpty = true; // DSP-21
    q.run("full"); // phase 2: presentation resumes
  }
  await call(sim, task, "EvtDeviceSelfManagedIoRestart", []);
};

/** PWR-02: purge a queue for removal; `shutdown` keeps Start from accepting again. */
const purgeForRemoval = (queue: RuntimeQueue): void => {
  queue.shutdown = true;
  queue.accept = false;
  queue.cancelDispatchedRequests = true; // Purge(TRUE, TRUE): an acknowledge-with-requeue cancels (OPS-04, CAN-40)
  queue.purgeRequests();
  queue.powerState = "Purge";
  queue.run("full");
};

/** Surprise removal: EvtDeviceSurpriseRemoval, power down, purge the queues, release hardware, wait for I/O (DEL-01). */
export const surpriseRemove = async (sim: Simulator, task: RunningTask): Promise<void> => {
  if (sim.device.removed) return;
  await call(sim, task, "EvtDeviceSurpriseRemoval", []);
  await powerDown(sim, task, "WdfPowerDeviceD3Final");
  sim.device.removed = true;
  const queues = [...sim.queues.values()];
  const settle = async (group: RuntimeQueue[], what: string): Promise<void> => {
    for (const q of group) purgeForRemoval(q);
    await sim.engine.waitUntil(
      () => group.every((q) => q.powerState === "Off"),
      `the ${what} queues to finish their removal purge — ${unacknowledged(group)} (PWR-02)`,
      false,
      undefined,
      task,
    );
  };
  // PWR-17: EvtDeviceReleaseHardware follows the power-down and precedes the purge of the
  // power-managed queues (FxPkgPnp::PnpCleanupForRemove); non-power-managed ones go last (PWR-02).
  await call(sim, task, "EvtDeviceReleaseHardware", []);
  await settle(
    queues.filter((q) => q.powerManaged),
    "power-managed",
  );
  await call(sim, task, "EvtDeviceSelfManagedIoCleanup", []);
  await settle(
    queues.filter((q) => !q.powerManaged),
    "non-power-managed",
  );
  await sim.engine.waitUntil(
    () => queues.every((q) => q.total === 0 && q.dispatching === 0),
    `device removal to delete the queues, which waits until no request is pending or driver-owned — ${sim.requests
      .filter((r) => r.state !== "completed")
      .map((r) => `${r.id} (${r.state} in ${r.queue?.id ?? "no queue"})`)
      .join(", ")} (DEL-01)`,
    false,
    undefined,
    task,
  );
};
