import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort } from '../support/built-system.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { buildWebApp, chromiumAvailableFor, launchBrowser, screenshot, PAGE_TIMEOUT_MS } from './browser.js';
import { signInThroughProvider as signInAs } from './sign-in-oidc.js';

/**
 * Real sign-in in a browser, as `npm start` offers it: "Sign in" goes to the development identity
 * provider (authorization code + PKCE), the app renews its short-lived access token silently, and
 * "Sign out" ends the provider's session too.
 */
const SUITE = 'OpenID Connect sign-in in a browser';
const TOKEN_SECONDS = 12;

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;

    const open = async (): Promise<Page> => {
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      return page;
    };

    beforeAll(async () => {
      webRoot = buildWebApp();
      const port = await freePort();
      api = await TestApp.start({
        webRoot,
        env: { PORT: String(port), AUTH_DEV_PROVIDER: 'on', AUTH_DEV_ACCESS_TOKEN_SECONDS: String(TOKEN_SECONDS) },
      });
      browser = await launchBrowser();
    }, 90_000);
    afterEach(async () => {
      for (const page of browser.pages()) await page.close();
    });
    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('signs the registry in through the provider, renews silently, and signs out of both', async () => {
      const page = await open();
      await screenshot(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/oidc\/interaction\//);
      await screenshot(page, 'sign-in-dev-provider');
      await page.goBack();
      await signInAs(page, 'registry');
      await page.getByRole('link', { name: 'Learners' }).waitFor();
      // No token is written anywhere the page keeps between tabs or reloads.
      // Runs in the page: typed loosely, as the test code has no DOM types.
      const stored = await page.evaluate(() => {
        const { sessionStorage, localStorage } = globalThis as any;
        return JSON.stringify({ ...sessionStorage, ...localStorage });
      });
      expect(stored).not.toMatch(/eyJ/);

      const renewal = await page.waitForResponse(
        (response) =>
          response.url().endsWith('/oidc/token') && response.request().postData()!.includes('refresh_token'),
        { timeout: TOKEN_SECONDS * 1000 },
      );
      expect(renewal.status()).toBe(200);
      // Past the first token's expiry, the app still works on the renewed one.
      await page.waitForTimeout((TOKEN_SECONDS / 4) * 1000 + 1000);
      await page.getByRole('link', { name: 'Learners' }).click();
      await page.getByRole('heading', { name: 'Learners', level: 1 }).waitFor();
      expect(await page.getByText('Signed in as').textContent()).toContain('registry-local');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      // The provider's session ended too: signing in asks who again.
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/oidc\/interaction\//);
    }, 60_000);

    it('signs a learner in under their learner id: they see their own record only', async () => {
      const learner = learnerBody();
      const learnerId = (await api.request('POST', '/v1/learners', { body: learner })).body.id;
      const page = await open();
      await signInAs(page, 'learner', { subject: learnerId });
      // "My record" heads the page only while it loads; their own name heads it once it has.
      await page.getByRole('heading', { name: `${learner.givenName} ${learner.familyName}`, level: 1 }).waitFor();
      const navigation = await page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(navigation).toContain('My record');
      expect(navigation).not.toContain('Learners');
      expect(navigation).not.toContain('Board queue');
      await screenshot(page, 'sign-in-learner');
    }, 60_000);

    it('asks a learner for their learner id on the provider page, beside the field', async () => {
      const page = await open();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.locator('#user-learner').check();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('Enter your learner id to sign in as a learner.').waitFor();
      expect(await page.getByLabel('User id').getAttribute('aria-invalid')).toBe('true');
    }, 30_000);
  });
}
