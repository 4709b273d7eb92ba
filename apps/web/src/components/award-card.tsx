import { useState, type FormEvent } from 'react';
import { api, ApiError, download } from '../api/client';
import type { Award } from '../api/types';
import { useApp } from '../app-context';
import { formatDate, formatDateTime, levelOf } from './format';
import { ShareNameSwitch } from './share-name-switch';
import { ErrorMessages, Notice, Tag, TextArea } from './ui';

const credentialUrl = (award: Award) => `${location.origin}/v1/awards/${award.id}/credential`;

const RevokeForm = ({ award }: { award: Award }) => {
  const { announce } = useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(`/v1/awards/${award.id}/revocation`, { method: 'POST', body: { reason } });
      announce(`The award ${award.title} is revoked.`);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="button button-danger-quiet" onClick={() => setOpen(true)}>
        Revoke award…
      </button>
    );
  return (
    <form onSubmit={submit} noValidate className="revoke-form">
      <ErrorMessages error={error} title="The award was not revoked" />
      <TextArea
        label="Reason for revocation"
        hint="Recorded on the award and shown by its credential."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke award'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
};

/** An award with its certificate (PDF), its shareable credential link and, for the registry, revocation. */
export const AwardCard = ({
  award,
  canRevoke = false,
  canShareName = false,
}: {
  award: Award;
  canRevoke?: boolean;
  /** The learner's own record: they may turn on a link that also shows their name. */
  canShareName?: boolean;
}) => {
  const { announce } = useApp();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [shared, setShared] = useState(
    award.shareLink ? `${credentialUrl(award)}?share=${encodeURIComponent(award.shareLink.token)}` : null,
  );
  const link = shared ?? credentialUrl(award);
  const revoked = award.status === 'revoked';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      announce('Link copied.');
    } catch {
      // Clipboard access can be refused: the link is in the field to copy by hand.
      (document.getElementById(`credential-${award.id}`) as HTMLInputElement | null)?.select();
    }
  };

  return (
    <article className={`card award${revoked ? ' award-revoked' : ''}`} aria-labelledby={`award-${award.id}`}>
      <header className="case-header">
        <h3 id={`award-${award.id}`}>{award.title}</h3>
        <Tag tone={revoked ? 'bad' : 'good'}>{revoked ? 'Revoked' : 'Awarded'}</Tag>
      </header>
      <dl className="facts">
        <div>
          <dt>Result</dt>
          <dd className="outcome">
            {award.result.grade} · {award.result.weightedMark}
          </dd>
        </div>
        <div>
          <dt>Credits</dt>
          <dd>
            {award.credits.cats} CATS ({award.credits.ects} ECTS), {levelOf(award.level)}
          </dd>
        </div>
        <div>
          <dt>Awarded by</dt>
          <dd>{award.awardingBody}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatDate(award.issuedOn)}</dd>
        </div>
      </dl>
      {revoked && award.revoked ? (
        <p className="revocation">
          Revoked on {formatDateTime(award.revoked.revokedAt)}: {award.revoked.reason}
        </p>
      ) : null}
      <ErrorMessages error={error} title="The certificate could not be downloaded" />
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            setError(undefined);
            download(`/v1/awards/${award.id}/certificate.pdf`, `certificate-${award.courseCode}.pdf`).catch(
              (failure) => {
                if (failure instanceof ApiError) setError(failure);
              },
            );
          }}
        >
          Download certificate (PDF)
        </button>
        <a
          className="button button-secondary"
          href={`/v1/awards/${award.id}/credential`}
          target="_blank"
          rel="noopener"
        >
          View credential
        </a>
      </div>
      <div className="share">
        <label htmlFor={`credential-${award.id}`}>Credential link to share</label>
        <p className="hint" id={`credential-${award.id}-hint`}>
          Anyone with this link can check the award is genuine{revoked ? ' (it will show that it is revoked)' : ''}.
        </p>
        <div className="share-row">
          <input
            id={`credential-${award.id}`}
            readOnly
            value={link}
            aria-describedby={`credential-${award.id}-hint`}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="button button-secondary" onClick={copy}>
            Copy link
          </button>
        </div>
        {copied ? <Notice>Link copied.</Notice> : null}
        {canShareName && !revoked ? <ShareNameSwitch award={award} onLink={setShared} /> : null}
      </div>
      {canRevoke && !revoked ? <RevokeForm award={award} /> : null}
    </article>
  );
};
