// RFC 4180 CSV with formula-injection neutralisation (OWASP "CSV injection").
import { sql, type Expression, type RawBuilder } from "kysely";

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised if a spreadsheet would run it, quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * csvCell in SQL, for CSV text built by the database (bench/README.md B6): the same neutralisation
 * and quoting, NULL → ''. Most cells need neither, so one pattern lets them through first.
 * `value` is repeated in the CASE: pass a column or a cheap expression. The patterns test
 * single characters (as csvCell's do), so they agree between JS (UTF-16) and PostgreSQL
 * (code points); lib/csv/csv-sql.db.test.ts holds the two equal.
 */
export function csvCellSql(value: Expression<string | null> | RawBuilder<string | null>): RawBuilder<string> {
  return sql<string>`(CASE
    WHEN ${value} IS NULL THEN ''
    WHEN ${value} !~ '^[=+@\\t\\r-]|[",\\r\\n]' THEN ${value}
    WHEN ${value} !~ '[",\\r\\n]' THEN '''' || ${value}
    WHEN ${value} ~ '^[=+@\\t\\r-]' THEN '"''' || replace(${value}, '"', '""') || '"'
    ELSE '"' || replace(${value}, '"', '""') || '"' END)`;
}

export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** UTF-8 byte-order mark, so spreadsheet programs read Arabic names correctly. */
export const BOM = "\uFEFF";

/** Undo csvCell's neutralisation: a quote the writer put before a formula character. */
const NEUTRALISED = /^'[=+\-@\t\r]/;

/**
 * Read RFC 4180 CSV text (what csvRow writes, or a spreadsheet saves): an optional byte-order mark,
 * quoted cells with "" escapes and line breaks, CRLF or LF rows; empty lines skipped; a cell the writer
 * neutralised reads back as it was. At most `maxRows` rows are read (the rest is ignored).
 */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  const endCell = () => {
    row.push(NEUTRALISED.test(cell) ? cell.slice(1) : cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
  };
  for (; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\n") endRow();
    else if (ch === "\r") {
      if (text[i + 1] === "\n") i++;
      endRow();
    } else cell += ch;
  }
  if ((cell !== "" || row.length > 0) && rows.length < maxRows) endRow();
  return rows;
}
