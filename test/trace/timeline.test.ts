import { describe, expect, it } from "vitest";
import { renderTimeline } from "../../src/trace/timeline.js";
import { crossing, trace, twoCpu } from "./fixtures.js";

describe("renderTimeline", () => {
  const text = renderTimeline(twoCpu, { color: false, width: 60 });
  const lines = text.split("\n");

  it("rows: one per track, a bar per callback with the innermost (the DPC) shown where it preempts", () => {
    // 40 µs over 49 columns; the DPC's [10, 20) covers columns 12 (10 / 40 * 49, down) to 24.
    expect(lines.slice(0, 5)).toEqual([
      "timeline  2 cpus, seed 7; 1 column = 0.816 µs",
      "cpu0     |A:EvtWorkIt…C:EvtDpcFunc=A:EvtWorkItem===========|",
      "cpu1     |      B:EvtIoD…                                  |",
      "findings |                      !                     !    |",
      "          0 µs                                        40 µs",
    ]);
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

  it("findings: the first ones with their virtual time and track", () => {
    expect(
      text.endsWith(
        [
          "findings (2)",
          '  ! 18 µs  cpu0  DataRace: data race on cell "pending"',
          "  ! 36 µs  -     RequestCompleted: request3 is never completed",
          "",
        ].join("\n"),
      ),
    ).toBe(true);
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
