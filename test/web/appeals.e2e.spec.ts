import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { APPEAL_REVIEWER_INDEPENDENCE_RULE } from '#domain';
import { boardBody, CHAIR, courseBody, learnerBody, TUTOR } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';
import {
  buildWebApp,
  chromiumAvailableFor,
  launchBrowser,
  screenshot,
  unlabelledControls,
  PAGE_TIMEOUT_MS,
} from './browser.js';
import { horizontalOverflow, settled, unreachableByTab, visit, watchRequests } from './page-checks.js';
import { signInAs } from './sign-in.js';

/**
 * Issue 20's appeal screens, in a real browser against the real system: a learner with a confirmed
 * award appeals it from their record; the registry acknowledges it, reviews it and upholds it with a
 * remedy on the Appeals page (an officer who sat on the deciding board is refused the review); the
 * learner sees the outcome on that result. After the window, the action is not offered and the
 * record says why. Every page: labelled controls, each reachable by Tab, no horizontal scroll at
 * 390 px. Screenshots in test/artifacts/web (50-...).
 */
const SUITE = 'appeals in a browser';
const DECIDED_AT = '2026-11-23T09:00:00Z';

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    const clock = new TestClock(DECIDED_AT);
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    let code: string;
    let appellant: string;
    let lateLearner: string;
    let learner: Page;
    let registry: Page;

    /** A learner whose clean Merit (65) the board confirmed under delegated authority, and who was awarded. */
    const awardedLearner = async (givenName: string, courseId: string): Promise<string> => {
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ givenName }) })).body.id;
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      for (const [componentId, mark] of [
        ['essay', 64],
        ['exam', 66],
      ] as const) {
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
        await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
          token: api.token('tutor', TUTOR),
          body: { componentId, mark },
        });
      }
      await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
      return learnerId;
    };

    /** The page's checks: labelled controls, every one reachable by Tab, no horizontal scroll on a phone. */
    const checkPage = async (page: Page, shot: string) => {
      await page.locator('main h1').waitFor();
      await settled(page);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await unreachableByTab(page)).toEqual([]);
      await screenshot(page, shot);
      await page.setViewportSize({ width: 390, height: 844 });
      expect([shot, await horizontalOverflow(page)]).toEqual([shot, 0]);
      await screenshot(page, `${shot}-phone`);
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    const signedIn = async (role: 'learner' | 'registry', subject?: string): Promise<Page> => {
      const page = await browser.newPage();
      watchRequests(page);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await signInAs(page, role, subject ? { subject } : {});
      return page;
    };

    const appealSection = (page: Page) => page.getByRole('region', { name: 'Appeal' });

    beforeAll(async () => {
      webRoot = buildWebApp();
      api = await TestApp.start({ webRoot, clock });
      const course = courseBody();
      code = course.code;
      const courseId = (await api.request('POST', '/v1/courses', { body: course })).body.id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
      appellant = await awardedLearner('Amira', courseId);
      lateLearner = await awardedLearner('Tomasz', courseId);
      browser = await launchBrowser();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('the learner appeals their confirmed result from their record: grounds from the fixed list and a statement', async () => {
      learner = await signedIn('learner', appellant);
      await visit(learner, '/me');
      const appeal = appealSection(learner);
      await appeal.getByText('You may appeal the board’s decision until 21 Dec 2026.').waitFor();
      await appeal.getByRole('button', { name: 'Appeal this decision' }).click();

      // Sent without a statement: the API's 400 shows beside the Statement field.
      await appeal.getByRole('button', { name: 'Lodge the appeal' }).click();
      await appeal
        .locator('.field-errors')
        .getByText(/^statement /)
        .waitFor();
      expect(await appeal.getByLabel('Statement').getAttribute('aria-invalid')).toBe('true');
      await screenshot(learner, '50-learner-appeal-field-error');

      await appeal.getByLabel('A procedural irregularity in the assessment').check();
      await appeal.getByLabel('Statement').fill('My exam was marked against the previous year’s rubric.');
      await appeal.getByRole('button', { name: 'Lodge the appeal' }).click();
      await appeal.locator('.notice', { hasText: 'Your appeal is lodged.' }).waitFor();
      await appeal.getByText('Appeal lodged').waitFor();
      expect(await appeal.getByRole('button', { name: 'Appeal this decision' }).count()).toBe(0);
      await checkPage(learner, '51-learner-appeal-lodged');
    }, 60_000);

    it('the registry acknowledges the appeal, reviews it and upholds it with a remedy on the Appeals page', async () => {
      registry = await signedIn('registry');
      await registry.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appeals' }).click();
      await registry.getByRole('heading', { name: 'Appeals', level: 1 }).waitFor();
      const card = registry.getByRole('article', { name: new RegExp(`^Amira Okafor · ${code}`) });
      await card.getByText('My exam was marked against the previous year’s rubric.').waitFor();
      await checkPage(registry, '52-registry-appeals-queue');

      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await registry.locator('.notice', { hasText: 'The appeal of Amira Okafor is acknowledged.' }).waitFor();

      // A registry officer who chaired the deciding board may not review it: the API's 403 shows on the card.
      const chair = await signedIn('registry', CHAIR);
      await visit(chair, '/appeals');
      const chairsCard = chair.getByRole('article', { name: new RegExp(`^Amira Okafor · ${code}`) });
      await chairsCard.getByRole('button', { name: 'Start the review' }).click();
      await chairsCard
        .getByRole('alert')
        .filter({ hasText: 'The appeal was not changed' })
        .getByText(APPEAL_REVIEWER_INDEPENDENCE_RULE)
        .waitFor();
      await screenshot(chair, '53-registry-appeal-reviewer-on-board');
      await chair.close();

      await card.getByRole('button', { name: 'Start the review' }).click();
      await registry.locator('.notice', { hasText: 'The appeal of Amira Okafor is under your review.' }).waitFor();
      await card.getByText('Reviewer').waitFor();

      // Upheld with no remedy: the domain's 400 names the field, and shows beside it.
      await card.getByLabel('Upheld', { exact: true }).check();
      await card.getByLabel('Rationale').fill('The exam was marked against a superseded rubric.');
      await card.getByRole('button', { name: 'Record the outcome' }).click();
      await card
        .locator('.field-errors')
        .getByText(/^remedy is required to uphold an appeal/)
        .waitFor();
      expect(await card.getByLabel('Remedy').getAttribute('aria-invalid')).toBe('true');
      await checkPage(registry, '54-registry-appeal-outcome-form');

      await card.getByLabel('Remedy').selectOption('reopen-case');
      await card.getByRole('button', { name: 'Record the outcome' }).click();
      await registry.locator('.notice', { hasText: 'The appeal of Amira Okafor is upheld.' }).waitFor();

      // Decided, it leaves the open queue; the Upheld filter shows it with its remedy.
      await registry.getByLabel('Show').selectOption('upheld');
      await card.getByText('Appeal upheld').waitFor();
      await card.getByText(/The case is reopened to the board/).waitFor();
      await checkPage(registry, '55-registry-appeals-upheld');
    }, 60_000);

    it('the learner sees the outcome on that result', async () => {
      await visit(learner, '/me');
      const appeal = appealSection(learner);
      await appeal.getByText('Appeal upheld').waitFor();
      await appeal
        .getByText(/The case is reopened to the board\. The exam was marked against a superseded rubric\./)
        .waitFor();
      await checkPage(learner, '56-learner-appeal-upheld');
    }, 60_000);

    it('after the window the action is not offered, and the record says why', async () => {
      clock.set('2026-12-22T09:00:00Z');
      try {
        const late = await signedIn('learner', lateLearner);
        await visit(late, '/me');
        const appeal = appealSection(late);
        await appeal
          .getByText(
            'The appeal window for this decision closed on 21 Dec 2026, 28 days after the board confirmed it, so it can no longer be appealed.',
          )
          .waitFor();
        expect(await appeal.getByRole('button', { name: 'Appeal this decision' }).count()).toBe(0);
        await checkPage(late, '57-learner-appeal-window-closed');
      } finally {
        clock.set(DECIDED_AT);
      }
    }, 60_000);
  });
}
