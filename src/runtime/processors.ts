// The virtual processors: a stack of tasks each. The top one runs (or is suspended holding the
// processor); the ones below were preempted by higher-IRQL work (a DPC over a stalled passive
// callback, an ISR over a DPC). Placement of a task that is about to start follows that rule.

import type { IrqlName } from "../trace/events.js";
import type { TaskRecord } from "./tasks.js";

/** IRQL order: work at a higher level preempts a suspended task at a lower one on its processor. */
export const IRQL_RANK: Record<IrqlName, number> = { PASSIVE_LEVEL: 0, DISPATCH_LEVEL: 2, DIRQL: 3 };

export const NONE_CLAIMED: ReadonlySet<number> = new Set();

export class Processors {
  private readonly stacks: TaskRecord[][];

  constructor(count: number) {
    this.stacks = Array.from({ length: count }, () => []);
  }

  get count(): number {
    return this.stacks.length;
  }

  /** `task` takes its processor (`task.cpu`), on top of whatever it preempts. */
  push(task: TaskRecord): void {
    this.stacks[task.cpu]!.push(task);
  }

  /** `task` leaves its processor (it finished, or sleeps without it). */
  pop(task: TaskRecord): void {
    const stack = this.stacks[task.cpu];
    if (stack !== undefined && stack[stack.length - 1] === task) stack.pop();
  }

  isTop(task: TaskRecord): boolean {
    const stack = this.stacks[task.cpu]!;
    return stack[stack.length - 1] === task;
  }

  /** The first processor nobody holds (and not claimed this round), or -1. */
  free(claimed: ReadonlySet<number>): number {
    for (let c = 0; c < this.stacks.length; c++)
      if (this.stacks[c]!.length === 0 && !claimed.has(c)) return c;
    return -1;
  }

  /**
   * The lowest IRQL rank a new task must exceed to start on some unclaimed processor: -1 when one
   * is free, the rank of a suspended top otherwise (99: none can be taken).
   */
  lowestThreshold(claimed: ReadonlySet<number>): number {
    let min = 99;
    for (let c = 0; c < this.stacks.length; c++) {
      if (claimed.has(c)) continue;
      const top = this.stacks[c]![this.stacks[c]!.length - 1];
      const threshold = top === undefined ? -1 : top.state === "suspended" ? IRQL_RANK[top.irql] : 99;
      if (threshold < min) min = threshold;
    }
    return min;
  }

  /** Where a task may start: a free processor, else one whose suspended top runs at a lower IRQL. */
  placeFor(task: TaskRecord, claimed: ReadonlySet<number>): number {
    const affinity = task.spec.cpu;
    const only = affinity === undefined ? -1 : affinity % this.stacks.length;
    if (only < 0) {
      const free = this.free(claimed);
      if (free >= 0) return free;
    }
    for (let c = 0; c < this.stacks.length; c++) {
      if (claimed.has(c) || (only >= 0 && c !== only)) continue;
      const stack = this.stacks[c]!;
      const top = stack[stack.length - 1];
      if (top === undefined) return c;
      if (top.state === "suspended" && IRQL_RANK[task.irql] > IRQL_RANK[top.irql]) return c;
    }
    return -1;
  }
}
