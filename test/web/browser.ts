import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serviceAvailableFor } from '../support/required-service.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/artifacts/web');

/** True when the suite can run; otherwise it fails on CI or skips loudly (serviceAvailableFor). */
export const chromiumAvailableFor = (suite: string): boolean =>
  serviceAvailableFor(
    suite,
    'Chromium',
    existsSync(CHROMIUM)
      ? undefined
      : `no Chromium at ${CHROMIUM}: install the Debian chromium package or set CHROMIUM_PATH`,
  );

/** Builds the web app from its sources into a fresh folder, so the test never serves a stale bundle. */
export const buildWebApp = (): string => {
  const outDir = mkdtempSync(join(tmpdir(), 'credence-web-'));
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const built = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      join(ROOT, 'apps/web/vite.config.ts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  return outDir;
};

/** Headless Chromium with a fresh profile: nothing carried over between runs. */
export const launchBrowser = (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'credence-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });

/** Saves a full-page screenshot as a test artifact (test/artifacts/web, not committed). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};

/** Form controls no label names: every input must have one (a <label>, aria-label or aria-labelledby). */
export const unlabelledControls = (page: Page): Promise<string[]> =>
  // Runs in the page: typed loosely, as the test code has no DOM types.
  page.evaluate(() => {
    const controls: any[] = [...(globalThis as any).document.querySelectorAll('input, select, textarea')];
    return controls
      .filter((control) => control.type !== 'hidden')
      .filter(
        (control) =>
          (control.labels?.length ?? 0) === 0 &&
          !control.getAttribute('aria-label') &&
          !control.getAttribute('aria-labelledby'),
      )
      .map((control) => String(control.outerHTML).slice(0, 120));
  });

/** How long a page step may wait: CI runs the browser beside PostgreSQL, Kafka and other suites on 2 cores. */
export const PAGE_TIMEOUT_MS = 30_000;
