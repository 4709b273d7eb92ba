import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, signHs256 } from '#records-api';
import { loadConfig } from '#runtime';

/** Starts the system on `dataDir` with the secret it keeps there (no AUTH_JWT_SECRET). */
const startWithDataDirSecret = (dataDir: string) =>
  createApp(loadConfig({ DATA_DIR: dataDir, SWEEP_INTERVAL_MS: '0' }), { logger: false, webRoot: false });

describe('the local signing secret in DATA_DIR/auth-secret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is generated as 32 random bytes, readable by its owner only, and left no temporary file behind', async () => {
    const app = await startWithDataDirSecret(dataDir);
    await app.close();
    const file = join(dataDir, 'auth-secret');
    expect(readFileSync(file, 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((name) => name.includes('auth-secret'))).toEqual(['auth-secret']);
  });

  it.each([
    ['empty (what a full disk leaves)', ''],
    ['whitespace only', '   \n\t  \n'],
    ['too short', 'abc123'],
    ['not base64url', `${'x'.repeat(40)} with spaces and !!!`],
  ])('refuses to start when the file is %s, naming the file and what to do', async (_what, contents) => {
    writeFileSync(join(dataDir, 'auth-secret'), contents, { mode: 0o600 });
    const started = startWithDataDirSecret(dataDir);
    await expect(started).rejects.toThrow(join(dataDir, 'auth-secret'));
    await expect(started).rejects.toThrow(/delete it|AUTH_JWT_SECRET/);
  });

  it('never accepts a token signed with the empty string, after any start', async () => {
    writeFileSync(join(dataDir, 'auth-secret'), '', { mode: 0o600 });
    await startWithDataDirSecret(dataDir).then(
      async (app) => {
        await app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = app.getHttpServer().address() as { port: number };
        const forged = signHs256({ sub: 'attacker', roles: ['registry'] }, '');
        const response = await fetch(`http://127.0.0.1:${port}/v1/courses`, {
          headers: { authorization: `Bearer ${forged}` },
        });
        await app.close();
        expect(response.status).toBe(401);
      },
      () => undefined, // refusing to start is the better answer
    );
  });

  it('refuses an AUTH_JWT_SECRET of whitespace', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: ' '.repeat(40) })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('keeps working with a valid secret file across restarts', async () => {
    const first = await startWithDataDirSecret(dataDir);
    await first.close();
    const secret = readFileSync(join(dataDir, 'auth-secret'), 'utf8');
    const second = await startWithDataDirSecret(dataDir);
    await second.close();
    expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8')).toBe(secret);
  });
});
