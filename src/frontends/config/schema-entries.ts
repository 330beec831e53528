// zod schemas of the leaf entries (locks, work items, timers, DPCs, interrupts): the objects
// that hold no children. Defaults quoted in descriptions are the WDF *_CONFIG_INIT macros'.

import * as z from "zod";
import type { DpcInput, InterruptInput, LockInput, TimerInput, WorkItemInput } from "./input-types.js";
import {
  attributesSchema,
  callbackMap,
  flag,
  strictMapping,
  triStateSchema,
  ulong,
} from "./schema-fields.js";
import { INTERRUPT_SLOTS } from "./slots.js";

export interface Naming {
  /** Register JSON Schema definition ids (once per process: zod's registry rejects repeats). */
  readonly ids: boolean;
}

/** Title and description for editors; an id (a named JSON Schema definition) when `naming.ids`. */
export const named = <T extends z.ZodType>(schema: T, naming: Naming, id: string, description: string): T =>
  schema.meta(naming.ids ? { id, title: id, description } : { title: id, description });

const autoSerial = (init: string): z.ZodOptional<z.ZodBoolean> =>
  flag(
    `AutomaticSerialization: take the parent's synchronization lock around the callback. Default ${init}.`,
  );

export const lockEntry = (naming: Naming): z.ZodType<LockInput> =>
  named(strictMapping({ attributes: attributesSchema }), naming, "Lock", "A WDFSPINLOCK / WDFWAITLOCK.");

/** A work item, timer or DPC config: its one callback and AutomaticSerialization (TRUE by INIT). */
const deferredShape = <F>(callback: z.ZodType<string | F>, event: string, init: string) => ({
  callback: callback.optional().describe(`${event}.`),
  automaticSerialization: autoSerial(`true (${init})`),
  attributes: attributesSchema,
});

export const workItemEntry = <F>(
  callback: z.ZodType<string | F>,
  naming: Naming,
): z.ZodType<WorkItemInput<F>> =>
  named(
    strictMapping(deferredShape(callback, "EvtWorkItemFunc", "WDF_WORKITEM_CONFIG_INIT")),
    naming,
    "WorkItem",
    "WdfWorkItemCreate; ParentObject is the enclosing entry.",
  );

export const dpcEntry = <F>(callback: z.ZodType<string | F>, naming: Naming): z.ZodType<DpcInput<F>> =>
  named(
    strictMapping(deferredShape(callback, "EvtDpcFunc", "WDF_DPC_CONFIG_INIT")),
    naming,
    "Dpc",
    "WdfDpcCreate (KMDF); ParentObject is the enclosing entry.",
  );

export const timerEntry = <F>(callback: z.ZodType<string | F>, naming: Naming): z.ZodType<TimerInput<F>> =>
  named(
    strictMapping({
      ...deferredShape(callback, "EvtTimerFunc", "WDF_TIMER_CONFIG_INIT"),
      period: ulong().optional().describe("WDF_TIMER_CONFIG.Period in ms; 0 = one-shot. Default 0."),
      tolerableDelay: ulong().optional().describe("WDF_TIMER_CONFIG.TolerableDelay in ms. Default 0."),
      useHighResolutionTimer: z
        .union([z.boolean(), triStateSchema], { error: "true, false, WdfTrue, WdfFalse or WdfUseDefault" })
        .optional()
        .describe(
          "WDF_TIMER_CONFIG.UseHighResolutionTimer; WdfUseDefault behaves like TRUE (T-4). Default false.",
        ),
    }),
    naming,
    "Timer",
    "WdfTimerCreate; ParentObject is the enclosing entry.",
  );

export const interruptEntry = <F>(
  callback: z.ZodType<string | F>,
  naming: Naming,
): z.ZodType<InterruptInput<F>> =>
  named(
    strictMapping({
      passiveHandling: flag("WDF_INTERRUPT_CONFIG.PassiveHandling. Default false (KMDF), true (UMDF 2)."),
      automaticSerialization: autoSerial("false (WDF_INTERRUPT_CONFIG_INIT zeroes it)"),
      callbacks: callbackMap(INTERRUPT_SLOTS, callback, "WDF_INTERRUPT_CONFIG"),
      lock: z
        .string({ error: "the name or id of a spinLocks / waitLocks entry" })
        .optional()
        .describe(
          "WDF_INTERRUPT_CONFIG.SpinLock / WaitLock: a spinLocks or waitLocks entry, by id or by a name unique in the device.",
        ),
      attributes: attributesSchema,
    }),
    naming,
    "Interrupt",
    "WdfInterruptCreate.",
  );
