// The threads process of the Chrome trace (design.md "Timelines that render right": one track per
// processor and per worker thread): one Chrome thread per simulated thread a callback ran on —
// "application", "pnp:powerDown", "worker0", … in order of first appearance — with that thread's
// callback slices, nested strictly (a slice that would cross another moves to an overflow lane).
// DPCs, timers and ISRs run in an arbitrary thread context and stay on the processor tracks only.

import { THREADS_PID } from "./chrome-event.js";
import type { Trace } from "./events.js";
import { type LaneThread, laneThreads } from "./perfetto-lanes.js";
import { layoutLanes, pairThreadSlices } from "./slices.js";

/** The thread lanes, numbered from `firstTid` (tids stay unique across both processes). */
export const threadLanes = (trace: Trace, firstTid: number): LaneThread[] => {
  const lanes: LaneThread[] = [];
  for (const [thread, slices] of pairThreadSlices(trace))
    lanes.push(...laneThreads(THREADS_PID, thread, thread, layoutLanes(slices), firstTid + lanes.length));
  return lanes;
};
