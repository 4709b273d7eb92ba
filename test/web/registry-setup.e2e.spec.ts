import { readFileSync, rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { TestApp } from '../support/test-app.js';
import {
  buildWebApp,
  chromiumAvailableFor,
  launchBrowser,
  screenshot,
  unlabelledControls,
  PAGE_TIMEOUT_MS,
} from './browser.js';
import { freePort } from '../support/built-system.js';
import { horizontalOverflow, settled, unreachableByTab, visit, watchRequests } from './page-checks.js';
import { signInThroughProvider } from './sign-in-oidc.js';

/**
 * Issue 18's "done when", in a real browser against the real system: the registry sets up a course
 * and a board through the forms, bulk-enrols 50 learners from a CSV (two bad rows reported, nothing
 * of them written), uploads their marks from the course's own mark sheet, and sees awards appear;
 * a learner then sees only what is theirs. Both sign in through the development identity provider, as
 * `npm start` offers it. Every new page: no horizontal scroll at 390 px, every
 * control reachable by Tab. Screenshots in test/artifacts/web (24-...).
 */
const SUITE = 'registry set-up in a browser';
const CODE = 'DSE801';
const TODAY = new Date().toISOString().slice(0, 10);

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    let registry: Page;
    let learnerBrowser: BrowserContext | undefined;

    const field = (page: Page, label: string) =>
      page.locator('.field').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });

    /** A new page's checks: labelled controls, every one reachable by Tab, no horizontal scroll on a phone. */
    const checkPage = async (page: Page, path: string, shot: string) => {
      await visit(page, path);
      await page.locator('main h1').waitFor();
      await settled(page);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await unreachableByTab(page)).toEqual([]);
      await screenshot(page, shot);
      await page.setViewportSize({ width: 390, height: 844 });
      expect([path, await horizontalOverflow(page)]).toEqual([path, 0]);
      await screenshot(page, `${shot}-phone`);
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    beforeAll(async () => {
      webRoot = buildWebApp();
      // As `npm start` runs: its development identity provider on the API's own origin.
      api = await TestApp.start({ webRoot, env: { PORT: String(await freePort()), AUTH_DEV_PROVIDER: 'on' } });
      browser = await launchBrowser();
      registry = await browser.newPage();
      watchRequests(registry);
      registry.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await registry.goto(`${api.baseUrl}/`);
      await signInThroughProvider(registry, 'registry');
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await learnerBrowser?.close();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('defines a course through the form: the size check before submit, the API’s messages beside their fields', async () => {
      await registry.getByRole('link', { name: 'Set up' }).click();
      await registry.getByRole('link', { name: 'Define a course' }).click();
      await registry.getByRole('heading', { name: 'Define a course' }).waitFor();

      await registry.getByLabel('Course code').fill(CODE);
      await registry.getByLabel('Awarding body').fill('University of Northshire');
      await registry.getByLabel('Course title').fill('Data Ethics in Practice');
      // 60 credits at FHEQ 7 is a Postgraduate Certificate: said before anything is sent.
      await registry.getByLabel('Credits (CATS)').fill('60');
      await registry
        .locator('[aria-labelledby="size-check"]')
        .getByText(/credits must be below 60 at FHEQ level 7: 60 credits is a PG?/i)
        .or(registry.locator('[aria-labelledby="size-check"]').getByText(/credits must be below 60 at FHEQ level 7/))
        .first()
        .waitFor();
      await screenshot(registry, '24-registry-course-size-check');
      await registry.getByLabel('Credits (CATS)').fill('15');
      await registry
        .locator('[aria-labelledby="size-check"]')
        .getByText(/15 credits at FHEQ level 7/)
        .waitFor();

      await registry.getByLabel('HECoS codes').fill('12345');
      await registry.getByLabel('CAH code').fill('CAH11-01-01');
      await registry.getByLabel('Aims').fill('Equip practitioners to resolve ethical questions in data-driven work.');
      await registry
        .getByLabel('Learning outcomes')
        .fill('Critically evaluate a data project\nApply data-protection law');
      await registry.getByLabel('Component 1 id').fill('essay');
      await registry.getByLabel('Title', { exact: true }).fill('Critical essay');
      await registry.getByLabel('Weight (%)').fill('60');
      await registry.getByRole('button', { name: 'Add a component' }).click();
      await registry.getByLabel('Component 2 id').fill('exam');
      await registry.getByLabel('Title', { exact: true }).nth(1).fill('Online examination');
      await registry.getByLabel('Weight (%)').nth(1).fill('40');
      await registry.getByLabel('Approved by').fill('Academic Standards Committee');
      await registry.getByLabel('External adviser').fill('Prof. Lena Ortiz');
      await registry.getByLabel('Approved on').fill('2026-01-05');
      await registry.getByRole('button', { name: 'Define the course' }).click();

      // The API's 400 names hecosCodes[0]: its message shows beside the HECoS field, which is marked invalid.
      const hecos = field(registry, 'HECoS codes');
      await hecos
        .locator('.field-errors')
        .getByText('hecosCodes[0] must be a 6-digit HECoS code, e.g. 100366')
        .waitFor();
      expect(await registry.getByLabel('HECoS codes').getAttribute('aria-invalid')).toBe('true');
      expect(await field(registry, 'CAH code').locator('.field-errors').count()).toBe(0);
      await registry.getByRole('alert').filter({ hasText: 'The course was not defined' }).waitFor();
      await screenshot(registry, '25-registry-course-field-error');

      await registry.getByLabel('HECoS codes').fill('100366');
      await registry.getByRole('button', { name: 'Define the course' }).click();
      await registry
        .locator('.notice', { hasText: `${CODE} Data Ethics in Practice is defined and approved.` })
        .waitFor();
      expect(await registry.getByLabel('HECoS codes').getAttribute('aria-invalid')).toBeNull();

      // The course's own page: assign a tutor by sign-in id.
      await registry.getByRole('link', { name: `Open ${CODE}` }).click();
      await registry.getByRole('heading', { name: new RegExp(`${CODE} · Data Ethics in Practice`) }).waitFor();
      await registry.getByLabel('Assign a tutor').fill('tutor-jo');
      await registry.getByRole('button', { name: 'Assign' }).click();
      await registry.getByRole('button', { name: 'Release tutor-jo' }).waitFor();
      await screenshot(registry, '26-registry-course-page');
    }, 60_000);

    it('constitutes a board for the course, its members by name and role', async () => {
      await visit(registry, '/boards/new');
      await registry.getByLabel('Board name').fill('Digital Skills Micro-board');
      await registry.getByLabel(new RegExp(`${CODE} · Data Ethics in Practice`)).check();
      await registry.getByLabel('Member 1 sign-in id').fill('prof-ahmed');
      await registry.getByLabel('Name', { exact: true }).first().fill('Prof. Samira Ahmed');
      await registry.getByLabel('Member 2 sign-in id').fill('dr-lewis');
      await registry.getByLabel('Name', { exact: true }).nth(1).fill('Dr Owen Lewis');
      await registry.getByRole('button', { name: 'Add a member' }).click();
      await registry.getByLabel('Member 3 sign-in id').fill('dr-mensah');
      await registry.getByLabel('Name', { exact: true }).nth(2).fill('Dr Ruth Mensah');
      await registry.getByLabel('Role').nth(2).selectOption('external');
      await registry.getByRole('button', { name: 'Constitute the board' }).click();
      await registry
        .locator('.notice', { hasText: 'Digital Skills Micro-board is constituted with 3 members.' })
        .waitFor();
      await screenshot(registry, '27-registry-board-constituted');
    }, 30_000);

    it('registers a learner by keyboard alone, warns of a likely duplicate, and enrols them from their own start date', async () => {
      await visit(registry, '/learners/new');
      await registry.getByRole('heading', { name: 'Register a learner' }).waitFor();
      // From the heading (focused when the page opens), by keyboard alone.
      await registry.keyboard.press('Tab');
      await registry.keyboard.type('Amira');
      await registry.keyboard.press('Tab');
      await registry.keyboard.type('Okafor');
      await registry.keyboard.press('Tab');
      await registry.keyboard.type('amira.okafor@example.org');
      await registry.keyboard.press('Tab');
      await registry.keyboard.press('Enter');
      await registry.locator('.notice', { hasText: 'Amira Okafor is registered.' }).waitFor();

      // The same name: pointed out before submit. The same email: the API's 409, with the existing record.
      await registry.getByLabel('Given name').fill('Amira');
      await registry.getByLabel('Family name').fill('Okafor');
      await registry.getByText('Possibly already registered under the same name:').waitFor();
      await registry.getByLabel('Email').fill('amira.okafor@example.org');
      await registry.getByRole('button', { name: 'Register' }).click();
      await registry.getByText('A learner with this email is already registered:').waitFor();
      await registry.getByRole('button', { name: 'register as a new person' }).waitFor();
      await screenshot(registry, '28-registry-learner-duplicate');
      expect((await api.request('GET', '/v1/learners?search=okafor')).body).toHaveLength(1);

      await visit(registry, '/enrolments/new');
      await registry.getByLabel('Find by name or email').fill('amira.okafor');
      const picker = registry.getByLabel('Learner', { exact: true });
      await picker.locator('option', { hasText: 'Okafor, Amira' }).waitFor({ state: 'attached' });
      await picker.selectOption({ label: 'Okafor, Amira · amira.okafor@example.org' });
      await registry.getByLabel('Course').selectOption({ label: `${CODE} · Data Ethics in Practice` });
      await registry.getByLabel('Start date').fill('2026-11-23');
      await registry.getByRole('button', { name: 'Enrol' }).click();
      await registry.locator('.notice', { hasText: 'Enrolled from 2026-11-23; the deadline is 2027-03-23.' }).waitFor();
      await screenshot(registry, '29-registry-enrolled');

      // Its changes on the learner's record: an extension's bad day count is named beside the field.
      await registry.getByRole('link', { name: 'Open their record' }).click();
      await registry.getByText('Suspend, resume, extend, mitigating circumstances or an integrity flag').click();
      const change = registry.getByRole('form', { name: `Change the enrolment on ${CODE}` });
      await change.getByLabel('Change', { exact: true }).selectOption('extensions');
      await change.getByLabel('Days of extension').fill('0');
      await change.getByLabel('Reason').fill('Mitigating circumstances accepted');
      await change.getByRole('button', { name: 'Grant an extension' }).click();
      await field(registry, 'Days of extension')
        .locator('.field-errors')
        .getByText(/^days must not be less than 1/)
        .waitFor();
      await change.getByLabel('Days of extension').fill('14');
      await change.getByRole('button', { name: 'Grant an extension' }).click();
      await change.locator('.notice', { hasText: 'Extension granted.' }).waitFor();
      await screenshot(registry, '30-registry-enrolment-extended');
    }, 60_000);

    it('bulk-enrols 50 learners (two bad rows reported, nothing of them written), uploads their marks, and awards appear', async () => {
      const sheet = [
        'givenName,familyName,email,courseCode,startDate',
        ...Array.from({ length: 50 }, (_, i) => `Bulk,Learner ${i + 1},bulk${i + 1}@example.org,${CODE},${TODAY}`),
        `Bad,Email,not-an-email,${CODE},${TODAY}`,
        `Bad,Date,bad.date@example.org,${CODE},someday`,
      ].join('\n');
      await registry.getByRole('link', { name: 'Bulk upload' }).click();
      await registry
        .getByLabel('CSV file')
        .setInputFiles({ name: 'learners.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
      await registry.getByRole('button', { name: 'Preview' }).click();
      await registry.getByText('row 52, column email: must be an email address').waitFor();
      await registry.getByText('row 53, column startDate: must be a date as YYYY-MM-DD').waitFor();
      await registry.getByRole('button', { name: 'Commit 50 rows' }).click();
      await registry.getByText(/Committed: 52 rows; 50 new/).waitFor();
      expect((await api.request('GET', '/v1/learners?search=bulk')).body).toHaveLength(50);
      expect((await api.request('GET', '/v1/learners?search=bad')).body).toEqual([]);

      // The course's mark sheet, downloaded by choosing the course, filled in and uploaded back.
      await registry.getByLabel('Course', { exact: true }).selectOption({ label: `${CODE} · Data Ethics in Practice` });
      const [download] = await Promise.all([
        registry.waitForEvent('download'),
        registry.getByRole('button', { name: 'Download its mark sheet (CSV)' }).click(),
      ]);
      const [header, ...rows] = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n');
      const columns = header!.split(',');
      const at = (name: string) => columns.indexOf(name);
      // Handed in now, as the system's clock has it.
      const submittedAt = api.clock.now().toISOString();
      const filled = rows
        .map((line) => line.split(','))
        .filter((cells) => cells[at('email')]!.startsWith('bulk'))
        .map((cells) => `${cells[at('enrolmentId')]},${cells[at('componentId')]},80,${submittedAt}`);
      expect(filled).toHaveLength(100);
      const marks = ['enrolmentId,componentId,mark,submittedAt', ...filled].join('\n');
      await registry.getByLabel('Sheet').selectOption('marks');
      await registry
        .getByLabel('CSV file')
        .setInputFiles({ name: 'marks.csv', mimeType: 'text/csv', buffer: Buffer.from(marks) });
      await registry.getByRole('button', { name: 'Preview' }).click();
      await registry.getByText(/Preview: 100 rows; 100 new/).waitFor();
      await registry.getByRole('button', { name: 'Commit 100 rows' }).click();
      await registry.getByText(/Committed: 100 rows; 100 new/).waitFor();
      await screenshot(registry, '31-registry-marks-committed');

      // Clean cases are confirmed under delegated authority; the sampled ones wait for moderation.
      const courseId = ((await api.request('GET', '/v1/courses')).body as { id: string; code: string }[]).find(
        (c) => c.code === CODE,
      )!.id;
      await api.eventually(`/v1/courses/${courseId}/monitoring`, (m: { completions: number }) => m.completions > 30);
      await registry.getByRole('link', { name: 'Monitoring' }).click();
      await registry.getByRole('link', { name: /Data Ethics in Practice/ }).click();
      const completions = registry.locator('.stat', { hasText: 'Completions' }).locator('.stat-value');
      await completions.waitFor();
      expect(Number(await completions.textContent())).toBeGreaterThan(30);
      await screenshot(registry, '32-registry-awards-appear');
    }, 120_000);

    it('lets a learner of the bulk upload see their own award and nothing of anyone else', async () => {
      const bulk = (await api.request('GET', '/v1/learners?search=bulk')).body as { id: string }[];
      const records = await Promise.all(
        bulk.map(async ({ id }) => (await api.request('GET', `/v1/learners/${id}/record`)).body),
      );
      const awarded = records.find((record) => record.awards.length === 1)!;
      // Their own browser: the registry officer's provider session is not theirs to share.
      learnerBrowser = await launchBrowser();
      const learner = await learnerBrowser.newPage();
      learner.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await learner.goto(`${api.baseUrl}/`);
      // The development provider's learner account, under the learner id the bulk upload gave them.
      await signInThroughProvider(learner, 'learner', { subject: awarded.learner.id });
      const name = `${awarded.learner.givenName} ${awarded.learner.familyName}`;
      await learner.getByRole('heading', { name, exact: true }).waitFor();
      await learner.locator('article.award').getByRole('heading', { name: 'Data Ethics in Practice' }).waitFor();
      expect(await learner.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
        'My record',
      ]);
      await screenshot(learner, '33-learner-own-award');
      await visit(learner, '/courses/new');
      await learner.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
      // Another learner's record is not theirs to open, in the app or (as the API says) at all.
      const other = bulk.find(({ id }) => id !== awarded.learner.id)!.id;
      await visit(learner, `/learners/${other}`);
      await learner.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
      expect(
        (await api.request('GET', `/v1/learners/${other}/record`, { token: api.token('learner', awarded.learner.id) }))
          .status,
      ).toBe(403);
    }, 30_000);

    it('keeps every new page usable on a phone and by keyboard alone', async () => {
      const course = ((await api.request('GET', '/v1/courses')).body as { id: string }[])[0]!.id;
      const learnerId = ((await api.request('GET', '/v1/learners?search=okafor')).body as { id: string }[])[0]!.id;
      await checkPage(registry, '/courses', '34-registry-set-up');
      await checkPage(registry, '/courses/new', '35-registry-define-course');
      await checkPage(registry, `/courses/${course}`, '36-registry-course');
      await checkPage(registry, '/boards/new', '37-registry-board');
      await checkPage(registry, '/learners/new', '38-registry-register-learner');
      await checkPage(registry, '/pathways/new', '42-registry-define-pathway');
      await registry.getByRole('button', { name: 'Define the pathway' }).click();
      await field(registry, 'Target award')
        .locator('.field-errors')
        .getByText(/^title /)
        .waitFor();
      await checkPage(registry, `/enrolments/new?learner=${learnerId}`, '39-registry-enrol');
      await checkPage(registry, `/learners/${learnerId}`, '40-registry-learner-record');
      await checkPage(registry, '/bulk', '41-registry-bulk');
    }, 300_000);
  });
}
