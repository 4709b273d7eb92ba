import type { BrowserContext } from 'playwright-core';
import { RealClock, TestApp } from '../support/test-app.js';
import { chromiumAvailableFor, launchBrowser, screenshot, unlabelledControls } from '../web/browser.js';
import { awardedLearner } from './awarded-learner.js';
import { coveredCourse } from '../support/courses.js';

/**
 * The page an employer opens from the certificate's QR code: server-rendered, read in Chromium with
 * JavaScript turned off. Valid, then revoked; the name only through the learner's share link.
 */
if (chromiumAvailableFor('credential verification page'))
  describe('credential verification page', () => {
    let api: TestApp;
    let browser: BrowserContext;
    beforeAll(async () => {
      api = await TestApp.start({ clock: new RealClock(), webRoot: false });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await api?.destroy();
    });

    const open = async (url: string) => {
      const page = await browser.newPage(); // The page has no script, and its CSP (default-src 'none') would block any.
      await page.goto(url);
      return page;
    };

    it('shows the award and a valid banner, the name only through a share link, then revoked on …', async () => {
      const courseId = await coveredCourse(api);
      const { learnerId, awardId } = await awardedLearner(api, courseId, 'page@example.org', {
        givenName: 'Zoë',
        familyName: 'Łucja Nguyễn-王',
      });
      const url = `${api.baseUrl}/v1/awards/${awardId}/credential`;

      const page = await open(url);
      expect(await page.textContent('#verdict')).toMatch(/^Valid/);
      const text = (await page.textContent('main'))!;
      for (const expected of [
        'Data Ethics in Practice',
        'University of Northshire',
        '15 UK credits (CATS), 7.5 ECTS',
        'FHEQ level 7; EQF level 7',
      ])
        expect(text).toContain(expected);
      expect(text).not.toContain('Nguyễn');
      expect(await unlabelledControls(page)).toEqual([]);
      await screenshot(page, 'credential-page-valid');

      // Is this the person? The email typed in is hashed with the credential's salt.
      await page.fill('#check', 'PAGE@example.org');
      await page.click('button[type=submit]');
      expect(await page.textContent('.check')).toMatch(/^Yes/);
      await page.fill('#check', 'someone@example.org');
      await page.click('button[type=submit]');
      expect(await page.textContent('.check')).toMatch(/^No/);

      // Only the learner turns the share link on; with it the page names them; turned off, it no longer does.
      const learner = api.token('learner', learnerId);
      expect(
        (await api.request('POST', `/v1/awards/${awardId}/share-link`, { token: api.token('registry') })).status,
      ).toBe(403);
      const shared = await api.request('POST', `/v1/awards/${awardId}/share-link`, { token: learner });
      expect(shared).toMatchObject({
        status: 200,
        body: { url: expect.stringContaining(`/v1/awards/${awardId}/credential?share=`) },
      });
      const sharedPage = await open(
        `${api.baseUrl}${new URL(shared.body.url).pathname}${new URL(shared.body.url).search}`,
      );
      expect(await sharedPage.textContent('#earner')).toBe('Zoë Łucja Nguyễn-王');
      await screenshot(sharedPage, 'credential-page-shared');
      await api.request('DELETE', `/v1/awards/${awardId}/share-link`, { token: learner });
      const unshared = await open(
        `${api.baseUrl}${new URL(shared.body.url).pathname}${new URL(shared.body.url).search}`,
      );
      expect(await unshared.$('#earner')).toBeNull();

      await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Issued in error' } });
      const revoked = await open(url);
      expect(await revoked.textContent('#verdict')).toMatch(
        new RegExp(
          `^Revoked on ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
        ),
      );
      await screenshot(revoked, 'credential-page-revoked');
    });
  });
