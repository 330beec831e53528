// Defaults are the WDF *_CONFIG_INIT macros' (spec/wdf-objects-and-locking.md, "Config defaults"),
// and the frontend checks no WDF semantics: the driver's mistakes are the model's results.

import { describe, expect, it } from "vitest";
import { parseDriverConfigText } from "../../../src/frontends/config/index.js";
import type { ObjectConfig } from "../../../src/model/config.js";

const parse = (...lines: string[]) => parseDriverConfigText(lines.join("\n"), "d.yaml");
const objectOf = (objects: readonly ObjectConfig[], id: string): ObjectConfig => {
  const found = objects.find((o) => o.id === id);
  if (found === undefined) throw new Error(`no object ${id}`);
  return found;
};

describe("framework, version, attributes", () => {
  it("framework defaults to kmdf and version to null (VER-1: evaluate as 1.33)", () => {
    const config = parse("devices: {}");
    expect([config.framework, config.version, config.notes]).toStrictEqual(["kmdf", null, []]);
  });

  it('version "2.33" is { major: 2, minor: 33 }', () => {
    expect(parse("framework: umdf2", 'version: "2.33"').version).toStrictEqual({ major: 2, minor: 33 });
  });

  it("V-2: a work item, timer or DPC has a ParentObject by nesting, so its omitted attributes are INIT's", () => {
    const config = parse(
      "devices:",
      "  device:",
      "    workItems: { w: {} }",
      "    timers: { t: {} }",
      "    dpcs: { d: {} }",
    );
    expect(config.objects.slice(2).map((o) => o.attributes)).toStrictEqual([
      { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
      { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
      { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
    ]);
  });

  it("attributes omitted are WDF_NO_OBJECT_ATTRIBUTES (null); {} is WDF_OBJECT_ATTRIBUTES_INIT", () => {
    const config = parse(
      "devices:",
      "  a: {}",
      "  b: { attributes: {} }",
      "  c: { attributes: { executionLevel: Passive } }",
    );
    expect(config.objects.map((o) => o.attributes)).toStrictEqual([
      null,
      null,
      { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
      { executionLevel: "Passive", synchronizationScope: "InheritFromParent" },
    ]);
  });
});

describe("object defaults", () => {
  const SERIAL = [
    "devices:",
    "  device:",
    "    workItems: { w: {} }",
    "    timers: { t: {} }",
    "    dpcs: { d: {} }",
    "    interrupts: { i: {} }",
  ];

  it("AutomaticSerialization: TRUE for work items, timers and DPCs; FALSE for interrupts (zeroed config)", () => {
    const objects = parse(...SERIAL).objects;
    const serial = objects
      .slice(2)
      .map((o) => [o.id, "automaticSerialization" in o ? o.automaticSerialization : "?"]);
    expect(serial).toStrictEqual([
      ["device/w", true],
      ["device/t", true],
      ["device/d", true],
      ["device/i", false],
    ]);
  });

  it("PassiveHandling defaults to FALSE under kmdf and TRUE under umdf2 (UMDF WDF_INTERRUPT_CONFIG_INIT)", () => {
    const kmdf = objectOf(parse(...SERIAL).objects, "device/i");
    const umdf = objectOf(parse("framework: umdf2", ...SERIAL).objects, "device/i");
    expect([
      kmdf.kind === "interrupt" && kmdf.passiveHandling,
      umdf.kind === "interrupt" && umdf.passiveHandling,
    ]).toStrictEqual([false, true]);
  });

  it("U-3: a DPC under umdf2 is accepted; the model reports it, not the frontend", () => {
    const config = parse("framework: umdf2", ...SERIAL.slice(0, 2), "    dpcs: { d: { callback: MyDpc } }");
    expect(objectOf(config.objects, "device/d").kind).toBe("dpc");
  });

  it("a timer defaults to one-shot, no tolerable delay, no high resolution", () => {
    expect(objectOf(parse(...SERIAL).objects, "device/t")).toMatchObject({
      period: 0,
      tolerableDelay: 0,
      useHighResolutionTimer: false,
      callbacks: [],
    });
  });

  it.each([
    ["true", true],
    ["WdfTrue", true],
    ["WdfUseDefault", true],
    ["false", false],
    ["WdfFalse", false],
  ])("T-4: useHighResolutionTimer %s is %s (a BOOLEAN; WdfUseDefault is non-zero)", (written, expected) => {
    const config = parse(
      "devices:",
      "  device:",
      `    timers: { t: { useHighResolutionTimer: ${written} } }`,
    );
    expect(objectOf(config.objects, "device/t")).toMatchObject({ useHighResolutionTimer: expected });
  });

  it.each([
    ["unlimited", null],
    ["0", 0],
    ["7", 7],
    ["4294967295", null],
  ])("numberOfPresentedRequests %s is %s in DriverConfig ((ULONG)-1 is unlimited)", (written, expected) => {
    const config = parse(
      "devices:",
      "  device:",
      `    queues: { q: { dispatchType: Parallel, numberOfPresentedRequests: ${written} } }`,
    );
    expect(objectOf(config.objects, "device/q")).toMatchObject({ numberOfPresentedRequests: expected });
  });

  it("no WDF semantics are checked: a manual queue with EvtIoRead and a Passive work item are accepted", () => {
    const config = parse(
      "devices:",
      "  device:",
      "    queues: { q: { dispatchType: Manual, callbacks: { EvtIoRead: MyRead } } }",
      "    workItems: { w: { attributes: { executionLevel: Passive } } }",
    );
    expect(config.objects.map((o) => o.id)).toStrictEqual(["driver", "device", "device/q", "device/w"]);
  });
});

describe("nesting", () => {
  it("Q-1: a queue under a general object has that object as parent and the device as device", () => {
    const config = parse(
      "devices:",
      "  device:",
      "    objects:",
      "      ctx:",
      "        queues: { q: { dispatchType: Manual } }",
    );
    expect(objectOf(config.objects, "device/ctx/q")).toMatchObject({
      parent: "device/ctx",
      device: "device",
    });
  });

  it("an interrupt lock resolves by full id, or by a name unique anywhere in the device", () => {
    const config = parse(
      "devices:",
      "  device:",
      "    objects: { ctx: { waitLocks: { deep: {} } } }",
      "    spinLocks: { lockA: {} }",
      "    interrupts:",
      "      byId: { lock: device/lockA }",
      "      byName: { lock: deep }",
    );
    expect([
      objectOf(config.objects, "device/byId"),
      objectOf(config.objects, "device/byName"),
    ]).toMatchObject([{ interruptLock: "device/lockA" }, { interruptLock: "device/ctx/deep" }]);
  });
});
