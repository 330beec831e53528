// Walking the object tree: device ancestry (S-1) and the lock owner lookup (S-2).
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/core/fxdevicebase.cpp
// (FxDeviceBase::_SearchForDevice), src/framework/shared/object/fxobject.cpp (_GetEffectiveLock).

import type { ResolvedObject } from "./resolved.js";

type Lookup = ReadonlyMap<string, ResolvedObject>;

/** The object itself, then its parents up to the root. */
export const ancestry = (id: string | null, resolved: Lookup): ResolvedObject[] => {
  const chain: ResolvedObject[] = [];
  let current = id === null ? undefined : resolved.get(id);
  while (current !== undefined && chain.length < 64) {
    chain.push(current);
    current = current.config.parent === null ? undefined : resolved.get(current.config.parent);
  }
  return chain;
};

/** S-1: the first WDFDEVICE at or above `id`, or null (e.g. a WDFDRIVER parent). */
export const deviceAncestor = (id: string | null, resolved: Lookup): ResolvedObject | null =>
  ancestry(id, resolved).find((o) => o.config.kind === "device") ?? null;

/** S-2: the first object at or above `parent` that answers IFxHasCallbacks (queue, device, file object). */
export const lockOwner = (parent: string | null, resolved: Lookup): ResolvedObject | null =>
  ancestry(parent, resolved).find(
    (o) => o.config.kind === "queue" || o.config.kind === "device" || o.config.kind === "fileobject",
  ) ?? deviceAncestor(parent, resolved);

/** Whether every object above `id` exists (a child of a failed object is never created). */
export const parentExists = (parent: string | null, resolved: Lookup): boolean =>
  parent === null || resolved.get(parent)?.exists === true;
