import { readFileSync, rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { boardBody, CHAIR, courseBody, INTERNAL, learnerBody } from '../support/fixtures.js';
import { withSaboteur, type Saboteur } from '../support/saboteur.js';
import { TestApp } from '../support/test-app.js';
import {
  buildWebApp,
  chromiumAvailableFor,
  launchBrowser,
  screenshot,
  unlabelledControls,
  PAGE_TIMEOUT_MS,
} from './browser.js';

/**
 * The web app in a real browser (headless Chromium), against the real system: a tutor marks a
 * submission, the marks make a case that is not clean (a weighted mark on the Merit boundary), the
 * board confirms it by a quorum, and the learner sees the award. Screenshots of every page go to
 * test/artifacts/web.
 */
const SUITE = 'web app in a browser';

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    let learnerId: string;
    let enrolmentId: string;
    let saboteur: Saboteur;

    const open = async (token: string): Promise<Page> => {
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await page.getByLabel('Bearer token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The live stream is connected once the masthead says so.
      await page.locator('.live-live').waitFor();
      return page;
    };

    const expectEveryControlLabelled = async (page: Page) => expect(await unlabelledControls(page)).toEqual([]);

    beforeAll(async () => {
      webRoot = buildWebApp();
      const sabotaged = withSaboteur();
      api = await TestApp.start({ webRoot, processes: sabotaged.processes });
      saboteur = sabotaged.saboteur();
      // FHEQ 7: pass mark 50; essay 60% and exam 40%.
      const course = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: ['tutor-jo'] }) })).body
        .id;
      await api.request('POST', '/v1/boards', { body: boardBody([course]) });
      learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
      const today = new Date().toISOString().slice(0, 10);
      enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId: course, startDate: today } })
      ).body.id;
      for (const componentId of ['essay', 'exam'])
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
      browser = await launchBrowser();
    }, 60_000);

    // Each open page holds a live stream, and Chromium allows six connections to one server.
    afterEach(async () => {
      for (const page of browser.pages()) await page.close();
    });

    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('serves the app at / and client-side routes, leaving API paths to the API', async () => {
      for (const path of ['/', '/board', '/learners/some-learner']) {
        const response = await fetch(`${api.baseUrl}${path}`);
        expect([path, response.status, response.headers.get('content-type')]).toEqual([
          path,
          200,
          'text/html; charset=utf-8',
        ]);
        expect(await response.text()).toContain('<div id="root">');
      }
      for (const path of ['/v1/no-such-endpoint', '/schemas/no-such-schema']) {
        const unknownApi = await fetch(`${api.baseUrl}${path}`);
        expect([unknownApi.status, ((await unknownApi.json()) as { message: string[] }).message]).toEqual([
          404,
          [`Cannot GET ${path}`],
        ]);
      }
      expect((await fetch(`${api.baseUrl}/assets/missing.js`)).status).toBe(404);
      // An API parameter too long for its route is still the router's 414, not the app.
      const tooLong = await fetch(`${api.baseUrl}/v1/enrolments/${'x'.repeat(200)}`);
      expect([tooLong.status, ((await tooLong.json()) as { error: string }).error]).toEqual([414, 'URI Too Long']);
      expect((await fetch(`${api.baseUrl}/health`)).headers.get('content-type')).toContain('application/json');
    });

    it('takes a submission from marking to a board-confirmed award the learner can download and share', async () => {
      // The registry watches the board queue; it must update by itself (server-sent events).
      const registry = await open(api.token('registry'));
      await registry.getByRole('heading', { name: 'Board queue' }).waitFor();
      await registry.getByText('No waiting cases.').waitFor();
      await screenshot(registry, '01-registry-board-queue-empty');

      // The tutor marks both components; a mark out of range is refused with the API's message.
      const tutor = await open(api.token('tutor', 'tutor-jo'));
      await tutor.getByRole('heading', { name: 'Marking queue' }).waitFor();
      await tutor.locator('tbody tr').nth(1).waitFor();
      expect(await tutor.locator('tbody tr .cell-title').allTextContents()).toEqual([
        'Critical essay',
        'Online examination',
      ]);
      await screenshot(tutor, '02-tutor-marking-queue');
      await expectEveryControlLabelled(tutor);
      const row = (component: string) => tutor.locator('tbody tr', { hasText: component });
      await row('Critical essay').getByLabel('Mark for Critical essay').fill('101');
      await row('Critical essay').getByRole('button', { name: 'Record mark' }).click();
      await tutor.getByRole('alert').getByText('mark must not be greater than 100').waitFor();
      await screenshot(tutor, '03-tutor-mark-refused');
      // 56 x 60% + 66 x 40% = 60: on the Merit boundary, so the case needs the board.
      await row('Critical essay').getByLabel('Mark for Critical essay').fill('56');
      await row('Critical essay').getByRole('button', { name: 'Record mark' }).click();
      await tutor.locator('.notice', { hasText: /Mark 56 recorded for Critical essay/ }).waitFor();
      await row('Online examination').getByLabel('Mark for Online examination').fill('66');
      await row('Online examination').getByRole('button', { name: 'Record mark' }).click();
      await tutor.getByText('Nothing is waiting to be marked.').waitFor();
      await screenshot(tutor, '04-tutor-marking-queue-done');
      await tutor.getByRole('link', { name: 'Moderation results' }).click();
      await tutor.getByRole('heading', { name: 'Moderation results' }).waitFor();
      expect(await tutor.locator('.stat', { hasText: 'Marks recorded' }).locator('.stat-value').textContent()).toBe(
        '2',
      );
      await screenshot(tutor, '05-tutor-moderation-results');
      await tutor.close();

      // Without a reload, the registry's queue shows the case and why it was not confirmed at once.
      const concern = registry.getByText('weighted mark 60 is within 3 of a pass or grade boundary');
      await concern.waitFor();
      expect(await registry.locator('.case .outcome').textContent()).toBe('60 · Pass with Merit');
      await screenshot(registry, '06-registry-board-queue-case');

      // The chair and one other member confirm it: a quorum.
      const chair = await open(api.token('board', CHAIR));
      await chair.getByText('weighted mark 60 is within 3 of a pass or grade boundary').waitFor();
      await expectEveryControlLabelled(chair);
      await chair
        .getByLabel('Rationale for the minutes')
        .fill('Consistent marking across both components; Merit stands.');
      await chair.getByRole('button', { name: 'Record my vote' }).click();
      await chair
        .locator('.notice', {
          hasText: 'Your vote is recorded. The case waits for the chair and one other member to agree.',
        })
        .waitFor();
      await screenshot(chair, '07-chair-voted');
      await chair.close();

      const member = await open(api.token('board', INTERNAL));
      // Members by name, not login id.
      await member.getByText('Prof. Samira Ahmed', { exact: true }).waitFor();
      await member.getByLabel('Rationale for the minutes').fill('Agree with the chair.');
      await member.getByRole('button', { name: 'Record my vote' }).click();
      await member.locator('.notice', { hasText: 'Your vote made a quorum: the case is decided.' }).waitFor();
      await screenshot(member, '08-member-quorum');
      await member.close();

      // The registry's queue empties by itself once the case is decided.
      await registry.getByText('No waiting cases.').waitFor();

      // The learner signs in with the keyboard alone and sees the award.
      const learner = await browser.newPage();
      learner.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await learner.goto(`${api.baseUrl}/`);
      await screenshot(learner, '09-sign-in');
      await learner.keyboard.press('Tab');
      await learner.keyboard.insertText(api.token('learner', learnerId));
      await learner.keyboard.press('Tab');
      await learner.keyboard.press('Enter');
      await learner.getByRole('heading', { name: 'Amira Okafor' }).waitFor();
      const award = learner.locator('article.award');
      await award.getByRole('heading', { name: 'Data Ethics in Practice' }).waitFor();
      expect(await award.locator('.outcome').textContent()).toBe('Merit · 60');
      await expectEveryControlLabelled(learner);
      await screenshot(learner, '10-learner-record');

      const [download] = await Promise.all([
        learner.waitForEvent('download'),
        award.getByRole('button', { name: 'Download certificate (PDF)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^certificate-.+\.pdf$/);
      expect(
        readFileSync((await download.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      const link = await award.getByLabel('Credential link to share').inputValue();
      expect(link).toMatch(new RegExp(`^${api.baseUrl}/v1/awards/[0-9a-f-]{36}/credential$`));
      const credential = await fetch(link);
      expect(credential.status).toBe(200);
      expect(typeof ((await credential.json()) as { jwt: unknown }).jwt).toBe('string');
    }, 120_000);

    it('shows the registry the learner, the record with its timeline, and the course monitoring', async () => {
      const registry = await open(api.token('registry'));
      await registry.getByRole('link', { name: 'Learners' }).click();
      await registry.getByLabel('Search learners').fill('okafor');
      await registry.getByRole('link', { name: 'Okafor, Amira' }).waitFor();
      await expectEveryControlLabelled(registry);
      await screenshot(registry, '11-registry-learners');

      await registry.getByRole('link', { name: 'Okafor, Amira' }).click();
      await registry.getByRole('heading', { name: 'Amira Okafor' }).waitFor();
      const timeline = registry.locator('ol.timeline');
      await timeline.getByText(/Board confirmed the outcome: pass with Merit \(60\)/).waitFor();
      await timeline.getByText('Critical essay marked 56').waitFor();
      expect(await registry.getByRole('button', { name: 'Revoke award…' }).count()).toBe(1);
      await expectEveryControlLabelled(registry);
      await screenshot(registry, '12-registry-learner-record');

      // A prior-learning decision with a missing field: the API's messages show beside the form.
      await registry.getByRole('button', { name: 'Record decision' }).click();
      await registry.getByRole('alert').filter({ hasText: 'The decision was not recorded' }).waitFor();
      await screenshot(registry, '13-registry-rpl-refused');

      await registry.getByRole('link', { name: 'Monitoring' }).click();
      await registry.getByRole('link', { name: /Data Ethics in Practice/ }).click();
      await registry.getByText('Pass rate').waitFor();
      const stat = (label: string) =>
        registry.locator('.stat', { hasText: label }).locator('.stat-value').textContent();
      expect(await stat('Enrolments')).toBe('1');
      expect(await stat('Completions')).toBe('1');
      expect(await stat('Pass rate')).toBe('100%');
      expect(await stat('Moderation coverage')).toBe('0%');
      expect(await registry.locator('figure.chart svg[role="img"]').count()).toBe(4);
      await screenshot(registry, '14-registry-monitoring');

      await registry.getByRole('link', { name: 'Moderation' }).click();
      await registry.getByText('No sampled mark is waiting for moderation.').waitFor();
      await screenshot(registry, '15-registry-moderation');

      // The learner's award, revoked by the registry, shows revoked on the learner's record.
      await registry.goto(`${api.baseUrl}/learners/${learnerId}`);
      await registry.getByRole('button', { name: 'Revoke award…' }).click();
      await registry.getByLabel('Reason for revocation').fill('Issued in error: test of revocation.');
      await registry.getByRole('button', { name: 'Revoke award', exact: true }).click();
      await registry.locator('article.award').getByText('Revoked', { exact: true }).waitFor();
      await screenshot(registry, '16-registry-award-revoked');
    }, 90_000);

    it('lists a parked stream for the registry and retries it once fixed', async () => {
      const stuck = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'stuck@example.org' }) }))
        .body.id;
      saboteur.broken.add(`learner-${stuck}`);
      await api.request('POST', `/v1/learners/${stuck}/erasure`, { body: { reason: 'Erasure request' } });
      await api.eventually('/v1/operations/parked', (list: unknown[]) => list.length === 1);

      const registry = await open(api.token('registry'));
      await registry.getByRole('link', { name: 'Parked streams' }).click();
      const row = registry.getByRole('row', { name: new RegExp(`learner-${stuck}`) });
      await row.getByText(`TypeError: cannot read properties of learner-${stuck}`).waitFor();
      await expectEveryControlLabelled(registry);
      await screenshot(registry, '17-registry-parked-streams');

      saboteur.broken.delete(`learner-${stuck}`);
      await row.getByRole('button', { name: 'Retry' }).click();
      await registry.locator('.notice').getByText(`learner-${stuck} was replayed and flows again.`).waitFor();
      await registry.getByText('No stream is parked: every consumer is keeping up.').waitFor();
      await screenshot(registry, '18-registry-parked-stream-retried');
    }, 60_000);
    it('bulk-enrols 50 learners from a CSV: two bad rows reported, nothing of them written, the rest committed', async () => {
      const registry = await open(api.token('registry'));
      const code = (await api.request('GET', '/v1/courses')).body[0].code;
      const today = new Date().toISOString().slice(0, 10);
      const sheet = [
        'givenName,familyName,email,courseCode,startDate',
        ...Array.from({ length: 50 }, (_, i) => `Bulk,Learner ${i + 1},bulk${i + 1}@example.org,${code},${today}`),
        `Bad,Email,not-an-email,${code},${today}`,
        `Bad,Date,bad.date@example.org,${code},someday`,
      ].join('\n');
      await registry.getByRole('link', { name: 'Bulk upload' }).click();
      await registry.getByLabel('Or paste the CSV').fill(sheet);
      await registry.getByRole('button', { name: 'Preview' }).click();
      await registry.getByText('row 52, column email: must be an email address').waitFor();
      await registry.getByText('row 53, column startDate: must be a date as YYYY-MM-DD').waitFor();
      await expectEveryControlLabelled(registry);
      await screenshot(registry, '22-registry-bulk-preview');
      await registry.getByRole('button', { name: 'Commit 50 rows' }).click();
      await registry.getByText(/Committed: 52 rows; 50 new/).waitFor();
      await screenshot(registry, '23-registry-bulk-committed');
      const learners = await api.request('GET', '/v1/learners?search=bulk');
      expect(learners.body).toHaveLength(50);
      expect((await api.request('GET', '/v1/learners?search=bad')).body).toEqual([]);
    }, 90_000);

    it('keeps a learner to their own pages and refuses a malformed token at sign-in', async () => {
      const page = await browser.newPage();
      await page.goto(`${api.baseUrl}/board`);
      await page.getByLabel('Bearer token').fill('not-a-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That is not a token: a token has three parts separated by dots.').waitFor();
      await page.getByLabel('Bearer token').fill(api.token('learner', learnerId));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
        'My record',
      ]);
    });
  });
}
