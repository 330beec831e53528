// Shared driver state the simulator can see: every read and write of a cell is an event, so the
// race detector knows who touched what, when, under which locks. Plain JS variables in driver
// code are invisible to it (README "What wdfsim does not model").

export interface CellAccessSink {
  access(cell: string, write: boolean): void;
}

export class Cell<T> {
  constructor(
    readonly name: string,
    private value: T,
    private readonly sink: CellAccessSink,
  ) {}

  get(): T {
    this.sink.access(this.name, false);
    return this.value;
  }

  set(value: T): void {
    this.sink.access(this.name, true);
    this.value = value;
  }

  /** Read-modify-write as two visible accesses (the classic lost-update race). */
  update(fn: (v: T) => T): T {
    const next = fn(this.get());
    this.set(next);
    return next;
  }
}
