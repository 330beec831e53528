// Version gates (wdf-objects-and-locking.md section 10, VER-1; queues spec 0.2).
// Versions compare (major, minor) lexicographically, so UMDF 2.x passes every "KMDF >= 1.x" gate.

import type { Framework, FrameworkVersion } from "./config.js";

/** VER-1: an unstated client version is evaluated as the newest headers in the source. */
export const assumedVersion = (framework: Framework): FrameworkVersion =>
  framework === "kmdf" ? { major: 1, minor: 33 } : { major: 2, minor: 33 };

export const clientVersion = (framework: Framework, stated: FrameworkVersion | null): FrameworkVersion =>
  stated ?? assumedVersion(framework);

export const versionAtLeast = (v: FrameworkVersion, major: number, minor: number): boolean =>
  v.major > major || (v.major === major && v.minor >= minor);

export const formatVersion = (v: FrameworkVersion): string => `${v.major}.${v.minor}`;
