// `#if` / `#elif` / `#ifdef` conditions as the C preprocessor evaluates them (C11 6.10.1): object-like
// macros expand, `defined` is read before expansion, leftover identifiers are 0 — unless the caller
// says its defines are partial, when anything that depends on an unknown macro is "unknown".

export type Tri = true | false | "unknown";

type Known = "all" | "partial";
/** "other": anything else (strings, `.`, `#`); only a skipped macro argument may contain it. */
type TokenKind = "number" | "char" | "ident" | "punct" | "other";
type Token = { readonly kind: TokenKind; readonly text: string };
/** An intmax_t / uintmax_t value of the controlling expression. */
type Num = { readonly v: bigint; readonly u: boolean };
type Value = Num | "unknown";

/** Thrown inside this module only: the expression is not one the preprocessor accepts. */
class Garbage extends Error {}

const TOKEN =
  /\s+|\\\r?\n|\/\*[\s\S]*?\*\/|\/\/[^\n]*|(\.?\d(?:[eEpP][+-]|[\w.])*)|((?:u8|[LuU])?'(?:\\.|[^'\\\n])*')|([A-Za-z_]\w*)|(<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^~!?:(),])|("(?:\\.|[^"\\\n])*"|.)/gy;

const tokenize = (text: string): Token[] => {
  const out: Token[] = [];
  // The last alternative matches any character, so the sticky scan reads the whole text.
  for (const m of text.matchAll(TOKEN)) {
    const kind = m[1] ? "number" : m[2] ? "char" : m[3] ? "ident" : m[4] ? "punct" : m[5] ? "other" : null;
    if (kind !== null) out.push({ kind, text: m[0] });
  }
  return out;
};

/** Expanded tokens allowed per condition: `#define A B B`, `#define B C C`, … cannot blow up. */
const EXPANSION_LIMIT = 10_000;

/** How many tokens after `defined` name its operand: `X` or `( X )` (0: let the parser complain). */
const definedOperandLength = (tokens: readonly Token[], at: number): number => {
  if (tokens[at]?.kind === "ident") return 1;
  return tokens[at]?.text === "(" && tokens[at + 1]?.kind === "ident" && tokens[at + 2]?.text === ")" ? 3 : 0;
};

/** Object-like macro expansion; a macro is not re-expanded inside its own expansion (cycles end there). */
const expand = (
  tokens: readonly Token[],
  defines: ReadonlyMap<string, string>,
  hidden: ReadonlySet<string>,
  budget: { n: number },
): Token[] => {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const body = t.kind === "ident" && !hidden.has(t.text) ? defines.get(t.text) : undefined;
    if (t.text === "defined") {
      const n = definedOperandLength(tokens, i + 1);
      out.push(...tokens.slice(i, i + 1 + n));
      i += n;
    } else if (body === undefined) out.push(t);
    else out.push(...expand(tokenize(body), defines, new Set([...hidden, t.text]), budget));
  }
  budget.n += out.length;
  if (budget.n > EXPANSION_LIMIT) throw new Garbage("expansion too large");
  return out;
};

const num = (v: bigint, u = false): Num => ({ v: u ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), u });
const bool = (b: boolean): Num => num(b ? 1n : 0n);
const isZero = (x: Value): boolean => x !== "unknown" && x.v === 0n;
const isNonZero = (x: Value): boolean => x !== "unknown" && x.v !== 0n;

const INTEGER =
  /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9]\d*)((?:[uU](?:ll|LL|l|L|i64)?)|(?:ll|LL|l|L|i64)[uU]?)?$/;

/** Decimal, hex, binary or octal with U / L / LL / i64 suffixes; too big for intmax_t is unsigned. */
const integerLiteral = (text: string): Num => {
  const m = INTEGER.exec(text);
  if (m === null) throw new Garbage(`not an integer: ${text}`);
  const digits = m[1]!;
  const v = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  if (v >= 1n << 64n) throw new Garbage(`too large: ${text}`);
  return num(v, /[uU]/.test(m[2] ?? "") || v >= 1n << 63n);
};

/** The simple escapes of C11 6.4.4.4 (`\0` and friends are octal escapes). */
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63,
};

const CHARACTER = /^(?:\\x([0-9a-fA-F]+)|\\([0-7]{1,3})|\\(.)|([^\\]))$/u;

const characterCode = (body: string): number | undefined => {
  const m = CHARACTER.exec(body);
  if (m === null) return undefined;
  if (m[1] !== undefined) return Number.parseInt(m[1], 16);
  if (m[2] !== undefined) return Number.parseInt(m[2], 8);
  if (m[3] !== undefined) return Object.hasOwn(SIMPLE_ESCAPES, m[3]) ? SIMPLE_ESCAPES[m[3]] : undefined;
  return m[4]!.codePointAt(0);
};

/** One-character literals only ('a', '\n', '\x41', '\101'); plain char is signed as in MSVC. */
const charLiteral = (text: string): Num => {
  const quote = text.indexOf("'");
  const code = characterCode(text.slice(quote + 1, -1));
  if (code === undefined) throw new Garbage(`unsupported character literal ${text}`);
  return quote === 0 ? num(BigInt.asIntN(8, BigInt(code))) : num(BigInt(code));
};

/** `&&` / `||` decided by either side alone when that side settles it (no side effects in #if). */
const logical = (op: "&&" | "||", a: Value, b: Value): Value => {
  const decisive = op === "&&" ? isZero : isNonZero;
  if (decisive(a) || decisive(b)) return bool(op === "||");
  return a === "unknown" || b === "unknown" ? "unknown" : bool(op === "&&");
};

/** Shifts keep the left operand's type; a negative or too-wide count is undefined, so unknown. */
const shift = (op: "<<" | ">>", a: Num, b: Num): Value => {
  const count = b.u ? b.v : BigInt.asIntN(64, b.v);
  if (count < 0n || count >= 64n) return "unknown";
  return num(op === "<<" ? a.v << count : a.v >> count, a.u);
};

/** null: undefined behaviour the compiler rejects (division by zero). */
type Apply = (x: bigint, y: bigint) => bigint | boolean | null;
/** Decided by logical() and shift() instead: they do not convert both operands alike. */
const SPECIAL: Apply = () => null;

/** C's binary operators: precedence (loosest first) and value on converted operands. */
const BINARY: ReadonlyMap<string, readonly [number, Apply]> = new Map<string, readonly [number, Apply]>([
  ["||", [1, SPECIAL]],
  ["&&", [2, SPECIAL]],
  ["|", [3, (x, y) => x | y]],
  ["^", [4, (x, y) => x ^ y]],
  ["&", [5, (x, y) => x & y]],
  ["==", [6, (x, y) => x === y]],
  ["!=", [6, (x, y) => x !== y]],
  ["<", [7, (x, y) => x < y]],
  ["<=", [7, (x, y) => x <= y]],
  [">", [7, (x, y) => x > y]],
  [">=", [7, (x, y) => x >= y]],
  ["<<", [8, SPECIAL]],
  [">>", [8, SPECIAL]],
  ["+", [9, (x, y) => x + y]],
  ["-", [9, (x, y) => x - y]],
  ["*", [10, (x, y) => x * y]],
  ["/", [10, (x, y) => (y === 0n ? null : x / y)]],
  ["%", [10, (x, y) => (y === 0n ? null : x % y)]],
]);

/** The usual arithmetic conversions: one unsigned operand makes both unsigned. */
const arithmetic = (apply: Apply, a: Num, b: Num): Value => {
  const u = a.u || b.u;
  const r = apply(num(a.v, u).v, num(b.v, u).v);
  return r === null ? "unknown" : typeof r === "boolean" ? bool(r) : num(r, u);
};

const binary = (op: string, a: Value, b: Value): Value => {
  if (op === "&&" || op === "||") return logical(op, a, b);
  if (a === "unknown" || b === "unknown") return "unknown";
  if (op === "<<" || op === ">>") return shift(op, a, b);
  return arithmetic(BINARY.get(op)![1], a, b);
};

const unary = (op: string, a: Value): Value => {
  if (a === "unknown") return "unknown";
  if (op === "!") return bool(a.v === 0n);
  if (op === "~") return num(~a.v, a.u);
  return op === "-" ? num(-a.v, a.u) : a;
};

/** `c ? a : b`: a known condition picks its arm; an unknown one still decides when both arms agree. */
const conditional = (c: Value, a: Value, b: Value): Value => {
  if (c === "unknown")
    return a !== "unknown" && b !== "unknown" && a.v === b.v && a.u === b.u ? a : "unknown";
  const u = (a !== "unknown" && a.u) || (b !== "unknown" && b.u);
  const picked = c.v !== 0n ? a : b;
  return picked === "unknown" ? picked : num(picked.v, u);
};

/** Recursive descent over the expanded tokens, evaluating as it goes (every operand is pure). */
class ConditionParser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly defines: ReadonlyMap<string, string>,
    private readonly known: Known,
  ) {}

  whole(): Value {
    const v = this.conditionalExpr();
    if (this.at !== this.tokens.length) throw new Garbage(`unexpected ${this.tokens[this.at]!.text}`);
    return v;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private take(text?: string): Token {
    const t = this.tokens[this.at];
    if (t === undefined || (text !== undefined && t.text !== text))
      throw new Garbage(`expected ${text ?? "more"}`);
    this.at++;
    return t;
  }

  private conditionalExpr(): Value {
    const c = this.binaryExpr(1);
    if (this.peek()?.text !== "?") return c;
    this.take("?");
    const a = this.conditionalExpr();
    this.take(":");
    return conditional(c, a, this.conditionalExpr());
  }

  private binaryExpr(min: number): Value {
    let left = this.unaryExpr();
    for (let t = this.peek(); t?.kind === "punct"; t = this.peek()) {
      const prec = BINARY.get(t.text)?.[0];
      if (prec === undefined || prec < min) break;
      this.at++;
      left = binary(t.text, left, this.binaryExpr(prec + 1));
    }
    return left;
  }

  private unaryExpr(): Value {
    const t = this.peek();
    if (t?.kind === "punct" && ["!", "~", "-", "+"].includes(t.text)) {
      this.at++;
      return unary(t.text, this.unaryExpr());
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.take();
    if (t.kind === "number") return integerLiteral(t.text);
    if (t.kind === "char") return charLiteral(t.text);
    if (t.text === "(") {
      const v = this.conditionalExpr();
      this.take(")");
      return v;
    }
    if (t.kind !== "ident") throw new Garbage(`unexpected ${t.text}`);
    if (t.text === "defined") return this.definedOperator();
    if (this.peek()?.text === "(") return this.invocation();
    return this.leftover(t.text);
  }

  /**
   * An identifier no macro replaced is 0 (C11 6.10.1p4); `true`/`false` are 1/0 as in C++ and C23.
   * A name in `defines` is left only inside its own expansion (a cycle): 0 even with partial knowledge.
   */
  private leftover(name: string): Value {
    if (name === "true" || name === "false") return bool(name === "true");
    return this.known === "all" || this.defines.has(name) ? num(0n) : "unknown";
  }

  private definedOperator(): Value {
    const paren = this.peek()?.text === "(";
    if (paren) this.take("(");
    const name = this.take();
    if (name.kind !== "ident") throw new Garbage("defined needs a name");
    if (paren) this.take(")");
    return this.defines.has(name.text) ? bool(true) : this.known === "all" ? bool(false) : "unknown";
  }

  /** A function-like macro (or `__has_include(…)`): its arguments are skipped, its value unknown. */
  private invocation(): Value {
    let depth = 0;
    do {
      const t = this.take();
      depth += t.text === "(" ? 1 : t.text === ")" ? -1 : 0;
    } while (depth > 0);
    return "unknown";
  }
}

const truth = (v: Value): Tri => (v === "unknown" ? v : v.v !== 0n);

/** The value of an `#if` / `#elif` controlling expression; anything it cannot read is "unknown". */
export function evaluateCondition(
  expr: string,
  defines: ReadonlyMap<string, string>,
  known: "all" | "partial",
): Tri {
  try {
    const tokens = expand(tokenize(expr), defines, new Set(), { n: 0 });
    return truth(new ConditionParser(tokens, defines, known).whole());
  } catch {
    // Garbage, or a stack overflow on absurd nesting: the build would reject it; we just don't know.
    return "unknown";
  }
}

/** `#ifdef NAME` (negate false) / `#ifndef NAME` (negate true). */
export function evaluateIfdef(
  name: string,
  defines: ReadonlyMap<string, string>,
  known: "all" | "partial",
  negate: boolean,
): Tri {
  const trimmed = name.trim();
  if (!/^[A-Za-z_]\w*$/.test(trimmed)) return "unknown";
  if (!defines.has(trimmed) && known === "partial") return "unknown";
  return defines.has(trimmed) !== negate;
}
