import { useState } from 'react';
import { referralOpensAttempt } from '#domain';
import { api, ApiError } from '../api/client';
import type { Appeal, Enrolment, LearnerAppeals, LearnerRecord, TimelineEntry } from '../api/types';
import { useApp } from '../app-context';
import { AwardCard } from '../components/award-card';
import { EnrolmentAppeal } from '../components/enrolment-appeal';
import { EnrolmentCard } from '../components/enrolment-card';
import { Timeline } from '../components/timeline';
import { TranscriptDownload } from '../components/transcript-download';
import { Empty, ErrorMessages, Loading, PageHeading, Stat } from '../components/ui';
import { useResource } from '../use-resource';

/** A component the learner may hand in now: never submitted, or referred and not yet resubmitted. */
const canSubmit = (enrolment: Enrolment, componentId: string): boolean => {
  if (enrolment.status !== 'active') return false;
  const attempts = enrolment.components.find((c) => c.id === componentId)?.attempts.length ?? 0;
  return attempts === 0 || referralOpensAttempt(enrolment.outcome ?? null, componentId, attempts);
};

const SubmitButton = ({
  enrolment,
  componentId,
  onError,
}: {
  enrolment: Enrolment;
  componentId: string;
  onError: (error: ApiError) => void;
}) => {
  const { announce } = useApp();
  const [busy, setBusy] = useState(false);
  const title = enrolment.components.find((c) => c.id === componentId)?.title ?? componentId;
  if (!canSubmit(enrolment, componentId)) return null;
  return (
    <button
      type="button"
      className="button button-small"
      disabled={busy}
      aria-label={`Submit ${title}`}
      onClick={async () => {
        setBusy(true);
        try {
          await api(`/v1/enrolments/${enrolment.id}/submissions`, { method: 'POST', body: { componentId } });
          announce(`${title} submitted.`);
        } catch (failure) {
          if (failure instanceof ApiError) onError(failure);
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? 'Submitting…' : 'Submit'}
    </button>
  );
};

/** The read model's appeals, and any just lodged that it does not have yet. */
const withLodged = (appeals: LearnerAppeals, lodged: Appeal[]): LearnerAppeals => {
  const known = new Set(appeals.appeals.map((a) => a.id));
  return { ...appeals, appeals: [...appeals.appeals, ...lodged.filter((a) => !known.has(a.id))] };
};

/** The learner's own record: awards (certificate, credential link), studies (with adjustments), history, transcript. */
export const MyRecord = () => {
  const { session } = useApp();
  const record = useResource<LearnerRecord>(`/v1/learners/${session.sub}/record`);
  const timeline = useResource<{ events: TimelineEntry[] }>(`/v1/learners/${session.sub}/timeline`);
  const appeals = useResource<LearnerAppeals>(`/v1/learners/${session.sub}/appeals`);
  const [submitError, setSubmitError] = useState<ApiError>();
  // An appeal just lodged shows at once, before the read model has it.
  const [justLodged, setJustLodged] = useState<Appeal[]>([]);
  const data = record.data;

  if (!data)
    return (
      <>
        <PageHeading>My record</PageHeading>
        <ErrorMessages error={record.error} title="Your record could not be loaded" />
        {record.loading ? <Loading what="your record" /> : null}
      </>
    );

  return (
    <>
      <PageHeading lead="Your awards, your studies and everything recorded about them.">
        {data.learner.givenName} {data.learner.familyName}
      </PageHeading>
      <dl className="stats">
        <Stat label="Awards" value={data.awards.filter((a) => a.status === 'issued').length} />
        <Stat label="Credits" value={`${data.credits.cats} CATS`} detail={`${data.credits.ects} ECTS`} />
        <Stat label="Enrolments" value={data.enrolments.length} />
      </dl>
      <TranscriptDownload learnerId={data.learner.id} />

      <section aria-labelledby="awards-heading">
        <h2 id="awards-heading">Awards</h2>
        {data.awards.length === 0 ? (
          <Empty>No awards yet: they appear here as soon as a board confirms a pass.</Empty>
        ) : null}
        <div className="stack">
          {data.awards.map((award) => (
            <AwardCard key={award.id} award={award} canShareName />
          ))}
        </div>
      </section>

      <section aria-labelledby="studies-heading">
        <h2 id="studies-heading">Studies</h2>
        <ErrorMessages error={submitError} title="Your work was not submitted" />
        <ErrorMessages error={appeals.error} title="Your appeals could not be loaded" />
        {data.enrolments.length === 0 ? <Empty>You are not enrolled on any course.</Empty> : null}
        <div className="stack">
          {data.enrolments.map((enrolment) => (
            <EnrolmentCard
              key={enrolment.id}
              enrolment={enrolment}
              actions={(componentId) => (
                <SubmitButton enrolment={enrolment} componentId={componentId} onError={setSubmitError} />
              )}
            >
              {appeals.data ? (
                <EnrolmentAppeal
                  enrolment={enrolment}
                  appeals={withLodged(appeals.data, justLodged)}
                  onLodged={(appeal) => setJustLodged((lodged) => [...lodged, appeal])}
                />
              ) : null}
            </EnrolmentCard>
          ))}
        </div>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">History</h2>
        {timeline.data ? (
          <Timeline events={timeline.data.events} enrolments={data.enrolments} />
        ) : (
          <Loading what="your history" />
        )}
      </section>
    </>
  );
};
