// An interrupt's `lock:` names the WDFSPINLOCK / WDFWAITLOCK of WDF_INTERRUPT_CONFIG.SpinLock /
// WaitLock: a full object id first, else a name unique among the locks of the same device.
// Naming anything else is impossible in C (the field is typed), so it is an input error.

import type { ObjectConfig } from "../../model/config.js";
import type { ConvertContext, LockReference } from "./convert-context.js";
import type { ConfigProblem } from "./problems.js";

const isLock = (o: ObjectConfig): boolean => o.kind === "other" && o.otherKind !== "object";
const nameOf = (id: string): string => id.slice(id.lastIndexOf("/") + 1);
const inDevice = (id: string, deviceId: string): boolean => id.startsWith(`${deviceId}/`);

const kindName = (o: ObjectConfig): string => (o.kind === "other" ? "general object" : o.kind);

/** How the locks of a device can be named: by name when unique there, else by id. */
function lockNames(locks: readonly ObjectConfig[]): string[] {
  const count = new Map<string, number>();
  for (const l of locks) count.set(nameOf(l.id), (count.get(nameOf(l.id)) ?? 0) + 1);
  return locks.map((l) => (count.get(nameOf(l.id)) === 1 ? nameOf(l.id) : l.id));
}

/** The lock id `reference` names, or the problem with it. */
function resolveLock(objects: readonly ObjectConfig[], reference: LockReference): string | ConfigProblem {
  const { ref, deviceId, path } = reference;
  const byId = objects.find((o) => o.id === ref);
  if (byId !== undefined) {
    if (isLock(byId)) return byId.id;
    return {
      path,
      target: "value",
      message: `lock "${ref}" is a ${kindName(byId)}, not a spinLocks or waitLocks entry`,
    };
  }
  // Sorted by id (plain <) so `allowed` reads the same whatever the section order.
  const locks = objects
    .filter((o) => isLock(o) && inDevice(o.id, deviceId))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const named = locks.filter((o) => nameOf(o.id) === ref);
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) {
    const message = `lock "${ref}" is ambiguous in device "${deviceId}": write its full id`;
    return { path, target: "value", message, allowed: named.map((o) => o.id) };
  }
  const message = `lock "${ref}" names no spinLocks or waitLocks entry in device "${deviceId}"`;
  return { path, target: "value", message, allowed: lockNames(locks) };
}

/** Fills each referencing interrupt's `interruptLock`, or records why it cannot. */
export function resolveInterruptLocks(ctx: ConvertContext): void {
  for (const reference of ctx.lockReferences) {
    const resolved = resolveLock(ctx.objects, reference);
    if (typeof resolved !== "string") {
      ctx.problems.push(resolved);
      continue;
    }
    const interrupt = ctx.objects[reference.objectIndex]!;
    if (interrupt.kind === "interrupt")
      ctx.objects[reference.objectIndex] = { ...interrupt, interruptLock: resolved };
  }
}
