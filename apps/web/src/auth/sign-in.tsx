import { useState, type FormEvent } from 'react';
import { api, ApiError, authenticateWith } from '../api/client';
import { ErrorMessages, PageHeading } from '../components/ui';
import { readToken, type Session } from './session';

/** Sign-in with the same bearer tokens as the API: the token is checked by one API call before it is kept. */
export const SignIn = ({ onSignedIn, reason }: { onSignedIn: (session: Session) => void; reason?: string }) => {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = readToken(token);
    if ('problem' in session) {
      setError(new ApiError(400, [session.problem]));
      return;
    }
    setBusy(true);
    authenticateWith(session.token);
    try {
      await api('/v1/courses');
      onSignedIn(session);
    } catch (failure) {
      authenticateWith(null);
      const messages = failure instanceof ApiError ? failure.messages : ['The token could not be checked.'];
      setError(new ApiError(401, [`The API did not accept this token: ${messages.join('; ')}`]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <PageHeading lead="Learner records, marking and micro-boards">Sign in to Credence</PageHeading>
      {reason ? (
        <div className="notice notice-info" role="status">
          {reason}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="card">
        <ErrorMessages error={error} title="You could not be signed in" />
        <div className="field">
          <label htmlFor="token">Bearer token</label>
          <p className="hint" id="token-hint">
            Paste the token you use for the API. On a local system, mint one with{' '}
            <code>npm run token -- &lt;role&gt; [subject]</code>: roles are registry, tutor, board, examiner and
            learner; for a learner the subject is your learner id.
          </p>
          <textarea
            id="token"
            name="token"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="token-hint"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="hint">
          The token stays in this browser tab only and is forgotten when you sign out or close the tab.
        </p>
      </form>
    </main>
  );
};
