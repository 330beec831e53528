// "did you mean": case-insensitive edit distance with transpositions, only for near misses.

import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../../src/frontends/config/suggest.js";

describe("editDistance", () => {
  it.each([
    ["dispatchTyp", "dispatchType", 1],
    ["kmfd", "kmdf", 1],
    ["DispatchType", "dispatchType", 0],
    ["", "abc", 3],
    ["queue", "timers", 5],
  ])("%s -> %s is %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });
});

describe("closest", () => {
  it("suggests a near miss and nothing for a stranger", () => {
    expect(closest("Sequental", ["Sequential", "Parallel", "Manual"])).toBe("Sequential");
    expect(closest("colour", ["framework", "version", "driver", "devices"])).toBeUndefined();
  });
});
