// AutomaticSerialization for work items, timers, DPCs and interrupts: S-1..S-5 (locking spec 6.1).
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/object/fxobject.cpp
// (FxObject::_GetEffectiveLock).

import type { ResolveContext } from "./context.js";
import type { Failure, ResolvedLock, ResolvedObject, Scope } from "./resolved.js";
import { deviceAncestor, lockOwner } from "./tree.js";

export interface SerializationResult {
  readonly failure: Failure | null;
  /** The lock the callback runs under (S-5), or null (S-3). */
  readonly lock: ResolvedLock | null;
  /** The owner found by S-2 and its scope, for explanations. */
  readonly owner: ResolvedObject | null;
  readonly ownerScope: Scope | null;
}

// S-1: the parent must have a device ancestor; checked even when AutomaticSerialization is FALSE.
export const deviceAncestryCheck = (parent: string | null, ctx: ResolveContext): Failure | null =>
  deviceAncestor(parent, ctx.resolved) === null
    ? {
        status: "STATUS_INVALID_DEVICE_REQUEST",
        rule: "S-1",
        message: `ParentObject ${parent ?? "(none)"} has no WDFDEVICE ancestor`,
      }
    : null;

/** S-2..S-5 for an object whose S-1 check passed. `wantsPassive` is decided per object type. */
export const automaticSerializationLock = (
  parent: string | null,
  automaticSerialization: boolean,
  wantsPassive: boolean,
  ctx: ResolveContext,
): SerializationResult => {
  const owner = lockOwner(parent, ctx.resolved);
  const ownerScope = owner?.scope ?? null;
  // S-3: no AutomaticSerialization, or an owner with scope None: no lock and no level check.
  if (!automaticSerialization || owner === null || ownerScope === "None") {
    return { failure: null, lock: null, owner, ownerScope };
  }
  // S-4: compare with the passive *flag* of the immediate parent, not the owner's level.
  const parentObject = parent === null ? undefined : ctx.resolved.get(parent);
  const parentPassive = parentObject?.passiveFlag ?? false;
  if (wantsPassive !== parentPassive) {
    return { failure: incompatible(wantsPassive, parentObject, ownerScope), lock: null, owner, ownerScope };
  }
  // S-5: the owner's presentation lock.
  return { failure: null, lock: owner.presentationLock, owner, ownerScope };
};

const incompatible = (
  wantsPassive: boolean,
  parent: ResolvedObject | undefined,
  ownerScope: Scope | null,
): Failure => ({
  status: "STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
  rule: "S-4",
  message: wantsPassive
    ? `AutomaticSerialization needs a passive-level lock, but ParentObject ${parent?.id} is not passive-flagged (scope ${ownerScope}); ${passiveFlagHint(parent)}`
    : `AutomaticSerialization at DISPATCH_LEVEL needs a spin lock, but ParentObject ${parent?.id} is passive-flagged (scope ${ownerScope})`,
});

// DV-5: the surprising case is a device whose Passive level was only inherited.
const passiveFlagHint = (parent: ResolvedObject | undefined): string =>
  parent?.config.kind === "device" && parent.level === "Passive"
    ? "the device's Passive level is inherited, and only explicit ExecutionLevel = Passive on the device sets the flag (DV-5)"
    : "set AutomaticSerialization = FALSE, or parent it to a Passive queue";
