// Table output for people, JSON for pipelines. Columns are fixed per record kind so a script that
// greps the table and one that reads --json see the same fields.
import { safeTerminalText } from '../core/text/terminal';

export type Row = Record<string, string | boolean | undefined>;

export function formatJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

export function formatTable(rows: readonly Row[], columns: readonly string[]): string {
  if (rows.length === 0) return '(none)\n';
  // One line per row, whatever a value holds (a newline in a name must not fake a row).
  const cell = (v: Row[string]) => (v === undefined ? '' : safeTerminalText(String(v)));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line([...columns]), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n') + '\n';
}
