import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Award, ShareLinkView } from '../api/types';
import { useApp } from '../app-context';
import { formatDateTime } from './format';
import { ErrorMessages } from './ui';

/**
 * The learner's switch for the link whose verification page also shows their name (the plain
 * credential link never does). Turning it off makes that link stop showing the name at once.
 */
export const ShareNameSwitch = ({ award, onLink }: { award: Award; onLink: (url: string | null) => void }) => {
  const { announce } = useApp();
  const [since, setSince] = useState(award.shareLink?.since ?? null);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const turn = async (on: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await api<ShareLinkView>(`/v1/awards/${award.id}/share-link`, { method: on ? 'POST' : 'DELETE' });
      setSince(view.since);
      onLink(view.url);
      announce(on ? 'Your name now shows on the shared link.' : 'The shared link no longer shows your name.');
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share-name">
      <ErrorMessages error={error} title="The share link was not changed" />
      {since ? (
        <p className="hint">Your name shows on the link below, since {formatDateTime(since)}.</p>
      ) : (
        <p className="hint">The link below does not show your name.</p>
      )}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => turn(!since)}>
        {since ? 'Stop showing my name' : 'Show my name on the shared link'}
      </button>
    </div>
  );
};
