// Data races on simulator cells: two accesses to one cell, at least one a write, made by two
// callback invocations on different threads that were in progress at the same time (one had begun
// and not yet ended when the other made its access) and that hold no lock in common. A
// synchronous callback is one atomic step, so it is in progress only during its own step; an
// async callback stays in progress across its awaits. Time here is a sequence number of begins,
// ends and accesses, so "in progress at the same time" is exact and costs no set per callback.

/** One callback invocation (or a thread's own code outside any callback). */
export interface Activity {
  /** The thread (engine task) it runs on: nested invocations on one thread never race. */
  readonly thread: string;
  readonly start: number;
  /** Sequence number of its end; null while in progress. */
  end: number | null;
}

export interface Access {
  readonly cell: string;
  readonly write: boolean;
  readonly activity: Activity;
  readonly callback: string;
  readonly t: number;
  readonly locks: readonly string[];
  readonly seq: number;
}

export interface Race {
  readonly cell: string;
  readonly first: Access;
  readonly second: Access;
}

export class RaceDetector {
  private readonly accesses = new Map<string, Access[]>();
  private seq = 0;

  begin(thread: string): Activity {
    return { thread, start: ++this.seq, end: null };
  }

  end(activity: Activity): void {
    activity.end = ++this.seq;
  }

  record(access: Omit<Access, "seq">): Race | null {
    const full: Access = { ...access, seq: ++this.seq };
    let list = this.accesses.get(access.cell);
    if (list === undefined) {
      list = [];
      this.accesses.set(access.cell, list);
    }
    const other = list.find((a) => conflict(a, full)) ?? null;
    list.push(full);
    return other === null ? null : { cell: access.cell, first: other, second: full };
  }
}

/** `earlier` was recorded before `later`: they overlap if either activity spans the other's access. */
const conflict = (earlier: Access, later: Access): boolean => {
  if (!(earlier.write || later.write)) return false;
  const a = earlier.activity;
  const b = later.activity;
  if (a === b || a.thread === b.thread) return false;
  if (earlier.locks.some((l) => later.locks.includes(l))) return false;
  const aLiveAtLater = a.end === null || a.end > later.seq;
  const bLiveAtEarlier = b.start < earlier.seq;
  return aLiveAtLater || bLiveAtEarlier;
};
