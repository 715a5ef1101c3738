/**
 * CSV as spreadsheets read it (RFC 4180: every cell quoted, quotes doubled, CRLF lines), with
 * formula injection neutralised: a cell a spreadsheet would run as a formula (it starts with
 * = + - @, a tab or a carriage return) gets a leading apostrophe, so "=HYPERLINK(...)" typed
 * as a poll answer stays text. Numbers are written as numbers (a negative number is data,
 * not a formula).
 */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvCell), ...rows.map((row) => row.map(csvCell))].map((cells) => cells.join(","));
  return `${lines.join("\r\n")}\r\n`;
}
