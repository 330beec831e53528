// Reading WDF structure fields as config values: enumerators by name or number, BOOLEANs,
// callback function names. A field that is not statically known is reported once (C-VALUE) and
// the header default is used, so the rest of the driver can still be explained.

import type { SourceSpan } from "../../model/config.js";
import type { MutableObject, ObjectBuilder } from "./builder.js";
import type { Store } from "./store.js";
import type { Storage, Value } from "./values.js";

// Numeric values of the WDF enumerations (wdfobject.h, wdfio.h, wdftypes.h).
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  WdfExecutionLevel: ["Invalid", "InheritFromParent", "Passive", "Dispatch"],
  WdfSynchronizationScope: ["Invalid", "InheritFromParent", "Device", "Queue", "None"],
  WdfIoQueueDispatch: ["Invalid", "Sequential", "Parallel", "Manual"],
  WdfRequestType: [],
};
const TRI_STATE = ["WdfFalse", "WdfTrue", "WdfUseDefault"];

export class FieldReader {
  constructor(
    private readonly store: Store,
    private readonly builder: ObjectBuilder,
    private readonly object: MutableObject,
    private readonly storage: Storage | null,
    private readonly at: SourceSpan,
  ) {}

  raw(field: string): Value | undefined {
    return this.storage === null ? undefined : this.store.get(this.storage, field);
  }

  private notKnown(field: string, declaredKey: string, value: Value | undefined, fallback: string): void {
    if (!this.object.unknownFields.includes(declaredKey)) this.object.unknownFields.push(declaredKey);
    const why = value?.k === "unknown" ? value.why : `${field} has no value wdfsim can read`;
    this.builder.note(
      "C-VALUE",
      "info",
      `${this.object.id}: ${field} is not statically known (${why}); explained as ${fallback}`,
      this.object.id as string,
      value?.k === "unknown" && value.at ? value.at : this.at,
    );
  }

  /** An enumerator of `prefix` (e.g. WdfExecutionLevel) without the prefix: "Passive". */
  enumerator(field: string, prefix: string, declaredKey: string, fallback: string): string {
    const v = this.raw(field);
    if (v === undefined) return fallback;
    if (v.k === "enum" && v.name.startsWith(prefix)) return v.name.slice(prefix.length);
    if (v.k === "num" && ENUMS[prefix]?.[v.v] !== undefined && v.v > 0) return ENUMS[prefix]![v.v]!;
    this.notKnown(field, declaredKey, v, fallback);
    return fallback;
  }

  triState(field: string, declaredKey: string): "WdfTrue" | "WdfFalse" | "WdfUseDefault" {
    const v = this.raw(field);
    if (v === undefined) return "WdfUseDefault";
    if (v.k === "enum" && TRI_STATE.includes(v.name)) return v.name as "WdfTrue";
    if (v.k === "num" && TRI_STATE[v.v] !== undefined) return TRI_STATE[v.v] as "WdfTrue";
    this.notKnown(field, declaredKey, v, "WdfUseDefault");
    return "WdfUseDefault";
  }

  boolean(field: string, declaredKey: string | null, fallback: boolean): boolean {
    const v = this.raw(field);
    if (v === undefined) return fallback;
    if (v.k === "num") return v.v !== 0;
    if (v.k === "enum" && (v.name === "WdfTrue" || v.name === "WdfFalse")) return v.name === "WdfTrue";
    if (v.k === "enum" && v.name === "WdfUseDefault") return true; // T-4: BOOLEAN field, non-zero
    if (declaredKey !== null) this.notKnown(field, declaredKey, v, String(fallback).toUpperCase());
    return fallback;
  }

  number(field: string, declaredKey: string | null, fallback: number): number {
    const v = this.raw(field);
    if (v === undefined) return fallback;
    if (v.k === "num") return v.v;
    if (declaredKey !== null) this.notKnown(field, declaredKey, v, String(fallback));
    return fallback;
  }

  /** A callback field: the driver function's name, or undefined when NULL / not set. */
  callback(field: string): string | null | undefined {
    const v = this.raw(field);
    if (v === undefined || v.k === "null" || (v.k === "num" && v.v === 0)) return undefined;
    if (v.k === "fn") return v.name;
    this.builder.note(
      "C-VALUE",
      "info",
      `${this.object.id}: the function in ${field} is not statically known`,
      this.object.id as string,
      this.at,
    );
    return null;
  }
}
