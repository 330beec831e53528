// Expert lints about locks: over-synchronization and AutomaticSerialization traps.

import type { ResolvedObject } from "../model/resolved.js";
import { describeLock } from "./describe.js";
import type { ExplainFinding } from "./explain-result.js";
import { callbacksOf, finding, isDeferredObject, type LintContext } from "./lint-context.js";

// Q-3: Device scope makes every such queue's callbacks take one device lock.
export const deviceScopeSerializesQueues = (ctx: LintContext): ExplainFinding[] =>
  ctx.live
    .filter((d) => d.config.kind === "device" && d.ownLock !== null)
    .flatMap((device) => {
      const queues = ctx.live.filter(
        (q) =>
          q.config.kind === "queue" &&
          q.callbackLock?.id === device.ownLock?.id &&
          callbacksOf(ctx, q.id).length > 0,
      );
      if (queues.length < 2) return [];
      return [
        finding(
          "Q-3",
          "warning",
          device,
          `Device scope: the callbacks of ${queues.map((q) => q.id).join(", ")} all take ${describeLock(device.ownLock!)}, so only one callback of all these queues runs at a time (requests can still be outstanding on each queue). Unrelated queues rarely need this; scope Queue or None with locks of your own keeps them independent.`,
        ),
      ];
    });

// S-5 / PL-1(b): an AutomaticSerialization child shares its queue's presentation lock.
export const childWaitsOnQueueLock = (ctx: LintContext): ExplainFinding[] =>
  ctx.live.filter(isDeferredObject).flatMap((child) => {
    const lock = child.callbackLock;
    if (lock === null) return [];
    const io = (ctx.callbacksByLock.get(lock.id) ?? []).filter((cb) => cb.kind === "ioEvent");
    if (io.length === 0) return [];
    return [
      finding(
        "S-5",
        "info",
        child,
        `AutomaticSerialization: ${child.id} runs holding ${describeLock(lock)}, the lock of ${[...new Set(io.map((cb) => cb.object))].join(", ")}'s EvtIo callbacks — it waits while a request is being presented, and no request is presented while it runs.`,
      ),
    ];
  });

// S-3: AutomaticSerialization asked for, but the owner's scope is None, so nothing is locked.
export const autoSerializationWithoutEffect = (ctx: LintContext): ExplainFinding[] =>
  ctx.live.filter(isDeferredObject).flatMap((child) => {
    const c = child.config;
    if (!("automaticSerialization" in c) || !c.automaticSerialization || child.callbackLock !== null)
      return [];
    if (
      c.kind === "interrupt" &&
      !c.callbacks.some((cb) => cb.event === "EvtInterruptDpc" || cb.event === "EvtInterruptWorkItem")
    )
      return [];
    const owner = ownerOf(ctx, child);
    return [
      finding(
        queueOptedIntoDeviceLock(ctx, owner) ? "S-7" : "S-3",
        "info",
        child,
        `AutomaticSerialization is TRUE but ${owner?.id ?? "its owner"} has synchronization scope None, so ${child.id} takes no lock and the level check is skipped (S-3): it is not serialized with anything.${queueOptedIntoDeviceLock(ctx, owner) ? ` A queue of ${owner?.id} opted into Device scope; to share that queue's lock, parent ${child.id} to the queue (S-7).` : ""}`,
      ),
    ];
  });

// S-7: the device's scope is None while one of its queues opted into Device scope (its lock).
const queueOptedIntoDeviceLock = (ctx: LintContext, owner: ResolvedObject | undefined): boolean =>
  owner?.config.kind === "device" &&
  ctx.live.some(
    (q) => q.config.kind === "queue" && q.callbackLock !== null && q.callbackLock.id === owner.ownLock?.id,
  );

const ownerOf = (ctx: LintContext, child: ResolvedObject): ResolvedObject | undefined => {
  let cur = ctx.objects.get(child.config.parent ?? "");
  while (cur && !["queue", "device", "fileobject"].includes(cur.config.kind))
    cur = ctx.objects.get(cur.config.parent ?? "");
  return cur;
};

// S-6: device scope Queue, and a child parented to the device gets the device lock no queue uses.
export const deviceScopeQueueTrap = (ctx: LintContext): ExplainFinding[] =>
  ctx.live.filter(isDeferredObject).flatMap((child) => {
    const parent = ctx.objects.get(child.config.parent ?? "");
    if (parent?.config.kind !== "device" || parent.scope !== "Queue" || child.callbackLock === null)
      return [];
    const users = (ctx.callbacksByLock.get(child.callbackLock.id) ?? []).filter(
      (cb) => cb.object !== child.id,
    );
    if (users.some((cb) => cb.kind === "ioEvent")) return [];
    return [
      finding(
        "S-6",
        "warning",
        child,
        `${child.id} is parented to device ${parent.id} whose scope is Queue, so it gets the device lock ${child.callbackLock.id} — which no queue callback takes. It is serialized only with other children of the device, not with any queue; parent it to the queue it must serialize with.`,
      ),
    ];
  });

// S-8 companion: device inherits Passive (mutex, no flag) — the next child to fail or misbehave.
export const passiveQueueDispatchCallers = (ctx: LintContext): ExplainFinding[] => {
  if (ctx.driver.framework !== "kmdf") return [];
  const dispatchCallers = ctx.driver.callbacks.filter(
    (cb) => cb.irql !== "PASSIVE_LEVEL" && ["dpc", "timer", "interruptDpc"].includes(cb.kind),
  );
  if (dispatchCallers.length === 0) return [];
  return ctx.live
    .filter((q) => q.config.kind === "queue" && q.level === "Passive" && callbacksOf(ctx, q.id).length > 0)
    .map((q) =>
      finding(
        "DSP-10",
        "info",
        q,
        `${q.id} is Passive-level (mutex ${q.ownLock?.id}), and ${dispatchCallers.map((cb) => cb.id).join(", ")} run at DISPATCH_LEVEL: a request completed or forwarded there cannot be presented on that thread — delivery moves to the queue's work item (DSP-10), adding latency to the DPC path.`,
      ),
    );
};
