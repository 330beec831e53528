// Generated drivers for the benchmarks: `objects` objects spread over devices, queues, work
// items, timers and DPCs, about one callback each, with a mix of scopes so every pair rule runs.

import type { CallbackConfig, DriverConfig, ObjectConfig } from "../src/model/config.js";

const cb = (event: string, fn: string): CallbackConfig => ({ event, function: fn });
const scopes = ["Queue", "None", "InheritFromParent"] as const;

export const generateDriver = (objects: number): DriverConfig => {
  const out: ObjectConfig[] = [
    {
      kind: "driver",
      id: "driver",
      parent: null,
      attributes: null,
      callbacks: [cb("EvtDriverDeviceAdd", "DeviceAdd")],
      source: null,
    },
  ];
  let d = 0;
  while (out.length < objects) {
    const dev = `dev${d}`;
    out.push({
      kind: "device",
      id: dev,
      parent: "driver",
      attributes: { executionLevel: "InheritFromParent", synchronizationScope: d % 2 ? "Device" : "Queue" },
      callbacks: [cb("EvtDeviceD0Entry", `D0Entry${d}`), cb("EvtDeviceD0Exit", `D0Exit${d}`)],
      source: null,
      filter: false,
      controlDevice: false,
    });
    for (let q = 0; q < 8 && out.length < objects; q++) {
      const queue = `${dev}/q${q}`;
      out.push({
        kind: "queue",
        id: queue,
        parent: dev,
        device: dev,
        attributes: { executionLevel: "InheritFromParent", synchronizationScope: scopes[q % 3]! },
        callbacks: [cb("EvtIoDeviceControl", `Ioctl${d}_${q}`), cb("EvtIoStop", `Stop${d}_${q}`)],
        source: null,
        dispatchType: q % 2 ? "Parallel" : "Sequential",
        defaultQueue: false,
        powerManaged: "WdfUseDefault",
        allowZeroLengthRequests: false,
        numberOfPresentedRequests: null,
        requestDispatching: [],
        callsWdfIoQueueStart: false,
        retrievesRequests: false,
      });
      const children: ObjectConfig[] = [
        {
          kind: "workitem",
          id: `${queue}/wi`,
          parent: queue,
          attributes: { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
          callbacks: [cb("EvtWorkItem", `Work${d}_${q}`)],
          source: null,
          automaticSerialization: false,
        },
        {
          kind: "timer",
          id: `${queue}/tm`,
          parent: queue,
          attributes: { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
          callbacks: [cb("EvtTimerFunc", `Timer${d}_${q}`)],
          source: null,
          automaticSerialization: true,
          period: 10,
          tolerableDelay: 0,
          useHighResolutionTimer: false,
        },
        {
          kind: "dpc",
          id: `${queue}/dpc`,
          parent: queue,
          attributes: { executionLevel: "InheritFromParent", synchronizationScope: "InheritFromParent" },
          callbacks: [cb("EvtDpcFunc", `Dpc${d}_${q}`)],
          source: null,
          automaticSerialization: true,
        },
      ];
      for (const c of children) if (out.length < objects) out.push(c);
    }
    d++;
  }
  return { framework: "kmdf", version: { major: 1, minor: 33 }, objects: out, notes: [] };
};

/** The smallest generated driver with at least `callbacks` callbacks. */
export const generateDriverWithCallbacks = (callbacks: number): DriverConfig => {
  const full = generateDriver(callbacks);
  const objects: ObjectConfig[] = [];
  let count = 0;
  for (const o of full.objects) {
    if (count >= callbacks) break;
    objects.push(o);
    count += o.callbacks.length;
  }
  return { ...full, objects };
};
