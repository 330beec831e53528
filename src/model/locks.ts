// Callback lock objects and their class (L-1..L-3, L-8; DV-2, Q-2, D-3).

import type { Level, LockClass, ResolvedLock } from "./resolved.js";

/** DV-2 / Q-2: mutex class if the resolved level is Passive, otherwise spin-lock class. */
export const lockClassForLevel = (level: Level): LockClass => (level === "Passive" ? "mutex" : "spin");

/** The callback lock an object owns; its id is `<owner id>#lock`. */
export const ownLock = (owner: string, kind: LockClass): ResolvedLock => ({
  id: `${owner}#lock`,
  kind,
  owner,
});

/** PL-3: the interrupt's built-in lock; spin for a DIRQL interrupt, the wait lock when passive. */
export const builtInInterruptLock = (interrupt: string, passiveHandling: boolean): ResolvedLock => ({
  id: `${interrupt}#interrupt-lock`,
  kind: passiveHandling ? "mutex" : "spin",
  owner: interrupt,
});
