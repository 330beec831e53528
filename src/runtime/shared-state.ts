// The driver's shared state as the simulator sees it: cells, cell arrays and cell maps (cells.ts)
// by name, every access recorded on the trace and checked by the race detector (races.ts)
// against the callback invocation that made it, and the framework orderings ("causes") handed
// from one invocation to the ones it starts.

import { Cell, type CellAccessSink, CellArray, CellMap } from "./cells.js";
import type { Engine, RunningTask } from "./engine.js";
import { type Activity, type Cause, type Race, RaceDetector } from "./races.js";

type Shared = Cell<unknown> | CellArray<unknown> | CellMap<string | number, unknown>;

export class SharedState {
  readonly races: RaceDetector = new RaceDetector();
  private readonly shared = new Map<string, Shared>();
  /** Code of a thread outside any callback (the scenario script touching a cell): one activity per thread. */
  private readonly threadActivities = new Map<string, Activity>();
  private readonly sink: CellAccessSink = { access: (cell, write) => this.access(cell, write) };

  constructor(
    private readonly engine: Engine,
    private readonly onRace: (race: Race) => void,
  ) {}

  private named<S extends Shared>(name: string, kind: new (...args: never[]) => S, make: () => S): S {
    let c = this.shared.get(name);
    if (c === undefined) {
      c = make();
      this.shared.set(name, c);
    }
    if (!(c instanceof kind))
      throw new Error(`"${name}" is already a ${c.constructor.name}, not a ${kind.name}`);
    return c;
  }

  cell<T>(name: string, initial: T): Cell<T> {
    return this.named(name, Cell, () => new Cell<unknown>(name, initial, this.sink)) as Cell<T>;
  }

  cellArray<T>(name: string, initial: readonly T[]): CellArray<T> {
    return this.named(
      name,
      CellArray,
      () => new CellArray<unknown>(name, initial, this.sink),
    ) as CellArray<T>;
  }

  cellMap<K extends string | number, V>(name: string): CellMap<K, V> {
    return this.named(
      name,
      CellMap,
      () => new CellMap<string | number, unknown>(name, this.sink),
    ) as unknown as CellMap<K, V>;
  }

  /** A thread started by framework code (a timer expiry, a deferred dispatcher): what started it
   * happens before what it does (races.ts). */
  seedThread(task: string, cause: Cause | null): void {
    if (cause !== null) this.threadActivities.set(task, this.races.begin(task, [cause]));
  }

  /** The invocation running on `task` now (its innermost callback, else the thread's own code). */
  activityOf(task: RunningTask): Activity {
    const frames = task.frames;
    if (frames.length > 0) return frames[frames.length - 1]!.activity;
    let a = this.threadActivities.get(task.id);
    if (a === undefined) {
      a = this.races.begin(task.id);
      this.threadActivities.set(task.id, a);
    }
    return a;
  }

  /**
   * The present point of the running code, for what it causes. Orderings only matter to the race
   * detector, which has nothing to do until shared state exists; not recording them before keeps
   * long runs without shared state from holding every activity.
   */
  causeHere(): Cause | null {
    const task = this.engine.running;
    if (task === null || this.shared.size === 0) return null;
    return this.races.point(this.activityOf(task));
  }

  private access(cell: string, write: boolean): void {
    const task = this.engine.running;
    if (task === null) return;
    const frames = task.frames;
    const callback = frames.length > 0 ? frames[frames.length - 1]!.callback : task.id;
    const t = this.engine.now;
    this.engine.emit({
      t,
      type: write ? "cell-write" : "cell-read",
      track: this.engine.track(task.cpu),
      cell,
      callback,
    });
    const race = this.races.record({
      cell,
      write,
      activity: this.activityOf(task),
      callback,
      t,
      locks: [...task.locks],
    });
    if (race !== null) this.onRace(race);
  }
}
