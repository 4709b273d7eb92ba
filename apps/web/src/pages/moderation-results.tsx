import type { ModerationResults } from '../api/types';
import { formatDateTime, SAMPLING_REASONS, shortId } from '../components/format';
import { Empty, ErrorMessages, Loading, PageHeading, Stat, Tag } from '../components/ui';
import { inCategories, useResource } from '../use-resource';

/** A tutor's own marks that were sampled for moderation, and what the moderator decided. */
export const ModerationResultsPage = () => {
  const results = useResource<ModerationResults>('/v1/marking/moderation-results', inCategories('enrolment'));
  const data = results.data;

  return (
    <>
      <PageHeading lead="Your marks that were sampled for moderation: every fail, every mark near a boundary, and a systematic one in ten of the rest.">
        Moderation results
      </PageHeading>
      <ErrorMessages error={results.error} title="Your results could not be loaded" />
      {!data && results.loading ? <Loading what="your moderation results" /> : null}
      {data ? (
        <>
          <dl className="stats">
            <Stat label="Marks recorded" value={data.summary.marked} />
            <Stat label="Sampled" value={data.summary.sampled} />
            <Stat label="Waiting for a moderator" value={data.summary.awaitingModerator} />
            <Stat label="Agreed" value={data.summary.agreed} />
            <Stat label="Adjusted" value={data.summary.adjusted} />
          </dl>
          {data.items.length === 0 ? (
            <Empty>None of your marks has been sampled yet.</Empty>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Your sampled marks</caption>
              <thead>
                <tr>
                  <th scope="col">Submission</th>
                  <th scope="col">Your mark</th>
                  <th scope="col">Sampled as</th>
                  <th scope="col">Moderation</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={`${item.enrolmentId}:${item.componentId}:${item.attempt}`}>
                    <th scope="row">
                      <span className="cell-title">{item.componentTitle}</span>
                      <span className="cell-sub">
                        {item.course?.code ?? ''} · enrolment {shortId(item.enrolmentId)} · marked{' '}
                        {formatDateTime(item.markedAt)}
                      </span>
                    </th>
                    <td className="number">{item.moderation ? item.moderation.originalMark : item.mark}</td>
                    <td>{item.samplingReason ? SAMPLING_REASONS[item.samplingReason] : '—'}</td>
                    <td>
                      {item.moderation ? (
                        <>
                          <Tag tone={item.moderation.decision === 'agreed' ? 'good' : 'warn'}>
                            {item.moderation.decision === 'agreed' ? 'Agreed' : `Adjusted to ${item.mark}`}
                          </Tag>
                          <span className="cell-sub">
                            “{item.moderation.reason}” — {item.moderation.moderatorId},{' '}
                            {formatDateTime(item.moderation.moderatedAt)}
                          </span>
                        </>
                      ) : (
                        <Tag tone="info">Waiting for a moderator</Tag>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </>
  );
};
