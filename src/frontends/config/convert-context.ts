// What converting a validated config to a DriverConfig accumulates: objects in creation order,
// the callback functions of a driver model, and the problems zod cannot see (ids, lock names).

import type { AttributesConfig, Framework, ObjectConfig, SourceSpan } from "../../model/config.js";
import type { AttributesInput, DriverFunction } from "./input-types.js";
import type { ConfigPath, ConfigProblem, Locate } from "./problems.js";

/** An interrupt's `lock:` value, resolved once every object exists (interrupt-locks.ts). */
export interface LockReference {
  readonly objectIndex: number;
  readonly ref: string;
  readonly deviceId: string;
  readonly path: ConfigPath;
}

export interface ConvertContext {
  readonly file: string;
  readonly framework: Framework;
  readonly locate: Locate | undefined;
  readonly objects: ObjectConfig[];
  readonly functions: Map<string, DriverFunction>;
  readonly problems: ConfigProblem[];
  /** Object id -> where it was declared. */
  readonly declaredAt: Map<string, SourceSpan | null>;
  readonly lockReferences: LockReference[];
}

export const newContext = (
  file: string,
  framework: Framework,
  locate: Locate | undefined,
): ConvertContext => ({
  file,
  framework,
  locate,
  objects: [],
  functions: new Map(),
  problems: [],
  declaredAt: new Map(),
  lockReferences: [],
});

/** Where the key at `path` is written, as a DriverConfig source span. */
export function span(ctx: ConvertContext, path: ConfigPath): SourceSpan | null {
  const at = ctx.locate?.([...path], "key") ?? null;
  return at === null ? null : { file: ctx.file, line: at.line, column: at.column };
}

/** Omitted: WDF_NO_OBJECT_ATTRIBUTES (null). Given: WDF_OBJECT_ATTRIBUTES_INIT plus what is set. */
export const attributesOf = (input: AttributesInput | undefined): AttributesConfig | null =>
  input === undefined
    ? null
    : {
        executionLevel: input.executionLevel ?? "InheritFromParent",
        synchronizationScope: input.synchronizationScope ?? "InheritFromParent",
      };

/** Appends `object` unless its id is taken: ids are paths, so two entries may not share one. */
export function addObject(ctx: ConvertContext, object: ObjectConfig, path: ConfigPath): void {
  const first = ctx.declaredAt.get(object.id);
  if (first !== undefined) {
    const where = first === null ? "" : ` (first used at line ${first.line})`;
    const why =
      object.id === "driver" ? '"driver" is the id of the driver object' : "sibling names must be unique";
    ctx.problems.push({ path, target: "key", message: `duplicate object id "${object.id}": ${why}${where}` });
    return;
  }
  ctx.declaredAt.set(object.id, object.source);
  ctx.objects.push(object);
}
