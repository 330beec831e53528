// What resolving one object may look at: the framework, the client version, and the objects
// resolved before it (creation order, parents first).

import type { Framework, FrameworkVersion, ObjectConfig } from "./config.js";
import type { Failure, Level, ResolvedLock, ResolvedObject, Scope } from "./resolved.js";

export interface ResolveContext {
  readonly framework: Framework;
  readonly version: FrameworkVersion;
  /** Resolved so far, by id. */
  readonly resolved: ReadonlyMap<string, ResolvedObject>;
  /** Every object's config, by id (a device looks ahead at its file-object config). */
  readonly configs: ReadonlyMap<string, ObjectConfig>;
}

/** A ResolvedObject with the fields most kinds leave empty. */
export const resolvedObject = (
  config: ObjectConfig,
  fields: {
    level: Level;
    scope: Scope;
    passiveFlag: boolean;
    failure: Failure | null;
    exists: boolean;
    ownLock?: ResolvedLock | null;
    presentationLock?: ResolvedLock | null;
    callbackLock?: ResolvedLock | null;
    interruptLock?: ResolvedLock | null;
    powerManaged?: boolean | null;
  },
): ResolvedObject => ({
  config,
  id: config.id,
  level: fields.level,
  scope: fields.scope,
  passiveFlag: fields.passiveFlag,
  ownLock: fields.ownLock ?? null,
  presentationLock: fields.presentationLock ?? null,
  callbackLock: fields.failure === null ? (fields.callbackLock ?? null) : null,
  interruptLock: fields.interruptLock ?? null,
  failure: fields.failure,
  exists: fields.exists && fields.failure === null,
  powerManaged: fields.powerManaged ?? null,
});

/** The first check that fails, in the order given (V-1: the first failure is returned). */
export const firstFailure = (...checks: ReadonlyArray<() => Failure | null>): Failure | null => {
  for (const check of checks) {
    const failure = check();
    if (failure !== null) return failure;
  }
  return null;
};
