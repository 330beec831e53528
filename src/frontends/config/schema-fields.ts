// Leaf zod schemas of the driver-config format: names, WDF enums, attributes, numbers and
// callback maps. Each schema's `error` is the "expected ..." phrase an InputError quotes
// (zod-issues.ts), so the wording lives next to the rule it describes.

import * as z from "zod";
import type { CallbackMapInput, CallbackValue, Section } from "./input-types.js";

/** Object names become id segments and C identifiers. */
export const OBJECT_NAME_PATTERN: RegExp = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** C names, plus `$` for TypeScript driver models. */
export const FUNCTION_NAME_PATTERN: RegExp = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export const VERSION_PATTERN: RegExp = /^[0-9]+\.[0-9]+$/;
export const ULONG_MAX = 0xffffffff;

const MAPPING = "a mapping (key: value)";
const BOOLEAN = "true or false";
const ULONG = `an integer from 0 to ${ULONG_MAX}`;
const VERSION = 'a quoted "major.minor" string such as "1.33"';

export const frameworkSchema: z.ZodEnum<{ kmdf: "kmdf"; umdf2: "umdf2" }> = z.enum(["kmdf", "umdf2"]);

export const versionSchema: z.ZodString = z
  .string({ error: VERSION })
  .regex(VERSION_PATTERN, { error: VERSION });

export const executionLevelSchema: z.ZodEnum<{
  Passive: "Passive";
  Dispatch: "Dispatch";
  InheritFromParent: "InheritFromParent";
}> = z.enum(["Passive", "Dispatch", "InheritFromParent"]);

export const synchronizationScopeSchema: z.ZodEnum<{
  Device: "Device";
  Queue: "Queue";
  None: "None";
  InheritFromParent: "InheritFromParent";
}> = z.enum(["Device", "Queue", "None", "InheritFromParent"]);

export const triStateSchema: z.ZodEnum<{
  WdfTrue: "WdfTrue";
  WdfFalse: "WdfFalse";
  WdfUseDefault: "WdfUseDefault";
}> = z.enum(["WdfTrue", "WdfFalse", "WdfUseDefault"]);

export const dispatchTypeSchema: z.ZodEnum<{
  Sequential: "Sequential";
  Parallel: "Parallel";
  Manual: "Manual";
}> = z.enum(["Sequential", "Parallel", "Manual"]);

export const requestTypeSchema: z.ZodEnum<{
  Create: "Create";
  Read: "Read";
  Write: "Write";
  DeviceControl: "DeviceControl";
  DeviceControlInternal: "DeviceControlInternal";
}> = z.enum(["Create", "Read", "Write", "DeviceControl", "DeviceControlInternal"]);

/** WDF_OBJECT_ATTRIBUTES: a missing field keeps WDF_OBJECT_ATTRIBUTES_INIT's InheritFromParent. */
export const attributesSchema: z.ZodOptional<
  z.ZodObject<{
    executionLevel: z.ZodOptional<typeof executionLevelSchema>;
    synchronizationScope: z.ZodOptional<typeof synchronizationScopeSchema>;
  }>
> = z
  .strictObject(
    {
      executionLevel: executionLevelSchema
        .optional()
        .describe("WDF_OBJECT_ATTRIBUTES.ExecutionLevel (WdfExecutionLevel...). Default InheritFromParent."),
      synchronizationScope: synchronizationScopeSchema
        .optional()
        .describe(
          "WDF_OBJECT_ATTRIBUTES.SynchronizationScope (WdfSynchronizationScope...). Default InheritFromParent.",
        ),
    },
    { error: MAPPING },
  )
  .meta({ id: "Attributes", title: "WDF_OBJECT_ATTRIBUTES" })
  .optional()
  .describe(
    "WDF_OBJECT_ATTRIBUTES passed at creation. Omitted: WDF_NO_OBJECT_ATTRIBUTES (work items, timers and DPCs: " +
      "WDF_OBJECT_ATTRIBUTES_INIT, their ParentObject needs it); {}: WDF_OBJECT_ATTRIBUTES_INIT (both fields " +
      "InheritFromParent). ParentObject is where the entry is nested.",
  );

export const flag = (description: string): z.ZodOptional<z.ZodBoolean> =>
  z.boolean({ error: BOOLEAN }).optional().describe(description);

/** A C ULONG written in decimal (or YAML hex). */
export const ulong = (): z.ZodNumber =>
  z.int({ error: ULONG }).min(0, { error: ULONG }).max(ULONG_MAX, { error: ULONG });

export const functionNameSchema: z.ZodString = z
  .string({ error: "a function name" })
  .regex(FUNCTION_NAME_PATTERN, {
    error: "a function name (letters, digits and _, not starting with a digit)",
  });

/** A callback value: a function name, or (`allowFunctions`) a JS function. */
export const callbackValueSchema = <F>(allowFunctions: boolean): z.ZodType<CallbackValue<F>> =>
  allowFunctions
    ? z.union([functionNameSchema, z.custom<F>((v) => typeof v === "function")], {
        error: "a function name or a function",
      })
    : (functionNameSchema as z.ZodType<CallbackValue<F>>);

/** `{ <slot>: <function> }` for the given WDF callback slots; any other key is an error. */
export function callbackMap<S extends string, F>(
  slots: readonly S[],
  value: z.ZodType<CallbackValue<F>>,
  owner: string,
): z.ZodOptional<z.ZodType<CallbackMapInput<S, F>>> {
  const shape = Object.fromEntries(
    slots.map((slot) => [slot, value.optional().describe(`${owner}.${slot}: the driver's function.`)]),
  );
  // Built from the slot list, so its keys are exactly S; TypeScript cannot follow a generic S.
  const map = z.strictObject(shape, { error: MAPPING }) as unknown as z.ZodType<CallbackMapInput<S, F>>;
  return map.optional().describe(`Callbacks registered in ${owner}, slot -> driver function.`);
}

/** `{ <name>: <entry> }`: a section of child objects keyed by object name. */
export function section<T>(item: z.ZodType<T>, description: string): z.ZodOptional<z.ZodType<Section<T>>> {
  const name = z.string().regex(OBJECT_NAME_PATTERN);
  const map: z.ZodType<Section<T>> = z.record(name, item, { error: MAPPING });
  return map.optional().describe(description);
}

export const strictMapping = <S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$strict> =>
  z.strictObject(shape, { error: MAPPING });
