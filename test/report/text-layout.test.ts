import { describe, expect, it } from "vitest";
import { layoutColumns, makeStyle, wrapProse } from "../../src/report/text-layout.js";

describe("text layout", () => {
  it("aligns columns by their plain width, leaving no trailing blanks", () => {
    const style = makeStyle(true);
    expect(
      layoutColumns(
        [
          ["a", { text: "bb", paint: style.red }, ""],
          ["ccc", "d", ""],
        ],
        "> ",
      ),
    ).toEqual(["> a    \u001b[31mbb\u001b[0m", "> ccc  d"]);
  });

  it("wraps prose greedily and keeps a word longer than the width on its own line", () => {
    expect(wrapProse("one two three averyveryverylongword four", 12, "- ", "  ")).toEqual([
      "- one two",
      "  three",
      "  averyveryverylongword",
      "  four",
    ]);
    expect(wrapProse("one two", undefined, "- ", "  ")).toEqual(["- one two"]);
  });

  it("paints nothing without colour", () => {
    const style = makeStyle(false);
    expect([style.bold("x"), style.red("x"), style.dim("x"), style.yellow("x")]).toEqual([
      "x",
      "x",
      "x",
      "x",
    ]);
  });
});
