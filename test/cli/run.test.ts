// `wdfsim run`: exit codes, the Perfetto trace file, determinism of the whole trace file.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fakeIo } from "./fake-io.js";

const EXAMPLES = join(import.meta.dirname, "../../examples/000-sequential-vs-queue-scope");
const tmp = () => mkdtempSync(join(tmpdir(), "wdfsim-run-"));

describe("wdfsim run", () => {
  it("finds the seed-000 race (exit 1), names the cell and both callbacks, and writes a Perfetto trace", async () => {
    const trace = join(tmp(), "race.json");
    const { io, stdout } = fakeIo();
    expect(await main(["run", join(EXAMPLES, "race.scenario.ts"), "--seed", "1", "--trace", trace], io)).toBe(
      1,
    );
    expect(stdout()).toContain("DataRace (CC-6)");
    expect(stdout()).toContain('"requestsServed"');
    const doc = JSON.parse(readFileSync(trace, "utf8"));
    const names = doc.traceEvents
      .filter((e: { ph: string }) => e.ph === "M")
      .map((e: { args: { name: string } }) => e.args.name);
    expect(names).toEqual(expect.arrayContaining(["cpu0", "cpu1"]));
    expect(
      doc.traceEvents.some((e: { name: string }) => e.name === "device/IoctlQueue/WorkItem:EvtWorkItem"),
    ).toBe(true);
  });

  it("the fixed driver (work item under the Passive queue's mutex) is clean: exit 0", async () => {
    const { io, stdout } = fakeIo();
    expect(await main(["run", join(EXAMPLES, "fixed.scenario.ts")], io)).toBe(0);
    expect(stdout()).toContain("No verifier findings.");
  });

  it("explain reads a scenario file: the race scenario's driver, with the work item overlapping EvtIoDeviceControl (CC-6)", async () => {
    const { io, stdout } = fakeIo();
    expect(await main(["explain", join(EXAMPLES, "race.scenario.ts"), "--json"], io)).toBe(0);
    const doc = JSON.parse(stdout());
    const ids = doc.callbacks.map((c: { id: string }) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "device/IoctlQueue:EvtIoDeviceControl",
        "device/IoctlQueue/WorkItem:EvtWorkItem",
      ]),
    );
    const pair = doc.pairs.find(
      (p: { a: string; b: string }) =>
        p.a === "device/IoctlQueue:EvtIoDeviceControl" && p.b === "device/IoctlQueue/WorkItem:EvtWorkItem",
    );
    expect(pair.concurrent).toBe(true);
    expect(pair.why).toContain("CC-6");
  });

  it("same seed -> byte-identical trace file", async () => {
    const dir = tmp();
    for (const name of ["a.json", "b.json"])
      await main(
        ["run", join(EXAMPLES, "race.scenario.ts"), "--seed", "7", "--trace", join(dir, name)],
        fakeIo().io,
      );
    expect(readFileSync(join(dir, "a.json"), "utf8")).toBe(readFileSync(join(dir, "b.json"), "utf8"));
  });

  it("bad input: a file that is not a scenario, or a bad --cpus, exits 2 with a message", async () => {
    const notScenario = fakeIo();
    expect(await main(["run", join(EXAMPLES, "model.ts")], notScenario.io)).toBe(2);
    expect(notScenario.stderr()).toContain("defineScenario");
    const badCpus = fakeIo();
    expect(await main(["run", join(EXAMPLES, "race.scenario.ts"), "--cpus", "0"], badCpus.io)).toBe(2);
    expect(badCpus.stderr()).toContain("--cpus must be an integer >= 1");
  });
});
