import type { Page } from 'playwright-core';

/** Goes to an app page the way its links do (history, no reload): the session stays in memory. */
export const visit = async (page: Page, path: string): Promise<void> => {
  await page.evaluate((to) => {
    const w = globalThis as any;
    w.history.pushState(null, '', to);
    w.dispatchEvent(new w.PopStateEvent('popstate'));
  }, path);
};

/** How far the page is wider than the viewport (0: no horizontal scroll). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

/** The innermost elements that stick out past the viewport's right edge (tag.class), to name what scrolls. */
export const overflowingElements = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    const width = doc.documentElement.clientWidth;
    const wide = [...doc.querySelectorAll('body *')].filter((el: any) => el.getBoundingClientRect().right > width + 1);
    return [
      ...new Set(
        wide
          .filter((el: any) => !wide.some((other: any) => other !== el && el.contains(other)))
          .map(
            (el: any) =>
              `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`,
          ),
      ),
    ].slice(0, 8) as string[];
  });

/**
 * The controls of the page's main content that Tab never reaches (their labels): every one must be
 * reachable by keyboard alone. A radio group counts once (Tab stops on its checked radio).
 */
export const unreachableByTab = async (page: Page): Promise<string[]> => {
  const count = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const controls: any[] = [
      ...doc.querySelectorAll('main a[href], main button, main input, main select, main textarea, main summary'),
    ].filter(
      (el) =>
        !el.disabled &&
        // Not inside a closed <details> (which keeps its boxes but hides their content).
        el.checkVisibility({ visibilityProperty: true }) &&
        !(el.type === 'radio' && !el.checked) &&
        el.getAttribute('tabindex') !== '-1',
    );
    doc.querySelectorAll('[data-kb]').forEach((el: any) => el.removeAttribute('data-kb'));
    controls.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return controls.length;
  });
  // From the page's heading (first in main), Tab walks the main content in order; a date input takes a press per part.
  await page.evaluate(() => (globalThis as any).document.querySelector('main h1')?.focus());
  const reached = new Set<string>();
  for (let press = 0; press < count * 3 + 40 && reached.size < count; press++) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(
      () => (globalThis as any).document.activeElement?.closest?.('[data-kb]')?.getAttribute('data-kb') ?? null,
    );
    if (index !== null) reached.add(index);
  }
  return page.evaluate(
    (seen) =>
      [...(globalThis as any).document.querySelectorAll('[data-kb]')]
        .filter((el: any) => !seen.includes(el.getAttribute('data-kb')))
        .map((el: any) => String(el.outerHTML).slice(0, 100)),
    [...reached],
  );
};

const inFlight = new WeakMap<Page, Set<unknown>>();

/** Counts a page's requests in flight, except the live event stream, which stays open by design. */
const trackRequests = (page: Page): Set<unknown> => {
  const known = inFlight.get(page);
  if (known) return known;
  const requests = new Set<unknown>();
  const isStream = (url: string) => new URL(url).pathname === '/v1/stream';
  page.on('request', (request) => {
    if (!isStream(request.url())) requests.add(request);
  });
  page.on('requestfinished', (request) => requests.delete(request));
  page.on('requestfailed', (request) => requests.delete(request));
  inFlight.set(page, requests);
  return requests;
};

/**
 * Waits until the page's reads have answered: no request in flight (the live stream aside, which is
 * why Playwright's 'networkidle' never comes) for `quietMs`, and no "Loading…" shown in main.
 */
export const settled = async (page: Page, { quietMs = 300, timeoutMs = 45_000 } = {}): Promise<void> => {
  const requests = trackRequests(page);
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const loading = await page.locator('main .loading').count();
    if (requests.size > 0 || loading > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`page still loading after ${timeoutMs} ms (${requests.size} requests in flight)`);
};

/** Starts counting a page's requests before its first navigation, so `settled` sees every one. */
export const watchRequests = (page: Page): void => void trackRequests(page);
