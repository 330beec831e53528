// Attribute validation, FxValidateObjectAttributes (V-1 check order, V-2 per-API permissions).
// Source: microsoft/Windows-Driver-Frameworks src/framework/shared/object/fxvalidatefunctions.cpp.

import type { AttributesConfig, ObjectConfig } from "./config.js";
import type { Failure } from "./resolved.js";

/** V-2: what a create API lets the attributes carry. */
export interface AttributePermissions {
  readonly parent: "forbidden" | "allowed" | "required";
  readonly level: boolean;
  readonly scope: boolean;
}

// V-2 table. Interrupt parent permission depends on AutomaticSerialization (checked in interrupt.ts).
export const attributePermissions = (config: ObjectConfig): AttributePermissions => {
  switch (config.kind) {
    case "driver":
    case "device":
    case "fileobject":
      return { parent: "forbidden", level: true, scope: true };
    case "queue":
      return { parent: "allowed", level: true, scope: true };
    case "timer":
      return { parent: "required", level: true, scope: false };
    case "workitem":
    case "dpc":
      return { parent: "required", level: false, scope: false };
    case "interrupt":
      return { parent: "allowed", level: false, scope: false };
    case "other":
      return config.otherKind === "object"
        ? { parent: "allowed", level: true, scope: false }
        : { parent: "allowed", level: false, scope: false };
    default: {
      const never: never = config;
      return never;
    }
  }
};

/**
 * V-2 (FxValidateObjectAttributesForParentHandle): timer, work item and DPC need attributes and a
 * ParentObject. `hasParent` is whether a ParentObject was set.
 */
export const requiredParentCheck = (
  attributes: AttributesConfig | null,
  hasParent: boolean,
): Failure | null =>
  attributes === null || !hasParent
    ? {
        status: "STATUS_WDF_PARENT_NOT_SPECIFIED",
        rule: "V-2",
        message: "needs object attributes with a ParentObject (WDF_OBJECT_ATTRIBUTES.ParentObject)",
      }
    : null;

/**
 * V-1 items 7-8: scope is checked before level, so an object that accepts neither reports the
 * scope error first. Scope None is tolerated where no scope is allowed.
 */
export const scopeLevelCheck = (
  attributes: AttributesConfig | null,
  permissions: AttributePermissions,
): Failure | null => {
  if (attributes === null) return null;
  const scope = attributes.synchronizationScope;
  if (!permissions.scope && (scope === "Device" || scope === "Queue")) {
    return {
      status: "STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID",
      rule: "V-1",
      message: `SynchronizationScope ${scope} is not allowed on this object (only InheritFromParent or None)`,
    };
  }
  if (!permissions.level && attributes.executionLevel !== "InheritFromParent") {
    return {
      status: "STATUS_WDF_EXECUTION_LEVEL_INVALID",
      rule: "V-1",
      message: `ExecutionLevel ${attributes.executionLevel} is not allowed on this object (only InheritFromParent)`,
    };
  }
  return null;
};
