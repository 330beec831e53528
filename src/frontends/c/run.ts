// Runs the interpreter over a driver's parsed sources and turns what it found into a
// DriverConfig: DriverEntry first, then EvtDriverDeviceAdd, then every other function no one
// calls directly (the framework's callbacks), each with the handles its registration implies.

import type { DriverConfig, Framework, FrameworkVersion, ObjectConfig } from "../../model/config.js";
import { QUEUE_SLOTS } from "../../model/slots.js";
import { ObjectBuilder } from "./builder.js";
import { applyInitMacro, isInitMacro } from "./init-macros.js";
import { Interp } from "./interpreter.js";
import type { Node } from "./parser.js";
import type { SourceFile } from "./source-file.js";
import { collectSymbols, type FunctionDef } from "./symbols.js";
import { type ConditionContext, TopLevelConditions } from "./top-level-conditions.js";
import type { Value } from "./values.js";
import { CREATE_HANDLERS } from "./wdf-objects.js";
import { DeviceInits, registrationHandlers } from "./wdf-registrations.js";

// Callbacks whose second parameter is the WDFREQUEST being delivered (CAN-25 attribution).
// Every WDF_IO_QUEUE_CONFIG callback receives the request as its second parameter.
const REQUEST_EVENTS: ReadonlySet<string> = new Set(QUEUE_SLOTS);

export interface CAnalysisInput {
  readonly files: readonly SourceFile[];
  readonly framework: Framework;
  readonly version: FrameworkVersion | null;
  readonly conditions: ConditionContext;
}

const rootArgs = (builder: ObjectBuilder, fn: FunctionDef): Value[] => {
  const owners = builder.objects.filter((o) => o.callbacks.some((c) => c.function === fn.name));
  const events = new Set(
    owners.flatMap((o) => o.callbacks.filter((c) => c.function === fn.name).map((c) => c.event)),
  );
  const args: Value[] = [];
  if (owners.length === 1) args[0] = { k: "handle", object: owners[0]!.id as string };
  if ([...events].some((e) => REQUEST_EVENTS.has(e))) {
    args[1] = { k: "request", queues: owners.filter((o) => o.kind === "queue").map((o) => o.id as string) };
  }
  return args;
};

const orderRoots = (functions: readonly FunctionDef[], builder: ObjectBuilder): FunctionDef[] => {
  const deviceAdd = new Set(builder.ofKind("driver").flatMap((d) => d.callbacks.map((c) => c.function)));
  return [...functions].sort(
    (a, b) => Number(deviceAdd.has(b.name)) - Number(deviceAdd.has(a.name)) || a.order - b.order,
  );
};

/** Parents before children, otherwise in creation order. */
const parentsFirst = (objects: ObjectConfig[]): ObjectConfig[] => {
  const placed = new Set<string>();
  const out: ObjectConfig[] = [];
  const byId = new Map(objects.map((o) => [o.id, o]));
  const place = (o: ObjectConfig, depth: number): void => {
    if (placed.has(o.id) || depth > 32) return;
    const parent = o.parent === null ? undefined : byId.get(o.parent);
    if (parent) place(parent, depth + 1);
    if (o.kind === "queue" && byId.get(o.device)) place(byId.get(o.device)!, depth + 1);
    placed.add(o.id);
    out.push(o);
  };
  for (const o of objects) place(o, 0);
  return out;
};

export const analyzeC = (
  input: CAnalysisInput,
  builder: ObjectBuilder = new ObjectBuilder(),
): DriverConfig => {
  const symbols = collectSymbols(input.files, new TopLevelConditions(input.conditions));
  const inits = new DeviceInits();
  const creates = CREATE_HANDLERS((name) => inits.get(name));
  const registrations = registrationHandlers(inits);
  const onCall = (interp: Interp, name: string, args: Node[], call: Node): Value | undefined => {
    if (isInitMacro(name)) return applyInitMacro(interp, name, args) ?? { k: "null" };
    const create = creates[name];
    if (create) {
      create(interp, args, call, interp.span(call.childForFieldName("function") ?? call));
      return { k: "null" };
    }
    return registrations[name]?.(interp, args, call);
  };
  for (const u of symbols.undecided) {
    builder.note(
      "C-IFDEF",
      "info",
      `${u.condition} is not decided (neither the sources nor the project's PreprocessorDefinitions settle it); definitions in both branches were considered`,
      null,
      { file: u.file, line: u.line },
    );
  }
  const interp = new Interp(symbols, builder, input.framework, input.conditions, onCall);
  const uncalled = [...symbols.functions.values()].filter((f) => !symbols.calledDirectly.has(f.name));
  const entry = uncalled.filter((f) => f.name === "DriverEntry");
  for (const fn of entry) interp.call(fn, []);
  for (const fn of orderRoots(
    uncalled.filter((f) => f.name !== "DriverEntry"),
    builder,
  ))
    interp.call(fn, rootArgs(builder, fn));
  return finish(builder, input);
};

const finish = (builder: ObjectBuilder, input: CAnalysisInput): DriverConfig => {
  let objects = builder.freeze();
  if (!objects.some((o) => o.kind === "driver")) {
    objects = [
      { kind: "driver", id: "driver", parent: null, attributes: null, callbacks: [], source: null },
      ...objects,
    ];
    builder.note(
      "C-REF",
      "info",
      "no WdfDriverCreate call was found; a driver with default attributes is assumed",
      "driver",
      null,
    );
  }
  return {
    framework: input.framework,
    version: input.version,
    objects: parentsFirst(objects),
    notes: builder.notes,
  };
};
