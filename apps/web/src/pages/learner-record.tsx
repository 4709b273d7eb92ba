import type { LearnerAppeals, LearnerRecord, TimelineEntry } from '../api/types';
import { AwardCard } from '../components/award-card';
import { EnrolmentCard } from '../components/enrolment-card';
import { formatDate, levelOf } from '../components/format';
import { LearnerAppealsTable } from '../components/learner-appeals';
import { PriorLearningForm } from '../components/rpl-form';
import { TranscriptDownload } from '../components/transcript-download';
import { AccessRplForm } from '../forms/access-rpl-form';
import { AdjustmentForm } from '../forms/adjustment-form';
import { AdjustmentWithdrawalForm } from '../forms/adjustment-withdrawal-form';
import { ConfermentForm } from '../forms/conferment-form';
import { EnrolmentActions } from '../forms/enrolment-actions';
import { Timeline } from '../components/timeline';
import { Empty, ErrorMessages, Loading, PageHeading, Stat, Tag } from '../components/ui';
import { RESYNC, type Change } from '../live/live-stream';
import { inCategories, useResource } from '../use-resource';
import { Link } from '../router';

/** Changes to this learner's streams, or to any enrolment or award (which may be theirs). */
const concerns = (learnerId: string) => (change: Change) =>
  change === RESYNC ||
  change.stream.endsWith(learnerId) ||
  change.stream.startsWith('enrolment-') ||
  change.stream.startsWith('award-');

/**
 * The registry's view of one learner: enrolments (and their reasonable adjustments), awards
 * (revocation), appeals, credit ledger (RPL), timeline and the transcript to download.
 */
export const LearnerRecordPage = ({ learnerId }: { learnerId: string }) => {
  const record = useResource<LearnerRecord>(`/v1/learners/${learnerId}/record`, concerns(learnerId));
  const timeline = useResource<{ events: TimelineEntry[] }>(`/v1/learners/${learnerId}/timeline`, concerns(learnerId));
  const appeals = useResource<LearnerAppeals>(`/v1/learners/${learnerId}/appeals`, inCategories('appeal'));
  const data = record.data;

  if (!data)
    return (
      <>
        <PageHeading>Learner record</PageHeading>
        <ErrorMessages error={record.error} title="The record could not be loaded" />
        {record.loading ? <Loading what="the record" /> : null}
      </>
    );

  const { learner, ledger } = data;
  return (
    <>
      <PageHeading
        lead={
          <>
            {learner.email ?? 'No email held'} · <span className="mono">{learner.id}</span>
          </>
        }
      >
        {learner.givenName} {learner.familyName} {learner.erased ? <Tag tone="bad">erased</Tag> : null}
      </PageHeading>
      <TranscriptDownload learnerId={learner.id} />

      <section aria-labelledby="enrolments-heading">
        <h2 id="enrolments-heading">Enrolments</h2>
        <p>
          <Link to={`/enrolments/new?learner=${learner.id}`}>Enrol on a course</Link>
        </p>
        {data.enrolments.length === 0 ? <Empty>Not enrolled on any course.</Empty> : null}
        <div className="stack">
          {data.enrolments.map((enrolment) => (
            <div key={enrolment.id}>
              <EnrolmentCard enrolment={enrolment} forStaff />
              <details className="card">
                <summary>Suspend, resume, extend, mitigating circumstances or an integrity flag</summary>
                <EnrolmentActions enrolment={enrolment} onDone={record.reload} />
              </details>
              <details className="card">
                <summary>Record or withdraw a reasonable adjustment</summary>
                <AdjustmentForm enrolment={enrolment} onDone={record.reload} />
                <AdjustmentWithdrawalForm enrolment={enrolment} onDone={record.reload} />
              </details>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="awards-heading">
        <h2 id="awards-heading">Awards</h2>
        {data.awards.length === 0 ? <Empty>No awards yet.</Empty> : null}
        <div className="stack">
          {data.awards.map((award) => (
            <AwardCard key={award.id} award={award} canRevoke />
          ))}
        </div>
      </section>

      <section aria-labelledby="appeals-heading">
        <h2 id="appeals-heading">Appeals</h2>
        <ErrorMessages error={appeals.error} title="The appeals could not be loaded" />
        {appeals.data ? (
          <LearnerAppealsTable appeals={appeals.data} enrolments={data.enrolments} />
        ) : (
          <Loading what="the appeals" />
        )}
      </section>

      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Credit ledger</h2>
        <dl className="stats">
          <Stat label="From awards" value={`${ledger.fromAwards.cats} CATS`} />
          <Stat label="From prior learning" value={`${ledger.fromPriorLearning.cats} CATS`} />
          <Stat label="Available to stack" value={`${ledger.available.cats} CATS`} />
          <Stat label="Used towards awards" value={`${ledger.used.cats} CATS`} />
        </dl>
        {ledger.credits.length ? (
          <table className="table">
            <caption className="visually-hidden">Credits</caption>
            <thead>
              <tr>
                <th scope="col">Credit</th>
                <th scope="col">Source</th>
                <th scope="col">Credits</th>
                <th scope="col">Achieved</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {ledger.credits.map((credit) => (
                <tr key={credit.creditId}>
                  <th scope="row">
                    <span className="cell-title">{credit.title}</span>
                    <span className="cell-sub">{credit.provider}</span>
                  </th>
                  <td>{credit.source}</td>
                  <td>
                    {credit.credits.cats} CATS, {levelOf(credit.level)}
                  </td>
                  <td>{formatDate(credit.achievedOn)}</td>
                  <td>
                    <Tag tone={credit.status === 'available' ? 'good' : credit.status === 'used' ? 'info' : 'bad'}>
                      {credit.status}
                    </Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <h3>Recognise prior learning or transfer credit</h3>
        <PriorLearningForm learnerId={learner.id} />
        <h3>Admission by prior learning</h3>
        <AccessRplForm learnerId={learner.id} />
        <h3>Confer a pathway award</h3>
        {ledger.conferments.length ? (
          <ul>
            {ledger.conferments.map((conferment) => (
              <li key={conferment.pathwayId}>
                {conferment.title}: {conferment.credits.cats} CATS, conferred {formatDate(conferment.conferredOn)}
              </li>
            ))}
          </ul>
        ) : null}
        <ConfermentForm learnerId={learner.id} onDone={record.reload} />
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ErrorMessages error={timeline.error} title="The timeline could not be loaded" />
        {timeline.data ? (
          <Timeline events={timeline.data.events} enrolments={data.enrolments} />
        ) : (
          <Loading what="the timeline" />
        )}
      </section>
    </>
  );
};
