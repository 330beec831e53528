// The Wdf...Create calls: each call site becomes one object, configured from the structures the
// call receives as they are at that point. Parent and device handles are resolved to object ids.

import type { AttributesConfig, CallbackConfig, ObjectConfig, SourceSpan } from "../../model/config.js";
import type { MutableObject } from "./builder.js";
import { evaluate } from "./expressions.js";
import { FieldReader } from "./field-values.js";
import type { Interp } from "./interpreter.js";
import type { Node } from "./parser.js";
import { lastIdentifier } from "./source-file.js";
import type { Storage, Value } from "./values.js";

export const refStorage = (v: Value): Storage | null => (v.k === "ref" ? v.storage : null);

/** The object a handle expression names, or null. A WDFDEVICE of a one-device driver is that device. */
export const resolveHandle = (
  interp: Interp,
  v: Value,
  wanted: ObjectConfig["kind"] | null,
): string | null => {
  if (v.k === "handle") return v.object;
  if (wanted !== null) {
    const candidates = interp.builder.ofKind(wanted);
    if (candidates.length === 1) return candidates[0]!.id as string;
  }
  return null;
};

/** WDF_OBJECT_ATTRIBUTES as passed to a create call; not statically known values earn C-VALUE. */
export const attributesOf = (
  interp: Interp,
  object: MutableObject,
  v: Value,
  at: SourceSpan,
): AttributesConfig | null => {
  if (v.k === "null") return null;
  const storage = refStorage(v);
  const r = new FieldReader(interp.store, interp.builder, object, storage, at);
  if (storage === null) {
    object.unknownFields.push("syncScope", "executionLevel");
    interp.builder.note(
      "C-VALUE",
      "info",
      `${object.id}: the object attributes are not statically known; explained as WDF_OBJECT_ATTRIBUTES_INIT`,
      object.id as string,
      at,
    );
  }
  return {
    executionLevel: r.enumerator(
      "ExecutionLevel",
      "WdfExecutionLevel",
      "executionLevel",
      "InheritFromParent",
    ) as AttributesConfig["executionLevel"],
    synchronizationScope: r.enumerator(
      "SynchronizationScope",
      "WdfSynchronizationScope",
      "syncScope",
      "InheritFromParent",
    ) as AttributesConfig["synchronizationScope"],
  };
};

export interface CreateSite {
  readonly interp: Interp;
  readonly call: Node;
  readonly span: SourceSpan;
  readonly kind: ObjectConfig["kind"];
  /** Name used when the call has no out-handle (WDF_NO_HANDLE). */
  readonly fallbackName: string;
  readonly outHandle: Node | null;
  readonly attributes: Value;
  /** The default parent when attributes give no ParentObject (the device, or the driver). */
  readonly defaultParent: string | null;
}

/** Creates (or, for a call site reached again, returns) the object of a create call. */
export const createObject = (
  site: CreateSite,
  fill: (object: MutableObject, attributes: AttributesConfig | null, parent: string | null) => void,
): MutableObject => {
  const { interp, span } = site;
  const existing = interp.builder.atSite(span);
  if (existing !== undefined) {
    registerOutHandle(site, existing.id as string);
    return existing;
  }
  const parentValue =
    site.attributes.k === "ref" ? interp.store.get(site.attributes.storage, "ParentObject") : undefined;
  const explicitParent =
    parentValue && parentValue.k !== "null" ? resolveHandle(interp, parentValue, null) : null;
  if (parentValue && parentValue.k !== "null" && explicitParent === null) {
    interp.builder.note(
      "C-REF",
      "info",
      `ParentObject ${parentValue.k === "fn" ? parentValue.name : "value"} could not be resolved to an object; ${site.defaultParent ?? "no parent"} assumed`,
      null,
      span,
    );
  }
  const parent = explicitParent ?? site.defaultParent;
  const name = outHandleName(site.outHandle) ?? site.fallbackName;
  const base =
    site.kind === "driver"
      ? "driver"
      : parent === null || site.kind === "device"
        ? name
        : `${parent}/${name}`;
  const object = {
    kind: site.kind,
    id: interp.builder.uniqueId(base, span),
    parent: site.kind === "driver" ? null : parent,
    attributes: null,
    callbacks: [] as CallbackConfig[],
    source: { file: span.file, line: span.line },
    unknownFields: [] as string[],
  } as MutableObject;
  interp.builder.add(object, span);
  object.attributes = attributesOf(interp, object, site.attributes, span);
  fill(object, object.attributes, parent);
  registerOutHandle(site, object.id as string);
  return object;
};

const NO_HANDLE = new Set(["NULL", "WDF_NO_HANDLE", "nullptr", "0"]);

/** The variable or context field the new handle is written to, or null for WDF_NO_HANDLE / NULL. */
const outHandleName = (out: Node | null): string | null => {
  if (out === null || NO_HANDLE.has(out.text.trim())) return null;
  return lastIdentifier(out);
};

/** After the call, the out-handle variable or context field holds the new object. */
const registerOutHandle = (site: CreateSite, id: string): void => {
  const out = site.outHandle;
  if (out === null) return;
  const target = out.type === "pointer_expression" ? out.childForFieldName("argument") : out;
  if (target === null) return;
  const name = outHandleName(target);
  if (name === null) return;
  if (target.type === "identifier") site.interp.setVar(name, { k: "handle", object: id });
  site.interp.builder.storeHandle(name, id);
};

/** A callback registered from a structure field, with the line of the create call. */
export const callbackFrom = (
  r: FieldReader,
  field: string,
  event: string,
  span: SourceSpan,
): CallbackConfig[] => {
  const fn = r.callback(field);
  return fn === undefined ? [] : [{ event, function: fn, source: span }];
};

export const argValues = (interp: Interp, args: readonly Node[]): Value[] =>
  args.map((a) => evaluate(interp, a));
