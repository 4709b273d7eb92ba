import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { MarkingItem } from '../api/types';
import { useApp } from '../app-context';
import { hasRole } from '../auth/session';
import { AdjustmentsInForce } from '../components/adjustments';
import { formatDateTime, formatDuration, SAMPLING_REASONS, shortId } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, Tag, TextArea, TextField } from '../components/ui';
import { inCategories, useResource } from '../use-resource';

const ModerateForm = ({ item, onModerated }: { item: MarkingItem; onModerated: (message: string) => void }) => {
  const { announce } = useApp();
  const [decision, setDecision] = useState<'agreed' | 'adjusted'>('agreed');
  const [mark, setMark] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const name = `moderation-${item.enrolmentId}-${item.componentId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, unknown> = { componentId: item.componentId, decision, reason };
      if (decision === 'adjusted') body.mark = mark.trim() === '' ? null : Number(mark);
      await api(`/v1/enrolments/${item.enrolmentId}/moderations`, { method: 'POST', body });
      const what = `${item.componentTitle} (enrolment ${shortId(item.enrolmentId)})`;
      const message =
        decision === 'agreed'
          ? `You agreed the mark of ${item.mark} for ${what}.`
          : `You adjusted the mark for ${what} to ${mark}.`;
      // Said at page level: a moderated mark leaves this queue, and its card with it.
      onModerated(message);
      announce(message);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="decision-form">
      <ErrorMessages error={error} title="The moderation was not recorded" />
      <fieldset>
        <legend>Moderation</legend>
        <div className="radios radios-inline">
          <label className="radio">
            <input type="radio" name={name} checked={decision === 'agreed'} onChange={() => setDecision('agreed')} />{' '}
            Agree the mark
          </label>
          <label className="radio">
            <input
              type="radio"
              name={name}
              checked={decision === 'adjusted'}
              onChange={() => setDecision('adjusted')}
            />{' '}
            Adjust it
          </label>
        </div>
      </fieldset>
      {decision === 'adjusted' ? (
        <TextField
          label="Moderated mark"
          hint="0–100"
          inputMode="numeric"
          className="input-short"
          value={mark}
          onChange={(e) => setMark(e.target.value)}
        />
      ) : null}
      <TextArea label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Recording…' : 'Record moderation'}
      </button>
    </form>
  );
};

/** Marks sampled for moderation and waiting for a board member or external examiner. */
export const ModerationQueue = () => {
  const { session } = useApp();
  const queue = useResource<MarkingItem[]>('/v1/marking/moderation-queue', inCategories('enrolment'));
  const canModerate = hasRole(session, 'board', 'examiner');
  const [moderated, setModerated] = useState<string>();

  return (
    <>
      <PageHeading lead="Sampled marks count towards an outcome only once moderated: agreed as marked, or adjusted.">
        Moderation
      </PageHeading>
      {moderated ? <Notice>{moderated}</Notice> : null}
      <ErrorMessages error={queue.error} title="The moderation queue could not be loaded" />
      {!queue.data && queue.loading ? <Loading what="the moderation queue" /> : null}
      {queue.data?.length === 0 ? <Empty>No sampled mark is waiting for moderation.</Empty> : null}
      <div className="stack">
        {queue.data?.map((item) => (
          <article
            className="card"
            key={`${item.enrolmentId}:${item.componentId}:${item.attempt}`}
            aria-label={`${item.componentTitle}, enrolment ${shortId(item.enrolmentId)}`}
          >
            <header className="case-header">
              <h2>
                {item.componentTitle}{' '}
                <span className="muted">
                  · {item.course?.code} · enrolment {shortId(item.enrolmentId)}
                </span>
              </h2>
              <Tag tone="info">Waiting {formatDuration(item.waitingSeconds)}</Tag>
            </header>
            <dl className="facts">
              <div>
                <dt>Mark</dt>
                <dd className="outcome">{item.mark}</dd>
              </div>
              <div>
                <dt>Sampled as</dt>
                <dd>{item.samplingReason ? SAMPLING_REASONS[item.samplingReason] : '—'}</dd>
              </div>
              <div>
                <dt>Marker</dt>
                <dd>{item.markerId}</dd>
              </div>
              <div>
                <dt>Marked</dt>
                <dd>{formatDateTime(item.markedAt)}</dd>
              </div>
            </dl>
            <AdjustmentsInForce adjustments={item.adjustments} />
            {canModerate ? <ModerateForm item={item} onModerated={setModerated} /> : null}
          </article>
        ))}
      </div>
    </>
  );
};
