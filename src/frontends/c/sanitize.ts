// Driver sources are full of SAL annotations and WDK decoration macros (_In_, IN, OPTIONAL,
// _IRQL_requires_max_(DISPATCH_LEVEL), __drv_...) that are not C to a grammar. They carry no
// configuration, so they are blanked out with spaces of the same length — every line and column
// the parser reports stays exactly where the user wrote it.

const DECORATION =
  /\b(?:_[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_|__drv_[A-Za-z0-9_]+|__(?:in|out|inout|in_opt|out_opt|inout_opt|deref_out|ecount|bcount)(?:_[A-Za-z0-9_]*)?|IN|OUT|OPTIONAL|INOUT|NTAPI|WINAPI|CALLBACK|APIENTRY|_cdecl|__cdecl|__stdcall|__fastcall|FORCEINLINE|__forceinline|DECLSPEC_[A-Z_]+)\b/g;

const blank = (text: string): string => text.replace(/[^\n\r]/g, " ");

/** The index just past the balanced parenthesized group starting at `open`, or -1. */
const closingParen = (text: string, open: number): number => {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
    else if (c === ";" || c === "{") return -1;
  }
  return -1;
};

// Top-level declaration macros real headers write without a trailing semicolon.
const DECLARATION_MACRO =
  /^[ \t]*(?:WDF_DECLARE_CONTEXT_TYPE(?:_WITH_NAME)?|DECLARE_CONST_UNICODE_STRING|DEFINE_GUID)[ \t]*\([^;{}]*?\)[ \t]*;?/gm;

export const sanitizeSource = (text: string): string =>
  blankDecorations(text.replace(DECLARATION_MACRO, blank));

const blankDecorations = (text: string): string => {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(DECORATION)) {
    const start = m.index;
    if (start < last) continue;
    let end = start + m[0].length;
    // A SAL macro with arguments: _In_reads_bytes_(Length), _IRQL_requires_max_(PASSIVE_LEVEL).
    let j = end;
    while (text[j] === " " || text[j] === "\t") j++;
    if (text[j] === "(" && m[0].startsWith("_")) {
      const close = closingParen(text, j);
      if (close > 0) end = close;
    }
    out += text.slice(last, start) + blank(text.slice(start, end));
    last = end;
  }
  return out + text.slice(last);
};
