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
  /**
   * The framework orderings that started it: the code that queued it (an enqueue, a timer start,
   * the completion that let the dispatcher present this request). What another activity did
   * before such a point happens before this one, even while both are still in progress.
   */
  readonly causes: readonly Cause[];
}

/** A point in an activity: everything it did before `seq` happens before what it caused. */
export interface Cause {
  readonly activity: Activity;
  readonly seq: number;
}

/** How far back through causes of causes an ordering is looked for (bounded: no chains kept). */
const CAUSE_DEPTH = 4;

/** Did `a`'s access at `seq` happen before activity `b` started, through `b`'s causes? */
const happensBefore = (a: Activity, seq: number, b: Activity): boolean => {
  let frontier: readonly Cause[] = b.causes;
  for (let depth = 0; depth < CAUSE_DEPTH && frontier.length > 0; depth++) {
    const next: Cause[] = [];
    for (const c of frontier) {
      if (c.activity === a && seq < c.seq) return true;
      next.push(...c.activity.causes);
    }
    frontier = next;
  }
  return false;
};

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

  begin(thread: string, causes: readonly Cause[] = []): Activity {
    return { thread, start: ++this.seq, end: null, causes };
  }

  /** The present point of `activity`, to hand to what it causes. */
  point(activity: Activity): Cause {
    return { activity, seq: ++this.seq };
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
  if (!aLiveAtLater && !bLiveAtEarlier) return false;
  return !happensBefore(a, earlier.seq, b);
};
