import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '#domain';
import { relayProcess } from '#process-managers';
import { awardIssued } from '../integration/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import {
  buildWebApp,
  chromiumAvailableFor,
  launchBrowser,
  screenshot,
  unlabelledControls,
  PAGE_TIMEOUT_MS,
} from './browser.js';

/**
 * Registry staff manage webhook endpoints in the web app: add one, test it, pause and resume it,
 * rotate its secret, and replay a dead letter. Deliveries run in the test's process on the real
 * clock with a short retry schedule.
 */
const SUITE = 'webhooks page in a browser';

if (chromiumAvailableFor(SUITE)) {
  describe(SUITE, () => {
    let api: TestApp;
    let webRoot: string;
    let browser: BrowserContext;
    let receiver: WebhookReceiver;

    const open = async (): Promise<Page> => {
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${api.baseUrl}/`);
      await page.getByLabel('Bearer token').fill(api.token('registry'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.live-live').waitFor();
      return page;
    };

    beforeAll(async () => {
      webRoot = buildWebApp();
      const env = { WEBHOOK_RETRY_SCHEDULE: '50ms,50ms', WEBHOOK_POLL_MS: '50' };
      api = await TestApp.start({ webRoot, processes: (ports) => relayProcess(env)({ ...ports, clock: systemClock }) });
      receiver = await new WebhookReceiver('whsec_set-once-revealed', () => 503).start();
      browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await receiver?.stop();
      await api?.destroy();
      rmSync(webRoot, { recursive: true, force: true });
    });

    it('adds, tests, pauses, resumes and rotates an endpoint, and replays its dead letter', async () => {
      const page = await open();
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
      await page.getByText('No endpoint yet.').waitFor();

      await page.getByLabel('Endpoint URL').fill('ftp://nowhere');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByText(/^url must be an absolute http\(s\) URL/).waitFor();

      await page.getByLabel('Endpoint URL').fill(receiver.url);
      await page.getByLabel('Description').fill('HR system: staff CPD records');
      await page.getByLabel('credence.award.issued.v1').check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.locator('.notice', { hasText: /Endpoint .* added/ }).waitFor();
      const card = page.locator('article', { hasText: receiver.url });
      await card.getByRole('button', { name: 'Reveal secret' }).click();
      receiver.secret = (await card.locator('code').textContent())!;
      expect(receiver.secret).toMatch(/^whsec_/);
      expect(await unlabelledControls(page)).toEqual([]);

      // The endpoint is down: an award is retried twice, then dead-lettered.
      await api.store.append(`award-${randomUUID()}`, [awardIssued(randomUUID())], 'no-stream');
      for (let i = 0; receiver.received.length < 3 && i < 100; i++) await page.waitForTimeout(50);
      await page.waitForTimeout(200);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByRole('button', { name: 'Replay', exact: true }).waitFor();
      await screenshot(page, '20-registry-webhooks-dead-letter');

      receiver.answer = () => 204;
      await card.getByRole('button', { name: 'Send test event' }).click();
      await card.locator('.notice', { hasText: 'Test event delivered: the endpoint answered 204.' }).waitFor();
      expect(receiver.received.at(-1)).toMatchObject({ verified: true, payload: { type: 'credence.webhook.test.v1' } });

      await page.getByRole('button', { name: 'Replay', exact: true }).click();
      await page.locator('.notice', { hasText: '1 dead letter sent again.' }).waitFor();
      for (let i = 0; receiver.accepted().length < 2 && i < 100; i++) await page.waitForTimeout(50);
      expect(receiver.accepted().map((r) => r.payload.type)).toEqual([
        'credence.webhook.test.v1',
        'credence.award.issued.v1',
      ]);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByText('No dead letters.').waitFor();

      await card.getByRole('button', { name: 'Pause' }).click();
      await card.locator('.tag', { hasText: 'paused' }).waitFor();
      await card.getByRole('button', { name: 'Resume' }).click();
      await card.locator('.tag', { hasText: 'active' }).waitFor();
      await card.getByRole('button', { name: 'Rotate secret' }).click();
      await card.locator('.notice', { hasText: /New secret made/ }).waitFor();
      await card.getByText(/the previous one signs too until/).waitFor();
      await screenshot(page, '21-registry-webhooks');
    }, 60_000);
  });
}
