// Data races on simulator cells: two accesses to one cell, at least one a write, from two tasks
// that were in progress at the same time (one had begun and not yet ended when the other made
// its access) and that hold no lock in common. A synchronous callback is one atomic step, so it
// is in progress only during its own step; an async callback stays in progress across its awaits.

export interface Access {
  readonly cell: string;
  readonly write: boolean;
  /** The callback invocation that made the access ("<task id>@<n>"), or a thread's id. */
  readonly task: string;
  readonly callback: string;
  readonly t: number;
  readonly locks: readonly string[];
  /** Tasks in progress (begun, not ended) when this access happened. */
  readonly during: readonly string[];
}

export interface Race {
  readonly cell: string;
  readonly first: Access;
  readonly second: Access;
}

export class RaceDetector {
  private readonly accesses = new Map<string, Access[]>();
  private readonly active = new Set<string>();

  begin(task: string): void {
    this.active.add(task);
  }

  end(task: string): void {
    this.active.delete(task);
  }

  inProgress(): string[] {
    return [...this.active];
  }

  record(access: Omit<Access, "during">): Race | null {
    const full: Access = { ...access, during: this.inProgress().filter((t) => t !== access.task) };
    const list = this.accesses.get(access.cell) ?? [];
    this.accesses.set(access.cell, list);
    const other = list.find((a) => conflict(a, full)) ?? null;
    list.push(full);
    return other === null ? null : { cell: access.cell, first: other, second: full };
  }
}

/** Accesses are made by callback invocations ("<task id>@<n>"); nested ones share their thread. */
const thread = (activity: string): string => {
  const at = activity.lastIndexOf("@");
  return at < 0 ? activity : activity.slice(0, at);
};

const conflict = (a: Access, b: Access): boolean =>
  thread(a.task) !== thread(b.task) &&
  (a.write || b.write) &&
  !a.locks.some((l) => b.locks.includes(l)) &&
  (a.during.includes(b.task) || b.during.includes(a.task));
