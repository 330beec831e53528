// Every input mistake is one InputError at the line:column of the offending key or value, with
// the allowed keys or values where there is a list (docs/config.md, "Error messages").

import { describe, expect, it } from "vitest";
import { driverConfigFromPlain, parseDriverConfigText } from "../../../src/frontends/config/index.js";
import { errorOf, type Seen, thrown } from "./error-of.js";

const yamlError = (...lines: string[]): Seen =>
  errorOf(() => parseDriverConfigText(lines.join("\n"), "driver.yaml"));

const QUEUE_KEYS = [
  "dispatchType",
  "defaultQueue",
  "powerManaged",
  "allowZeroLengthRequests",
  "numberOfPresentedRequests",
  "requestDispatching",
  "callsWdfIoQueueStart",
  "retrievesRequests",
  "attributes",
  "callbacks",
  "readyNotify",
  "stateCallbacks",
  "requestCancel",
  "queues",
  "objects",
  "spinLocks",
  "waitLocks",
  "workItems",
  "timers",
  "dpcs",
  "interrupts",
];
const QUEUE = ["devices:", "  device:", "    queues:", "      q:"];
const ULONG = "an integer from 0 to 4294967295";

describe("keys", () => {
  it("an unknown key names the closest valid key and lists the allowed ones", () => {
    const seen = yamlError(...QUEUE, "        dispatchTyp: Sequential");
    expect(seen).toStrictEqual({
      line: 5,
      column: 9,
      message: 'unknown key "dispatchTyp" (did you mean "dispatchType"?)',
      allowed: QUEUE_KEYS,
    });
  });

  it("an unknown key with no close match only lists the allowed keys", () => {
    expect(yamlError("colour: red")).toStrictEqual({
      line: 1,
      column: 1,
      message: 'unknown key "colour"',
      allowed: ["$schema", "framework", "version", "driver", "devices"],
    });
  });

  it("a WDF slot in the wrong object's callbacks says whose it is", () => {
    const seen = yamlError("devices:", "  device:", "    callbacks: { EvtIoRead: MyRead }");
    expect([seen.line, seen.column, seen.message]).toStrictEqual([
      3,
      18,
      `unknown key "EvtIoRead" (it belongs in a queue's callbacks)`,
    ]);
    expect(seen.allowed).toContain("EvtIoInCallerContext");
    expect(seen.allowed).not.toContain("EvtIoRead");
  });

  it("a missing required key points at the entry that lacks it", () => {
    expect(yamlError("devices:", "  device:", "    queues:", "      q: {}")).toStrictEqual({
      line: 4,
      column: 7,
      message: '"q" is missing required key "dispatchType"',
      allowed: undefined,
    });
  });

  it("an object name must be a C identifier", () => {
    expect(yamlError("devices:", "  my-device: {}")).toStrictEqual({
      line: 2,
      column: 3,
      message:
        'invalid name "my-device": object names must be C identifiers (letters, digits and _, not starting with a digit)',
      allowed: undefined,
    });
  });
});

describe("values", () => {
  it("a bad enum value suggests the closest and lists the allowed values", () => {
    expect(yamlError(...QUEUE, "        dispatchType: Sequental")).toStrictEqual({
      line: 5,
      column: 23,
      message: 'invalid value "Sequental" for "dispatchType" (did you mean "Sequential"?)',
      allowed: ["Sequential", "Parallel", "Manual"],
    });
  });

  it("a bad list element is named by its index", () => {
    expect(
      yamlError(...QUEUE, "        dispatchType: Manual", "        requestDispatching: [Read, Rite]"),
    ).toStrictEqual({
      line: 6,
      column: 36,
      message: 'invalid value "Rite" for "requestDispatching[1]" (did you mean "Write"?)',
      allowed: ["Create", "Read", "Write", "DeviceControl", "DeviceControlInternal"],
    });
  });

  it("an unknown framework is an error (a transposition counts as one slip)", () => {
    expect(yamlError("framework: kmfd")).toStrictEqual({
      line: 1,
      column: 12,
      message: 'invalid value "kmfd" for "framework" (did you mean "kmdf"?)',
      allowed: ["kmdf", "umdf2"],
    });
  });

  it("T-4: useHighResolutionTimer accepts booleans and the WDF tri-state", () => {
    const seen = yamlError(
      "devices:",
      "  device:",
      "    timers:",
      "      t0: { useHighResolutionTimer: maybe }",
    );
    expect(seen).toStrictEqual({
      line: 4,
      column: 37,
      message: 'invalid value "maybe" for "useHighResolutionTimer"',
      allowed: ["true", "false", "WdfTrue", "WdfFalse", "WdfUseDefault"],
    });
  });

  it("a wrong type says what was expected and what was written", () => {
    expect(yamlError("devices:", "  device:", "    filter: yes")).toStrictEqual({
      line: 3,
      column: 13,
      message: '"filter" must be true or false, not "yes"',
      allowed: undefined,
    });
    expect(yamlError("devices: [device]").message).toBe(
      '"devices" must be a mapping (key: value), not a list',
    );
  });

  it.each([
    ["-1", 6, 36, `"numberOfPresentedRequests" must be ${ULONG}, not -1`],
    ["1.5", 6, 36, `"numberOfPresentedRequests" must be "unlimited" or ${ULONG}, not 1.5`],
    ["many", 6, 36, `"numberOfPresentedRequests" must be "unlimited" or ${ULONG}, not "many"`],
  ])("numberOfPresentedRequests %s cannot be written in C", (value, line, column, message) => {
    const seen = yamlError(
      ...QUEUE,
      "        dispatchType: Parallel",
      `        numberOfPresentedRequests: ${value}`,
    );
    expect(seen).toStrictEqual({ line, column, message, allowed: undefined });
  });

  it("version must be a quoted major.minor string", () => {
    expect(yamlError("version: 1.33").message).toBe(
      '"version" must be a quoted "major.minor" string such as "1.33", not 1.33',
    );
    expect(yamlError('version: "1"')).toMatchObject({ line: 1, column: 10 });
  });

  it("a callback value must be a function name", () => {
    expect(yamlError("driver:", '  callbacks: { EvtDriverDeviceAdd: "my fn" }')).toMatchObject({
      line: 2,
      column: 36,
      message:
        '"EvtDriverDeviceAdd" must be a function name (letters, digits and _, not starting with a digit), not "my fn"',
    });
  });

  it("an empty file is not a config", () => {
    expect(yamlError("")).toStrictEqual({
      line: 1,
      column: 1,
      message: "the file must hold a mapping (key: value) at the top level, not null",
      allowed: undefined,
    });
  });
});

describe("one error, the first by position", () => {
  it("reports the earlier mistake even when the schema checks the later key first", () => {
    const seen = yamlError("devices:", "  device:", "    filter: maybe", "framework: kmfd");
    expect([seen.line, seen.column]).toStrictEqual([3, 13]);
  });

  it("format() is the line the CLI prints", () => {
    const error = thrown(() =>
      parseDriverConfigText([...QUEUE, "        dispatchType: Sequental"].join("\n"), "queue.yaml"),
    );
    expect(error.format()).toBe(
      'queue.yaml:5:23: invalid value "Sequental" for "dispatchType" (did you mean "Sequential"?) (allowed: Sequential, Parallel, Manual)',
    );
  });

  it("without positions (a driver model), the message names the config path instead", () => {
    const seen = errorOf(() =>
      driverConfigFromPlain(
        { devices: { device: { queues: { q: { dispatchTyp: "Manual" } } } } },
        { file: "model.ts" },
      ),
    );
    expect([seen.line, seen.column, seen.message]).toStrictEqual([
      0,
      0,
      'at devices.device.queues.q: unknown key "dispatchTyp" (did you mean "dispatchType"?)',
    ]);
    const missing = errorOf(() =>
      driverConfigFromPlain({ devices: { device: { queues: { q: {} } } } }, { file: "model.ts" }),
    );
    expect(missing.message).toBe('at devices.device.queues: "q" is missing required key "dispatchType"');
  });
});
