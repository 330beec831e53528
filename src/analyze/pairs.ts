// Which pairs of callbacks can overlap: CC-1..CC-6 applied in order (locking spec 6.7), self
// pairs by S-10. The reason is built from the same facts that decided the answer.

import { UNSYNCHRONIZED_PNP_EVENTS } from "../model/callback-kind.js";
import type { Irql, ResolvedCallback, ResolvedObject } from "../model/resolved.js";
import { describeCallback, describeLock } from "./describe.js";
import { type PairDecision, selfOverlap } from "./self-overlap.js";

export type { PairDecision } from "./self-overlap.js";

/** What the pair rules need to know about objects (queue power management, WdfIoQueueStart calls). */
export type ObjectLookup = ReadonlyMap<string, ResolvedObject>;

const IRQL_RANK: Record<Irql, number> = { PASSIVE_LEVEL: 0, DISPATCH_LEVEL: 1, DIRQL: 2 };

// CC-1: the same lock instance keeps two callbacks apart, whatever else is true.
const sameLock = (a: ResolvedCallback, b: ResolvedCallback): PairDecision | null =>
  a.lock !== null && b.lock !== null && a.lock.id === b.lock.id
    ? {
        concurrent: false,
        why: `Both run holding ${describeLock(a.lock)}, so one waits for the other (CC-1).`,
      }
    : null;

const isCompletion = (cb: ResolvedCallback): boolean =>
  cb.kind === "stopComplete" || cb.kind === "purgeComplete";

// CC-3: stop/purge-complete callbacks vs the same queue's EvtIo*, ready-notify and each other.
const queueCompletion = (
  a: ResolvedCallback,
  b: ResolvedCallback,
  objects: ObjectLookup,
): PairDecision | null => {
  if (a.object !== b.object || !(isCompletion(a) || isCompletion(b))) return null;
  const other = isCompletion(a) ? b : a;
  if (!(other.kind === "ioEvent" || other.kind === "readyNotify" || isCompletion(other))) return null;
  const queue = objects.get(a.object)?.config;
  if (queue?.kind === "queue" && queue.callsWdfIoQueueStart) return null; // falls to CC-6
  const completion = isCompletion(a) ? a : b;
  return {
    concurrent: false,
    why: `${describeCallback(completion)} runs only when no other callback of ${a.object} is running, and the queue presents and notifies nothing afterwards until WdfIoQueueStart, which this driver never calls on it (CC-3).`,
  };
};

// CC-4: PnP/power callbacks of one device are delivered one at a time, except the three
// callbacks Learn says are not synchronized with the others.
const pnpPower = (a: ResolvedCallback, b: ResolvedCallback): PairDecision | null => {
  if (a.kind !== "pnpPower" || b.kind !== "pnpPower" || a.object !== b.object) return null;
  const loose = [a, b].find((cb) => UNSYNCHRONIZED_PNP_EVENTS.includes(cb.event));
  if (loose !== undefined) {
    return {
      concurrent: true,
      why: `${loose.event} is not synchronized with the other PnP/power callbacks of ${a.object} (CC-4).`,
    };
  }
  return {
    concurrent: false,
    why: `${a.event} and ${b.event} are delivered one at a time by the PnP/power state machines of ${a.object} (CC-4).`,
  };
};

// CC-5: power notifications vs presentation on one queue, when they share no lock.
const powerNotification = (
  a: ResolvedCallback,
  b: ResolvedCallback,
  objects: ObjectLookup,
): PairDecision | null => {
  if (a.object !== b.object) return null;
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has("ioStop") && kinds.has("ioResume")) {
    return {
      concurrent: false,
      why: `EvtIoStop and EvtIoResume of ${a.object} never overlap: the stop phase ends only after every dispatcher activation has unwound (CC-5).`,
    };
  }
  if (!kinds.has("ioEvent") || kinds.size !== 2) return null;
  if (kinds.has("ioResume")) {
    return {
      concurrent: true,
      why: `${a.object} is back 'On' as soon as the last resume notification is taken, so a request can be presented on another thread while EvtIoResume still runs (CC-5).`,
    };
  }
  if (!kinds.has("ioStop")) return null;
  const managed = objects.get(a.object)?.powerManaged === true;
  return managed
    ? {
        concurrent: false,
        why: `${a.object} is power-managed: before EvtIoStop the power thread waits until every EvtIo callback returned, and nothing is presented until power is back (CC-5).`,
      }
    : {
        concurrent: true,
        why: `${a.object} is not power-managed: its EvtIoStop comes from the removal purge, which does not wait for EvtIo callbacks still running (CC-5).`,
      };
};

// The pair record names both callbacks, so CC-6 reasons speak of locks and IRQLs only; that keeps
// the number of distinct sentences small (they are interned, see explain.ts).
const preemption = (a: ResolvedCallback, b: ResolvedCallback): string => {
  if (IRQL_RANK[a.irql] === IRQL_RANK[b.irql]) return "";
  const [low, high] = IRQL_RANK[a.irql] < IRQL_RANK[b.irql] ? [a.irql, b.irql] : [b.irql, a.irql];
  return ` The one at ${high} can also preempt the one at ${low} on the same processor.`;
};

// CC-6: nothing in the framework keeps them apart.
const byDefault = (a: ResolvedCallback, b: ResolvedCallback): PairDecision => {
  const held = a.lock ?? b.lock;
  const locks =
    held === null
      ? "Neither takes a framework lock"
      : a.lock === null || b.lock === null
        ? `Only one of them holds a framework lock (${describeLock(held)}); the other takes none`
        : "They hold different framework locks";
  return {
    concurrent: true,
    why: `${locks}, so they can run at the same time on different processors (CC-6).${preemption(a, b)}`,
  };
};

/** CC-1..CC-6 and S-10: can `a` and `b` overlap? */
export const canOverlap = (a: ResolvedCallback, b: ResolvedCallback, objects: ObjectLookup): PairDecision => {
  if (a === b || a.id === b.id) return selfOverlap(a);
  return (
    sameLock(a, b) ??
    queueCompletion(a, b, objects) ??
    pnpPower(a, b) ??
    powerNotification(a, b, objects) ??
    byDefault(a, b)
  );
};
