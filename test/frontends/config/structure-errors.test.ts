// Mistakes zod cannot see: YAML syntax, duplicate keys, object ids that collide, interrupt locks
// that name nothing (WDF_INTERRUPT_CONFIG.SpinLock is a WDFSPINLOCK: nothing else fits in C).

import { describe, expect, it } from "vitest";
import { driverConfigFromPlain, parseDriverConfigText } from "../../../src/frontends/config/index.js";
import { errorOf, type Seen } from "./error-of.js";

const yamlError = (...lines: string[]): Seen =>
  errorOf(() => parseDriverConfigText(lines.join("\n"), "driver.yaml"));

describe("YAML", () => {
  it("a syntax error keeps the position yaml reports", () => {
    expect(yamlError("devices:", "  device: [1, 2", "  x: 3")).toStrictEqual({
      line: 3,
      column: 3,
      message:
        "syntax error: flow sequence in block collection must be sufficiently indented and end with a ]",
      allowed: undefined,
    });
  });

  it("a duplicate key is rejected at the second occurrence (YAML)", () => {
    expect(yamlError("devices:", "  device: {}", "  device: {}")).toStrictEqual({
      line: 3,
      column: 3,
      message: 'duplicate key "device"',
      allowed: undefined,
    });
  });

  it("a duplicate key is rejected at the second occurrence (JSON)", () => {
    expect(yamlError('{"framework": "kmdf", "framework": "umdf2"}')).toMatchObject({
      line: 1,
      column: 23,
      message: 'duplicate key "framework"',
    });
  });

  it("one file holds one document", () => {
    expect(yamlError("framework: kmdf", "---", "framework: umdf2")).toMatchObject({
      line: 2,
      column: 1,
      message: "a driver config is one YAML document; remove the second '---'",
    });
  });

  it("an alias needs an anchor before it", () => {
    expect(yamlError("devices: *shared")).toMatchObject({
      line: 1,
      column: 10,
      message: 'alias "*shared" has no anchor "&shared" before it',
    });
  });
});

describe("object ids", () => {
  it("two children of one parent may not share a name, even in different sections", () => {
    expect(
      yamlError(
        "devices:",
        "  device:",
        "    queues: { a: { dispatchType: Manual } }",
        "    timers: { a: {} }",
      ),
    ).toStrictEqual({
      line: 4,
      column: 15,
      message: 'duplicate object id "device/a": sibling names must be unique (first used at line 3)',
      allowed: undefined,
    });
  });

  it('a device may not be called "driver"', () => {
    expect(yamlError("devices:", "  driver: {}")).toMatchObject({
      line: 2,
      column: 3,
      message: 'duplicate object id "driver": "driver" is the id of the driver object',
    });
  });

  it("CAN-25: requestCancel names each EvtRequestCancel routine once", () => {
    expect(
      yamlError(
        "devices:",
        "  device:",
        "    queues:",
        "      q: { dispatchType: Manual, requestCancel: [A, A] }",
      ),
    ).toMatchObject({
      line: 4,
      column: 53,
      message: 'requestCancel lists "A" twice',
    });
  });
});

describe("interrupt locks", () => {
  const LOCKS = ["devices:", "  device:", "    spinLocks: { lockA: {} }", "    waitLocks: { lockB: {} }"];

  it("a lock that names no spinLocks/waitLocks entry of the device lists the ones there are", () => {
    expect(yamlError(...LOCKS, "    interrupts:", "      int0: { lock: lockX }")).toStrictEqual({
      line: 6,
      column: 21,
      message: 'lock "lockX" names no spinLocks or waitLocks entry in device "device"',
      allowed: ["lockA", "lockB"],
    });
  });

  it("a name used by two locks of the device must be written as a full id", () => {
    const seen = yamlError(
      ...LOCKS,
      "    queues:",
      "      q: { dispatchType: Manual, spinLocks: { lockA: {} } }",
      "    interrupts:",
      "      int0: { lock: lockA }",
    );
    expect(seen).toStrictEqual({
      line: 8,
      column: 21,
      message: 'lock "lockA" is ambiguous in device "device": write its full id',
      allowed: ["device/lockA", "device/q/lockA"],
    });
  });

  it("a lock id must name a lock, not another object", () => {
    const seen = yamlError(
      ...LOCKS,
      "    queues: { q: { dispatchType: Manual } }",
      "    interrupts:",
      "      int0: { lock: device/q }",
    );
    expect(seen.message).toBe('lock "device/q" is a queue, not a spinLocks or waitLocks entry');
  });
});

describe("only InputErrors leave the frontend", () => {
  it("an object graph that contains itself is an input error, not a stack overflow", () => {
    const queue: Record<string, unknown> = { dispatchType: "Manual" };
    queue.queues = { self: queue };

    const seen = errorOf(() =>
      driverConfigFromPlain({ devices: { device: { queues: { q: queue } } } }, { file: "m.ts" }),
    );

    expect(seen.message).toMatch(/^cannot read the config \(does an entry contain itself\?\)/);
  });
});
