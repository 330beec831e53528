// resolve(): DriverConfig -> ResolvedDriver. Pure: every rule decision is made by the per-kind
// modules; this file only walks the objects in creation order and gathers results.

import { buildCallbacks } from "./callbacks.js";
import type { DriverConfig, ObjectConfig } from "./config.js";
import type { ResolveContext } from "./context.js";
import { resolveDpc, resolveTimer, resolveWorkItem } from "./deferred-objects.js";
import { resolveDevice, resolveFileObject } from "./device.js";
import { resolveDriver } from "./driver.js";
import { creationFindings, irqlViolationFindings } from "./findings.js";
import { resolveInterrupt } from "./interrupt.js";
import { resolveOtherObject } from "./other-object.js";
import { resolveQueue } from "./queue.js";
import type { Failure, ResolvedDriver, ResolvedObject } from "./resolved.js";
import { clientVersion } from "./version.js";

const resolveByKind = (config: ObjectConfig, ctx: ResolveContext): ResolvedObject => {
  switch (config.kind) {
    case "driver":
      return resolveDriver(config, ctx.framework);
    case "device":
      return resolveDevice(config, ctx);
    case "fileobject":
      return resolveFileObject(config, ctx);
    case "queue":
      return resolveQueue(config, ctx);
    case "workitem":
      return resolveWorkItem(config, ctx);
    case "timer":
      return resolveTimer(config, ctx);
    case "dpc":
      return resolveDpc(config, ctx);
    case "interrupt":
      return resolveInterrupt(config, ctx);
    case "other":
      return resolveOtherObject(config, ctx);
    default: {
      const never: never = config;
      return never;
    }
  }
};

/** The handle a child would be given when the object it hangs off was never created. */
const missingParentFailure = (config: ObjectConfig, missing: string): Failure =>
  config.kind === "workitem" || config.kind === "timer" || config.kind === "dpc"
    ? {
        status: "STATUS_WDF_PARENT_NOT_SPECIFIED",
        rule: "V-2",
        message: `its ParentObject ${missing} was never created, so ParentObject is NULL`,
      }
    : {
        status: "STATUS_INVALID_HANDLE",
        rule: "BUG-33",
        message: `${missing} was never created; a NULL handle bug-checks WDF_VIOLATION (0x10D, WDF_INVALID_HANDLE)`,
      };

/** The objects this one needs to exist: its parent, and for a queue its device. */
const dependencies = (config: ObjectConfig): string[] => {
  const deps = config.parent === null ? [] : [config.parent];
  if (config.kind === "queue" && config.device !== config.parent) deps.push(config.device);
  return deps;
};

const withMissingParent = (object: ResolvedObject, ctx: ResolveContext): ResolvedObject => {
  // A file object shares its device's fate (its status is the WdfDeviceCreate status).
  if (object.config.kind === "fileobject") return object;
  const missing = dependencies(object.config).find((id) => ctx.resolved.get(id)?.exists !== true);
  if (missing === undefined) return object;
  return {
    ...object,
    failure: missingParentFailure(object.config, missing),
    exists: false,
    callbackLock: null,
  };
};

export const resolve = (config: DriverConfig): ResolvedDriver => {
  const resolved = new Map<string, ResolvedObject>();
  const ctx: ResolveContext = {
    framework: config.framework,
    version: clientVersion(config.framework, config.version),
    resolved,
    configs: new Map(config.objects.map((o) => [o.id, o])),
  };
  for (const object of config.objects) {
    resolved.set(object.id, withMissingParent(resolveByKind(object, ctx), ctx));
  }
  const objects = [...resolved.values()];
  const built = buildCallbacks(config.framework, objects);
  return {
    framework: config.framework,
    version: config.version,
    objects,
    callbacks: built.callbacks,
    findings: [
      ...creationFindings(objects),
      ...built.findings,
      ...irqlViolationFindings(config.framework, built.callbacks),
    ],
  };
};
