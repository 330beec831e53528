// VER-1 and the version gates of locking spec section 10: file-object default level (1.11),
// UMDF internal IOCTL (2.19), TolerableDelay (1.13).

import { describe, expect, it } from "vitest";
import { explain } from "../../src/analyze/explain.js";
import type { Framework, FrameworkVersion, ObjectConfig } from "../../src/model/config.js";
import { resolve } from "../../src/model/resolve.js";
import { cb, config, device, fileObject, objectOf, queue, timer } from "../helpers/build.js";

const run = (objects: ObjectConfig[], framework: Framework, version: FrameworkVersion | null) =>
  resolve(config(objects, framework, version));
const noAttrsFile = [device(), fileObject("device", { attributes: null })];
const internalIoctl = [device(), queue("device/q", { callbacks: [cb("EvtIoInternalDeviceControl")] })];

describe("VER-1: file-object default level gate (1.11)", () => {
  it("VER-1: version not stated → evaluated as KMDF 1.33: file objects start Passive", () => {
    expect(objectOf(run(noAttrsFile, "kmdf", null), "device/fileObject").level).toBe("Passive");
  });

  it("VER-1: client 1.11 → Passive", () => {
    expect(objectOf(run(noAttrsFile, "kmdf", { major: 1, minor: 11 }), "device/fileObject").level).toBe(
      "Passive",
    );
  });

  it("VER-1: client 1.10 → Dispatch", () => {
    expect(objectOf(run(noAttrsFile, "kmdf", { major: 1, minor: 10 }), "device/fileObject").level).toBe(
      "Dispatch",
    );
  });

  it("VER-1: UMDF 2.x passes the 1.11 gate → Passive", () => {
    expect(objectOf(run(noAttrsFile, "umdf2", { major: 2, minor: 0 }), "device/fileObject").level).toBe(
      "Passive",
    );
  });
});

describe("VER-1: UMDF internal IOCTL gate (2.19)", () => {
  it("VER-1: version not stated → evaluated as UMDF 2.33: STATUS_INVALID_PARAMETER", () => {
    expect(objectOf(run(internalIoctl, "umdf2", null), "device/q").failure?.status).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });

  it("VER-1: UMDF 2.18 → created", () => {
    expect(objectOf(run(internalIoctl, "umdf2", { major: 2, minor: 18 }), "device/q").failure).toBeNull();
  });
});

describe("VER-1: TolerableDelay gate (1.13)", () => {
  const bigDelay = [device(), timer("device/t", { tolerableDelay: 0x80000000 })];

  it("VER-1: version not stated → evaluated as ≥ 1.13: TolerableDelay > MAXLONG accepted", () => {
    expect(objectOf(run(bigDelay, "kmdf", null), "device/t").failure).toBeNull();
  });

  it("VER-1: client 1.11 → STATUS_INVALID_PARAMETER", () => {
    expect(objectOf(run(bigDelay, "kmdf", { major: 1, minor: 11 }), "device/t").failure?.status).toBe(
      "STATUS_INVALID_PARAMETER",
    );
  });
});

describe("VER-1: the assumption is reported once, as an info finding", () => {
  it("VER-1: version not stated → exactly one info finding with rule VER-1", () => {
    const found = explain(config(internalIoctl, "umdf2", null)).findings.filter((f) => f.rule === "VER-1");
    expect(found.map((f) => f.severity)).toEqual(["info"]);
  });

  it("VER-1: version stated → no VER-1 finding", () => {
    const found = explain(config(internalIoctl, "umdf2", { major: 2, minor: 33 })).findings.filter(
      (f) => f.rule === "VER-1",
    );
    expect(found).toEqual([]);
  });
});
