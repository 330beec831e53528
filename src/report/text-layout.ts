// Terminal layout for the text report: ANSI styling (no dependency), aligned columns and prose
// wrapping. Widths are measured on the plain text, so styling never shifts a column.

/** Wraps a string in terminal styling, or returns it unchanged when colour is off. */
export type Paint = (text: string) => string;

export interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
}

const plain: Paint = (text) => text;
const ansi =
  (code: string): Paint =>
  (text) =>
    text === "" ? text : `\u001b[${code}m${text}\u001b[0m`;

/** Plain ANSI SGR codes when `color` is true; identity functions (no escapes at all) otherwise. */
export const makeStyle = (color: boolean): Style =>
  color
    ? { bold: ansi("1"), dim: ansi("2"), red: ansi("31"), yellow: ansi("33") }
    : { bold: plain, dim: plain, red: plain, yellow: plain };

/** A table cell: its plain text and an optional paint applied after padding. */
export interface Cell {
  readonly text: string;
  readonly paint?: Paint;
}

/** Width in terminal columns: one per code point (the report only uses narrow symbols). */
export const displayWidth = (text: string): number => [...text].length;

/** Pads `text` with blanks to `width` display columns. */
export const padEnd = (text: string, width: number): string =>
  text + " ".repeat(Math.max(0, width - displayWidth(text)));

const toCell = (cell: Cell | string): Cell => (typeof cell === "string" ? { text: cell } : cell);

const columnWidths = (rows: readonly (readonly Cell[])[]): number[] => {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell.text));
    });
  }
  return widths;
};

/**
 * Lays rows out in left-aligned columns separated by two spaces, each line prefixed by `indent`.
 * Trailing empty cells leave no trailing blanks.
 */
export const layoutColumns = (rows: readonly (readonly (Cell | string)[])[], indent: string): string[] => {
  const cells = rows.map((row) => row.map(toCell));
  const widths = columnWidths(cells);
  return cells.map((row) => {
    let last = row.length - 1;
    while (last > 0 && row[last]!.text === "") last--;
    const parts = row.slice(0, last + 1).map((cell, i) => {
      const painted = cell.paint ? cell.paint(cell.text) : cell.text;
      return i < last ? painted + " ".repeat(widths[i]! - displayWidth(cell.text) + 2) : painted;
    });
    return indent + parts.join("");
  });
};

/**
 * Greedy word wrap of prose to `width` columns. The first line starts after `firstIndent`, the
 * following ones after `restIndent`; without a width the text stays on one line.
 */
export const wrapProse = (
  text: string,
  width: number | undefined,
  firstIndent: string,
  restIndent: string,
): string[] => {
  if (width === undefined) return [firstIndent + text];
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = restIndent;
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    empty = false;
  }
  lines.push(line);
  return lines;
};

/** A table under a dim header row, or no lines at all when it has no rows (the section says "none"). */
export const tableLines = (
  titles: readonly string[],
  rows: readonly (readonly (Cell | string)[])[],
  style: Style,
): string[] => {
  if (rows.length === 0) return [];
  const header = titles.map((text): Cell => ({ text, paint: style.dim }));
  return layoutColumns([header, ...rows], "  ");
};
