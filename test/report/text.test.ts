import { describe, expect, it } from "vitest";
import { renderText } from "../../src/report/text.js";
import { FIXTURE, manyCallbacks, WHY_IOCTL_WORKITEM } from "./fixture.js";

/** The lines of one section: from its heading up to the next blank line. */
const sectionOf = (text: string, heading: string): string[] => {
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end);
};

describe("renderText", () => {
  const plain = renderText(FIXTURE, { color: false });

  it("starts with the framework and the counts", () => {
    expect(plain.split("\n")[0]).toBe(
      "wdfsim explain: KMDF driver — 5 objects (1 failed), 1 lock, 3 callbacks, 6 pairs, 3 findings",
    );
    expect(renderText({ ...FIXTURE, framework: "umdf2" }, { color: false })).toMatch(
      /^wdfsim explain: UMDF 2 driver/,
    );
  });

  it("draws the objects as an aligned tree following parent, marking the failed timer", () => {
    expect(sectionOf(plain, "Objects")).toEqual([
      "  object              kind       scope              level                 dispatch / serialization      lock                    status",
      "  driver              driver     None (inherited)   Dispatch (inherited)                                —                       ok",
      "  └─ device           device     Queue              Dispatch (inherited)                                —                       ok",
      "     └─ ioctlQueue    queue      Queue (inherited)  Dispatch (inherited)  Sequential                    device/ioctlQueue#lock  ok",
      "        ├─ workItem0  work item  Queue (inherited)  Passive               AutomaticSerialization=FALSE  —                       ok",
      "        └─ timer0     timer      Queue (inherited)  Passive               AutomaticSerialization=TRUE   —                       ✗ STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL",
    ]);
  });

  it("shows declared → effective when the declared value was overridden, and children before later roots", () => {
    const [driver, device] = FIXTURE.objects;
    const overridden = { ...device!, declared: { ...device!.declared, syncScope: "Device" as const } };
    const text = renderText({ ...FIXTURE, objects: [overridden, driver!] }, { color: false });
    expect(sectionOf(text, "Objects").slice(1)).toEqual([
      "  driver     driver  None (inherited)  Dispatch (inherited)                            —     ok",
      "  └─ device  device  Device → Queue    Dispatch (inherited)                            —     ok",
    ]);
  });

  it("lists each lock with its kind, owner and the callbacks that hold it", () => {
    expect(sectionOf(plain, "Locks")).toEqual([
      "  lock                    kind       owner              held by",
      "  device/ioctlQueue#lock  spin lock  device/ioctlQueue  device/ioctlQueue:EvtIoDeviceControl",
    ]);
  });

  it("tabulates callbacks with driver function, lock or —, and IRQL", () => {
    expect(sectionOf(plain, "Callbacks")).toEqual([
      "  callback                                 function              lock                    IRQL",
      "  driver:EvtDriverDeviceAdd                MyEvtDeviceAdd        —                       PASSIVE_LEVEL",
      "  device/ioctlQueue:EvtIoDeviceControl     MyEvtIoDeviceControl  device/ioctlQueue#lock  DISPATCH_LEVEL",
      "  device/ioctlQueue/workItem0:EvtWorkItem  MyEvtWorkItem         —                       PASSIVE_LEVEL",
    ]);
  });

  it("appends the event to a callback id that does not name it", () => {
    const callbacks = [{ ...FIXTURE.callbacks[0]!, id: "cb0" }];
    expect(renderText({ ...FIXTURE, callbacks, pairs: [] }, { color: false })).toContain(
      "  cb0 (EvtDriverDeviceAdd)  ",
    );
  });

  it("draws the matrix: ● for the concurrent pair, · for serialized ones, self-pairs on the diagonal", () => {
    expect(sectionOf(plain, "Can these run at the same time?")).toEqual([
      "     A B C",
      "  A  · · ·",
      "  B  · · ●",
      "  C  · ● ·",
    ]);
    expect(plain).toContain(
      [
        "  ● can overlap   · never at the same time",
        "  A  driver:EvtDriverDeviceAdd",
        "  B  device/ioctlQueue:EvtIoDeviceControl",
        "  C  device/ioctlQueue/workItem0:EvtWorkItem",
        "",
        "  Never at the same time (5 pairs)",
      ].join("\n"),
    );
  });

  it("lists serialized pairs first, then the ones that can overlap, each with its why", () => {
    const never = plain.indexOf("Never at the same time (5 pairs)");
    const overlap = plain.indexOf("Can overlap (1 pair)");
    expect(never).toBeGreaterThan(0);
    expect(overlap).toBeGreaterThan(never);
    expect(plain.slice(never, overlap)).toContain(
      "    B–B  device/ioctlQueue:EvtIoDeviceControl with itself\n" +
        "           ioctlQueue is Sequential and its callbacks hold the queue's spin lock.\n",
    );
    expect(plain.slice(overlap)).toContain(
      "    B–C  device/ioctlQueue:EvtIoDeviceControl and device/ioctlQueue/workItem0:EvtWorkItem\n" +
        `           ${WHY_IOCTL_WORKITEM}\n`,
    );
  });

  it("wraps why sentences to the given width under their pair", () => {
    const text = renderText(FIXTURE, { color: false, width: 60 });
    expect(text).toContain(
      [
        "    B–C  device/ioctlQueue:EvtIoDeviceControl and device/ioctlQueue/workItem0:EvtWorkItem",
        "           The work item has AutomaticSerialization=FALSE",
        "           and takes no lock, so it can run on another",
        "           processor while EvtIoDeviceControl holds the",
        "           queue's lock.",
      ].join("\n"),
    );
  });

  it("wraps finding messages under the message, or under the rule when the location leaves too little room", () => {
    const text = renderText(FIXTURE, { color: false, width: 70 });
    expect(text).toContain(
      [
        "    i D-1  driver.c:10  The driver's execution level is not set; the",
        "                        KMDF default applies.",
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "    ! S-3  device/ioctlQueue/workItem0  workItem0 takes no lock; guard",
        "      state it shares with EvtIoDeviceControl yourself.",
      ].join("\n"),
    );
  });

  it("draws the matrix up to 24 callbacks and falls back to the list above that", () => {
    const at24 = renderText(manyCallbacks(24), { color: false });
    expect(at24).toContain("     A B C D E F G H I J K L M N O P Q R S T U V W X\n");
    expect(at24).toContain("  X  ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ● ·\n");
    const at25 = renderText(manyCallbacks(25), { color: false });
    expect(at25).toContain(
      "  25 callbacks: too many for a matrix (it shows up to 24), pairs listed only.\n\n  Never at the same time",
    );
    expect(at25).not.toContain("● can overlap");
    expect(at25).toContain("Never at the same time (25 pairs)");
    expect(at25).toContain("Can overlap (300 pairs)");
    expect(at25).toContain("    device/workItem0:EvtWorkItem and device/workItem24:EvtWorkItem\n");
  });

  it("groups findings errors, warnings, info with file:line or the object id", () => {
    expect(plain).toContain("Findings (1 error, 1 warning, 1 info)");
    const findings = plain.slice(plain.indexOf("Findings ("));
    expect(findings.split("\n").slice(1, 9)).toEqual([
      "  Errors (1)",
      "    ✗ S-4  queue.c:212  WdfTimerCreate fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL: a passive-level timer cannot be serialized with a Dispatch-level queue.",
      "",
      "  Warnings (1)",
      "    ! S-3  device/ioctlQueue/workItem0  workItem0 takes no lock; guard state it shares with EvtIoDeviceControl yourself.",
      "",
      "  Info (1)",
      "    i D-1  driver.c:10  The driver's execution level is not set; the KMDF default applies.",
    ]);
  });

  it("says none for empty sections", () => {
    const empty = { ...FIXTURE, objects: [], locks: [], callbacks: [], pairs: [], findings: [] };
    const text = renderText(empty, { color: false });
    expect(sectionOf(text, "Objects")).toEqual(["  none"]);
    expect(sectionOf(text, "Can these run at the same time?")).toEqual(["  no callbacks"]);
    expect(sectionOf(text, "Findings (0 errors, 0 warnings, 0 info)")).toEqual(["  none"]);
  });
});

describe("renderText colour", () => {
  it("emits no escape at all when color is false", () => {
    expect(renderText(FIXTURE, { color: false })).not.toContain("\u001b");
  });

  it("uses bold headings, red errors, yellow warnings and dim info when color is true", () => {
    const text = renderText(FIXTURE, { color: true });
    expect(text).toContain("\u001b[1mObjects\u001b[0m");
    expect(text).toContain("\u001b[31m✗ STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL\u001b[0m");
    expect(text).toContain("\u001b[31m    ✗ S-4  queue.c:212  WdfTimerCreate");
    expect(text).toContain("\u001b[33m    ! S-3  device/ioctlQueue/workItem0");
    expect(text).toContain("\u001b[2m    i D-1  driver.c:10");
  });

  it("keeps columns aligned: colour only wraps the padded text", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the ANSI escapes under test
    const stripped = renderText(FIXTURE, { color: true }).replace(/\u001b\[\d+m/g, "");
    expect(stripped).toBe(renderText(FIXTURE, { color: false }));
  });
});

describe("renderText only", () => {
  it("restricts to an object id: its callbacks, every pair involving them, its findings", () => {
    const text = renderText(FIXTURE, { color: false, only: "device/ioctlQueue/workItem0" });
    expect(text.split("\n")[1]).toBe('Showing only what involves "device/ioctlQueue/workItem0".');
    expect(sectionOf(text, "Objects").slice(1)).toEqual([
      "  device/ioctlQueue/workItem0  work item  Queue (inherited)  Passive  AutomaticSerialization=FALSE  —     ok",
    ]);
    expect(sectionOf(text, "Locks")).toEqual(["  none"]);
    expect(sectionOf(text, "Can these run at the same time?")).toEqual(["     A B C", "  C  · ● ·"]);
    expect(text).toContain("Never at the same time (2 pairs)");
    expect(text).toContain("Can overlap (1 pair)");
    expect(text).not.toContain("The framework adds one device at a time.");
    expect(text).toContain("Findings (0 errors, 1 warning, 0 info)");
    expect(text).not.toContain("queue.c:212");
  });

  it("restricts to a driver function name or a callback id alike", () => {
    const byFunction = renderText(FIXTURE, { color: false, only: "MyEvtIoDeviceControl" });
    const byId = renderText(FIXTURE, { color: false, only: "device/ioctlQueue:EvtIoDeviceControl" });
    expect(byFunction.split("\n").slice(2)).toEqual(byId.split("\n").slice(2));
    expect(sectionOf(byId, "Callbacks").slice(1)).toEqual([
      "  device/ioctlQueue:EvtIoDeviceControl  MyEvtIoDeviceControl  device/ioctlQueue#lock  DISPATCH_LEVEL",
    ]);
    expect(sectionOf(byId, "Locks").slice(1)).toEqual([
      "  device/ioctlQueue#lock  spin lock  device/ioctlQueue  device/ioctlQueue:EvtIoDeviceControl",
    ]);
    expect(sectionOf(byId, "Can these run at the same time?")).toEqual(["     A B C", "  B  · · ●"]);
  });

  it("says so in one line when nothing matches", () => {
    expect(renderText(FIXTURE, { color: true, only: "EvtNope" })).toBe(
      'Nothing here is called "EvtNope": it is not an object id, a callback id or a driver function name.\n',
    );
  });

  it("shows everything for an empty or null only", () => {
    const all = renderText(FIXTURE, { color: false });
    expect(renderText(FIXTURE, { color: false, only: null })).toBe(all);
    expect(renderText(FIXTURE, { color: false, only: "" })).toBe(all);
  });
});

describe("renderText determinism", () => {
  it("renders the same result byte-identically, also from a structural copy", () => {
    const copy = JSON.parse(JSON.stringify(FIXTURE));
    expect(renderText(copy, { color: true, width: 72 })).toBe(
      renderText(FIXTURE, { color: true, width: 72 }),
    );
  });
});
