// Seed 000 as a TypeScript driver model: the same driver as driver.yaml, with callbacks as real
// functions (the simulator will run them). Run: npx wdfsim explain examples/000-sequential-vs-queue-scope/model.ts
import { defineDriver } from "wdfsim";

function VpaPci9030EvtDeviceAdd(): void {}
function VpaPci9030EvtIoDeviceControl(): void {}
function VpaPci9030EvtWorkItem(): void {}

export default defineDriver({
  framework: "kmdf",
  driver: { callbacks: { EvtDriverDeviceAdd: VpaPci9030EvtDeviceAdd } },
  devices: {
    device: {
      attributes: { synchronizationScope: "Queue" },
      queues: {
        IoctlQueue: {
          dispatchType: "Sequential",
          allowZeroLengthRequests: true,
          powerManaged: "WdfTrue",
          requestDispatching: ["DeviceControl"],
          attributes: { synchronizationScope: "InheritFromParent" },
          callbacks: { EvtIoDeviceControl: VpaPci9030EvtIoDeviceControl },
          workItems: {
            WorkItem: { callback: VpaPci9030EvtWorkItem, automaticSerialization: false },
          },
        },
      },
    },
  },
});
