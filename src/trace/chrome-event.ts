// One Chrome Trace Event Format event (the subset wdfsim writes) with a fixed key order, so the
// same trace always serializes to the same bytes. Format: "Trace Event Format" (Google doc).

/** The event's phase: duration B/E, async b/e, flow s/f, instant i, counter C, metadata M. */
export type ChromePhase = "B" | "E" | "b" | "e" | "s" | "f" | "i" | "C" | "M";

export interface ChromeEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: ChromePhase;
  /** Microseconds (Chrome's unit), rounded to whole nanoseconds. */
  readonly ts?: number;
  readonly pid: number;
  readonly tid?: number;
  /** Async slices: the request id. Flows: a number (Perfetto reads string flow ids as hex). */
  readonly id?: string | number;
  /** "e": a flow end binds to the enclosing slice rather than the next one to begin. */
  readonly bp?: "e";
  /** Instant scope: thread or global. */
  readonly s?: "t" | "g";
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The processors' process: processor tracks, requests, IRQL counters, findings. */
export const PID = 1;
/** The threads' process: a track per simulated thread a callback ran on (perfetto-threads.ts). */
export const THREADS_PID = 2;

const KEY_ORDER = ["name", "cat", "ph", "ts", "pid", "tid", "id", "bp", "s", "args"] as const;

/** The event with its keys in KEY_ORDER and undefined fields left out. */
export const chromeEvent = (fields: ChromeEvent): ChromeEvent => {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) out[key] = fields[key];
  return out as unknown as ChromeEvent;
};

/** Virtual microseconds to Chrome's `ts` (also microseconds), rounded to whole nanoseconds. */
export const micros = (t: number): number => Math.round(t * 1000) / 1000;

/** Sort comparator: earlier `ts` first (Array.prototype.sort is stable, so ties keep their order). */
export const byTs = (a: ChromeEvent, b: ChromeEvent): number => a.ts! - b.ts!;
