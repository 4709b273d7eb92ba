import { useState } from 'react';
import { APPEAL_STATUSES, type AppealStatus } from '#domain';
import { api } from '../api/client';
import type { AppealQueueItem } from '../api/types';
import { AppealFacts, AppealStatusTag, APPEAL_STATUS } from '../components/appeal-facts';
import { formatDate } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, SelectField } from '../components/ui';
import { AppealOutcomeForm } from '../forms/appeal-outcome-form';
import { useApiForm } from '../forms/use-api-form';
import { Link } from '../router';
import { inCategories, useResource } from '../use-resource';

/** The queue's filter: every open appeal (the API's default), or one status. */
type Shown = 'open' | AppealStatus;

/** The next registry step a button takes: acknowledging a lodged appeal, starting the review of an acknowledged one. */
const NEXT_STEP: Partial<Record<AppealStatus, { path: string; label: string; done: string }>> = {
  lodged: { path: 'acknowledgement', label: 'Acknowledge', done: 'acknowledged' },
  acknowledged: { path: 'review', label: 'Start the review', done: 'under your review' },
};

const AppealCard = ({ appeal, onChanged }: { appeal: AppealQueueItem; onChanged: (message: string) => void }) => {
  const form = useApiForm();
  const step = NEXT_STEP[appeal.status];
  const course = appeal.course ? `${appeal.course.code} ${appeal.course.title}` : 'Course';
  const headingId = `appeal-${appeal.id}`;
  const takeStep = form.submit(async () => {
    await api(`/v1/appeals/${appeal.id}/${step!.path}`, { method: 'POST' });
    const message = `The appeal of ${appeal.learnerName} is ${step!.done}.`;
    onChanged(message);
    return message;
  });
  return (
    <article className="card" aria-labelledby={headingId}>
      <header className="case-header">
        <h2 id={headingId}>
          {appeal.learnerName} <span className="muted">· {course}</span>
        </h2>
        <AppealStatusTag appeal={appeal} />
      </header>
      <AppealFacts appeal={appeal} />
      <p className="statement">{appeal.statement}</p>
      <p className="muted">
        Lodged within the window that closed on {formatDate(appeal.windowClosesOn)}.{' '}
        <Link to={`/learners/${appeal.decision.learnerId}`}>Open the record of {appeal.learnerName}</Link>
      </p>
      <ErrorMessages error={form.error} title="The appeal was not changed" />
      {step ? (
        <>
          {appeal.status === 'acknowledged' ? (
            <p className="hint">Only an officer who did not sit on the board that took the decision may review it.</p>
          ) : null}
          <button type="button" className="button" disabled={form.busy} onClick={() => void takeStep()}>
            {step.label}
          </button>
        </>
      ) : null}
      {appeal.status === 'under-review' ? <AppealOutcomeForm appeal={appeal} onDecided={onChanged} /> : null}
    </article>
  );
};

/** Appeals against boards' confirmed decisions: acknowledge, review (off the board), decide. */
export const AppealsPage = () => {
  const [shown, setShown] = useState<Shown>('open');
  // Said at page level: a decided appeal leaves the open queue, and its card with it.
  const [changed, setChanged] = useState<string>();
  const appeals = useResource<AppealQueueItem[]>(
    shown === 'open' ? '/v1/appeals' : `/v1/appeals?status=${shown}`,
    inCategories('appeal'),
  );
  return (
    <>
      <PageHeading lead="Learners’ appeals against a board’s confirmed decision, oldest first: acknowledge each, review it if you did not sit on the board, and record the outcome.">
        Appeals
      </PageHeading>
      <div className="form-row">
        <SelectField label="Show" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
          <option value="open">Open appeals</option>
          {APPEAL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {APPEAL_STATUS[status].text}
            </option>
          ))}
        </SelectField>
      </div>
      {changed ? <Notice>{changed}</Notice> : null}
      <ErrorMessages error={appeals.error} title="The appeals could not be loaded" />
      {!appeals.data && appeals.loading ? <Loading what="the appeals" /> : null}
      {appeals.data?.length === 0 ? (
        <Empty>
          {shown === 'open' ? 'No appeal is open.' : `No appeal is ${APPEAL_STATUS[shown].text.toLowerCase()}.`}
        </Empty>
      ) : null}
      <div className="stack">
        {appeals.data?.map((appeal) => (
          <AppealCard
            key={appeal.id}
            appeal={appeal}
            onChanged={(message) => {
              setChanged(message);
              appeals.reload();
            }}
          />
        ))}
      </div>
    </>
  );
};
