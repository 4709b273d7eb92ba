import { BadRequestException } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse/sync';

/** The most rows one upload may hold: a large cohort, and well inside the body limit. */
export const MAX_CSV_ROWS = 10_000;
export const MAX_CSV_FIELD_CHARS = 1000;

/** One data row of an upload: `row` is its line number in the file (the header is line 1). */
export interface CsvRow<Column extends string> {
  row: number;
  values: Record<Column, string>;
}

/**
 * Parses an uploaded CSV (RFC 4180, header row, UTF-8 with or without BOM) into rows naming their
 * line. Columns the upload does not use are ignored, so a downloaded sheet can be sent back as it is.
 */
export const parseCsv = <Column extends string>(
  text: unknown,
  required: readonly Column[],
  optional: readonly Column[] = [],
): CsvRow<Column>[] => {
  if (typeof text !== 'string' || text.trim() === '')
    throw new BadRequestException(['body must be a CSV file (Content-Type: text/csv) with a header row']);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      // Spreadsheets drop trailing empty cells: a short row's missing cells are empty.
      relax_column_count: true,
      info: true,
      max_record_size: MAX_CSV_FIELD_CHARS * (required.length + optional.length + 10),
    });
  } catch (error) {
    if (error instanceof CsvError) throw new BadRequestException([`body is not valid CSV: ${error.message}`]);
    throw error;
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0 || records.length === 0)
    throw new BadRequestException([
      ...missing.map((column) => `column ${column} is missing: the header must name ${required.join(', ')}`),
      ...(records.length === 0 ? ['body must hold at least one row under the header'] : []),
    ]);
  if (records.length > MAX_CSV_ROWS)
    throw new BadRequestException([`body must hold at most ${MAX_CSV_ROWS} rows (it holds ${records.length})`]);
  return records.map(({ record, info }) => ({
    row: info.lines,
    values: Object.fromEntries([...required, ...optional].map((column) => [column, record[column] ?? ''])) as Record<
      Column,
      string
    >,
  }));
};
