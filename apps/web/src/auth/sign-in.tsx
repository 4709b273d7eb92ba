import { useState, type FormEvent } from 'react';
import { api, ApiError, authenticateWith } from '../api/client';
import { ErrorMessages, PageHeading } from '../components/ui';
import { startSignIn, type OidcProvider } from './oidc';
import { readToken, type Session } from './session';

/**
 * Sign-in: with the configured OpenID provider when there is one ("Sign in"), and, as a developer
 * option, by pasting a bearer token, checked by one API call before it is kept.
 */
export const SignIn = ({
  onSignedIn,
  reason,
  provider,
}: {
  onSignedIn: (session: Session) => void;
  reason?: string;
  provider: OidcProvider | null;
}) => {
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

  const pasteForm = (
    <form onSubmit={submit} noValidate className={provider ? undefined : 'card'}>
      <ErrorMessages error={error} title="You could not be signed in" />
      <div className="field">
        <label htmlFor="token">Bearer token</label>
        <p className="hint" id="token-hint">
          Paste the token you use for the API. On a local system, mint one with{' '}
          <code>npm run token -- &lt;role&gt; [subject]</code>: roles are registry, tutor, board, examiner and learner;
          for a learner the subject is your learner id.
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
        {busy ? 'Checking…' : provider ? 'Sign in with this token' : 'Sign in'}
      </button>
      <p className="hint">
        The token stays in this browser tab only and is forgotten when you sign out or close the tab.
      </p>
    </form>
  );

  return (
    <main id="main" className="sign-in">
      <PageHeading lead="Learner records, marking and micro-boards">Sign in to Credence</PageHeading>
      {reason ? (
        <div className="notice notice-info" role="status">
          {reason}
        </div>
      ) : null}
      {provider ? (
        <div className="card">
          <button type="button" className="button" onClick={() => void startSignIn(provider)}>
            Sign in
          </button>
          <p className="hint">
            You sign in with your organisation's account; this tab keeps your session in memory only.
          </p>
        </div>
      ) : null}
      {provider ? (
        <details className="card">
          <summary>Developer option: sign in with a token</summary>
          {pasteForm}
        </details>
      ) : (
        pasteForm
      )}
    </main>
  );
};
