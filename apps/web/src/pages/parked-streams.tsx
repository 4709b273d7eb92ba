import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { ParkedStream } from '../api/types';
import { useApp } from '../app-context';
import { formatDateTime } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, Tag } from '../components/ui';
import { useResource } from '../use-resource';

/** Consumers' names as staff know them. */
const CONSUMERS: Record<string, string> = {
  'process:board-runner': 'Board runner',
  'projections:records': 'Records read model',
  'projections:workspace': 'Workspace read model',
};

const RetryButton = ({ parked, onDone }: { parked: ParkedStream; onDone: (outcome: ParkedStream) => void }) => {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api<ParkedStream>(`/v1/operations/parked/${parked.id}/retry`, { method: 'POST' }));
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorMessages error={error} title="The stream was not retried" />
      <button
        type="button"
        className="button button-small"
        aria-label={`Retry ${parked.streamId}`}
        disabled={busy}
        onClick={() => void retry()}
      >
        {busy ? 'Retrying…' : 'Retry'}
      </button>
    </>
  );
};

/**
 * Streams the board runner or a read model failed on. Each was set aside so everyone else carries
 * on; its later events wait behind it. Once the cause is fixed, Retry replays them in order.
 */
export const ParkedStreamsPage = () => {
  const { announce } = useApp();
  const parked = useResource<ParkedStream[]>('/v1/operations/parked');
  const [notice, setNotice] = useState<string>();

  const retried = (outcome: ParkedStream) => {
    const message =
      outcome.status === 'resolved'
        ? `${outcome.streamId} was replayed and flows again.`
        : `${outcome.streamId} failed again and stays parked: ${outcome.error}`;
    setNotice(message);
    announce(message);
    parked.reload();
  };

  return (
    <>
      <PageHeading lead="A stream that failed is set aside so every other learner carries on; its later events wait until you retry it, once the cause is fixed.">
        Parked streams
      </PageHeading>
      {notice ? <Notice kind="info">{notice}</Notice> : null}
      <ErrorMessages error={parked.error} title="The parked streams could not be loaded" />
      {!parked.data && parked.loading ? <Loading what="parked streams" /> : null}
      {parked.data?.length === 0 ? <Empty>No stream is parked: every consumer is keeping up.</Empty> : null}
      {parked.data?.length ? (
        <table className="table">
          <caption className="visually-hidden">Parked streams, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Stream</th>
              <th scope="col">Consumer</th>
              <th scope="col">Failed on</th>
              <th scope="col">Error</th>
              <th scope="col">Waiting</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parked.data.map((entry) => (
              <tr key={entry.id}>
                <th scope="row" className="mono">
                  {entry.streamId}
                </th>
                <td>{CONSUMERS[entry.consumer] ?? entry.consumer}</td>
                <td>
                  {entry.event.type} <span className="muted">(event {entry.event.streamVersion})</span>
                  <br />
                  <span className="muted">{formatDateTime(entry.parkedAt)}</span>
                </td>
                <td>
                  <span className="mono">{entry.error}</span>
                  {entry.failedRetries > 0 ? (
                    <>
                      {' '}
                      <Tag tone="warn">
                        {entry.failedRetries} failed {entry.failedRetries === 1 ? 'retry' : 'retries'}
                      </Tag>
                    </>
                  ) : null}
                </td>
                <td>
                  {entry.heldEvents} later {entry.heldEvents === 1 ? 'event' : 'events'}
                </td>
                <td>
                  <RetryButton parked={entry} onDone={retried} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
};
