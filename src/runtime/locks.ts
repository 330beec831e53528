// Callback locks at run time: the lock ids the model chose (ResolvedLock), held by one task at a
// time; spin-class locks raise to DISPATCH_LEVEL (L-1), mutex-class locks must not be taken above
// APC_LEVEL (L-2), re-acquiring an owned lock is WDF_RECURSIVE_LOCK (L-4).

import type { LockClass } from "../model/resolved.js";

export interface RuntimeLock {
  readonly id: string;
  readonly kind: LockClass;
  /** Task id of the holder, or null. */
  holder: string | null;
}

export class LockTable {
  private readonly locks = new Map<string, RuntimeLock>();

  declare(id: string, kind: LockClass): RuntimeLock {
    let lock = this.locks.get(id);
    if (lock === undefined) {
      lock = { id, kind, holder: null };
      this.locks.set(id, lock);
    }
    return lock;
  }

  get(id: string): RuntimeLock | undefined {
    return this.locks.get(id);
  }

  isFree(id: string | null): boolean {
    return id === null || (this.locks.get(id)?.holder ?? null) === null;
  }
}
