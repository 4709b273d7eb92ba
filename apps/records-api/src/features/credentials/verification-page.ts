import {
  eqfLevelOf,
  formatCredits,
  hashIdentity,
  levelLabel,
  type IdentityObject,
  type VerificationResult,
  type VerifiableCredential,
} from '#credentials';
import type { IssuedAward } from '#domain';

export type Verdict =
  { state: 'valid' } | { state: 'revoked'; on: string } | { state: 'expired' } | { state: 'invalid' };

export const verdictOf = (result: VerificationResult, award: IssuedAward): Verdict => {
  if (result.verified) return { state: 'valid' };
  if (result.reasons.includes('credential revoked') && award.revoked)
    return { state: 'revoked', on: award.revoked.revokedAt };
  if (result.reasons.includes('credential expired')) return { state: 'expired' };
  return { state: 'invalid' };
};

/** Whether a typed email or learner id is the one the credential's identity hashes were made from. */
export const identityMatches = (credential: VerifiableCredential, typed: string): boolean => {
  const identifiers = ((credential.credentialSubject as { identifier?: IdentityObject[] }).identifier ?? []).filter(
    (identifier) => identifier.hashed,
  );
  const value = typed.trim();
  return identifiers.some(
    (identifier) =>
      identifier.identityHash ===
      hashIdentity(identifier.identityType === 'emailAddress' ? value.toLowerCase() : value, identifier.salt),
  );
};

export interface VerificationPage {
  award: IssuedAward;
  credential: VerifiableCredential;
  verdict: Verdict;
  credentialUrl: string;
  /** Only when the learner shares their name (a live share link in the URL). */
  earnerName?: string;
  shareToken?: string;
  check?: { typed: string; matches: boolean };
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const longDate = (iso: string): string =>
  new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const BANNER: Record<Verdict['state'], (verdict: Verdict) => string> = {
  valid: () => 'Valid: the signature holds and the awarding body has not revoked this credential.',
  revoked: (verdict) =>
    `Revoked on ${longDate((verdict as { on: string }).on)}: the awarding body withdrew this award.`,
  expired: () => 'Expired: this credential is past its end of validity.',
  invalid: () => 'Could not be verified: do not rely on this credential.',
};

/**
 * The page an employer opens from the QR code or the shared link: server-rendered, no script,
 * readable without signing in. The earner's name appears only through a share link the learner
 * turned on; anyone can check whether an email or learner id they hold is the earner's.
 */
export const renderVerificationPage = (page: VerificationPage): string => {
  const { award, verdict } = page;
  const eqf = eqfLevelOf(award.level);
  const outcomes = award.learningOutcomes.map((outcome) => `<li>${escape(outcome)}</li>`).join('');
  const check = page.check
    ? `<p class="check ${page.check.matches ? 'yes' : 'no'}" role="status">${
        page.check.matches
          ? `Yes: “${escape(page.check.typed)}” is the person this credential was awarded to.`
          : `No: “${escape(page.check.typed)}” does not match the person this credential was awarded to.`
      }</p>`
    : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(award.title)}: ${escape(award.awardingBody)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
.banner{padding:1rem;border-radius:.4rem;font-weight:600;font-size:1.1rem}
.valid{background:#e3f4e8;border:2px solid #1f7a3a}.revoked,.invalid{background:#fbe6e6;border:2px solid #a4161a}
.expired{background:#fff3d6;border:2px solid #8a5a00}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}
.check{padding:.6rem;border-radius:.3rem}.yes{background:#e3f4e8}.no{background:#fbe6e6}
code{word-break:break-all}
</style>
</head>
<body>
<main>
<p class="banner ${verdict.state}" role="status" id="verdict">${escape(BANNER[verdict.state](verdict))}</p>
<h1>${escape(award.title)}</h1>
<dl>
${page.earnerName ? `<dt>Awarded to</dt><dd id="earner">${escape(page.earnerName)}</dd>` : ''}
<dt>Awarding body</dt><dd>${escape(award.awardingBody)}</dd>
<dt>Date of award</dt><dd>${longDate(award.issuedOn)}</dd>
<dt>Credits</dt><dd>${formatCredits(award.credits.cats)} UK credits (CATS), ${formatCredits(award.credits.ects)} ECTS</dd>
<dt>Level</dt><dd>${escape(levelLabel(award.level))}${eqf === undefined ? '' : `; EQF level ${eqf}`}</dd>
<dt>Result</dt><dd>${escape(award.result.grade)} (${award.result.weightedMark}%)</dd>
<dt>Course code</dt><dd>${escape(award.courseCode)}</dd>
</dl>
<h2>Learning outcomes</h2>
<ul>${outcomes}</ul>
<h2>Is this the person?</h2>
<form method="get" action="">
${page.shareToken ? `<input type="hidden" name="share" value="${escape(page.shareToken)}">` : ''}
<label for="check">Their email address or learner id</label>
<input id="check" name="check" type="text" autocomplete="off" maxlength="320" value="${escape(page.check?.typed ?? '')}">
<button type="submit">Check</button>
</form>
${check}
<h2>For verifiers</h2>
<p>This page shows a W3C Verifiable Credential (Open Badges 3.0). Fetch it from <code>${escape(page.credentialUrl)}</code>
with <code>Accept: application/vc</code> (embedded Data Integrity proof) or <code>Accept: application/vc+jwt</code> (VC-JWT).</p>
</main>
</body>
</html>
`;
};
