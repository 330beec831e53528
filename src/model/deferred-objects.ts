// Work items, timers and DPCs: their WdfXxxCreate checks in order (locking spec 6.2-6.4) and the
// AutomaticSerialization lock. Sources: microsoft/Windows-Driver-Frameworks
// src/framework/shared/core/fxworkitemapi.cpp, fxworkitem.cpp, fxtimerapi.cpp, fxtimer.cpp,
// src/framework/kmdf/src/core/fxdpcapi.cpp, fxdpc.cpp.

import { attributePermissions, requiredParentCheck, scopeLevelCheck } from "./attributes.js";
import {
  automaticSerializationLock,
  deviceAncestryCheck,
  type SerializationResult,
} from "./auto-serialization.js";
import type { DpcObjectConfig, TimerObjectConfig, WorkItemObjectConfig } from "./config.js";
import { firstFailure, type ResolveContext, resolvedObject } from "./context.js";
import type { Failure, Level, ResolvedObject } from "./resolved.js";
import { versionAtLeast } from "./version.js";

const MAXLONG = 0x7fffffff;

const invalidParameter = (rule: string, message: string): Failure => ({
  status: "STATUS_INVALID_PARAMETER",
  rule,
  message,
});

/** The common tail: S-1, then S-2..S-5, then the ResolvedObject. */
const finish = (
  config: WorkItemObjectConfig | TimerObjectConfig | DpcObjectConfig,
  ctx: ResolveContext,
  earlier: Failure | null,
  wantsPassive: boolean,
  level: Level,
): ResolvedObject => {
  const ancestry = earlier ?? deviceAncestryCheck(config.parent, ctx);
  const serial: SerializationResult | null =
    ancestry === null
      ? automaticSerializationLock(config.parent, config.automaticSerialization, wantsPassive, ctx)
      : null;
  return resolvedObject(config, {
    level,
    scope: serial?.lock ? (serial.ownerScope ?? "None") : "None",
    passiveFlag: wantsPassive,
    failure: ancestry ?? serial?.failure ?? null,
    exists: true,
    callbackLock: serial?.lock ?? null,
  });
};

const hasCallback = (config: { callbacks: readonly { event: string }[] }, event: string): boolean =>
  config.callbacks.some((c) => c.event === event);

// 6.2: work items always want a passive lock and accept neither level nor scope.
export const resolveWorkItem = (config: WorkItemObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const failure = firstFailure(
    () => requiredParentCheck(config.attributes, config.parent !== null),
    () => (hasCallback(config, "EvtWorkItem") ? null : invalidParameter("6.2", "EvtWorkItemFunc is NULL")),
    () => scopeLevelCheck(config.attributes, attributePermissions(config)),
  );
  return finish(config, ctx, failure, true, "Passive");
};

/** T-3: only the timer's own explicit Passive makes it a passive timer; nothing is inherited. */
export const timerIsPassive = (config: TimerObjectConfig): boolean =>
  config.attributes?.executionLevel === "Passive";

// 6.3: timer checks in WdfTimerCreate / FxTimer::Initialize order.
export const resolveTimer = (config: TimerObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const passive = timerIsPassive(config);
  const failure = firstFailure(
    () => requiredParentCheck(config.attributes, config.parent !== null),
    () => (config.period > MAXLONG ? invalidParameter("6.3", "Period is larger than MAXLONG") : null),
    () =>
      !versionAtLeast(ctx.version, 1, 13) && config.tolerableDelay > MAXLONG
        ? invalidParameter("6.3", "TolerableDelay is larger than MAXLONG (clients before 1.13)")
        : null,
    () =>
      ctx.framework === "umdf2" && config.useHighResolutionTimer
        ? {
            status: "STATUS_NOT_IMPLEMENTED",
            rule: "U-5",
            message: "UMDF timers do not support UseHighResolutionTimer",
          }
        : null,
    () =>
      config.tolerableDelay > 0 && config.useHighResolutionTimer
        ? invalidParameter("6.3", "TolerableDelay > 0 cannot be combined with UseHighResolutionTimer")
        : null,
    () => scopeLevelCheck(config.attributes, attributePermissions(config)),
    () =>
      config.period > 0 && passive
        ? {
            status: "STATUS_NOT_SUPPORTED",
            rule: "6.3",
            message:
              "a periodic timer cannot be Passive (WdfTimerCreate refuses Period > 0 with ExecutionLevel Passive)",
          }
        : null,
  );
  // T-5: UMDF timer callbacks always run on thread-pool threads, i.e. passive.
  const level: Level = passive || ctx.framework === "umdf2" ? "Passive" : "Dispatch";
  return finish(config, ctx, failure, passive, level);
};

// 6.4: DPCs are KMDF only (U-3), want a spin lock and accept neither level nor scope.
export const resolveDpc = (config: DpcObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const failure = firstFailure(
    () =>
      ctx.framework === "umdf2"
        ? {
            status: "STATUS_NOT_SUPPORTED",
            rule: "U-3",
            message: "UMDF 2 has no DPC objects (WdfDpcCreate does not exist in UMDF; use a work item)",
          }
        : null,
    () => requiredParentCheck(config.attributes, config.parent !== null),
    () => scopeLevelCheck(config.attributes, attributePermissions(config)),
  );
  return finish(config, ctx, failure, false, "Dispatch");
};
