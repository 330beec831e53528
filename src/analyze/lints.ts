// The expert lints a reviewer would raise, each derived from model facts (rule IDs in each lint).

import type { ResolvedDriver } from "../model/resolved.js";
import type { ExplainFinding } from "./explain-result.js";
import { lintContext } from "./lint-context.js";
import {
  autoSerializationWithoutEffect,
  childWaitsOnQueueLock,
  deviceScopeQueueTrap,
  deviceScopeSerializesQueues,
  passiveQueueDispatchCallers,
} from "./lints-locking.js";
import {
  manualQueueNotDrained,
  parallelNeverPresents,
  scopeWithoutBeneficiary,
  sequentialWithLock,
  umdfQueueWarnings,
  unlockedSequentialOverlaps,
} from "./lints-queues.js";
import { requestDispatchingChecks, umdfInterruptPassive } from "./lints-routing.js";

const LINTS = [
  requestDispatchingChecks,
  umdfInterruptPassive,
  parallelNeverPresents,
  deviceScopeSerializesQueues,
  deviceScopeQueueTrap,
  unlockedSequentialOverlaps,
  manualQueueNotDrained,
  umdfQueueWarnings,
  sequentialWithLock,
  childWaitsOnQueueLock,
  autoSerializationWithoutEffect,
  passiveQueueDispatchCallers,
  scopeWithoutBeneficiary,
] as const;

export const lintFindings = (driver: ResolvedDriver): ExplainFinding[] => {
  const ctx = lintContext(driver);
  return LINTS.flatMap((lint) => lint(ctx));
};
