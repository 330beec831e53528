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

/** An array of cells: each element is its own cell (`name[i]`), so two callbacks touching
 * different elements do not race; the length is a cell of its own (`name.length`). */
export class CellArray<T> {
  private readonly items: T[];
  constructor(
    readonly name: string,
    initial: readonly T[],
    private readonly sink: CellAccessSink,
  ) {
    this.items = [...initial];
  }

  get length(): number {
    this.sink.access(`${this.name}.length`, false);
    return this.items.length;
  }

  get(index: number): T | undefined {
    this.sink.access(`${this.name}[${index}]`, false);
    return this.items[index];
  }

  set(index: number, value: T): void {
    this.sink.access(`${this.name}[${index}]`, true);
    if (index >= this.items.length) this.sink.access(`${this.name}.length`, true);
    this.items[index] = value;
  }

  /** Appends: a read-modify-write of the length, then a write of the new element. */
  push(value: T): number {
    const at = this.length;
    this.sink.access(`${this.name}.length`, true);
    this.sink.access(`${this.name}[${at}]`, true);
    this.items.push(value);
    return this.items.length;
  }
}

/** A map of cells: each key is its own cell (`name["key"]`); adding or removing keys writes the
 * map's key set (`name.keys`), which iterating reads. */
export class CellMap<K extends string | number, V> {
  private readonly entries = new Map<K, V>();
  constructor(
    readonly name: string,
    private readonly sink: CellAccessSink,
  ) {}

  /** `name["key"]`: never the same cell as the key set (`name.keys`), whatever the key. */
  private keyCell(key: K): string {
    return `${this.name}[${JSON.stringify(key)}]`;
  }

  get(key: K): V | undefined {
    this.sink.access(this.keyCell(key), false);
    return this.entries.get(key);
  }

  has(key: K): boolean {
    this.sink.access(`${this.name}.keys`, false);
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key)) this.sink.access(`${this.name}.keys`, true);
    this.sink.access(this.keyCell(key), true);
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    this.sink.access(`${this.name}.keys`, true);
    this.sink.access(this.keyCell(key), true);
    return this.entries.delete(key);
  }

  keys(): K[] {
    this.sink.access(`${this.name}.keys`, false);
    return [...this.entries.keys()];
  }
}
