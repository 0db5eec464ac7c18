/**
 * One CSV cell, for every CSV the product writes (`metrics --format csv`,
 * `hotspots --format csv`, the Insights view's "Copy as CSV"). Record text
 * (a system name, a linked path, a group) reaches spreadsheets through these
 * cells, and a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
 * as a formula (`=HYPERLINK(…)`, `=cmd|…`). As OWASP's CSV injection guidance
 * says: such a text cell gets a leading single quote and is quoted, so it is
 * shown as text. Numbers are written as numbers (a negative figure stays one).
 */

/** A text starting like a formula: = + - @, tab, carriage return, and their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A row of cells, comma-separated. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
