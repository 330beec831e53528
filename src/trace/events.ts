// The runtime's event stream (version 1): everything a detector, a timeline or the Perfetto
// exporter needs. Times are virtual (microseconds); tracks are processors, and a callback also
// names the thread it runs on (perfetto-threads.ts draws those).

export const TRACE_VERSION = 1 as const;

/** A track is a processor ("cpu0") or a system worker thread ("worker0"). */
export type TrackId = string;
export type IrqlName = "PASSIVE_LEVEL" | "DISPATCH_LEVEL" | "DIRQL";

export type TraceEvent =
  /** A callback starts on a track (slices nest strictly per track: a DPC over a passive callback). */
  | {
      readonly t: number;
      readonly type: "callback-begin";
      readonly track: TrackId;
      readonly callback: string;
      readonly object: string;
      readonly request: string | null;
      readonly irql: IrqlName;
      /** The thread: "application", "pnp:powerDown", a system worker ("worker0"); null for a
       * DPC, timer or ISR (arbitrary thread context). Absent in older traces. */
      readonly thread?: string | null;
      /** The callback resumes here after its thread slept (it began earlier on another processor). */
      readonly migrate?: true;
    }
  | {
      readonly t: number;
      readonly type: "callback-end";
      readonly track: TrackId;
      readonly callback: string;
      /** The begin's thread, when the runtime says so: a thread that slept may end its callback on
       * another processor, and this pairs the end with the right begin. Absent: paired by track. */
      readonly thread?: string | null;
      /** The thread sleeps here (the callback goes on later, perhaps on another processor). */
      readonly migrate?: true;
    }
  | { readonly t: number; readonly type: "lock-acquire"; readonly track: TrackId; readonly lock: string }
  | { readonly t: number; readonly type: "lock-release"; readonly track: TrackId; readonly lock: string }
  | { readonly t: number; readonly type: "irql"; readonly track: TrackId; readonly irql: IrqlName }
  | {
      readonly t: number;
      readonly type: "request-arrive";
      readonly request: string;
      readonly queue: string;
      readonly major: string;
    }
  | {
      readonly t: number;
      readonly type: "request-present";
      readonly track: TrackId;
      readonly request: string;
      readonly queue: string;
    }
  | {
      readonly t: number;
      readonly type: "request-complete";
      readonly track: TrackId;
      readonly request: string;
      readonly status: string;
    }
  | { readonly t: number; readonly type: "request-cancel"; readonly request: string }
  | {
      readonly t: number;
      readonly type: "cell-read" | "cell-write";
      readonly track: TrackId;
      readonly cell: string;
      readonly callback: string;
    }
  | {
      readonly t: number;
      readonly type: "finding";
      readonly track: TrackId | null;
      readonly rule: string;
      readonly message: string;
    };

export type TraceEventType = TraceEvent["type"];

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  readonly cpus: number;
  readonly seed: number;
  readonly events: readonly TraceEvent[];
}
