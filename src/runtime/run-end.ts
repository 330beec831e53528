// What a run reports when it ends: requests still pending or owned (9.1), and the waits that never
// ended — a framework wait is a hang (BUG-24: the real watchdog prints every 60 s and never gives
// up), a cycle of lock waits a deadlock. The tool itself always stops.

import type { EngineOutcome } from "./engine.js";
import type { Simulator } from "./simulator.js";

const reportLeaks = (sim: Simulator): void => {
  for (const r of sim.requests) {
    if (r.state === "completed") continue;
    sim.logAtEnd(
      {
        rule: "RequestLeak",
        spec: "9.1",
        message: `${r.id} (${r.type}) is still ${r.state === "pending" ? "pending in" : "owned by the driver from"} ${r.queue?.id ?? "no queue"} when the scenario ends: at device removal it would never complete`,
        t: sim.engine.now,
        task: null,
        callback: null,
        bugcheck: null,
      },
      r.id,
    );
  }
};

/** A lock DDI's wait ("WdfSpinLockAcquire: …") is a deadlock; any other framework wait a hang. */
const isLockWait = (waitingFor: string): boolean => /Acquire/.test(waitingFor.split(":")[0] ?? "");

const reportStuck = (sim: Simulator, outcome: Extract<EngineOutcome, { kind: "deadlock" }>): void => {
  const add = (rule: string, message: string, key: string, task: string | null): void =>
    sim.logAtEnd(
      { rule, spec: "BUG-24", message, t: sim.engine.now, task, callback: null, bugcheck: null },
      key,
    );
  for (const w of outcome.waits)
    add(
      isLockWait(w.waitingFor) ? "Deadlock" : "Hang",
      `${w.task} never continues: ${w.waitingFor}`,
      `wait:${w.waitingFor}`,
      w.task,
    );
  const others = outcome.blocked.filter((t) => !outcome.waits.some((w) => w.task === t));
  if (others.length > 0)
    add(
      "Deadlock",
      `no task can run: ${others.join(", ")} wait for a lock or processor that never frees`,
      "deadlock",
      null,
    );
};

export const reportRunEnd = (sim: Simulator, outcome: EngineOutcome): void => {
  reportLeaks(sim);
  if (outcome.kind === "deadlock") reportStuck(sim, outcome);
};
