import { useState, type ChangeEvent } from 'react';
import { ApiError, authorisation } from '../api/client';
import { CsvExports } from '../forms/csv-exports';
import { ErrorMessages, Notice, PageHeading, SelectField, TextArea } from '../components/ui';

/** The API's report of an upload (apps/records-api/src/features/bulk/row-outcome.ts). */
interface UploadReport {
  committed: boolean;
  rows: number;
  summary: { new: number; unchanged: number; skipped: number; errors: number };
  messages: string[];
  outcomes: {
    row: number;
    status: 'new' | 'unchanged' | 'skipped' | 'error';
    errors: { column: string | null; rule: string }[];
    actions: string[];
  }[];
}

const SHEETS = {
  enrolments: { label: 'Learners and enrolments', header: 'givenName,familyName,email,courseCode,startDate' },
  marks: { label: 'Marks (one row per component)', header: 'enrolmentId,componentId,mark,submittedAt' },
} as const;
type Kind = keyof typeof SHEETS;

const postCsv = async (path: string, csv: string): Promise<UploadReport> => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/json', ...authorisation() },
    body: csv,
  });
  const body = (await response.json().catch(() => null)) as { message?: string[] } | UploadReport | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      (body as { message?: string[] } | null)?.message ?? [`status ${response.status}`],
    );
  return body as UploadReport;
};

/** Bulk CSV: preview every row's outcome (nothing written), then commit the rows without errors. */
export const BulkUpload = () => {
  const [kind, setKind] = useState<Kind>('enrolments');
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<UploadReport>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const send = async (commit: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      setReport(await postCsv(`/v1/bulk/${kind}${commit ? '' : '/preview'}`, csv));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, [String(failure)]));
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
    setReport(undefined);
  };

  return (
    <>
      <PageHeading lead="Preview shows every row's outcome before anything is written; commit writes the rows without errors. Uploading the same file again writes nothing.">
        Bulk upload
      </PageHeading>
      <SelectField label="Sheet" value={kind} onChange={(e) => (setKind(e.target.value as Kind), setReport(undefined))}>
        {Object.entries(SHEETS).map(([value, sheet]) => (
          <option key={value} value={value}>
            {sheet.label}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="bulk-file">CSV file</label>
        <p className="hint">Header row: {SHEETS[kind].header}</p>
        <input id="bulk-file" type="file" accept=".csv,text/csv" onChange={readFile} />
      </div>
      <TextArea
        label="Or paste the CSV"
        rows={8}
        value={csv}
        onChange={(e) => (setCsv(e.target.value), setReport(undefined))}
      />
      <ErrorMessages error={error} />
      <p className="actions">
        <button type="button" className="button" disabled={busy || csv.trim() === ''} onClick={() => void send(false)}>
          Preview
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={busy || !report || report.committed || report.summary.new === 0}
          onClick={() => void send(true)}
        >
          Commit {report && !report.committed ? `${report.summary.new} rows` : ''}
        </button>
      </p>
      {report ? (
        <section aria-label="Outcome">
          <Notice kind={report.summary.errors > 0 ? 'info' : 'success'}>
            {report.committed ? 'Committed' : 'Preview'}: {report.rows} rows; {report.summary.new} new,{' '}
            {report.summary.unchanged} already recorded, {report.summary.skipped} skipped, {report.summary.errors} with
            errors (nothing of them is written).
          </Notice>
          <ErrorMessages
            error={report.messages.length ? new ApiError(400, report.messages) : undefined}
            title="Rows with errors"
          />
          <div className="table-scroll" style={{ overflowX: 'auto' }}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">What it does</th>
                </tr>
              </thead>
              <tbody>
                {report.outcomes.slice(0, 500).map((o) => (
                  <tr key={o.row}>
                    <td>{o.row}</td>
                    <td>{o.status}</td>
                    <td>
                      {o.status === 'error'
                        ? o.errors.map((e) => `${e.column ?? 'row'}: ${e.rule}`).join('; ')
                        : o.actions.join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <h2>Exports</h2>
      <p className="hint">
        A course's mark sheet is the mark upload's own format: fill in the mark column and upload it.
      </p>
      <CsvExports />
    </>
  );
};
