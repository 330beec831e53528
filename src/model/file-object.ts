// File-object constraints, computed during WdfDeviceCreate: F-1..F-6.
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/irphandlers/general/fxpkggeneral.cpp
// (FxPkgGeneral::ConfigureConstraints).

import type { FileObjectConfig, FrameworkVersion } from "./config.js";
import { inheritLevel, inheritScope } from "./driver.js";
import type { Failure, Level, Scope } from "./resolved.js";
import { versionAtLeast } from "./version.js";

export interface FileObjectConstraints {
  readonly level: Level;
  readonly scope: Scope;
  /** F-3 / F-4: the WdfDeviceCreate failure the file configuration causes, if any. */
  readonly failure: Failure | null;
}

// F-1: the starting level is Passive for clients >= 1.11, Dispatch before; the starting scope is None.
export const fileObjectDefaultLevel = (version: FrameworkVersion): Level =>
  versionAtLeast(version, 1, 11) ? "Passive" : "Dispatch";

export const fileObjectConstraints = (
  config: FileObjectConfig,
  device: { level: Level; scope: Scope },
  version: FrameworkVersion,
): FileObjectConstraints => {
  const start = fileObjectDefaultLevel(version);
  // F-1: WDF_NO_OBJECT_ATTRIBUTES keeps the defaults and does not inherit the device's scope.
  if (config.attributes === null) return { level: start, scope: "None", failure: null };
  // F-2: "Passive wins" — a block resolving to Passive makes the package Passive; Dispatch never overrides.
  const declared = inheritLevel(config.attributes.executionLevel, device.level);
  const level: Level = declared === "Passive" ? "Passive" : start;
  const scope = inheritScope(config.attributes.synchronizationScope, device.scope);
  return { level, scope, failure: fileScopeFailure(scope, device.level) };
};

const fileScopeFailure = (scope: Scope, deviceLevel: Level): Failure | null => {
  // F-3: scope Queue is not allowed on a file object (also when inherited from the device).
  if (scope === "Queue") {
    return {
      status: "STATUS_INVALID_DEVICE_REQUEST",
      rule: "F-3",
      message:
        "file-object SynchronizationScope resolves to Queue, which file objects do not allow, so WdfDeviceCreate fails",
    };
  }
  // F-4: scope Device needs a Passive device, since the file callbacks would take the device lock at PASSIVE_LEVEL.
  if (scope === "Device" && deviceLevel !== "Passive") {
    return {
      status: "STATUS_INVALID_DEVICE_REQUEST",
      rule: "F-4",
      message: `file-object SynchronizationScope Device requires a Passive device, but the device is ${deviceLevel}, so WdfDeviceCreate fails`,
    };
  }
  return null;
};
