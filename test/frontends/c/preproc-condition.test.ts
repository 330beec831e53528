// #if / #elif / #ifdef evaluation: expected values are what a C preprocessor (C11 6.10.1, MSVC's
// integer model) gives, written by hand; "unknown" where the outcome depends on an unknown macro.

import { describe, expect, it } from "vitest";
import { evaluateCondition, evaluateIfdef } from "../../../src/frontends/c/preproc-condition.js";

const NONE: ReadonlyMap<string, string> = new Map();
const defs = (entries: Record<string, string>): ReadonlyMap<string, string> =>
  new Map(Object.entries(entries));

/** One case per row: the expression, with no defines and complete knowledge, is `expected`. */
const decides = (title: string, rows: readonly (readonly [string, boolean])[]): void => {
  it.each(rows)(`${title}%s is %s`, (expr, expected) => {
    expect(evaluateCondition(expr, NONE, "all")).toBe(expected);
  });
};

describe("integer and character literals", () => {
  decides("", [
    ["0", false],
    ["1", true],
    ["0x10 == 16", true],
    ["0X1f == 31", true],
    ["010 == 8", true],
    ["010 == 10", false],
    ["0b101 == 5", true],
    ["10UL == 10", true],
    ["10ull == 10LL", true],
    ["5i64 == 5", true],
    ["'A' == 65", true],
    ["'\\n' == 10", true],
    ["'\\x41' == 65", true],
    ["'\\101' == 65", true],
    ["'\\0' == 0", true],
    ["L'A' == 65", true],
    ["'\\xff' < 0", true],
    ["L'\\xff' < 0", false],
  ]);

  it.each(["1.5", "0x", "09", "1abc", "'ab'", "''", "'\\q'", "18446744073709551616"])(
    "%s is not an integer constant: unknown",
    (expr) => {
      expect(evaluateCondition(expr, NONE, "all")).toBe("unknown");
    },
  );
});

describe("operators", () => {
  decides("", [
    ["!0", true],
    ["!7", false],
    ["~0 == -1", true],
    ["-3 < 0", true],
    ["+3 == 3", true],
    ["- -3 == 3", true],
    ["2 * 3 == 6", true],
    ["7 / 2 == 3", true],
    ["-7 / 2 == -3", true],
    ["7 % 3 == 1", true],
    ["-7 % 3 == -1", true],
    ["2 + 3 == 5", true],
    ["2 - 3 == -1", true],
    ["1 << 4 == 16", true],
    ["-16 >> 2 == -4", true],
    ["1 < 2", true],
    ["2 < 2", false],
    ["2 <= 2", true],
    ["3 <= 2", false],
    ["3 > 2", true],
    ["2 > 2", false],
    ["2 >= 2", true],
    ["1 >= 2", false],
    ["2 == 2", true],
    ["2 != 2", false],
    ["(6 & 3) == 2", true],
    ["(6 | 3) == 7", true],
    ["(6 ^ 3) == 5", true],
    ["1 && 2", true],
    ["1 && 0", false],
    ["0 || 2", true],
    ["0 || 0", false],
    ["1 ? 2 : 0", true],
    ["0 ? 2 : 0", false],
    ["0 ? 1 : 1 ? 0 : 1", false],
    ["(1 ? 5 : 9) == 5", true],
  ]);

  decides("precedence and associativity: ", [
    ["1 + 2 * 3 == 7", true],
    ["(1 + 2) * 3 == 9", true],
    ["1 & 2 == 2", true],
    ["(1 & 2) == 2", false],
    ["1 || 0 && 0", true],
    ["(1 || 0) && 0", false],
    ["10 - 2 - 3 == 5", true],
    ["1 << 2 + 1 == 8", true],
  ]);

  decides("intmax_t / uintmax_t arithmetic: ", [
    ["-1 > 0U", true],
    ["-1 > 0", false],
    ["0xFFFFFFFFFFFFFFFF == -1", true],
    ["0xFFFFFFFFFFFFFFFF > 0", true],
    ["0x7FFFFFFFFFFFFFFF > 0", true],
    ["(0U - 1) >> 63 == 1", true],
    ["(0 - 1) >> 63 == -1", true],
  ]);

  it.each(["1 / 0", "1 % 0", "1 << 64", "1 << -1", "1 >> 99"])(
    "undefined behaviour %s is unknown",
    (expr) => {
      expect(evaluateCondition(expr, NONE, "all")).toBe("unknown");
    },
  );
});

describe("short-circuit and unknown propagation", () => {
  it("an unknown right operand does not matter once && has a zero", () => {
    expect(evaluateCondition("0 && FOO(1, (2))", NONE, "partial")).toBe(false);
    expect(evaluateCondition("0 && 1 / 0", NONE, "all")).toBe(false);
    expect(evaluateCondition("defined(NOPE) && NOPE > 5", NONE, "all")).toBe(false);
  });

  it("an unknown right operand does not matter once || has a non-zero", () => {
    expect(evaluateCondition("1 || NOT_DEFINED_HERE", NONE, "partial")).toBe(true);
    expect(evaluateCondition("2 || __has_include(<x.h>)", NONE, "all")).toBe(true);
  });

  it("an unknown left operand does not matter when the right one decides", () => {
    expect(evaluateCondition("UNKNOWN && 0", NONE, "partial")).toBe(false);
    expect(evaluateCondition("UNKNOWN || 1", NONE, "partial")).toBe(true);
  });

  it("when the known side does not decide, the unknown side makes the result unknown", () => {
    expect(evaluateCondition("1 && UNKNOWN", NONE, "partial")).toBe("unknown");
    expect(evaluateCondition("UNKNOWN || 0", NONE, "partial")).toBe("unknown");
    expect(evaluateCondition("!UNKNOWN", NONE, "partial")).toBe("unknown");
    expect(evaluateCondition("UNKNOWN * 0 == 0", NONE, "partial")).toBe("unknown");
  });

  it("?: with an unknown condition: decided only when both arms agree", () => {
    expect(evaluateCondition("UNKNOWN ? 1 : 1", NONE, "partial")).toBe(true);
    expect(evaluateCondition("UNKNOWN ? 1 : 0", NONE, "partial")).toBe("unknown");
    expect(evaluateCondition("1 ? 1 : UNKNOWN", NONE, "partial")).toBe(true);
    expect(evaluateCondition("0 ? 1 : UNKNOWN", NONE, "partial")).toBe("unknown");
  });
});

describe("identifiers and defined", () => {
  it("an undefined identifier is 0 when the defines are complete, unknown when partial", () => {
    expect(evaluateCondition("NOT_DEFINED_HERE", NONE, "all")).toBe(false);
    expect(evaluateCondition("!NOT_DEFINED_HERE", NONE, "all")).toBe(true);
    expect(evaluateCondition("NOT_DEFINED_HERE", NONE, "partial")).toBe("unknown");
  });

  it("a defined identifier expands to its value under either knowledge", () => {
    expect(evaluateCondition("DBG", defs({ DBG: "1" }), "partial")).toBe(true);
    expect(evaluateCondition("DBG", defs({ DBG: "0" }), "partial")).toBe(false);
    expect(evaluateCondition("LEVEL >= 3", defs({ LEVEL: "4" }), "all")).toBe(true);
  });

  it.each([
    ["defined(X)", "all", true],
    ["defined X", "all", true],
    ["defined ( X )", "partial", true],
    ["!defined(X)", "partial", false],
    ["defined(Y)", "all", false],
    ["defined Y", "all", false],
    ["!defined(Y)", "all", true],
    ["defined(Y)", "partial", "unknown"],
    ["!defined Y", "partial", "unknown"],
  ] as const)("%s with %s knowledge (X defined, Y not) is %s", (expr, known, expected) => {
    expect(evaluateCondition(expr, defs({ X: "0" }), known)).toBe(expected);
  });

  it("true and false are 1 and 0 (C++ and C23) even with partial knowledge", () => {
    expect(evaluateCondition("true", NONE, "partial")).toBe(true);
    expect(evaluateCondition("false", NONE, "partial")).toBe(false);
  });

  it("a function-like macro invocation is unknown even with complete defines", () => {
    expect(evaluateCondition("FOO(1)", NONE, "all")).toBe("unknown");
    expect(evaluateCondition("OS_WIN_FROM_WIN8(OS_VERSION)", defs({ OS_VERSION: "5" }), "all")).toBe(
      "unknown",
    );
    expect(evaluateCondition("__has_include(<ntddk.h>)", NONE, "all")).toBe("unknown");
  });
});

describe("macro expansion", () => {
  it("expands a chain of object-like macros", () => {
    const d = defs({ A: "B", B: "(C + 1)", C: "0x4" });
    expect(evaluateCondition("A == 5", d, "all")).toBe(true);
    expect(evaluateCondition("A == 4", d, "all")).toBe(false);
  });

  it("expands textually, as the preprocessor does (no implicit parentheses)", () => {
    expect(evaluateCondition("SUM * 2 == 3", defs({ SUM: "1 + 1" }), "all")).toBe(true);
    expect(evaluateCondition("SUM * 2 == 4", defs({ SUM: "1 + 1" }), "all")).toBe(false);
  });

  it("a chain that ends in an unknown name is unknown with partial knowledge", () => {
    expect(evaluateCondition("A", defs({ A: "B", B: "MISSING" }), "partial")).toBe("unknown");
    expect(evaluateCondition("A", defs({ A: "B", B: "MISSING" }), "all")).toBe(false);
  });

  it("the operand of defined is not expanded", () => {
    expect(evaluateCondition("defined(ALIAS)", defs({ ALIAS: "TARGET" }), "all")).toBe(true);
    expect(evaluateCondition("defined(TARGET)", defs({ ALIAS: "TARGET" }), "all")).toBe(false);
  });

  it("a macro whose value uses defined is read after expansion", () => {
    expect(evaluateCondition("HAS_X", defs({ HAS_X: "defined(X)", X: "" }), "all")).toBe(true);
    expect(evaluateCondition("HAS_Y", defs({ HAS_Y: "defined(Y)" }), "all")).toBe(false);
  });

  it("a cycle stops at the macro already being expanded, which then counts as 0", () => {
    expect(evaluateCondition("A", defs({ A: "B", B: "A" }), "all")).toBe(false);
    expect(evaluateCondition("A", defs({ A: "B", B: "A" }), "partial")).toBe(false);
    expect(evaluateCondition("SELF == 1", defs({ SELF: "SELF + 1" }), "all")).toBe(true);
    expect(evaluateCondition("SELF == 2", defs({ SELF: "SELF + 1" }), "partial")).toBe(false);
  });

  it("an exponential expansion gives up as unknown", () => {
    const chain: Record<string, string> = { M20: "1" };
    for (let i = 0; i < 20; i++) chain[`M${i}`] = `M${i + 1} + M${i + 1}`;
    expect(evaluateCondition("M0", defs(chain), "all")).toBe("unknown");
    expect(evaluateCondition("M15 == 32", defs(chain), "all")).toBe(true);
  });

  it("an empty macro value leaves nothing to evaluate: unknown", () => {
    expect(evaluateCondition("EMPTY", defs({ EMPTY: "" }), "all")).toBe("unknown");
  });
});

describe("common WDK guards", () => {
  it("NTDDI_VERSION without project settings is unknown", () => {
    expect(evaluateCondition("(NTDDI_VERSION >= NTDDI_WIN10)", NONE, "partial")).toBe("unknown");
  });

  it("NTDDI_VERSION with its values known is decided", () => {
    const d = defs({ NTDDI_VERSION: "0x0A000004", NTDDI_WIN10: "0x0A000000", NTDDI_WIN8: "0x06020000" });
    expect(evaluateCondition("(NTDDI_VERSION >= NTDDI_WIN10)", d, "partial")).toBe(true);
    expect(evaluateCondition("NTDDI_VERSION < NTDDI_WIN8", d, "partial")).toBe(false);
  });

  it("#if 0 / #if 1 with comments and line continuations", () => {
    expect(evaluateCondition("0 // disabled", NONE, "partial")).toBe(false);
    expect(evaluateCondition("1 /* always */", NONE, "partial")).toBe(true);
    expect(evaluateCondition("1 && \\\n 0", NONE, "partial")).toBe(false);
  });

  it("_KERNEL_MODE given with KMDF's defines", () => {
    const kmdf = defs({ _KERNEL_MODE: "1", DBG: "1" });
    expect(evaluateCondition("defined(_KERNEL_MODE)", kmdf, "all")).toBe(true);
    expect(evaluateCondition("defined(_KERNEL_MODE) && DBG", kmdf, "partial")).toBe(true);
    expect(evaluateCondition("defined(_KERNEL_MODE)", defs({ DBG: "1" }), "all")).toBe(false);
  });
});

describe("garbage never throws", () => {
  it.each([
    "",
    "   ",
    "1 +",
    "(1",
    "1)",
    "1 2",
    '"text"',
    "#",
    "@",
    "defined",
    "defined(",
    "defined(1)",
    "1 ? 2",
    "0 && FOO(",
    "/* unterminated",
  ])("%j is unknown", (expr) => {
    expect(evaluateCondition(expr, NONE, "all")).toBe("unknown");
  });

  it("absurd nesting is unknown, not a stack overflow", () => {
    const deep = `${"(".repeat(100_000)}1${")".repeat(100_000)}`;
    expect(evaluateCondition(deep, NONE, "all")).toBe("unknown");
  });

  it("a macro whose value is garbage is unknown", () => {
    expect(evaluateCondition("BAD", defs({ BAD: '"string"' }), "all")).toBe("unknown");
  });
});

describe("evaluateIfdef", () => {
  it("#ifdef / #ifndef of a defined name", () => {
    expect(evaluateIfdef("_KERNEL_MODE", defs({ _KERNEL_MODE: "1" }), "partial", false)).toBe(true);
    expect(evaluateIfdef("_KERNEL_MODE", defs({ _KERNEL_MODE: "1" }), "partial", true)).toBe(false);
  });

  it("#ifdef / #ifndef of an undefined name with complete defines", () => {
    expect(evaluateIfdef("_KERNEL_MODE", NONE, "all", false)).toBe(false);
    expect(evaluateIfdef("_KERNEL_MODE", NONE, "all", true)).toBe(true);
  });

  it("#ifdef / #ifndef of an undefined name with partial defines is unknown", () => {
    expect(evaluateIfdef("_KERNEL_MODE", NONE, "partial", false)).toBe("unknown");
    expect(evaluateIfdef("_KERNEL_MODE", NONE, "partial", true)).toBe("unknown");
  });

  it("a name with surrounding blanks is read; a non-identifier is unknown", () => {
    expect(evaluateIfdef(" DBG ", defs({ DBG: "0" }), "all", false)).toBe(true);
    expect(evaluateIfdef("", NONE, "all", false)).toBe("unknown");
    expect(evaluateIfdef("1X", NONE, "all", true)).toBe("unknown");
  });
});
