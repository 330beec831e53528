// File-object attributes go through the same reader as every create call: numeric enumerators are
// read, and attributes wdfsim cannot know are reported as such (never silently dropped).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../../../src/analyze/explain.js";
import { loadCDriver } from "../../../src/frontends/c/load-c.js";

const driver = (fileAttributes: string, prelude = "") => `
${prelude}
NTSTATUS EvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit) {
    WDF_FILEOBJECT_CONFIG fileConfig;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    WDF_FILEOBJECT_CONFIG_INIT(&fileConfig, EvtFileCreate, EvtFileClose, WDF_NO_EVENT_CALLBACK);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
    attributes.ExecutionLevel = 2;
    WdfDeviceInitSetFileObjectConfig(DeviceInit, &fileConfig, ${fileAttributes});
    return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
}`;

const explainC = async (source: string) => {
  const dir = mkdtempSync(join(tmpdir(), "wdfsim-fileobj-"));
  writeFileSync(join(dir, "driver.c"), source);
  return explain((await loadCDriver([dir])).config);
};

describe("C front-end: file-object attributes", () => {
  it("F-4: attributes read like any create call's (ExecutionLevel given as the number 2 = Passive)", async () => {
    const r = await explainC(driver("&attributes"));
    const file = r.objects.find((o) => o.id === "device/fileObject")!;
    expect(file.declared.syncScope).toBe("Device");
    expect(file.declared.executionLevel).toBe("Passive");
  });

  it("attributes from a pointer wdfsim cannot follow are null with a C-VALUE finding, not WDF_NO_OBJECT_ATTRIBUTES", async () => {
    const r = await explainC(driver("GetFileAttributesFromRegistry()"));
    const file = r.objects.find((o) => o.id === "device/fileObject")!;
    expect(file.declared.syncScope).toBeNull();
    expect(r.findings.some((f) => f.rule === "C-VALUE" && f.object === "device/fileObject")).toBe(true);
  });
});
