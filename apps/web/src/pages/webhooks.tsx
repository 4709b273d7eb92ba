import { useState, type FormEvent } from 'react';
import { PUBLISHED_EVENT_TYPES } from '#contracts';
import { api, ApiError } from '../api/client';
import type { DeadLetter, WebhookSecret, WebhookSubscription, WebhookTestResult } from '../api/types';
import { useApp } from '../app-context';
import { formatDateTime, shortId } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, Tag, TextField } from '../components/ui';
import { inCategories, useResource } from '../use-resource';


const STATUS_TONE = { active: 'good', paused: 'warn', disabled: 'bad' } as const;

/** Runs one API action for a page: its error beside the form, its confirmation announced. */
const useAction = (onDone: () => void) => {
  const { announce } = useApp();
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    try {
      const message = await action();
      setNotice(message);
      announce(message);
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { error, notice, busy, run };
};

const NewEndpointForm = ({ onCreated }: { onCreated: () => void }) => {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const { error, notice, busy, run } = useAction(onCreated);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api<WebhookSubscription>('/v1/webhooks/subscriptions', {
        method: 'POST',
        body: { url, description, eventTypes: types },
      });
      setUrl('');
      setDescription('');
      setTypes([]);
      return `Endpoint ${created.url} added. Reveal its secret to configure the receiver.`;
    });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="new-endpoint">
      <h2 id="new-endpoint">Add an endpoint</h2>
      <ErrorMessages error={error} title="The endpoint was not added" />
      {notice ? <Notice>{notice}</Notice> : null}
      <TextField
        label="Endpoint URL"
        hint="Where Credence POSTs signed events (Standard Webhooks), e.g. https://hr.example.org/hooks/credence"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <fieldset>
        <legend>Event types</legend>
        <p className="hint">None ticked: every type.</p>
        <div className="radios">
          {PUBLISHED_EVENT_TYPES.map((type) => (
            <label key={type} className="radio">
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))}
              />
              <span className="mono">{type}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : 'Add endpoint'}
      </button>
    </form>
  );
};

const EndpointCard = ({ endpoint, onChanged }: { endpoint: WebhookSubscription; onChanged: () => void }) => {
  const [secret, setSecret] = useState<WebhookSecret>();
  const { error, notice, busy, run } = useAction(onChanged);
  const path = `/v1/webhooks/subscriptions/${endpoint.id}`;
  const post = <T,>(action: string, body: unknown = {}) => api<T>(`${path}/${action}`, { method: 'POST', body });

  const test = () =>
    run(async () => {
      const result = await post<WebhookTestResult>('test-events');
      return result.delivered
        ? `Test event delivered: the endpoint answered ${result.status}.`
        : `Test event not delivered: ${result.error}.`;
    });
  const rotate = () =>
    run(async () => {
      const rotated = await post<WebhookSubscription>('secret-rotation');
      setSecret(await api<WebhookSecret>(`${path}/secret`));
      return `New secret made. The previous one also signs until ${formatDateTime(rotated.previousSecretValidUntil)}.`;
    });

  return (
    <article className="card" aria-labelledby={`endpoint-${endpoint.id}`}>
      <header className="case-header">
        <h2 id={`endpoint-${endpoint.id}`} className="mono">
          {endpoint.url}
        </h2>
        <Tag tone={STATUS_TONE[endpoint.status]}>{endpoint.status}</Tag>
      </header>
      <ErrorMessages error={error} title="That did not work" />
      {notice ? <Notice>{notice}</Notice> : null}
      <dl className="facts">
        <div>
          <dt>Description</dt>
          <dd>{endpoint.description || '—'}</dd>
        </div>
        <div>
          <dt>Event types</dt>
          <dd>{endpoint.eventTypes.length ? endpoint.eventTypes.join(', ') : 'every type'}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(endpoint.createdAt)}</dd>
        </div>
        <div>
          <dt>Dead letters</dt>
          <dd>{endpoint.deadLetters}</dd>
        </div>
        {endpoint.disabledReason ? (
          <div>
            <dt>Disabled because</dt>
            <dd>{endpoint.disabledReason}</dd>
          </div>
        ) : null}
      </dl>
      {secret ? (
        <p className="hint">
          Secret: <code className="mono">{secret.secret}</code>
          {secret.previousSecret
            ? ` (the previous one signs too until ${formatDateTime(secret.previousSecretValidUntil)})`
            : ''}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          onClick={() => void test()}
        >
          Send test event
        </button>
        {endpoint.status === 'active' ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() =>
              void run(async () => (await post('pause'), 'Endpoint paused: nothing is sent until it is resumed.'))
            }
          >
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() =>
              void run(async () => (await post('resumption'), 'Endpoint resumed: it carries on where it stopped.'))
            }
          >
            Resume
          </button>
        )}
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={busy}
          onClick={() => void api<WebhookSecret>(`${path}/secret`).then(setSecret)}
        >
          Reveal secret
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={busy}
          onClick={() => void rotate()}
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="button button-danger-quiet button-small"
          disabled={busy}
          onClick={() =>
            void run(async () => (await api(path, { method: 'DELETE' }), `Endpoint ${endpoint.url} deleted.`))
          }
        >
          Delete
        </button>
      </div>
    </article>
  );
};

const DeadLetters = ({ letters, onReplayed }: { letters: DeadLetter[]; onReplayed: () => void }) => {
  const { error, notice, busy, run } = useAction(onReplayed);
  const replay = (subscriptionId: string, eventId?: string) =>
    run(async () => {
      const { replayed } = await api<{ replayed: number }>(
        `/v1/webhooks/subscriptions/${subscriptionId}/dead-letter-replays`,
        { method: 'POST', body: eventId ? { eventId } : {} },
      );
      return `${replayed} dead letter${replayed === 1 ? '' : 's'} sent again.`;
    });
  const endpoints = [...new Set(letters.map((l) => l.subscriptionId))];
  return (
    <section aria-labelledby="dead-letters" className="stack">
      <h2 id="dead-letters">Dead letters</h2>
      <p className="hint">Deliveries given up after their retries (5 s, 5 min, 30 min, 2 h, 5 h and 10 h).</p>
      <ErrorMessages error={error} title="The replay did not work" />
      {notice ? <Notice>{notice}</Notice> : null}
      {letters.length === 0 ? (
        <Empty>No dead letters.</Empty>
      ) : (
        <>
          <table className="table table-compact">
            <caption className="visually-hidden">Dead letters</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Given up</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={`${letter.subscriptionId} ${letter.eventId}`}>
                  <th scope="row">
                    <span className="cell-title mono">{letter.type}</span>
                    <span className="cell-sub mono">{shortId(letter.eventId)}</span>
                  </th>
                  <td className="mono">{shortId(letter.subscriptionId)}</td>
                  <td className="number">{letter.attempts}</td>
                  <td>{letter.lastError}</td>
                  <td>{formatDateTime(letter.failedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busy}
                      onClick={() => void replay(letter.subscriptionId, letter.eventId)}
                    >
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            {endpoints.map((id) => (
              <button
                key={id}
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void replay(id)}
              >
                Replay all for {shortId(id)}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
};

/** Registry staff: the Standard Webhooks endpoints downstream systems receive events on, and what failed. */
export const WebhooksPage = () => {
  const endpoints = useResource<WebhookSubscription[]>('/v1/webhooks/subscriptions', inCategories('webhook'));
  const deadLetters = useResource<DeadLetter[]>('/v1/webhooks/dead-letters', inCategories('webhook'));
  const reload = () => {
    endpoints.reload();
    deadLetters.reload();
  };
  return (
    <>
      <PageHeading lead="Endpoints that receive signed CloudEvents (Standard Webhooks), their secrets, and deliveries that failed.">
        Webhooks
      </PageHeading>
      <div className="button-row">
        <button type="button" className="button button-quiet button-small" onClick={reload}>
          Refresh
        </button>
      </div>
      <ErrorMessages error={endpoints.error} title="The endpoints could not be loaded" />
      {!endpoints.data && endpoints.loading ? <Loading what="endpoints" /> : null}
      {endpoints.data?.length === 0 ? <Empty>No endpoint yet.</Empty> : null}
      <div className="stack">
        {endpoints.data?.map((endpoint) => (
          <EndpointCard key={endpoint.id} endpoint={endpoint} onChanged={reload} />
        ))}
      </div>
      <NewEndpointForm onCreated={reload} />
      {deadLetters.data ? <DeadLetters letters={deadLetters.data} onReplayed={reload} /> : null}
    </>
  );
};
