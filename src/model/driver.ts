// The driver object: D-1..D-5. Source: microsoft/Windows-Driver-Frameworks
// src/framework/shared/core/fxdriver.cpp (FxDriver::FxDriver, FxDriver::ConfigureConstraints).

import type { DeclaredLevel, DeclaredScope, DriverObjectConfig, Framework } from "./config.js";
import { resolvedObject } from "./context.js";
import { ownLock } from "./locks.js";
import type { Level, ResolvedObject, Scope } from "./resolved.js";

// D-1: KMDF drivers default to Dispatch, UMDF drivers to Passive; scope defaults to None.
export const driverDefaultLevel = (framework: Framework): Level =>
  framework === "kmdf" ? "Dispatch" : "Passive";

// D-2 (and DV-1, Q-1, F-2): a declared value replaces the inherited one unless it is InheritFromParent.
export const inheritLevel = (declared: DeclaredLevel | undefined, inherited: Level): Level =>
  declared === undefined || declared === "InheritFromParent" ? inherited : declared;
export const inheritScope = (declared: DeclaredScope | undefined, inherited: Scope): Scope =>
  declared === undefined || declared === "InheritFromParent" ? inherited : declared;

// D-4: EvtDriverDeviceAdd runs under the driver mutex only when the driver scope is Device or Queue.
export const driverDeviceAddLocked = (scope: Scope): boolean => scope === "Device" || scope === "Queue";

export const resolveDriver = (config: DriverObjectConfig, framework: Framework): ResolvedObject => {
  const level = inheritLevel(config.attributes?.executionLevel, driverDefaultLevel(framework));
  const scope = inheritScope(config.attributes?.synchronizationScope, "None");
  // D-3: the driver always owns a mutex-class lock and is always passive-flagged.
  const lock = ownLock(config.id, "mutex");
  return resolvedObject(config, {
    level,
    scope,
    passiveFlag: true,
    failure: null,
    exists: true,
    ownLock: lock,
    presentationLock: lock,
    callbackLock: driverDeviceAddLocked(scope) ? lock : null,
  });
};
