import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coveredCourse } from '../support/courses.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { awardedLearner } from './awarded-learner.js';
import { independentVerifier } from './independent-verifier.js';
import { schemaErrors } from './official-schemas.js';
import { pdfFonts, pdfText, renderFirstPage, requirePopplerOrSkip } from './pdf-tools.js';

const NAME = 'Zoë Łucja Nguyễn-王';

/**
 * The learner's transcript over HTTP: every course, each attempt's component marks, the credit and
 * the award with its revocation, as a tagged PDF in embedded fonts and as a signed CLR 2.0.
 */
describe('learner transcript', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;
  let learnerId: string;
  let awardId: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock, webRoot: false });
    const courseId = await coveredCourse(api);
    ({ learnerId, awardId } = await awardedLearner(api, courseId, 'transcript@example.org', {
      givenName: 'Zoë',
      familyName: 'Łucja Nguyễn-王',
    }));
    // A second course under way: the essay submitted, not yet marked.
    const secondCourse = await coveredCourse(api, { title: 'Responsible Machine Learning' });
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', {
        body: { learnerId, courseId: secondCourse, startDate: '2026-11-23' },
      })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: api.token('learner', learnerId),
      body: { componentId: 'essay' },
    });
    clock.set('2026-12-01T10:00:00Z');
    const revoked = await api.request('POST', `/v1/awards/${awardId}/revocation`, {
      body: { reason: 'Issued in error' },
    });
    expect(revoked.status).toBe(200);
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const transcriptPdf = async (token: string | null) => {
    const response = await fetch(`${api.baseUrl}/v1/learners/${learnerId}/transcript.pdf`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      pdf: Buffer.from(await response.arrayBuffer()),
    };
  };

  it('renders the transcript PDF with the name, every component mark and the revocation, in embedded fonts', async () => {
    const { status, type, pdf } = await transcriptPdf(api.token('learner', learnerId));
    expect({ status, type }).toEqual({ status: 200, type: 'application/pdf' });
    expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
    if (!requirePopplerOrSkip()) return;
    const dir = mkdtempSync(join(tmpdir(), 'credence-transcript-'));
    const path = join(dir, 'transcript.pdf');
    writeFileSync(path, pdf);
    console.log(`transcript artifacts: ${path} and ${renderFirstPage(path, join(dir, 'transcript'))}`);
    const raw = pdfText(path);
    expect(raw).toContain(NAME);
    const text = raw.replace(/\s+/g, ' ');
    for (const expected of [
      'Data Ethics in Practice',
      'Responsible Machine Learning',
      'Critical essay 60% 50% 1 23 Nov 2026 64%',
      'Online examination 40% 50% 1 23 Nov 2026 66%',
      'Overall 65% (Merit)',
      'Award revoked on 1 December 2026: Issued in error',
      'In progress',
      'Critical essay 60% 50% 1 23 Nov 2026 not marked',
      'Online examination 40% 50% not submitted',
      'Credit of standing awards: 0 CATS',
    ])
      expect(text).toContain(expected);
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    expect(fonts.map((font) => font.name).join(' ')).toMatch(/NotoSansSC/);
  });

  it('serves it to the learner themselves and the registry only', async () => {
    expect((await transcriptPdf(api.token('registry'))).status).toBe(200);
    expect((await transcriptPdf(api.token('learner', 'someone-else'))).status).toBe(403);
    expect((await transcriptPdf(api.token('tutor'))).status).toBe(403);
    expect((await transcriptPdf(null)).status).toBe(401);
    const unknown = await api.request('GET', '/v1/learners/00000000-0000-4000-8000-000000000000/transcript.pdf');
    expect(unknown.status).toBe(404);
  });

  it('carries the same content in the CLR 2.0, valid against the official schema and verifiable', async () => {
    const { credential } = (await api.request('GET', `/v1/learners/${learnerId}/clr`)).body;
    expect(schemaErrors('clrCredential', credential)).toEqual([]);
    expect(await independentVerifier(api).dataIntegrity(credential)).toEqual({ verified: true, errors: [] });
    expect(credential.validFrom).toBe('2026-12-01T10:00:00.000Z');
    const inner: any[] = credential.credentialSubject.verifiableCredential;
    const records = inner.filter((vc) => vc.name.endsWith('course record'));
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(schemaErrors('openBadgeCredential', record)).toEqual([]);
      expect(await independentVerifier(api).dataIntegrity(record)).toEqual({ verified: true, errors: [] });
    }
    const first = records.find((record) => record.name.includes('Data Ethics'));
    const second = records.find((record) => record.name.includes('Responsible Machine Learning'));
    const named = (record: any) =>
      Object.fromEntries(
        record.credentialSubject.result.map((result: any) => [
          record.credentialSubject.achievement.resultDescription.find((d: any) => d.id === result.resultDescription)
            .name,
          result.value ?? result.status,
        ]),
      );
    expect(named(first)).toEqual({
      'Weighted mark (%)': '65',
      Grade: 'Merit',
      Award: 'Award revoked on 1 December 2026: Issued in error',
      'Critical essay, attempt 1': '64',
      'Online examination, attempt 1': '66',
    });
    expect(first.credentialSubject.creditsEarned).toBeUndefined();
    expect(named(second)).toEqual({ 'Weighted mark (%)': 'InProgress', 'Critical essay, attempt 1': 'InProgress' });
    // The revoked award's own credential is in the record, and says it is revoked.
    const award = inner.find((vc) => vc.id === `urn:uuid:${awardId}`);
    expect(await independentVerifier(api).revoked(award)).toBe(true);
  });
});
