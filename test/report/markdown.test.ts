import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { FIXTURE, WHY_IOCTL_WORKITEM } from "./fixture.js";

describe("renderMarkdown", () => {
  const md = renderMarkdown(FIXTURE, {});
  const lines = md.split("\n");

  it("has a title, the counts and one heading per section, and no ANSI", () => {
    expect(lines.slice(0, 3)).toEqual([
      "# wdfsim explain: KMDF driver",
      "",
      "5 objects (1 failed), 1 lock, 3 callbacks, 6 pairs, 3 findings.",
    ]);
    expect(lines.filter((line) => line.startsWith("## "))).toEqual([
      "## Objects",
      "## Locks",
      "## Callbacks",
      "## Can these run at the same time?",
      "## Findings",
    ]);
    expect(md).not.toContain("\u001b");
  });

  it("marks the failed object in the objects table", () => {
    expect(lines).toContain(
      "| `device/ioctlQueue/timer0` | timer | Queue (inherited) | Passive | AutomaticSerialization=TRUE | — | ✗ `STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL` |",
    );
  });

  it("renders the callbacks as a GitHub table", () => {
    const start = lines.indexOf("## Callbacks");
    expect(lines.slice(start + 2, start + 7)).toEqual([
      "| callback | function | lock | IRQL |",
      "| --- | --- | --- | --- |",
      "| `driver:EvtDriverDeviceAdd` | `MyEvtDeviceAdd` | — | PASSIVE_LEVEL |",
      "| `device/ioctlQueue:EvtIoDeviceControl` | `MyEvtIoDeviceControl` | `device/ioctlQueue#lock` | DISPATCH_LEVEL |",
      "| `device/ioctlQueue/workItem0:EvtWorkItem` | `MyEvtWorkItem` | — | PASSIVE_LEVEL |",
    ]);
  });

  it("renders the pairs as a table, serialized ones first, self-pairs as itself", () => {
    const start = lines.indexOf("## Can these run at the same time?");
    const rows = lines.slice(start + 2, start + 10);
    expect(rows[0]).toBe("| callback A | callback B | at the same time? | why |");
    expect(rows[2]).toBe(
      "| `driver:EvtDriverDeviceAdd` | itself | no | The framework adds one device at a time. |",
    );
    expect(rows[7]).toBe(
      `| \`device/ioctlQueue:EvtIoDeviceControl\` | \`device/ioctlQueue/workItem0:EvtWorkItem\` | yes | ${WHY_IOCTL_WORKITEM} |`,
    );
    expect(rows.slice(2, 7).every((row) => row.includes(" | no | "))).toBe(true);
  });

  it("escapes pipes and newlines so a why cannot break its row", () => {
    const pairs = [{ ...FIXTURE.pairs[0]!, why: "Either a | b\nholds." }];
    expect(renderMarkdown({ ...FIXTURE, pairs }, {})).toContain("| no | Either a \\| b holds. |");
  });

  it("lists findings by severity with rule IDs in backticks and file:line or the object id", () => {
    const start = lines.indexOf("## Findings");
    expect(lines.slice(start + 2)).toEqual([
      "### Errors",
      "",
      "- `S-4` WdfTimerCreate fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL: a passive-level timer cannot be serialized with a Dispatch-level queue. (`queue.c:212`)",
      "",
      "### Warnings",
      "",
      "- `S-3` workItem0 takes no lock; guard state it shares with EvtIoDeviceControl yourself. (`device/ioctlQueue/workItem0`)",
      "",
      "### Info",
      "",
      "- `D-1` The driver's execution level is not set; the KMDF default applies. (`driver.c:10`)",
      "",
    ]);
  });

  it("says None. for empty sections", () => {
    const empty = { ...FIXTURE, objects: [], locks: [], callbacks: [], pairs: [], findings: [] };
    const text = renderMarkdown(empty, {});
    expect(text).toContain("## Callbacks\n\nNone.\n");
    expect(text.endsWith("## Findings\n\nNone.\n")).toBe(true);
  });

  it("restricts to only, and says so in one line when nothing matches", () => {
    const focused = renderMarkdown(FIXTURE, { only: "MyEvtWorkItem" });
    expect(focused).toContain("Showing only what involves `MyEvtWorkItem`.");
    expect(focused).not.toContain("`driver:EvtDriverDeviceAdd` | itself");
    expect(focused).toContain(
      "| `driver:EvtDriverDeviceAdd` | `device/ioctlQueue/workItem0:EvtWorkItem` | no |",
    );
    expect(focused).not.toContain("`S-4`");
    expect(renderMarkdown(FIXTURE, { only: "nope" })).toBe(
      'Nothing here is called "nope": it is not an object id, a callback id or a driver function name.\n',
    );
  });

  it("renders the same result byte-identically", () => {
    expect(renderMarkdown(JSON.parse(JSON.stringify(FIXTURE)), {})).toBe(md);
  });
});
