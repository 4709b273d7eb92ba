import { ForbiddenException } from '@nestjs/common';
import { DomainError, InvalidCommand } from '#domain';

/** One broken rule in one row: the column it is about (null when about the row as a whole). */
export interface RowError {
  column: string | null;
  rule: string;
}

/**
 * A row's outcome: `new` (committing appends it), `unchanged` (already recorded, by an earlier
 * upload of the same row or otherwise: committing appends nothing), `skipped` (nothing to record,
 * e.g. an empty mark on a mark sheet) or `error` (nothing of it is written).
 */
export interface RowOutcome {
  row: number;
  status: 'new' | 'unchanged' | 'skipped' | 'error';
  errors: RowError[];
  /** What the row creates or changes, e.g. learnerId and enrolmentId. */
  ids: Record<string, string>;
  /** What committing does, e.g. "register learner", "enrol". */
  actions: string[];
}

export interface UploadReport {
  kind: 'enrolments' | 'marks';
  committed: boolean;
  rows: number;
  summary: { new: number; unchanged: number; skipped: number; errors: number };
  /** Every error as one sentence naming the row, the column and the rule. */
  messages: string[];
  outcomes: RowOutcome[];
}

/** The command was refused: these are the row's errors. Anything else is not the row's fault and is rethrown. */
export const rowErrorsOf = (
  error: unknown,
  columnOf: (field: string) => string,
  defaultColumn: string | null,
): RowError[] => {
  if (error instanceof InvalidCommand)
    return error.violations.map((v) => ({ column: columnOf(v.field), rule: v.rule }));
  if (error instanceof DomainError || error instanceof ForbiddenException)
    return [{ column: defaultColumn, rule: error.message }];
  throw error;
};

const sentence = (row: number, { column, rule }: RowError): string =>
  column === null ? `row ${row}: ${rule}` : `row ${row}, column ${column}: ${rule}`;

export const reportOf = (kind: UploadReport['kind'], committed: boolean, outcomes: RowOutcome[]): UploadReport => ({
  kind,
  committed,
  rows: outcomes.length,
  summary: {
    new: outcomes.filter((o) => o.status === 'new').length,
    unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    errors: outcomes.filter((o) => o.status === 'error').length,
  },
  messages: outcomes.flatMap((o) => o.errors.map((e) => sentence(o.row, e))),
  outcomes,
});
