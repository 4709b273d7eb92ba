import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { coveredCourse } from '../support/courses.js';
import { RealClock, TestApp } from '../support/test-app.js';
import { awardedLearner } from '../credentials/awarded-learner.js';
import { buildWebApp, chromiumAvailableFor, launchBrowser, screenshot, PAGE_TIMEOUT_MS } from './browser.js';
import { settled } from './page-checks.js';
import { signInAs } from './sign-in.js';

const SUITE = 'share link switch in a browser';
const NAME = 'Zoë Łucja Nguyễn-王';

/**
 * The learner turns the share link on from their record: the public verification page at that link
 * names them; turned off, the same link no longer does.
 */
if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;

    beforeAll(async () => {
      webRoot = buildWebApp();
      api = await TestApp.start({ clock: new RealClock(), webRoot });
      browser = await launchBrowser();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
      if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    });

    /** The verification page a stranger opens from the link (the link names the configured base URL). */
    const verificationPage = async (link: string): Promise<Page> => {
      const { pathname, search } = new URL(link);
      const page = await browser.newPage();
      await page.goto(`${api.baseUrl}${pathname}${search}`);
      await page.locator('#verdict').waitFor();
      return page;
    };

    it('shows the name on the shared link while the switch is on, and not once it is off', async () => {
      const courseId = await coveredCourse(api);
      const { learnerId } = await awardedLearner(api, courseId, 'share-switch@example.org', {
        givenName: 'Zoë',
        familyName: 'Łucja Nguyễn-王',
      });
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await signInAs(page, 'learner', { subject: learnerId });
      await page.getByRole('heading', { name: NAME }).waitFor();
      await settled(page);
      const award = page.locator('article.award');
      const linkField = award.getByLabel('Credential link to share');
      const plainLink = await linkField.inputValue();
      expect(plainLink).not.toContain('share=');
      const before = await verificationPage(plainLink);
      expect(await before.textContent('main')).not.toContain('Nguyễn');

      await award.getByRole('button', { name: 'Show my name on the shared link' }).click();
      await award.getByText(/^Your name shows on the link below/).waitFor();
      const sharedLink = await linkField.inputValue();
      expect(sharedLink).toContain('?share=');
      await screenshot(page, 'share-link-on');
      const shared = await verificationPage(sharedLink);
      expect(await shared.textContent('#earner')).toBe(NAME);
      await screenshot(shared, 'share-link-verification-page-named');

      await award.getByRole('button', { name: 'Stop showing my name' }).click();
      await award.getByText('The link below does not show your name.').waitFor();
      expect(await linkField.inputValue()).not.toContain('share=');
      const unshared = await verificationPage(sharedLink);
      expect(await unshared.$('#earner')).toBeNull();
      expect(await unshared.textContent('main')).not.toContain('Nguyễn');
      await screenshot(unshared, 'share-link-verification-page-unnamed');
    }, 120_000);
  });
}
