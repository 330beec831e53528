// `wdfsim explain` on C sources: folders, several paths, a single file by absolute path
// (explain-json.md "Invocation"), sources relative to the analyzed root in JSON and openable
// from the current folder in the text report.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fakeIo } from "./fake-io.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/c");

const json = async (args: string[]) => {
  const { io, stdout, stderr } = fakeIo();
  const code = await main(["explain", ...args, "--json"], io);
  return { code, doc: JSON.parse(stdout()), stderr: stderr() };
};

describe("wdfsim explain <C sources>", () => {
  it("a single C file by absolute path: source.file is the bare file name, and stdout holds only the JSON", async () => {
    const { code, doc, stderr } = await json([join(FIXTURES, "seed-000", "driver.c")]);
    expect(code).toBe(0);
    expect(doc.objects.find((o: { id: string }) => o.id === "device/IoctlQueue").source.file).toBe(
      "driver.c",
    );
    expect(stderr).toBe("");
  });

  it("a folder: sources relative to it with '/' separators", async () => {
    const { doc } = await json([join(FIXTURES, "echo-style")]);
    const files = new Set(
      doc.objects.map((o: { source: { file: string } | null }) => o.source?.file).filter(Boolean),
    );
    expect([...files].sort()).toEqual(["driver.c", "queue.c"]);
  });

  it("several folders form one driver, sources relative to their common folder", async () => {
    const { doc } = await json([join(FIXTURES, "seed-000"), join(FIXTURES, "echo-style")]);
    expect(
      doc.objects.some((o: { source: { file: string } | null }) => o.source?.file === "seed-000/driver.c"),
    ).toBe(true);
    expect(
      doc.findings.some(
        (f: { rule: string }) => f.rule === "C-REF" || f.rule === "CFG-06h" || f.rule === "VER-1",
      ),
    ).toBe(true);
  });

  it("the text report names findings as file:line reachable from the current folder", async () => {
    const { io, stdout } = fakeIo();
    await main(["explain", join(FIXTURES, "branch-unknown")], io);
    expect(stdout()).toMatch(
      /fixtures\/c\/branch-unknown\/driver\.c:88 +device\/ReadQueue: PowerManaged is not statically known/,
    );
  });

  it("--framework umdf2 overrides the C default; a config among C inputs is refused with exit 2", async () => {
    expect((await json([join(FIXTURES, "seed-000"), "--framework", "umdf2"])).doc.framework).toBe("umdf2");
    const { io, stderr } = fakeIo();
    expect(
      await main(
        [
          "explain",
          join(FIXTURES, "seed-000"),
          join(import.meta.dirname, "../../examples/000-sequential-vs-queue-scope/driver.yaml"),
        ],
        io,
      ),
    ).toBe(2);
    expect(stderr()).toContain("several inputs form one driver only when they are C sources");
  });

  it("a folder with no C sources is an input error naming the allowed kinds", async () => {
    const { io, stderr } = fakeIo();
    expect(await main(["explain", join(import.meta.dirname, "../../docs")], io)).toBe(2);
    expect(stderr()).toContain("no C or C++ source files here");
  });
});
