// driverConfigFromPlain: the same validation on a parsed object; with allowFunctions (the
// TypeScript driver model) callback values may be functions, named by `.name` or by slot key.

import { describe, expect, it } from "vitest";
import { driverConfigFromPlain } from "../../../src/frontends/config/index.js";
import { errorOf } from "./error-of.js";

function MyEvtIoRead(): void {}
function MyCancel(): void {}
const anonymous = (): (() => void) => () => {};

describe("allowFunctions", () => {
  it("records each function under its callback id and names it by .name, else by its slot key", () => {
    const write = anonymous();
    const cancel1 = anonymous();
    const spec = {
      devices: {
        device: {
          queues: {
            q: {
              dispatchType: "Parallel",
              callbacks: { EvtIoRead: MyEvtIoRead, EvtIoWrite: write, EvtIoStop: "NamedInC" },
              readyNotify: anonymous(),
              requestCancel: [MyCancel, cancel1],
            },
          },
        },
      },
    };

    const { config, functions } = driverConfigFromPlain(spec, { file: "model.ts", allowFunctions: true });

    expect(config.objects[2]!.callbacks).toStrictEqual([
      { event: "EvtIoRead", function: "MyEvtIoRead", source: null },
      { event: "EvtIoWrite", function: "EvtIoWrite", source: null },
      { event: "EvtIoStop", function: "NamedInC", source: null },
      { event: "EvtIoQueueState", function: "readyNotify", registration: "ReadyNotify", source: null },
      { event: "EvtRequestCancel", function: "MyCancel", source: null },
      { event: "EvtRequestCancel", function: "requestCancel[1]", source: null },
    ]);
    expect([...functions.keys()]).toStrictEqual([
      "device/q:EvtIoRead",
      "device/q:EvtIoWrite",
      "device/q:EvtIoQueueState[ReadyNotify]",
      "device/q:EvtRequestCancel:MyCancel",
      "device/q:EvtRequestCancel:requestCancel[1]",
    ]);
    expect(functions.get("device/q:EvtIoRead")).toBe(MyEvtIoRead);
    expect(functions.get("device/q:EvtRequestCancel:requestCancel[1]")).toBe(cancel1);
  });

  it("work item, timer and DPC callbacks are functions too", () => {
    const spec = {
      devices: {
        device: { workItems: { w: { callback: MyEvtIoRead } }, timers: { t: { callback: anonymous() } } },
      },
    };

    const { config, functions } = driverConfigFromPlain(spec, { file: "model.ts", allowFunctions: true });

    expect(config.objects.slice(2).map((o) => o.callbacks)).toStrictEqual([
      [{ event: "EvtWorkItem", function: "MyEvtIoRead", source: null }],
      [{ event: "EvtTimerFunc", function: "callback", source: null }],
    ]);
    expect([...functions.keys()]).toStrictEqual(["device/w:EvtWorkItem", "device/t:EvtTimerFunc"]);
  });

  it("without allowFunctions a function is an input error and the map stays empty for names", () => {
    const spec = { driver: { callbacks: { EvtDriverDeviceAdd: MyEvtIoRead } } };

    const seen = errorOf(() => driverConfigFromPlain(spec, { file: "d.json" }));
    const named = driverConfigFromPlain(
      { driver: { callbacks: { EvtDriverDeviceAdd: "Add" } } },
      { file: "d.json" },
    );

    expect(seen.message).toBe(
      'at driver.callbacks.EvtDriverDeviceAdd: "EvtDriverDeviceAdd" must be a function name, not a function',
    );
    expect(named.functions.size).toBe(0);
  });
});

describe("locate", () => {
  it("sources and errors take their positions from the caller's locator", () => {
    const locate = (path: (string | number)[]) => ({ line: path.length, column: 5 });
    const spec = {
      devices: { device: { queues: { q: { dispatchType: "Manual", callbacks: { EvtIoRead: "R" } } } } },
    };

    const { config } = driverConfigFromPlain(spec, { file: "m.ts", locate });
    const seen = errorOf(() =>
      driverConfigFromPlain({ devices: { device: { filter: 1 } } }, { file: "m.ts", locate }),
    );

    expect(config.objects[2]!.source).toStrictEqual({ file: "m.ts", line: 4, column: 5 });
    expect(config.objects[2]!.callbacks[0]!.source).toStrictEqual({ file: "m.ts", line: 6, column: 5 });
    expect(seen).toStrictEqual({
      line: 3,
      column: 5,
      message: '"filter" must be true or false, not 1',
      allowed: undefined,
    });
  });
});
