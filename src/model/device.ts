// The device object: DV-1..DV-5, plus the file-object checks WdfDeviceCreate makes (F-3, F-4).
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/core/fxdevicebase.cpp
// (FxDeviceBase::ConfigureConstraints), src/framework/shared/object/fxobject.cpp (FxObject::Commit).

import type { DeviceObjectConfig, FileObjectConfig } from "./config.js";
import { type ResolveContext, resolvedObject } from "./context.js";
import { inheritLevel, inheritScope } from "./driver.js";
import { fileObjectConstraints } from "./file-object.js";
import { lockClassForLevel, ownLock } from "./locks.js";
import type { ResolvedObject } from "./resolved.js";

// DV-5: only explicit Passive attributes set the device's passive flag; inherited Passive does not.
export const devicePassiveFlag = (config: DeviceObjectConfig): boolean =>
  config.attributes?.executionLevel === "Passive";

export const findFileObjectConfig = (device: string, ctx: ResolveContext): FileObjectConfig | null => {
  for (const config of ctx.configs.values()) {
    if (config.kind === "fileobject" && config.parent === device) return config;
  }
  return null;
};

export const resolveDevice = (config: DeviceObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const driver = config.parent === null ? undefined : ctx.resolved.get(config.parent);
  // DV-1: InheritFromParent takes the driver's resolved value.
  const level = inheritLevel(config.attributes?.executionLevel, driver?.level ?? "Dispatch");
  const scope = inheritScope(config.attributes?.synchronizationScope, driver?.scope ?? "None");
  // DV-2: the device always has a lock — mutex if Passive, spin otherwise — and presents it.
  const lock = ownLock(config.id, lockClassForLevel(level));
  const fileConfig = findFileObjectConfig(config.id, ctx);
  const file = fileConfig === null ? null : fileObjectConstraints(fileConfig, { level, scope }, ctx.version);
  return resolvedObject(config, {
    level,
    scope,
    passiveFlag: devicePassiveFlag(config),
    failure: file?.failure ?? null,
    exists: driver?.exists !== false,
    ownLock: lock,
    presentationLock: lock,
    // DV-4: no PnP/power callback runs under the device lock.
    callbackLock: null,
  });
};

export const resolveFileObject = (config: FileObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const device = config.parent === null ? undefined : ctx.resolved.get(config.parent);
  const constraints = fileObjectConstraints(
    config,
    { level: device?.level ?? "Dispatch", scope: device?.scope ?? "None" },
    ctx.version,
  );
  // F-6: the file object presents the device lock only with scope Device.
  const lock = constraints.scope === "Device" ? (device?.ownLock ?? null) : null;
  return resolvedObject(config, {
    level: constraints.level,
    scope: constraints.scope,
    // L-5: the file-object package is passive-flagged when it resolves to Passive.
    passiveFlag: constraints.level === "Passive",
    failure: device?.failure ?? null,
    exists: device?.exists === true,
    presentationLock: lock,
    callbackLock: lock,
  });
};
