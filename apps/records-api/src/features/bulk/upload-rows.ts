import type { DeciderRunner } from '../../commands/decider-runner.js';
import type { RowOutcome } from './row-outcome.js';
import { StagedSteps, WritingSteps, type RowSteps } from './row-steps.js';

/** One row through the deciders, staged or written depending on `steps`. */
export type RowHandler<Row> = (row: Row, steps: RowSteps) => Promise<RowOutcome>;

/** Every row's outcome, nothing written: each accepted row's changes are staged for the rows after it. */
export const previewRows = async <Row>(
  runner: DeciderRunner,
  rows: readonly Row[],
  handle: RowHandler<Row>,
): Promise<RowOutcome[]> => {
  const upload = new StagedSteps(runner);
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const staged = upload.forRow();
    const outcome = await handle(row, staged);
    if (outcome.status !== 'error') staged.keep();
    outcomes.push(outcome);
  }
  return outcomes;
};

/** Previews, then writes the rows found new, in file order; a row with an error writes nothing. */
export const commitRows = async <Row>(
  runner: DeciderRunner,
  rows: readonly Row[],
  handle: RowHandler<Row>,
): Promise<RowOutcome[]> => {
  const outcomes = await previewRows(runner, rows, handle);
  const writing = new WritingSteps(runner);
  for (const [i, row] of rows.entries()) if (outcomes[i]!.status === 'new') outcomes[i] = await handle(row, writing);
  await writing.done();
  return outcomes;
};
