import { Injectable } from '@nestjs/common';
import { enrolmentDecider, inSequence, streams, type EnrolmentCommand } from '#domain';
import { enrolmentAccess, tutorsAssigned } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { rowContext } from './bulk-ids.js';
import { parseCsv, type CsvRow } from './csv-rows.js';
import { reportOf, rowErrorsOf, type RowError, type RowOutcome, type UploadReport } from './row-outcome.js';
import type { RowSteps } from './row-steps.js';
import { commitRows, previewRows } from './upload-rows.js';

export const MARK_COLUMNS = ['enrolmentId', 'componentId', 'mark'] as const;
/** The date-time the work was handed in, for work submitted on paper or by email (registry only). */
export const MARK_OPTIONAL_COLUMNS = ['submittedAt'] as const;
type Column = (typeof MARK_COLUMNS)[number] | (typeof MARK_OPTIONAL_COLUMNS)[number];
type Row = CsvRow<Column>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A row's submission and mark are one command: both are appended or neither. */
const markSheetRow = inSequence(enrolmentDecider);

/** Anything but digits is not a whole number: the decider then names the rule. */
const markOf = (text: string): number => (/^\d{1,3}$/.test(text) ? Number(text) : Number.NaN);

/**
 * A mark sheet, a row per component mark (an empty mark is skipped; the mark already recorded is unchanged): by a tutor for courses they are assigned to, or by the
 * registry. A row with `submittedAt` also records the submission when none awaits a mark.
 */
@Injectable()
export class MarkUpload {
  constructor(private readonly runner: DeciderRunner) {}

  async preview(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, MARK_COLUMNS, MARK_OPTIONAL_COLUMNS);
    return reportOf('marks', false, await previewRows(this.runner, rows, (row, steps) => this.row(row, steps, caller)));
  }

  async commit(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, MARK_COLUMNS, MARK_OPTIONAL_COLUMNS);
    return reportOf('marks', true, await commitRows(this.runner, rows, (row, steps) => this.row(row, steps, caller)));
  }

  private async row({ row, values }: Row, steps: RowSteps, caller: CommandContext): Promise<RowOutcome> {
    const { enrolmentId, componentId, submittedAt } = values;
    const refused = (errors: RowError[]): RowOutcome => ({ row, status: 'error', errors, ids: {}, actions: [] });
    const settled = (status: 'unchanged' | 'skipped'): RowOutcome => ({
      row,
      status,
      errors: [],
      ids: { enrolmentId },
      actions: [],
    });
    if (values.mark === '') return settled('skipped');
    if (!UUID.test(enrolmentId)) return refused([{ column: 'enrolmentId', rule: 'must be a UUID' }]);
    const stream = streams.enrolment(enrolmentId);
    const state = await steps.load(enrolmentDecider, stream);
    // Own keys only: a componentId such as "__proto__" is not a component (the decider then says so).
    const latest =
      state.status !== 'none' && Object.hasOwn(state.attempts, componentId)
        ? state.attempts[componentId]?.at(-1)
        : undefined;
    // A sheet sent back with marks already recorded: those rows are not new.
    if (latest?.mark === markOf(values.mark)) return settled('unchanged');
    const awaitingMark = latest?.mark === null;
    const commands: EnrolmentCommand[] = [];
    if (!awaitingMark && submittedAt !== '') {
      if (caller.role !== 'registry')
        return refused([
          { column: 'submittedAt', rule: 'only registry staff record a submission on a learner’s behalf' },
        ]);
      commands.push({ type: 'SubmitWork', data: { componentId, submittedAt } });
    }
    commands.push({ type: 'RecordMark', data: { componentId, mark: markOf(values.mark), markerId: caller.actor } });
    try {
      const context = rowContext(caller, 'mark', enrolmentId, componentId, values.mark, submittedAt);
      const access = enrolmentAccess(caller, tutorsAssigned(this.runner));
      const { appendedEarlier } = await steps.decide(markSheetRow, stream, commands, context, access);
      const actions = appendedEarlier
        ? []
        : commands.map((c) => (c.type === 'SubmitWork' ? 'record submission' : 'record mark'));
      return { row, status: appendedEarlier ? 'unchanged' : 'new', errors: [], ids: { enrolmentId }, actions };
    } catch (error) {
      return refused(rowErrorsOf(error, (field) => field, null));
    }
  }
}
