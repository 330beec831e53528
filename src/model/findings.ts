// Findings that follow directly from model facts: creation failures (with the rule that decided
// them) and the S-8 IRQL violation of a mutex-class lock taken at DISPATCH_LEVEL.

import type { Framework } from "./config.js";
import { ntStatusHex } from "./ntstatus.js";
import type { Finding, ResolvedCallback, ResolvedObject } from "./resolved.js";

const createApi = (object: ResolvedObject): string => {
  switch (object.config.kind) {
    case "driver":
      return "WdfDriverCreate";
    case "device":
    case "fileobject":
      return "WdfDeviceCreate";
    case "queue":
      return "WdfIoQueueCreate";
    case "workitem":
      return "WdfWorkItemCreate";
    case "timer":
      return "WdfTimerCreate";
    case "dpc":
      return "WdfDpcCreate";
    case "interrupt":
      return "WdfInterruptCreate";
    case "other":
      return object.config.otherKind === "object"
        ? "WdfObjectCreate"
        : object.config.otherKind === "spinlock"
          ? "WdfSpinLockCreate"
          : "WdfWaitLockCreate";
    default: {
      const never: never = object.config;
      return never;
    }
  }
};

export const creationFindings = (objects: readonly ResolvedObject[]): Finding[] =>
  objects.flatMap((object) =>
    object.failure === null
      ? []
      : [
          {
            rule: object.failure.rule,
            severity: "error" as const,
            message: `${createApi(object)} for ${object.id} fails with ${object.failure.status} (${ntStatusHex(object.failure.status)}): ${object.failure.message}`,
            object: object.id,
            source: object.config.source,
          },
        ],
  );

// S-8 / CC-1: a DPC-level callback holding a mutex-class lock is an IRQL violation at run time (KMDF).
export const irqlViolationFindings = (
  framework: Framework,
  callbacks: readonly ResolvedCallback[],
): Finding[] =>
  framework === "umdf2"
    ? []
    : callbacks
        .filter(
          (cb) => cb.lock?.kind === "mutex" && cb.irql !== "PASSIVE_LEVEL" && cb.kind !== "interruptLocked",
        )
        .map((cb) => ({
          rule: "S-8",
          severity: "error" as const,
          message: `${cb.event} of ${cb.object} runs at ${cb.irql} but its AutomaticSerialization lock ${cb.lock?.id} is a mutex (the parent's Passive level was inherited, so the S-4 check did not catch it): acquiring it at DISPATCH_LEVEL is an IRQL violation when it fires`,
          object: cb.object,
          source: cb.source,
        }));
