// CFG-07 (queues spec 2.2): whether a successfully created queue is power-managed.

import { describe, expect, it } from "vitest";
import { resolve } from "../../src/model/resolve.js";
import { config, device, objectOf, queue } from "../helpers/build.js";

describe("CFG-07: PowerManaged", () => {
  const pm = (
    powerManaged: "WdfTrue" | "WdfFalse" | "WdfUseDefault",
    dev: { filter?: boolean; controlDevice?: boolean } = {},
  ) =>
    objectOf(resolve(config([device("device", dev), queue("device/q", { powerManaged })])), "device/q")
      .powerManaged;

  it("CFG-07: WdfTrue → power-managed", () => expect(pm("WdfTrue")).toBe(true));
  it("CFG-07: WdfFalse → not power-managed", () => expect(pm("WdfFalse")).toBe(false));
  it("CFG-07: WdfUseDefault on a non-filter device → power-managed", () =>
    expect(pm("WdfUseDefault")).toBe(true));
  it("CFG-07: WdfUseDefault on a filter device → not power-managed", () =>
    expect(pm("WdfUseDefault", { filter: true })).toBe(false));
  it("CFG-07: WdfTrue on a filter device → power-managed", () =>
    expect(pm("WdfTrue", { filter: true })).toBe(true));
  it("CFG-07: a control device's queue is never power-managed, even with WdfTrue", () =>
    expect(pm("WdfTrue", { controlDevice: true })).toBe(false));
});
