import type { Page } from 'playwright-core';
import type { DevUser } from '#records-api';

/**
 * Signs in as a user clicking "Sign in" would: through the development identity provider's login
 * page (AUTH_DEV_PROVIDER=on), picking the role's sample user, or `subject` (for a learner, their
 * learner id). The page must already show the app's sign-in on its origin; returns once the app
 * shows the signed-in masthead.
 */
export const signInThroughProvider = async (
  page: Page,
  role: DevUser,
  opts: { subject?: string } = {},
): Promise<void> => {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.locator(`#user-${role}`).check();
  if (opts.subject !== undefined) await page.getByLabel('User id').fill(opts.subject);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Signed in as').waitFor();
};
