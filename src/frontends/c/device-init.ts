// What a driver sets on a WDFDEVICE_INIT before WdfDeviceCreate: PnP/power and power-policy
// callbacks, EvtIoInCallerContext, the file-object configuration, filter and control-device
// flags. Keyed by the DeviceInit variable's name; consumed by the WdfDeviceCreate that uses it.

import type { CallbackConfig, SourceSpan } from "../../model/config.js";
import { DEVICE_SLOTS, FILE_OBJECT_SLOTS } from "../../model/slots.js";
import type { MutableObject } from "./builder.js";
import type { Interp } from "./interpreter.js";
import type { Storage, Value } from "./values.js";
import { attributesOf } from "./wdf-create.js";

export interface FileObjectSetup {
  readonly config: Storage | null;
  readonly attributes: Value;
  readonly span: SourceSpan;
}

export class DeviceInitState {
  filter = false;
  controlDevice = false;
  callbacks: CallbackConfig[] = [];
  fileObject: FileObjectSetup | null = null;

  /** Adds every EvtDevice* callback present in a callbacks structure. */
  addCallbacks(interp: Interp, storage: Storage | null, span: SourceSpan): void {
    if (storage === null) return;
    for (const [field, value] of interp.store.snapshot(storage)) {
      if (!DEVICE_SLOTS.includes(field as (typeof DEVICE_SLOTS)[number]) || value.k !== "fn") continue;
      this.callbacks = this.callbacks.filter((c) => c.event !== field);
      this.callbacks.push({ event: field, function: value.name, source: span });
    }
  }

  /** Called by WdfDeviceCreate: creates the file object and resets for the next device. */
  consume(interp: Interp, device: MutableObject): void {
    const file = this.fileObject;
    if (file !== null && interp.builder.get(`${device.id}/fileObject`) === undefined) {
      const callbacks: CallbackConfig[] = [];
      if (file.config !== null) {
        for (const [field, value] of interp.store.snapshot(file.config)) {
          if (FILE_OBJECT_SLOTS.includes(field as (typeof FILE_OBJECT_SLOTS)[number]) && value.k === "fn") {
            callbacks.push({ event: field, function: value.name, source: file.span });
          }
        }
      }
      const object = {
        kind: "fileobject",
        id: `${device.id}/fileObject`,
        parent: device.id,
        attributes: null,
        callbacks,
        source: { file: file.span.file, line: file.span.line },
        unknownFields: [],
      } as unknown as MutableObject;
      interp.builder.add(object, file.span);
      object.attributes = attributesOf(interp, object, file.attributes, file.span);
    }
    Object.assign(this, new DeviceInitState());
  }
}
