// parseDriverConfigText: a complete config maps to the exact DriverConfig — ids are tree paths,
// objects in creation order (driver, device, file object, then children depth-first in section
// order), WDF *_CONFIG_INIT defaults, sources at the line:column of each key (docs/config.md).

import { describe, expect, it } from "vitest";
import { parseDriverConfigText } from "../../../src/frontends/config/index.js";
import type { DriverConfig } from "../../../src/model/config.js";

const at = (line: number, column: number) => ({ file: "driver.yaml", line, column });
const inherit = { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" } as const;

const FULL = [
  "# yaml-language-server: $schema=../../schema/driver-config.schema.json", // 1
  "framework: kmdf",
  'version: "1.33"',
  "driver:", // 4
  "  attributes: { executionLevel: Passive }",
  "  callbacks: { EvtDriverDeviceAdd: MyEvtDeviceAdd }", // 6
  "devices:",
  "  device:", // 8
  "    attributes: { synchronizationScope: Queue }",
  "    filter: true", // 10
  "    callbacks: { EvtDevicePrepareHardware: MyPrepareHardware, EvtIoInCallerContext: MyInCallerContext }",
  "    fileObject:", // 12
  "      callbacks: { EvtDeviceFileCreate: MyFileCreate }",
  "    queues:", // 14
  "      ioctlQueue:",
  "        dispatchType: Parallel", // 16
  "        numberOfPresentedRequests: 2",
  "        requestDispatching: [DeviceControl]", // 18
  "        attributes: {}",
  "        callbacks: { EvtIoDeviceControl: MyIoctl, EvtIoStop: MyStop }", // 20
  "        readyNotify: MyReady",
  "        stateCallbacks: { Drain: MyDrained }", // 22
  "        requestCancel: [MyCancel]",
  "        workItems:", // 24
  "          workItem0: { callback: MyWorkItem }",
  "      manualQueue:", // 26
  "        dispatchType: Manual",
  "        powerManaged: WdfFalse", // 28
  "        callsWdfIoQueueStart: true",
  "        retrievesRequests: true", // 30
  "    objects:",
  "      ctx:", // 32
  "        timers:",
  "          timer0: { callback: MyTimer, period: 10, useHighResolutionTimer: WdfUseDefault, automaticSerialization: false }",
  "    spinLocks: { lockA: {} }", // 35
  "    waitLocks: { lockB: {} }",
  "    dpcs:", // 37
  "      dpc0: { callback: MyDpc, attributes: { executionLevel: Dispatch } }",
  "    interrupts:", // 39
  "      int0:",
  "        lock: lockA", // 41
  "        callbacks: { EvtInterruptIsr: MyIsr, EvtInterruptDpc: MyIsrDpc }",
  "",
].join("\n");

const FULL_CONFIG: DriverConfig = {
  framework: "kmdf",
  version: { major: 1, minor: 33 },
  notes: [],
  objects: [
    {
      kind: "driver",
      id: "driver",
      parent: null,
      attributes: { executionLevel: "Passive", synchronizationScope: "InheritFromParent" },
      callbacks: [{ event: "EvtDriverDeviceAdd", function: "MyEvtDeviceAdd", source: at(6, 16) }],
      source: at(4, 1),
    },
    {
      kind: "device",
      id: "device",
      parent: "driver",
      attributes: { executionLevel: "InheritFromParent", synchronizationScope: "Queue" },
      callbacks: [
        { event: "EvtDevicePrepareHardware", function: "MyPrepareHardware", source: at(11, 18) },
        { event: "EvtIoInCallerContext", function: "MyInCallerContext", source: at(11, 63) },
      ],
      source: at(8, 3),
      filter: true,
      controlDevice: false,
    },
    {
      kind: "fileobject",
      id: "device/fileObject",
      parent: "device",
      attributes: null,
      callbacks: [{ event: "EvtDeviceFileCreate", function: "MyFileCreate", source: at(13, 20) }],
      source: at(12, 5),
    },
    {
      kind: "queue",
      id: "device/ioctlQueue",
      parent: "device",
      source: at(15, 7),
      attributes: inherit,
      callbacks: [
        { event: "EvtIoDeviceControl", function: "MyIoctl", source: at(20, 22) },
        { event: "EvtIoStop", function: "MyStop", source: at(20, 51) },
        { event: "EvtIoQueueState", function: "MyReady", registration: "ReadyNotify", source: at(21, 9) },
        { event: "EvtIoQueueState", function: "MyDrained", registration: "Drain", source: at(22, 27) },
        { event: "EvtRequestCancel", function: "MyCancel", source: at(23, 25) },
      ],
      device: "device",
      dispatchType: "Parallel",
      defaultQueue: false,
      powerManaged: "WdfUseDefault",
      allowZeroLengthRequests: false,
      numberOfPresentedRequests: 2,
      requestDispatching: ["DeviceControl"],
      callsWdfIoQueueStart: false,
      retrievesRequests: false,
    },
    {
      kind: "workitem",
      id: "device/ioctlQueue/workItem0",
      parent: "device/ioctlQueue",
      source: at(25, 11),
      attributes: inherit,
      callbacks: [{ event: "EvtWorkItem", function: "MyWorkItem", source: at(25, 24) }],
      automaticSerialization: true,
    },
    {
      kind: "queue",
      id: "device/manualQueue",
      parent: "device",
      source: at(26, 7),
      attributes: null,
      callbacks: [],
      device: "device",
      dispatchType: "Manual",
      defaultQueue: false,
      powerManaged: "WdfFalse",
      allowZeroLengthRequests: false,
      numberOfPresentedRequests: null,
      requestDispatching: [],
      callsWdfIoQueueStart: true,
      retrievesRequests: true,
    },
    {
      kind: "other",
      otherKind: "object",
      id: "device/ctx",
      parent: "device",
      source: at(32, 7),
      attributes: null,
      callbacks: [],
    },
    {
      kind: "timer",
      id: "device/ctx/timer0",
      parent: "device/ctx",
      source: at(34, 11),
      attributes: inherit,
      callbacks: [{ event: "EvtTimerFunc", function: "MyTimer", source: at(34, 21) }],
      automaticSerialization: false,
      period: 10,
      tolerableDelay: 0,
      useHighResolutionTimer: true,
    },
    {
      kind: "other",
      otherKind: "spinlock",
      id: "device/lockA",
      parent: "device",
      source: at(35, 18),
      attributes: null,
      callbacks: [],
    },
    {
      kind: "other",
      otherKind: "waitlock",
      id: "device/lockB",
      parent: "device",
      source: at(36, 18),
      attributes: null,
      callbacks: [],
    },
    {
      kind: "dpc",
      id: "device/dpc0",
      parent: "device",
      source: at(38, 7),
      attributes: { executionLevel: "Dispatch", synchronizationScope: "InheritFromParent" },
      callbacks: [{ event: "EvtDpcFunc", function: "MyDpc", source: at(38, 15) }],
      automaticSerialization: true,
    },
    {
      kind: "interrupt",
      id: "device/int0",
      parent: "device",
      source: at(40, 7),
      attributes: null,
      callbacks: [
        { event: "EvtInterruptIsr", function: "MyIsr", source: at(42, 22) },
        { event: "EvtInterruptDpc", function: "MyIsrDpc", source: at(42, 46) },
      ],
      automaticSerialization: false,
      passiveHandling: false,
      interruptLock: "device/lockA",
    },
  ],
};

describe("parseDriverConfigText: the full format", () => {
  it("maps every section to ObjectConfigs with path ids, creation order, defaults and key positions", () => {
    // Arrange: FULL above. Act
    const config = parseDriverConfigText(FULL, "driver.yaml");
    // Assert
    expect(config).toStrictEqual(FULL_CONFIG);
  });

  it("reads the same driver written as JSON", () => {
    const json = [
      "{",
      '  "framework": "kmdf",',
      '  "devices": {',
      '    "device": {',
      '      "queues": {',
      '        "q": { "dispatchType": "Sequential", "callbacks": { "EvtIoRead": "MyRead" } }',
      "      }",
      "    }",
      "  }",
      "}",
    ].join("\n");

    const config = parseDriverConfigText(json, "driver.json");

    expect(config.objects.map((o) => o.id)).toStrictEqual(["driver", "device", "device/q"]);
    expect(config.objects[2]!.source).toStrictEqual({ file: "driver.json", line: 6, column: 9 });
    expect(config.objects[2]!.callbacks).toStrictEqual([
      { event: "EvtIoRead", function: "MyRead", source: { file: "driver.json", line: 6, column: 61 } },
    ]);
  });

  it("an empty driver section and no devices still give the driver object (WdfDriverCreate always runs)", () => {
    const config = parseDriverConfigText("driver: {}\n", "d.yaml");

    expect(config).toStrictEqual({
      framework: "kmdf",
      version: null,
      notes: [],
      objects: [
        {
          kind: "driver",
          id: "driver",
          parent: null,
          attributes: null,
          callbacks: [],
          source: { file: "d.yaml", line: 1, column: 1 },
        },
      ],
    });
  });
});
