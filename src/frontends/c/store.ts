// Where the interpreter keeps values: struct storages and variable frames, with a stack of
// write layers for branches. A runtime `if` (or an undecided #if) runs each arm in its own layer;
// merging keeps a value both arms agree on and makes any other written value "not statically
// known" — the front-end never guesses which arm ran.

import type { SourceSpan } from "../../model/config.js";
import { type Storage, sameValue, unknown, type Value } from "./values.js";

type Layer = Map<Storage, Map<string, Value>>;

export class Store {
  private readonly layers: Layer[] = [];

  get(storage: Storage, field: string): Value | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(storage)?.get(field);
      if (v !== undefined) return v;
    }
    return storage.fields.get(field);
  }

  set(storage: Storage, field: string, value: Value): void {
    const top = this.layers.at(-1);
    if (top === undefined) {
      storage.fields.set(field, value);
      return;
    }
    const fields = top.get(storage) ?? new Map<string, Value>();
    top.set(storage, fields);
    fields.set(field, value);
  }

  /** Every field of a storage as currently visible (for copying a whole struct). */
  snapshot(storage: Storage): Map<string, Value> {
    const out = new Map(storage.fields);
    for (const layer of this.layers) for (const [f, v] of layer.get(storage) ?? []) out.set(f, v);
    return out;
  }

  /** Runs each arm in its own layer, then merges (an empty arm stands for "not taken"). */
  branch(arms: ReadonlyArray<() => void>, at: SourceSpan | null, what: string): void {
    const results: Layer[] = [];
    for (const arm of arms) {
      this.layers.push(new Map());
      arm();
      results.push(this.layers.pop()!);
    }
    this.merge(results, at, what);
  }

  private merge(results: Layer[], at: SourceSpan | null, what: string): void {
    const written = new Map<Storage, Set<string>>();
    for (const layer of results) {
      for (const [storage, fields] of layer) {
        const set = written.get(storage) ?? new Set<string>();
        for (const f of fields.keys()) set.add(f);
        written.set(storage, set);
      }
    }
    for (const [storage, fields] of written) {
      for (const field of fields) {
        const before = this.get(storage, field);
        const values = results.map((layer) => layer.get(storage)?.get(field) ?? before);
        const first = values[0];
        const agree = first !== undefined && values.every((v) => v !== undefined && sameValue(v, first));
        this.set(storage, field, agree ? first : unknown(`depends on ${what}`, at));
      }
    }
  }
}
