// The abstract values the C interpreter tracks. Only what WDF configuration needs: integers,
// enumerators (WdfIoQueueDispatchSequential, WdfTrue, ...), driver function names, NULL, pointers
// to struct storage, WDF handles, requests (for CAN-25), and "not statically known".

import type { SourceSpan } from "../../model/config.js";

export class Storage {
  /** Field path ("Settings.Parallel.NumberOfPresentedRequests") -> value, for struct variables. */
  readonly fields: Map<string, Value> = new Map();
  constructor(readonly type: string | null) {}
}

export type Value =
  | { readonly k: "num"; readonly v: number }
  | { readonly k: "enum"; readonly name: string }
  | { readonly k: "fn"; readonly name: string }
  | { readonly k: "null" }
  | { readonly k: "ref"; readonly storage: Storage }
  | { readonly k: "handle"; readonly object: string }
  | { readonly k: "request"; readonly queues: readonly string[] }
  | { readonly k: "unknown"; readonly why: string; readonly at: SourceSpan | null };

export const num = (v: number): Value => ({ k: "num", v });
export const NULL_VALUE: Value = { k: "null" };
export const unknown = (why: string, at: SourceSpan | null): Value => ({ k: "unknown", why, at });

export const sameValue = (a: Value, b: Value): boolean => {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "num":
      return a.v === (b as typeof a).v;
    case "enum":
    case "fn":
      return a.name === (b as typeof a).name;
    case "null":
      return true;
    case "ref":
      return a.storage === (b as typeof a).storage;
    case "handle":
      return a.object === (b as typeof a).object;
    case "request":
      return a.queues.join() === (b as typeof a).queues.join();
    case "unknown":
      return false;
    default: {
      const never: never = a;
      return never;
    }
  }
};

/** TRUE/FALSE and numbers as a C truth value, or null when not statically known. */
export const truthy = (v: Value): boolean | null => {
  if (v.k === "num") return v.v !== 0;
  if (v.k === "null") return false;
  if (v.k === "enum") return v.name === "WdfTrue" ? true : v.name === "WdfFalse" ? false : null;
  if (v.k === "fn" || v.k === "ref" || v.k === "handle") return true;
  return null;
};
