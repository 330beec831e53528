// Expert lints about queues: dispatch vs synchronization misunderstandings and queues that stall.

import type { QueueObjectConfig } from "../model/config.js";
import type { ResolvedObject } from "../model/resolved.js";
import { clientVersion, versionAtLeast } from "../model/version.js";
import { describeLock } from "./describe.js";
import type { ExplainFinding } from "./explain-result.js";
import { callbacksOf, finding, type LintContext } from "./lint-context.js";

const liveQueues = (ctx: LintContext): Array<ResolvedObject & { config: QueueObjectConfig }> =>
  ctx.live.filter((o): o is ResolvedObject & { config: QueueObjectConfig } => o.config.kind === "queue");

// CFG-11 / queues spec 2.1 note: NumberOfPresentedRequests = 0 on a Parallel queue never presents.
export const parallelNeverPresents = (ctx: LintContext): ExplainFinding[] =>
  liveQueues(ctx)
    .filter((q) => q.config.dispatchType === "Parallel" && q.config.numberOfPresentedRequests === 0)
    .map((q) =>
      finding(
        "CFG-11",
        "error",
        q,
        `${q.id} is Parallel with NumberOfPresentedRequests = 0: WdfIoQueueCreate accepts it, but the queue never presents a request (WDF_IO_QUEUE_CONFIG_INIT sets it to unlimited; a zero-filled config does not).`,
      ),
    );

// DSP-08 / 6.1: Sequential plus a presentation lock — two different limits people conflate (seeds 000, 001).
export const sequentialWithLock = (ctx: LintContext): ExplainFinding[] =>
  liveQueues(ctx)
    .filter(
      (q) =>
        q.config.dispatchType === "Sequential" &&
        q.callbackLock !== null &&
        callbacksOf(ctx, q.id).some((cb) => cb.kind === "ioEvent"),
    )
    .map((q) =>
      finding(
        "DSP-08",
        "info",
        q,
        `${q.id} is Sequential and its callbacks hold ${describeLock(q.callbackLock!)}. The lock alone keeps its callbacks from running at the same time; Sequential additionally withholds the next request while the driver still owns one (for example, pended to a work item until WdfRequestComplete). If requests should keep arriving while one is pending, Parallel with the same scope still serializes the callbacks.`,
      ),
    );

// DSP-08: no presentation lock — Sequential / limit 1 do not keep callback bodies apart.
export const unlockedSequentialOverlaps = (ctx: LintContext): ExplainFinding[] =>
  liveQueues(ctx)
    .filter(
      (q) =>
        q.callbackLock === null &&
        (q.config.dispatchType === "Sequential" ||
          (q.config.dispatchType === "Parallel" && q.config.numberOfPresentedRequests === 1)),
    )
    .filter((q) => callbacksOf(ctx, q.id).some((cb) => cb.kind === "ioEvent"))
    .map((q) =>
      finding(
        "DSP-08",
        "warning",
        q,
        `${q.id} has synchronization scope None: ${q.config.dispatchType === "Sequential" ? "Sequential dispatch" : "NumberOfPresentedRequests = 1"} limits driver-owned requests, not running callbacks. Once a request is completed or forwarded inside its callback, the next one can be presented on another thread while that callback still runs.`,
      ),
    );

// RDY-01: a Manual queue whose requests nobody retrieves.
export const manualQueueNotDrained = (ctx: LintContext): ExplainFinding[] =>
  liveQueues(ctx)
    .filter((q) => q.config.dispatchType === "Manual" && !q.config.retrievesRequests)
    .filter((q) => !callbacksOf(ctx, q.id).some((cb) => cb.kind === "readyNotify"))
    .flatMap((q) => {
      const receives = q.config.defaultQueue || q.config.requestDispatching.length > 0;
      if (receives) {
        return [
          finding(
            "RDY-01",
            "warning",
            q,
            `${q.id} is a Manual queue that receives requests (${q.config.defaultQueue ? "default queue" : q.config.requestDispatching.join(", ")}), but nothing registers WdfIoQueueReadyNotify or calls WdfIoQueueRetrieveNextRequest on it: its requests wait until cancelled.`,
          ),
        ];
      }
      const children = ctx.live.filter((o) => o.config.parent === q.id);
      return children.length > 0
        ? [
            finding(
              "PL-1",
              "info",
              q,
              `${q.id} is a Manual queue with no request callbacks: it serves as the lock owner of ${children.map((c) => c.id).join(", ")}${q.callbackLock ? ` (${describeLock(q.callbackLock)})` : " (scope None: no lock)"}.`,
            ),
          ]
        : [];
    });

// PL-1: a scope was set explicitly but no callback runs under the lock it creates.
export const scopeWithoutBeneficiary = (ctx: LintContext): ExplainFinding[] =>
  ctx.live
    // A device's scope Queue is a default for its queues, not a lock of its own; only Device counts here.
    .filter((o) =>
      (o.config.kind === "queue"
        ? ["Device", "Queue"]
        : o.config.kind === "device"
          ? ["Device"]
          : []
      ).includes(o.config.attributes?.synchronizationScope ?? ""),
    )
    .filter((o) => {
      const lock = o.config.kind === "queue" ? o.callbackLock : o.ownLock;
      return lock !== null && (ctx.callbacksByLock.get(lock.id) ?? []).length === 0;
    })
    .map((o) =>
      finding(
        "PL-1",
        "info",
        o,
        `${o.id} sets SynchronizationScope ${o.config.attributes?.synchronizationScope}, but no callback runs under the lock it provides${o.config.kind === "device" ? " (every queue, file object and child chose otherwise)" : ""}.`,
      ),
    );

// U-2 / CFG-06c: UMDF specifics that do not fail creation.
export const umdfQueueWarnings = (ctx: LintContext): ExplainFinding[] => {
  if (ctx.driver.framework !== "umdf2") return [];
  const version = clientVersion("umdf2", ctx.driver.version);
  return liveQueues(ctx).flatMap((q) => [
    ...(q.config.attributes?.executionLevel === "Dispatch"
      ? [
          finding(
            "U-2",
            "warning",
            q,
            `${q.id} is explicitly Dispatch-level in UMDF: accepted, but when delivery must be deferred (forward between queues sharing a lock, start/stop from a locked callback) UMDF's queue DPC path is a verifier trap ("not implemented").`,
          ),
        ]
      : []),
    ...(!versionAtLeast(version, 2, 19) &&
    q.config.callbacks.some((c) => c.event === "EvtIoInternalDeviceControl")
      ? [
          finding(
            "CFG-06c",
            "warning",
            q,
            `${q.id} registers EvtIoInternalDeviceControl: UMDF before 2.19 only warns, 2.19 and later fail WdfIoQueueCreate with STATUS_INVALID_PARAMETER.`,
          ),
        ]
      : []),
  ]);
};
