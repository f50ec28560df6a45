import { type FieldSpec, LIST_SEPARATOR } from './table-fields.ts';

function cell(value: unknown, field: FieldSpec<never>): string {
  if (value === null || value === undefined) return '';
  if (field.list) return defuseFormula((value as unknown[]).map(String).join(LIST_SEPARATOR));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return defuseFormula(value);
  return String(value);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins with =, +, -, @, tab or
 * carriage return gets a leading single quote, so Excel, LibreOffice and Google Sheets show it as text
 * instead of running it. Only text is touched (a negative number stays a number); JSON and Parquet keep
 * the true value, and the data package says so.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export const FORMULA_NOTE =
  "Text cells that would begin with =, +, -, @, tab or carriage return are prefixed with a single quote (') so spreadsheets do not run them as formulas (OWASP CSV injection guidance); the JSON and Parquet files keep the true value.";

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote or any line break, quotes doubled. The same
 * bytes as csv-stringify with `{ record_delimiter: 'windows', quoted_match: /[\r\n]/ }` (a test pins this),
 * written by hand because the table files are built twice per publish and csv-stringify was most of that.
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** Header row, CRLF-terminated. */
function csvHeader(fields: readonly FieldSpec<never>[]): string {
  return `${fields.map((f) => csvField(f.name)).join(',')}\r\n`;
}

/** Data rows, each CRLF-terminated; lists are joined with `; `, missing values are empty. */
function csvRows<R extends object>(rows: readonly R[], fields: readonly FieldSpec<R>[]): string {
  const specs = fields as unknown as readonly FieldSpec<never>[];
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < specs.length; i++) {
      const field = specs[i] as FieldSpec<never>;
      if (i > 0) line += ',';
      line += csvField(cell((row as Record<string, unknown>)[field.name], field));
    }
    out += `${line}\r\n`;
  }
  return out;
}

/**
 * RFC 4180 CSV, UTF-8 without BOM, CRLF line ends, header row, as chunks of about CHUNK_CHARS: `rowsOf(start,
 * end)` makes the rows of items start..end, so a large table is never held whole, as rows or as text.
 */
export function* csvChunks<R extends object>(
  count: number,
  rowsOf: (start: number, end: number) => readonly R[],
  fields: readonly FieldSpec<R>[],
): Generator<Buffer> {
  let text = csvHeader(fields as unknown as readonly FieldSpec<never>[]);
  for (let i = 0; i < count; i += ITEMS_PER_STEP) {
    text += csvRows(rowsOf(i, Math.min(i + ITEMS_PER_STEP, count)), fields);
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  if (text) yield Buffer.from(text, 'utf8');
}

/**
 * Chunks stay well under V8's large-object size (128 KiB), so each dies young instead of piling up in the old
 * generation until the next full collection (which is what made peak memory grow with the register).
 */
export const CHUNK_CHARS = 32 * 1024;
const ITEMS_PER_STEP = 32;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The chunks behind a UTF-8 byte-order mark (what Excel needs to read a CSV as UTF-8). */
export function* withBom(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  yield BOM;
  yield* chunks;
}
