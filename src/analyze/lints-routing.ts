// Lints about request routing (RTE-07) and UMDF interrupts (U-4).

import type { RequestType } from "../model/config.js";
import type { ExplainFinding } from "./explain-result.js";
import { finding, type LintContext } from "./lint-context.js";

const TYPED_CALLBACK: Record<RequestType, string | null> = {
  Create: null,
  Read: "EvtIoRead",
  Write: "EvtIoWrite",
  DeviceControl: "EvtIoDeviceControl",
  DeviceControlInternal: "EvtIoInternalDeviceControl",
};

// RTE-07: WdfDeviceConfigureRequestDispatching validation, in the order the framework checks.
export const requestDispatchingChecks = (ctx: LintContext): ExplainFinding[] => {
  const out: ExplainFinding[] = [];
  const taken = new Map<string, string>();
  for (const q of ctx.live) {
    if (q.config.kind !== "queue") continue;
    const c = q.config;
    for (const type of c.requestDispatching) {
      const events = c.callbacks.map((cb) => cb.event);
      const handles =
        c.dispatchType === "Manual" ||
        events.includes("EvtIoDefault") ||
        (TYPED_CALLBACK[type] !== null && events.includes(TYPED_CALLBACK[type]!));
      const key = `${c.device}:${type}`;
      const fail = (status: string, why: string): void => {
        out.push(
          finding(
            "RTE-07",
            "error",
            q,
            `WdfDeviceConfigureRequestDispatching(${q.id}, ${type}) returns ${status}: ${why}; ${type} requests do not reach this queue.`,
          ),
        );
      };
      if (!handles)
        fail(
          "STATUS_INVALID_DEVICE_REQUEST",
          `the queue has neither EvtIoDefault nor ${TYPED_CALLBACK[type] ?? "(Create needs EvtIoDefault or a Manual queue)"}`,
        );
      else if (type !== "Create" && c.defaultQueue)
        fail("STATUS_INVALID_DEVICE_REQUEST", "the default queue already receives every unrouted type");
      else if (taken.has(key))
        fail(
          type === "Create" ? "STATUS_INVALID_PARAMETER" : "STATUS_WDF_BUSY",
          `${taken.get(key)} already receives ${type}`,
        );
      else taken.set(key, q.id);
    }
  }
  return out;
};

// U-4: UMDF interrupts must use PassiveHandling (verifier-enforced driver failure, not a status).
export const umdfInterruptPassive = (ctx: LintContext): ExplainFinding[] =>
  ctx.driver.framework !== "umdf2"
    ? []
    : ctx.live
        .filter((o) => o.config.kind === "interrupt" && !o.config.passiveHandling)
        .map((o) =>
          finding(
            "U-4",
            "error",
            o,
            `${o.id}: UMDF interrupts must set PassiveHandling = TRUE; the UMDF verifier fails the driver otherwise.`,
          ),
        );
