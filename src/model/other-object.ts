// General objects (WdfObjectCreate, G-1) and WDFSPINLOCK / WDFWAITLOCK objects: no callbacks of
// their own; they matter as ParentObjects (S-2, S-4) and as interrupt locks (PL-3).

import { attributePermissions, scopeLevelCheck } from "./attributes.js";
import type { OtherObjectConfig } from "./config.js";
import { type ResolveContext, resolvedObject } from "./context.js";
import { inheritLevel } from "./driver.js";
import type { ResolvedObject } from "./resolved.js";

export const resolveOtherObject = (config: OtherObjectConfig, ctx: ResolveContext): ResolvedObject => {
  const parent = config.parent === null ? undefined : ctx.resolved.get(config.parent);
  return resolvedObject(config, {
    level: inheritLevel(config.attributes?.executionLevel, parent?.level ?? "Dispatch"),
    scope: "None",
    // G-1 / L-5: FxObject::Commit flags any object whose own attributes say Passive explicitly.
    passiveFlag: config.attributes?.executionLevel === "Passive",
    failure: scopeLevelCheck(config.attributes, attributePermissions(config)),
    exists: true,
  });
};
