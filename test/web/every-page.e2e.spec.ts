import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { Role } from '#records-api';
import { boardBody, CHAIR, courseBody, EXTERNAL, INTERNAL, learnerBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { buildWebApp, chromiumAvailableFor, launchBrowser, screenshot, PAGE_TIMEOUT_MS } from './browser.js';
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
 * Issue 18's leftovers in a real browser: the board queue by name and filtered by board and course;
 * a new course version and a pathway conferment through their forms; a learner's own record showing
 * marks as provisional and nothing of sampling, moderation notes or integrity flags; and every page
 * of the app, for each role, usable by keyboard alone and without horizontal scroll at 390 px.
 * Screenshots in test/artifacts/web (50-...).
 */
const SUITE = 'every page of the web app';
const TODAY = new Date().toISOString().slice(0, 10);
const FLAG_TEXT = 'Matching text found in a submitted essay';
const MODERATOR_NOTE = 'First marker under-credited the analysis';

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    const ids = {} as Record<
      'main' | 'other' | 'stack' | 'mainBoard' | 'otherBoard' | 'nia' | 'tomas' | 'pia' | 'lena' | 'stacker',
      string
    >;

    const open = async (role: Role, subject?: string): Promise<Page> => {
      const page = await browser.newPage();
      watchRequests(page);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await signInAs(page, role, subject === undefined ? {} : { subject });
      return page;
    };

    const register = async (givenName: string, familyName: string, email: string) =>
      (await api.request('POST', '/v1/learners', { body: learnerBody({ givenName, familyName, email }) })).body
        .id as string;
    const enrolAndSubmit = async (learnerId: string, courseId: string) => {
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: TODAY } })
      ).body.id as string;
      for (const componentId of ['essay', 'exam'])
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
      return enrolmentId;
    };
    const mark = async (enrolmentId: string, tutorId: string, componentId: string, value: number) => {
      const marked = await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor', tutorId),
        body: { componentId, mark: value },
      });
      expect(marked.status).toBe(201);
    };
    const pendingCase = (enrolmentId: string) =>
      api
        .eventually('/v1/boards/cases', (cases: any[]) => cases.some((c) => c.enrolmentId === enrolmentId))
        .then((cases: any[]) => cases.find((c) => c.enrolmentId === enrolmentId).id as string);

    beforeAll(async () => {
      webRoot = buildWebApp();
      api = await TestApp.start({ webRoot });
      // Each course has its own tutor, so no rolling sample of another test's marks holds these.
      const course = async (code: string, title: string, tutorId: string, credits = 15) =>
        (await api.request('POST', '/v1/courses', { body: courseBody({ code, title, credits, tutorIds: [tutorId] }) }))
          .body.id as string;
      ids.main = await course('DSE810', 'Data Ethics in Practice', 'tutor-jo');
      ids.other = await course('STA810', 'Applied Statistics', 'tutor-stats');
      ids.stack = await course('DSC830', 'Data Science Foundations', 'tutor-stack', 30);
      ids.mainBoard = (
        await api.request('POST', '/v1/boards', {
          body: boardBody([ids.main, ids.stack], { name: 'Digital Skills Micro-board' }),
        })
      ).body.id;
      ids.otherBoard = (
        await api.request('POST', '/v1/boards', { body: boardBody([ids.other], { name: 'Statistics Micro-board' }) })
      ).body.id;

      // Nia: 56 and 66 make 60, on the Merit boundary: a case for the main board.
      ids.nia = await register('Nia', 'Barros', 'nia.barros@example.org');
      const nia = await enrolAndSubmit(ids.nia, ids.main);
      await mark(nia, 'tutor-jo', 'essay', 56);
      await mark(nia, 'tutor-jo', 'exam', 66);
      // Tomás: mitigating circumstances claimed: a case for the statistics board, with one vote on it.
      ids.tomas = await register('Tomás', 'Reyes', 'tomas.reyes@example.org');
      const tomas = await enrolAndSubmit(ids.tomas, ids.other);
      await api.request('POST', `/v1/enrolments/${tomas}/mitigating-circumstances`, {
        token: api.token('learner', ids.tomas),
        body: { reason: 'Bereavement during the assessment period' },
      });
      await mark(tomas, 'tutor-stats', 'essay', 64);
      await mark(tomas, 'tutor-stats', 'exam', 66);
      await api.request('POST', `/v1/boards/cases/${await pendingCase(tomas)}/decisions`, {
        token: api.token('board', INTERNAL),
        body: { decision: 'confirm', rationale: 'Evidence seen' },
      });
      await pendingCase(nia);
      // Pia: a failed essay held for moderation, an integrity flag, the exam still to mark.
      ids.pia = await register('Pia', 'Private', 'pia.private@example.org');
      const pia = await enrolAndSubmit(ids.pia, ids.main);
      await mark(pia, 'tutor-jo', 'essay', 45);
      await api.request('POST', `/v1/enrolments/${pia}/integrity-flags`, { body: { reason: FLAG_TEXT } });
      // Lena: a failed essay the external examiner moderated up, with a note.
      ids.lena = await register('Lena', 'Moderated', 'lena.moderated@example.org');
      const lena = await enrolAndSubmit(ids.lena, ids.main);
      await mark(lena, 'tutor-jo', 'essay', 44);
      await api.eventually(
        `/v1/enrolments/${lena}`,
        (e: any) => e.components[0].attempts[0].classification === 'sampled',
      );
      const moderated = await api.request('POST', `/v1/enrolments/${lena}/moderations`, {
        token: api.token('examiner', EXTERNAL),
        body: { componentId: 'essay', decision: 'adjusted', mark: 52, reason: MODERATOR_NOTE },
      });
      expect(moderated.status).toBe(201);
      // The stacker: a 30-credit award and 30 credits of prior learning make the 60 of a PgCert.
      ids.stacker = await register('Sam', 'Stacker', 'sam.stacker@example.org');
      const stack = await enrolAndSubmit(ids.stacker, ids.stack);
      await mark(stack, 'tutor-stack', 'essay', 64);
      await mark(stack, 'tutor-stack', 'exam', 66);
      await api.eventually(`/v1/learners/${ids.stacker}/record`, (r: any) => r.awards.length === 1);
      for (const title of ['Research Methods', 'Data Visualisation'])
        expect(
          (
            await api.request('POST', `/v1/learners/${ids.stacker}/credits`, {
              body: {
                decision: 'recognised',
                kind: 'rpl',
                provider: 'Workplace portfolio',
                title,
                credits: 15,
                level: { framework: 'FHEQ', level: 7 },
                awardedOn: '2025-06-30',
                evidenceRef: `portfolio/${title}.pdf`,
              },
            })
          ).status,
        ).toBe(201);
      expect(
        (
          await api.request('POST', '/v1/pathways', {
            body: {
              title: 'PgCert Data Practice',
              awardingBody: 'University of Northshire',
              level: { framework: 'FHEQ', level: 7 },
              totalCredits: 60,
              minCreditsAtLevel: 40,
              allowedCourseIds: [ids.stack],
            },
          })
        ).status,
      ).toBe(201);
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

    it('shows the board queue by learner and member names, filtered by board and by course', async () => {
      const registry = await open('registry');
      await visit(registry, '/board');
      const cards = registry.locator('article.case');
      await cards.filter({ hasText: 'Nia Barros' }).getByRole('link', { name: 'Nia Barros' }).waitFor();
      await cards.filter({ hasText: 'Tomás Reyes' }).getByText('Dr Owen Lewis').waitFor();
      await screenshot(registry, '50-board-queue-names');

      await registry.getByLabel('Board', { exact: true }).selectOption({ label: 'Statistics Micro-board' });
      await cards.filter({ hasText: 'Nia Barros' }).waitFor({ state: 'detached' });
      // The filtered list replaces the whole list: wait for it before counting.
      await cards.filter({ hasText: 'Tomás Reyes' }).waitFor();
      expect(await cards.count()).toBe(1);
      expect(await cards.first().textContent()).toContain('Tomás Reyes');
      await registry.getByLabel('Board', { exact: true }).selectOption({ label: 'All boards' });
      await registry.getByLabel('Course', { exact: true }).selectOption({ label: 'DSE810 · Data Ethics in Practice' });
      await cards.filter({ hasText: 'Tomás Reyes' }).waitFor({ state: 'detached' });
      await cards.filter({ hasText: 'Nia Barros' }).waitFor();
      await screenshot(registry, '51-board-queue-filtered');

      // The chair reads names too, and no learner's id.
      const chair = await open('board', CHAIR);
      await visit(chair, '/board');
      await chair.locator('article.case', { hasText: 'Nia Barros' }).waitFor();
      expect(await chair.locator('main').textContent()).not.toContain(ids.nia.slice(0, 8));
    }, 60_000);

    it('saves a new version of an approved course for approval, the API’s messages beside their fields', async () => {
      const registry = await open('registry');
      await visit(registry, `/courses/${ids.main}`);
      await registry.getByText('A new version, for approval').click();
      const version = registry.getByRole('form', { name: 'A new version of the course' });
      await version.getByLabel('Course title').fill('Data Ethics in Practice (2027)');
      await version.getByRole('button', { name: 'Save the new version' }).click();
      await version
        .locator('.field', { has: registry.getByText('Reason for the change', { exact: true }) })
        .locator('.field-errors')
        .getByText(/^reason /)
        .waitFor();
      await screenshot(registry, '52-course-version-refused');
      await version.getByLabel('Reason for the change').fill('Updated for the 2027 intake');
      await version.getByRole('button', { name: 'Save the new version' }).click();
      await version.locator('.notice', { hasText: 'Version 2 of DSE810 awaits approval' }).waitFor();
      await registry.getByText('Version 2 awaits approval: Updated for the 2027 intake.').waitFor();
      const course = (await api.request('GET', `/v1/courses/${ids.main}`)).body;
      expect(course).toMatchObject({
        title: 'Data Ethics in Practice',
        revision: { version: 2, title: 'Data Ethics in Practice (2027)', reason: 'Updated for the 2027 intake' },
      });
      // What the form does not ask about is kept.
      expect(course.revision.issuerCountry).toBe(course.issuerCountry);
      await screenshot(registry, '53-course-version-awaiting-approval');
    }, 60_000);

    it('confers a pathway award from the learner’s record, and gives the reasons another is not eligible', async () => {
      const registry = await open('registry');
      await visit(registry, `/learners/${ids.nia}`);
      const confer = registry.getByRole('form', { name: 'Confer a pathway award' });
      await confer.getByLabel('Pathway').selectOption({ label: 'PgCert Data Practice · 60 credits' });
      await confer.getByText('Not yet eligible:').waitFor();
      await confer.getByRole('button', { name: 'Confer the award' }).click();
      await confer.getByRole('alert').filter({ hasText: 'The award was not conferred' }).waitFor();
      await screenshot(registry, '54-conferment-not-eligible');

      await visit(registry, `/learners/${ids.stacker}`);
      await confer.getByLabel('Pathway').selectOption({ label: 'PgCert Data Practice · 60 credits' });
      await confer.getByText('Eligible to confer.').waitFor();
      await confer.getByRole('button', { name: 'Confer the award' }).click();
      await confer.locator('.notice', { hasText: 'PgCert Data Practice is conferred, using 60 credits.' }).waitFor();
      await registry.getByText(/PgCert Data Practice: 60 CATS, conferred/).waitFor();
      await screenshot(registry, '55-conferment-conferred');
    }, 60_000);

    it('shows learners their marks as provisional, and nothing of sampling, moderation notes or integrity flags', async () => {
      for (const [learnerId, shot] of [
        [ids.pia, '56-learner-sampled-and-flagged'],
        [ids.lena, '57-learner-moderated'],
      ] as const) {
        const learner = await open('learner', learnerId);
        await learner.getByText('Marks provisional until the board confirms').first().waitFor();
        await settled(learner);
        const text = (await learner.locator('main').textContent())!;
        for (const hidden of [FLAG_TEXT, MODERATOR_NOTE, '(a fail)', 'near a boundary', 'systematic sample'])
          expect([learnerId, hidden, text.includes(hidden)]).toEqual([learnerId, hidden, false]);
        await screenshot(learner, shot);
        await learner.close();
      }
    }, 60_000);

    /** Every page a role has, usable by Tab alone and on a 390 px phone: the problems found, all at once. */
    const checkPages = async (page: Page, role: string, paths: string[]): Promise<string[]> => {
      const problems: string[] = [];
      for (const [i, path] of paths.entries()) {
        await visit(page, path);
        await page.locator('main h1').waitFor();
        await settled(page);
        const unreachable = await unreachableByTab(page);
        if (unreachable.length) problems.push(`${path}: Tab never reaches ${unreachable.join(' | ')}`);
        const shot = `60-${role}-${i}${path.replace(/[0-9a-f-]{36}/, 'id').replace(/\W+/g, '-')}`;
        await screenshot(page, shot);
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await horizontalOverflow(page);
        if (overflow)
          problems.push(`${path}: ${overflow} px of horizontal scroll at 390 px (${await overflowingElements(page)})`);
        await screenshot(page, `${shot}-phone`);
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      return problems;
    };

    it('keeps every page usable by keyboard alone and on a phone, for every role', async () => {
      const problems: string[] = [];
      const registry = await open('registry');
      problems.push(
        ...(await checkPages(registry, 'registry', [
          '/board',
          '/moderation',
          '/courses',
          '/courses/new',
          `/courses/${ids.main}`,
          '/boards/new',
          '/pathways/new',
          '/enrolments/new',
          '/learners',
          '/learners/new',
          `/learners/${ids.pia}`,
          '/monitoring',
          `/monitoring/${ids.main}`,
          '/operations/parked',
          '/webhooks',
          '/bulk',
        ])),
      );
      await registry.close();
      for (const [role, subject, paths] of [
        ['tutor', 'tutor-jo', ['/marking', '/marking/results']],
        ['board', CHAIR, ['/board', '/moderation']],
        ['examiner', EXTERNAL, ['/moderation', '/board']],
        ['learner', ids.pia, ['/me']],
      ] as const) {
        const page = await open(role, subject);
        problems.push(...(await checkPages(page, role, [...paths])));
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 400_000);
  });
}
