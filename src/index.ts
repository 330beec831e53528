// wdfsim's public API. Everything a user or the CLI can do goes through these names.

/**
 * Explain a driver configuration: objects, locks, callbacks, every pair, findings.
 * @example const result = explain(parseDriverConfigText(yamlText, "driver.yaml"));
 */
export { explain } from "./analyze/explain.js";
export type {
  ExplainCallback,
  ExplainFinding,
  ExplainLock,
  ExplainObject,
  ExplainPair,
  ExplainResult,
} from "./analyze/explain-result.js";
/** The schema name of the explain JSON contract. @example result.schema === EXPLAIN_SCHEMA */
export { EXPLAIN_SCHEMA } from "./analyze/explain-result.js";
/**
 * Parse and validate YAML or JSON driver-config text; throws InputError with file:line:col.
 * @example const config = parseDriverConfigText("devices: {}", "inline.yaml");
 */
export { driverConfigFromPlain, parseDriverConfigText } from "./frontends/config/index.js";
export type { DriverConfigInput } from "./frontends/config/input-types.js";
/**
 * The JSON Schema of the driver config format (for editor completion).
 * @example writeFileSync("schema.json", driverConfigJsonSchemaText());
 */
export { driverConfigJsonSchemaText } from "./frontends/config/json-schema.js";
/**
 * wdfsim's own input errors (never the driver's mistakes): file, line, column, message, allowed.
 * @example try { parseDriverConfigText(t, f) } catch (e) { if (isInputError(e)) console.error(e.format()) }
 */
export { InputError, isInputError } from "./frontends/input-error.js";
/**
 * Load a driver from a .yaml/.yml/.json config or a .ts/.js driver model.
 * @example const { config } = await loadDriver("driver.yaml");
 */
export { loadDriver } from "./frontends/load.js";
export type { LoadedDriver } from "./frontends/loaded-driver.js";
export type { DriverCallbackFn, DriverModel } from "./frontends/ts/define-driver.js";
/**
 * Declare a TypeScript driver model (callbacks are real functions).
 * @example export default defineDriver({ devices: { device: { queues: { q: { dispatchType: "Parallel", callbacks: { EvtIoRead } } } } } });
 */
export { defineDriver } from "./frontends/ts/define-driver.js";
export type {
  CallbackConfig,
  DriverConfig,
  Framework,
  ObjectConfig,
  SourceSpan,
} from "./model/config.js";
export type { NtStatus } from "./model/ntstatus.js";
/** NTSTATUS hex values. @example ntStatusHex("STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL") === "0xC020020C" */
export { NTSTATUS_VALUES, ntStatusHex } from "./model/ntstatus.js";
/**
 * Resolve a configuration into the model's facts (effective scope/level, locks, statuses, callbacks).
 * @example const resolved = resolve(config); resolved.objects[1].failure?.status;
 */
export { resolve } from "./model/resolve.js";
export type { ResolvedCallback, ResolvedDriver, ResolvedLock, ResolvedObject } from "./model/resolved.js";
/** @example renderMarkdown(result, { only: "device/ioctlQueue" }) */
export { renderMarkdown } from "./report/markdown.js";
/**
 * Human-readable reports of an explain result.
 * @example process.stdout.write(renderText(result, { color: false }));
 */
export { renderText } from "./report/text.js";
export type { Cell, CellArray, CellMap } from "./runtime/cells.js";
export type { RuntimeFinding } from "./runtime/findings.js";
export type { QueueStateSnapshot, RequestResult, Routine, WdfContext } from "./runtime/framework-api.js";
export {
  WdfRequestStopActionPurge,
  WdfRequestStopActionSuspend,
  WdfRequestStopRequestCancelable,
} from "./runtime/queue-power.js";
export type { SimRequest } from "./runtime/request.js";
export type { RunResult } from "./runtime/run.js";
/**
 * Run one deterministic execution of a resolved driver with its callback functions.
 * @example const result = await runExecution(resolve(config), functions, script, { cpus: 2, seed: 1, scheduler });
 */
export { runExecution } from "./runtime/run.js";
export type { Scenario, ScenarioIo, SendFields } from "./runtime/scenario.js";
/**
 * Declare a scenario for `wdfsim run`: the driver model and an application script.
 * @example export default defineScenario({ driver, cpus: 2, run: async (io) => { io.send("Read"); await io.wait(100); } });
 */
export { defineScenario } from "./runtime/scenario.js";
export type { Trace, TraceEvent } from "./trace/events.js";
/**
 * Chrome Trace Event JSON of a run's trace (opens in Perfetto UI), and a text timeline.
 * @example writeFileSync("run.json", chromeTraceJson(result.trace)); console.log(renderTimeline(result.trace, { color: false }));
 */
export { chromeTraceJson, toChromeTrace } from "./trace/perfetto.js";
export { renderTimeline } from "./trace/timeline.js";
