// A validated config -> DriverConfig: the driver (always, id "driver"), then each device, its
// file object and its children (convert-children.ts), in creation order, parents first.

import type { DriverConfig, FrameworkVersion } from "../../model/config.js";
import { callbacksOf, slotRegistrations } from "./convert-callbacks.js";
import { convertChildren } from "./convert-children.js";
import { addObject, attributesOf, type ConvertContext, newContext, span } from "./convert-context.js";
import type { DeviceInput, DriverConfigInput, DriverFunction } from "./input-types.js";
import { resolveInterruptLocks } from "./interrupt-locks.js";
import type { ConfigProblem, Locate } from "./problems.js";

type Fn = DriverFunction;

export interface Converted {
  readonly config: DriverConfig;
  readonly functions: Map<string, Fn>;
  readonly problems: readonly ConfigProblem[];
}

/** "1.33" -> { major: 1, minor: 33 } (the schema checked the shape). */
const parseVersion = (version: string | undefined): FrameworkVersion | null => {
  if (version === undefined) return null;
  const [major, minor] = version.split(".").map(Number);
  return { major: major!, minor: minor! };
};

function convertDevice(ctx: ConvertContext, name: string, device: DeviceInput<Fn>): void {
  const path = ["devices", name];
  addObject(
    ctx,
    {
      kind: "device",
      id: name,
      parent: "driver",
      attributes: attributesOf(device.attributes),
      callbacks: callbacksOf(ctx, name, slotRegistrations(device.callbacks, path)),
      source: span(ctx, path),
      filter: device.filter ?? false,
      controlDevice: device.controlDevice ?? false,
    },
    path,
  );
  if (device.fileObject !== undefined) {
    const id = `${name}/fileObject`;
    const at = [...path, "fileObject"];
    addObject(
      ctx,
      {
        kind: "fileobject",
        id,
        parent: name,
        attributes: attributesOf(device.fileObject.attributes),
        callbacks: callbacksOf(ctx, id, slotRegistrations(device.fileObject.callbacks, at)),
        source: span(ctx, at),
      },
      at,
    );
  }
  convertChildren(ctx, device, { id: name, parent: "driver", deviceId: name, path });
}

/** The DriverConfig of a config that passed the schema, plus what the schema cannot check. */
export function convertDriverConfig(
  input: DriverConfigInput<Fn>,
  file: string,
  locate: Locate | undefined,
): Converted {
  const framework = input.framework ?? "kmdf";
  const ctx = newContext(file, framework, locate);
  const driverPath = ["driver"];
  addObject(
    ctx,
    {
      kind: "driver",
      id: "driver",
      parent: null,
      attributes: attributesOf(input.driver?.attributes),
      callbacks: callbacksOf(ctx, "driver", slotRegistrations(input.driver?.callbacks, driverPath)),
      source: input.driver === undefined ? null : span(ctx, driverPath),
    },
    driverPath,
  );
  for (const [name, device] of Object.entries(input.devices ?? {})) convertDevice(ctx, name, device);
  resolveInterruptLocks(ctx);
  const config: DriverConfig = {
    framework,
    version: parseVersion(input.version),
    objects: ctx.objects,
    notes: [],
  };
  return { config, functions: ctx.functions, problems: ctx.problems };
}
