// The highest IRQL the framework can call a callback at: IRQ-1..IRQ-4 (locking spec 7.1).

import type { Framework } from "./config.js";
import type { CallbackKind, Irql, Level, ResolvedLock } from "./resolved.js";

const RANK: Record<Irql, number> = { PASSIVE_LEVEL: 0, DISPATCH_LEVEL: 1, DIRQL: 2 };
const maxOf = (a: Irql, b: Irql): Irql => (RANK[a] >= RANK[b] ? a : b);

export interface IrqlFacts {
  readonly kind: CallbackKind;
  /** IRQ-2: the resolved level of the queue whose dispatcher delivers the callback. */
  readonly queueLevel: Level | null;
  /** Timers: explicit Passive (CB-14). */
  readonly passiveTimer: boolean;
  /** Interrupts: PassiveHandling (IRQ-4). */
  readonly passiveHandling: boolean;
  readonly lock: ResolvedLock | null;
}

// IRQ-4: the fixed maximum of each KMDF callback kind; IRQ-2 for queue-delivered callbacks.
export const kindIrql = (facts: IrqlFacts): Irql => {
  switch (facts.kind) {
    case "driverDeviceAdd":
    case "driverOther":
    case "pnpPower":
    case "file":
    case "workItem":
    case "interruptWorkItem":
      return "PASSIVE_LEVEL";
    case "dpc":
    case "interruptDpc":
    case "ioInCallerContext":
      return "DISPATCH_LEVEL";
    case "timer":
      return facts.passiveTimer ? "PASSIVE_LEVEL" : "DISPATCH_LEVEL";
    case "interruptLocked":
      return facts.passiveHandling ? "PASSIVE_LEVEL" : "DIRQL";
    case "ioEvent":
    case "ioStop":
    case "ioResume":
    case "ioCanceledOnQueue":
    case "requestCancel":
    case "readyNotify":
    case "purgeComplete":
    case "stopComplete":
      return facts.queueLevel === "Passive" ? "PASSIVE_LEVEL" : "DISPATCH_LEVEL";
    default: {
      const never: never = facts.kind;
      return never;
    }
  }
};

/** IRQ-1..IRQ-4: the reported maximum IRQL. */
export const maxIrql = (framework: Framework, facts: IrqlFacts): Irql => {
  // IRQ-3: every UMDF 2 callback runs at (nominal) PASSIVE_LEVEL.
  if (framework === "umdf2") return "PASSIVE_LEVEL";
  const own = kindIrql(facts);
  // IRQ-1: a spin-class callback lock raises to DISPATCH_LEVEL; a mutex never lowers the IRQL.
  // (The interrupt lock is not a callback lock; its IRQL is already the kind's own, PL-3.)
  const raisesToDispatch = facts.lock?.kind === "spin" && facts.kind !== "interruptLocked";
  return raisesToDispatch ? maxOf(own, "DISPATCH_LEVEL") : own;
};
