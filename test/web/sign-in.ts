import type { Page } from 'playwright-core';
import type { Role } from '#records-api';
import { signHs256 } from '#records-api';
import { TEST_SECRET } from '../support/test-app.js';

/**
 * Signs in as `role` (a learner's `subject` is their learner id), the page already on the app's origin.
 * Until the development identity provider's login page lands, through the developer option: pasting a
 * token signed with the test app's secret. All sign-in logic of the browser tests lives here.
 */
export const signInAs = async (page: Page, role: Role, opts: { subject?: string } = {}): Promise<void> => {
  const token = signHs256({ sub: opts.subject ?? `${role}-1`, roles: [role] }, TEST_SECRET);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The live stream is connected once the masthead says so.
  await page.locator('.live-live').waitFor();
};
