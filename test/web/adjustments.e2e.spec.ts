import { readFileSync, rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { ADJUSTMENT_DAYS_RULE, MAX_EXTENSION_DAYS, TEXT_RULE } from '#domain';
import type { Role } from '#records-api';
import { boardBody, CHAIR, courseBody, EXTERNAL, learnerBody, TUTOR } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import {
  buildWebApp,
  chromiumAvailableFor,
  launchBrowser,
  screenshot,
  unlabelledControls,
  PAGE_TIMEOUT_MS,
} from './browser.js';
import {
  horizontalOverflow,
  overflowingElements,
  settled,
  unreachableByTab,
  visit,
  watchRequests,
} from './page-checks.js';
import { signInAs } from './sign-in.js';

/**
 * Issue 20's reasonable adjustments, transcript and appeals on the web app, in a real browser: the
 * registry records an adjustment on the learner's record (a 400 shows beside its field first); the
 * tutor sees it on the submission they mark, a moderator and a board member on the mark and the case
 * they act on; the learner sees their own on their record (never another's) and downloads their
 * transcript as a PDF; the registry withdraws it, and the record lists the learner's appeals. Every
 * page: labelled controls, each reachable by Tab, no horizontal scroll at 390 px. Screenshots in
 * test/artifacts/web (70-...).
 */
const SUITE = 'reasonable adjustments in a browser';
const TODAY = new Date().toISOString().slice(0, 10);
const MARKER = 'tutor-adjust';
const EXTRA_TIME_NOTE = '25% extra time in timed assessments';
const REST_BREAKS_NOTE = 'A ten-minute break each hour';
const SCREEN_READER_NOTE = 'Screen reader in the examination';

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    let code: string;
    const ids = {} as Record<'amira' | 'nia' | 'pia' | 'appellant' | 'amiraEnrolment', string>;

    const open = async (role: Role, subject?: string): Promise<Page> => {
      const page = await browser.newPage();
      watchRequests(page);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await signInAs(page, role, subject === undefined ? {} : { subject });
      return page;
    };

    /** The page's checks: labelled controls, every one reachable by Tab, no horizontal scroll on a phone. */
    const checkPage = async (page: Page, shot: string) => {
      await page.locator('main h1').waitFor();
      await settled(page);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await unreachableByTab(page)).toEqual([]);
      await screenshot(page, shot);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `${shot}-phone`);
      // What sticks out is named only when the page scrolls (a wide table scrolls inside its own box).
      const overflow = await horizontalOverflow(page);
      expect([shot, overflow, overflow ? await overflowingElements(page) : []]).toEqual([shot, 0, []]);
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    const register = async (givenName: string, familyName: string) =>
      (await api.request('POST', '/v1/learners', { body: learnerBody({ givenName, familyName }) })).body.id as string;
    const enrol = async (learnerId: string, courseId: string, components: string[]) => {
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: TODAY } })
      ).body.id as string;
      for (const componentId of components)
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
      return enrolmentId;
    };
    const mark = async (enrolmentId: string, tutorId: string, componentId: string, value: number) =>
      expect(
        (
          await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
            token: api.token('tutor', tutorId),
            body: { componentId, mark: value },
          })
        ).status,
      ).toBe(201);
    const adjust = async (enrolmentId: string, type: string, note: string) =>
      expect(
        (await api.request('POST', `/v1/enrolments/${enrolmentId}/adjustments`, { body: { type, note } })).status,
      ).toBe(201);

    const enrolmentCard = (page: Page) => page.getByRole('article', { name: new RegExp(`^${code} `) });
    const adjustmentsOn = (page: Page) => enrolmentCard(page).getByRole('region', { name: 'Reasonable adjustments' });

    beforeAll(async () => {
      webRoot = buildWebApp();
      api = await TestApp.start({ webRoot });
      // Its own tutor: no rolling sample of another course's marks holds these.
      const course = courseBody({ tutorIds: [MARKER] });
      code = course.code;
      const courseId = (await api.request('POST', '/v1/courses', { body: course })).body.id as string;
      const appealsCourseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id as string;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId, appealsCourseId]) });

      // Amira: the essay handed in, waiting for its mark; the registry records her adjustment in the browser.
      ids.amira = await register('Amira', 'Okafor');
      ids.amiraEnrolment = await enrol(ids.amira, courseId, ['essay']);
      // Nia: rest breaks, and 56 and 66 make 60, on the Merit boundary: a case for the board.
      ids.nia = await register('Nia', 'Barros');
      const nia = await enrol(ids.nia, courseId, ['essay', 'exam']);
      await adjust(nia, 'rest-breaks', REST_BREAKS_NOTE);
      await mark(nia, MARKER, 'essay', 56);
      await mark(nia, MARKER, 'exam', 66);
      // Pia: a screen reader, and a failed essay held for moderation.
      ids.pia = await register('Pia', 'Private');
      const pia = await enrol(ids.pia, courseId, ['essay']);
      await adjust(pia, 'assistive-technology', SCREEN_READER_NOTE);
      await mark(pia, MARKER, 'essay', 45);
      // Tomasz: a clean Merit confirmed and awarded, then appealed.
      ids.appellant = await register('Tomasz', 'Nowak');
      const appealed = await enrol(ids.appellant, appealsCourseId, ['essay', 'exam']);
      await mark(appealed, TUTOR, 'essay', 64);
      await mark(appealed, TUTOR, 'exam', 66);
      await api.eventually(`/v1/learners/${ids.appellant}/record`, (r: any) => r.awards.length === 1);
      const lodged = await api.request('POST', `/v1/enrolments/${appealed}/appeals`, {
        token: api.token('learner', ids.appellant),
        body: { grounds: ['administrative-error'], statement: 'The exam mark was entered against the wrong paper.' },
      });
      expect(lodged.status).toBe(201);

      await api.eventually('/v1/boards/cases', (cases: any[]) => cases.some((c) => c.enrolmentId === nia));
      await api.eventually('/v1/marking/moderation-queue', (items: any[]) => items.some((i) => i.enrolmentId === pia));
      browser = await launchBrowser();
    }, 120_000);

    // Each open page holds a live stream, and Chromium allows six connections to one server.
    afterEach(async () => {
      for (const page of browser.pages()) await page.close();
    });

    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('the registry records an adjustment on the learner record: a 400 beside its field first', async () => {
      const registry = await open('registry');
      await visit(registry, `/learners/${ids.amira}`);
      await registry.getByText('Record or withdraw a reasonable adjustment').click();
      const form = registry.getByRole('form', { name: `Record a reasonable adjustment on ${code}` });
      await form.getByLabel('Type of adjustment').selectOption({ label: 'Extra time' });

      // More days than the rule allows: the API's 400 shows beside the days field.
      const days = form.getByLabel('Extra days before the deadline');
      await days.fill(String(MAX_EXTENSION_DAYS + 1));
      await form.getByRole('button', { name: 'Record the adjustment' }).click();
      await form.locator('.field-errors').getByText(`extensionDays ${ADJUSTMENT_DAYS_RULE}`).waitFor();
      expect(await days.getAttribute('aria-invalid')).toBe('true');
      await screenshot(registry, '70-registry-adjustment-field-error');

      await days.fill('7');
      await form.getByLabel('Note for markers and the board').fill(EXTRA_TIME_NOTE);
      await form.getByRole('button', { name: 'Record the adjustment' }).click();
      await form.locator('.notice', { hasText: 'Adjustment recorded: extra time.' }).waitFor();
      const listed = adjustmentsOn(registry).getByRole('listitem');
      await listed
        .filter({ hasText: 'In force' })
        .filter({ hasText: `Extra time (+7 days): ${EXTRA_TIME_NOTE}` })
        .waitFor();
      // The staff see who approved it.
      await listed.getByText(/Approved by registry-1 on/).waitFor();
      await checkPage(registry, '71-registry-adjustment-recorded');
    }, 60_000);

    it('the tutor sees it on the submission they mark, a moderator on the mark, the board on the case', async () => {
      const tutor = await open('tutor', MARKER);
      await visit(tutor, '/marking');
      const row = tutor.getByRole('row').filter({ hasText: `enrolment ${ids.amiraEnrolment.slice(0, 8)}` });
      await row.getByText(`Adjustment: extra time (+7 days) · ${EXTRA_TIME_NOTE}`).waitFor();
      // Anonymous as the item is: the learner is not named.
      expect(await row.textContent()).not.toContain('Amira');
      await checkPage(tutor, '72-tutor-marking-queue-adjustment');

      const examiner = await open('examiner', EXTERNAL);
      await visit(examiner, '/moderation');
      await examiner
        .getByRole('article')
        .getByText(`Adjustment: assistive technology (deadline unchanged) · ${SCREEN_READER_NOTE}`)
        .waitFor();
      await checkPage(examiner, '73-moderation-queue-adjustment');

      const chair = await open('board', CHAIR);
      await visit(chair, '/board');
      await chair
        .locator('article.case', { hasText: 'Nia Barros' })
        .getByText(`Adjustment: rest breaks (deadline unchanged) · ${REST_BREAKS_NOTE}`)
        .waitFor();
      await checkPage(chair, '74-board-queue-adjustment');
    }, 90_000);

    it('the learner sees their own adjustment on their record and downloads their transcript as a PDF', async () => {
      const learner = await open('learner', ids.amira);
      await visit(learner, '/me');
      const listed = adjustmentsOn(learner).getByRole('listitem');
      await listed
        .filter({ hasText: 'In force' })
        .filter({ hasText: `Extra time (+7 days): ${EXTRA_TIME_NOTE}` })
        .waitFor();
      // The learner's own view names no member of staff.
      expect(await listed.first().textContent()).not.toContain('registry-1');

      const [response, download] = await Promise.all([
        learner.waitForResponse((r) => r.url().endsWith(`/v1/learners/${ids.amira}/transcript.pdf`)),
        learner.waitForEvent('download'),
        learner.getByRole('button', { name: 'Download transcript (PDF)' }).click(),
      ]);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/pdf');
      expect(download.suggestedFilename()).toBe('transcript.pdf');
      expect(
        readFileSync(await download.path())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
      await checkPage(learner, '75-learner-own-adjustment');

      // Another learner sees their own adjustment, never Amira's.
      const nia = await open('learner', ids.nia);
      await visit(nia, '/me');
      await adjustmentsOn(nia).getByText(`Rest breaks (deadline unchanged): ${REST_BREAKS_NOTE}`).waitFor();
      expect(await nia.locator('main').textContent()).not.toContain(EXTRA_TIME_NOTE);
    }, 60_000);

    it('the registry withdraws the adjustment (a 400 beside the reason first); the tutor no longer sees it', async () => {
      const registry = await open('registry');
      await visit(registry, `/learners/${ids.amira}`);
      await registry.getByText('Record or withdraw a reasonable adjustment').click();
      const form = registry.getByRole('form', { name: `Withdraw a reasonable adjustment on ${code}` });
      await form.getByLabel('Adjustment to withdraw').selectOption({ label: 'Extra time (+7 days)' });
      await form.getByRole('button', { name: 'Withdraw the adjustment' }).click();
      const reason = form.getByLabel('Reason for withdrawing it');
      await form.locator('.field-errors').getByText(`reason ${TEXT_RULE}`).waitFor();
      expect(await reason.getAttribute('aria-invalid')).toBe('true');

      await reason.fill('The assessment no longer has a time limit');
      await form.getByRole('button', { name: 'Withdraw the adjustment' }).click();
      await registry.locator('.notice', { hasText: 'Adjustment withdrawn: extra time (+7 days).' }).waitFor();
      await adjustmentsOn(registry)
        .getByRole('listitem')
        .filter({ hasText: 'Withdrawn' })
        .getByText(/withdrawn by registry-1 on .*: The assessment no longer has a time limit/)
        .waitFor();
      await checkPage(registry, '76-registry-adjustment-withdrawn');

      const tutor = await open('tutor', MARKER);
      await visit(tutor, '/marking');
      const row = tutor.getByRole('row').filter({ hasText: `enrolment ${ids.amiraEnrolment.slice(0, 8)}` });
      await row.waitFor();
      await row.getByText(/^Adjustment:/).waitFor({ state: 'detached' });
      await settled(tutor);
      expect(await row.textContent()).not.toContain('Adjustment:');
    }, 60_000);

    it("the registry's learner record lists the learner's appeals, links to the Appeals page, and offers the transcript", async () => {
      const registry = await open('registry');
      await visit(registry, `/learners/${ids.appellant}`);
      const appeals = registry.getByRole('region', { name: 'Appeals' });
      await appeals.getByRole('row').filter({ hasText: 'Appeal lodged' }).filter({ hasText: 'Pass · 65' }).waitFor();
      await appeals.getByRole('link', { name: /Appeals page/ }).waitFor();
      await registry.getByRole('button', { name: 'Download transcript (PDF)' }).waitFor();
      await checkPage(registry, '77-registry-learner-appeals');

      // Once the board has confirmed the result there is no deadline left to move: the API's 409 shows on the form.
      await registry.getByText('Record or withdraw a reasonable adjustment').click();
      const form = registry.getByRole('form', { name: /^Record a reasonable adjustment/ });
      await form.getByRole('button', { name: 'Record the adjustment' }).click();
      await form
        .getByRole('alert')
        .filter({ hasText: 'The adjustment was not recorded' })
        .getByText('cannot record a reasonable adjustment: enrolment is confirmed')
        .waitFor();
      await screenshot(registry, '78-registry-adjustment-refused-after-confirmation');

      await appeals.getByRole('link', { name: /Appeals page/ }).click();
      await registry.getByRole('heading', { name: 'Appeals', level: 1 }).waitFor();
    }, 60_000);
  });
}
