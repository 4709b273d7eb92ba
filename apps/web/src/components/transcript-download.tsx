import { useState } from 'react';
import { ApiError, download } from '../api/client';
import { ErrorMessages } from './ui';

/** The learner's transcript as a PDF: every course, attempt, mark, credit, award and revocation. */
export const TranscriptDownload = ({ learnerId }: { learnerId: string }) => {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    setError(undefined);
    download(`/v1/learners/${learnerId}/transcript.pdf`, 'transcript.pdf')
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure : new ApiError(0, [String(failure)])))
      .finally(() => setBusy(false));
  };
  return (
    <div className="transcript-download">
      <ErrorMessages error={error} title="The transcript could not be downloaded" />
      <button type="button" className="button button-secondary" disabled={busy} onClick={save}>
        {busy ? 'Preparing the transcript…' : 'Download transcript (PDF)'}
      </button>
    </div>
  );
};
