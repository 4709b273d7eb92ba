import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signHs256 } from '#records-api';
import { ensureBuilt, freePort, SystemProcess } from '../../support/built-system.js';
import { courseBody } from '../../support/fixtures.js';
import { TEST_SECRET } from '../../support/test-app.js';

const ENTRY = 'dist/apps/records-api/src/standalone/main.js';
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

const environment = (dataDir: string, port: number, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  SWEEP_INTERVAL_MS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  KAFKA_BROKERS: '',
  ...extra,
});

const healthy = async (port: number, timeoutMs = 30_000): Promise<boolean> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return true;
  }
  return false;
};

/**
 * The built standalone system (what `npm start` runs) as an operator runs it: output to a file on
 * a full disk, to a log collector's pipe, or to a terminal.
 */
describe('the standalone process and its output', () => {
  let dataDir: string;
  beforeAll(ensureBuilt, 180_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-output-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  // /dev/full answers every write with ENOSPC: stdout and stderr on a full disk, without root.
  (existsSync('/dev/full') ? it : it.skip)(
    'keeps serving when stdout and stderr are on a full disk (every write fails with ENOSPC)',
    async () => {
      const port = await freePort();
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [ENTRY], {
        env: environment(dataDir, port, { AUTH_JWT_SECRET: TEST_SECRET }),
        stdio: ['ignore', full, full],
      });
      closeSync(full);
      try {
        expect(await healthy(port)).toBe(true);
        const registry = signHs256({ sub: 'registry-1', roles: ['registry'] }, TEST_SECRET);
        const created = await fetch(`http://127.0.0.1:${port}/v1/courses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${registry}`, 'content-type': 'application/json' },
          body: JSON.stringify(courseBody()),
        });
        expect(created.status).toBe(201);
        await sleep(300);
        expect(child.exitCode).toBeNull();
      } finally {
        child.kill('SIGKILL');
      }
    },
    60_000,
  );

  it('prints no token when its output is not a terminal (a log file or collector), only how to mint one', async () => {
    const port = await freePort();
    const system = SystemProcess.spawn(ENTRY, environment(dataDir, port));
    try {
      await system.printed(/Credence is listening/);
      await sleep(200);
      expect(system.output).toContain('npm run token -- registry');
      expect(system.output).not.toMatch(JWT);
    } finally {
      await system.stop('SIGKILL');
    }
  }, 60_000);

  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? it : it.skip)(
    'prints a registry token for the next hour to a terminal',
    async () => {
      const port = await freePort();
      // script(1) runs the process on a pseudo-terminal, as a person starting it by hand would.
      const child = spawn('script', ['-qfec', `${process.execPath} ${ENTRY}`, '/dev/null'], {
        env: environment(dataDir, port),
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true, // its own process group, so the node process under script(1) is stopped with it
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        for (const deadline = Date.now() + 30_000; !/registry token/.test(output) && Date.now() < deadline;)
          await sleep(100);
        expect(output).toMatch(JWT);
      } finally {
        process.kill(-child.pid!, 'SIGKILL');
      }
    },
    60_000,
  );

  it('refuses to run on shared PostgreSQL read models, where it would run every role beside their leaders', async () => {
    const run = spawnSync(process.execPath, [ENTRY], {
      env: environment(dataDir, await freePort(), {
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://127.0.0.1:5432/test',
        AUTH_JWT_SECRET: TEST_SECRET,
      }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'start-up failed: the standalone runs every role in one process on the embedded store',
    );
    expect(run.stderr).toContain('dist/apps/projector/src/main.js');
  });
});
