import { describe, expect, it } from "vitest";
import type { IrqlName, TraceEvent } from "../../src/trace/events.js";
import { renderTimeline } from "../../src/trace/timeline.js";
import { crossing, trace, twoCpu } from "./fixtures.js";

describe("renderTimeline", () => {
  const text = renderTimeline(twoCpu, { color: false, width: 60 });
  const lines = text.split("\n");

  it("rows: one per track, a bar per callback with the innermost (the DPC) shown where it preempts", () => {
    // 40 µs over 49 columns; the DPC's [10, 20) covers columns 12 (10 / 40 * 49, down) to 24.
    expect(lines.slice(0, 6)).toEqual([
      "timeline  2 cpus, seed 7; 1 column = 0.816 µs",
      "cpu0     |A:EvtWorkIt…C:EvtDpcFunc=A:EvtWorkItem===========|",
      "cpu1     |      B:EvtIoD…                                  |",
      "cancels  |                                    x            |",
      "findings |                      !                     !    |",
      "          0 µs                                        40 µs",
    ]);
  });

  it("cancels: `x` at the cancel's column (30 / 40 * 49, down: 36), the requests and times in the legend", () => {
    expect(text).toContain("  x  cancelled: request2 at 30 µs\n");
    const many = trace(
      [1, 2, 3, 4, 5, 6].map((i) => ({ t: i, type: "request-cancel" as const, request: `request${i}` })),
      1,
    );
    const legend = renderTimeline(many, { color: false, width: 40 })
      .split("\n")
      .find((line) => line.startsWith("  x"));
    expect(legend).toBe("  x  cancelled: request1 at 1 µs, reque…");
  });

  it("legend: each key letter with its full callback id", () => {
    expect(text).toContain(
      [
        "  A  device/workItem0:EvtWorkItem",
        "  B  device/IoctlQueue:EvtIoDeviceControl",
        "  C  device/dpc0:EvtDpcFunc",
      ].join("\n"),
    );
  });

  it("findings: the first ones with their virtual time and track, one line each, cut to the width", () => {
    expect(
      text.endsWith(
        [
          "findings (2)",
          '  ! 18 µs  cpu0  DataRace: data race on cell "pending"',
          "  ! 36 µs  -     RequestCompleted: request3 is never comple…",
          "",
        ].join("\n"),
      ),
    ).toBe(true);
    expect(renderTimeline(twoCpu, { color: false, width: 80 })).toContain(
      "  ! 36 µs  -     RequestCompleted: request3 is never completed\n",
    );
  });

  it("color: no escape sequence without colour, ANSI SGR with it", () => {
    expect(text).not.toContain("\u001b");
    expect(renderTimeline(twoCpu, { color: true })).toContain("\u001b[");
  });

  it("narrow bars: a slice too short for any of its name shows its key letter only", () => {
    const narrow = renderTimeline(crossing, { color: false, width: 20 }).split("\n");
    expect(narrow.slice(1, 3)).toEqual(["cpu0 |A=B:EvtB  C==|", "      0 µs     5 µs"]);
  });

  it("empty: a trace with no events still renders its processor rows", () => {
    expect(renderTimeline(trace([], 1), { color: false, width: 30 }).split("\n").slice(0, 2)).toEqual([
      "timeline  1 cpu, seed 7; 1 column = 0 µs",
      "cpu0 |                       |",
    ]);
  });
});

describe("renderTimeline: IRQL and stuck runs", () => {
  const w = "device/wi:EvtWorkItem";
  const irql = (t: number, level: IrqlName): TraceEvent => ({ t, type: "irql", track: "cpu0", irql: level });
  const finding = (t: number, rule: string, message: string): TraceEvent => ({
    t,
    type: "finding",
    track: rule === "Deadlock" ? null : "cpu0",
    rule,
    message,
  });
  const events: TraceEvent[] = [
    {
      t: 0,
      type: "callback-begin",
      track: "cpu0",
      callback: w,
      object: "device/wi",
      request: null,
      irql: "PASSIVE_LEVEL",
    },
    irql(10, "DISPATCH_LEVEL"), // WdfSpinLockAcquire
    irql(20, "PASSIVE_LEVEL"),
    irql(24, "DIRQL"), // WdfInterruptAcquireLock
    irql(25, "PASSIVE_LEVEL"),
    ...[1, 2, 3, 4, 5, 6].map((i) => finding(25 + i, "DataRace", `race ${i}`)),
    { t: 40, type: "callback-end", track: "cpu0", callback: w },
    finding(40, "Deadlock", "application#1 never continues: WdfWaitLockAcquire: device/W held by wi#3"),
  ];
  const lines = renderTimeline(trace(events, 1), { color: false, width: 60 }).split("\n");

  it("L-1/PL-3 irql row: under the processor, the level while a driver's lock holds it off its callback's IRQL", () => {
    // 40 µs over 49 columns: DISPATCH_LEVEL [10, 20) is columns 12..24, DIRQL [24, 25) is 29..30.
    expect(lines.slice(1, 4)).toEqual([
      "cpu0     |A:EvtWorkItem====================================|",
      "  irql   |            2222222222222    33                  |",
      "findings |                               ! !!!!!          #|",
    ]);
    expect(lines).toContain("  2  irql DISPATCH_LEVEL, raised by a spin lock");
    expect(lines).toContain("  3  irql DIRQL, raised by an interrupt lock");
  });

  it("irql row: none when only callbacks set the IRQL (a DPC at DISPATCH_LEVEL is its bar)", () => {
    expect(renderTimeline(twoCpu, { color: false })).not.toContain("irql");
  });

  it("BUG-24 stuck: a Deadlock is marked `#` and always listed, even past the first five findings", () => {
    expect(lines.slice(-8)).toEqual([
      "findings (7)",
      "  ! 26 µs  cpu0  DataRace: race 1",
      "  ! 27 µs  cpu0  DataRace: race 2",
      "  ! 28 µs  cpu0  DataRace: race 3",
      "  ! 29 µs  cpu0  DataRace: race 4",
      "  # 40 µs  -     Deadlock: application#1 never continues: W…",
      "  … and 2 more",
      "",
    ]);
  });

  it("compact: rows, axis and finding lines fit the width", () => {
    for (const line of lines.filter((l) => !/^ {2}[A-Z] {2}/.test(l)))
      expect(line.length).toBeLessThanOrEqual(60);
  });
});
