import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardRunnerProcess } from '#process-managers';
import { createApp, signHs256 } from '#records-api';
import { loadConfig } from '#runtime';

/**
 * Issue 18's goal: previewing a 10,000-row learners-and-enrolments sheet takes under 5 s on the
 * embedded store (the standalone's default). Each row registers a new learner and enrols them, so
 * every row runs both deciders; nothing is written. The commit of the same sheet is timed too.
 */
const ROWS = Number(process.env.ROWS ?? 10_000);
const GOAL_MS = 5000;
const SECRET = 'bench-secret-bench-secret-bench-secret-00';

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-bulk-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, SWEEP_INTERVAL_MS: '0' });
  const app = await createApp(config, {
    logger: ['error'],
    processes: boardRunnerProcess,
    playsProjector: true,
    webRoot: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const authorization = `Bearer ${signHs256({ sub: 'registry-bench', roles: ['registry'] }, SECRET)}`;
  const post = async (path: string, body: string, contentType: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': contentType },
      body,
    });
    const json = (await response.json()) as any;
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  await post(
    '/v1/courses',
    JSON.stringify({
      code: 'BULK1',
      title: 'Bulk Benchmark',
      awardingBody: 'Bench University',
      credits: 15,
      level: { framework: 'FHEQ', level: 7 },
      hecosCodes: ['100366'],
      cahCode: 'CAH11-01-01',
      modeOfLearning: 'online',
      aims: 'Measure.',
      learningOutcomes: ['Measure the preview'],
      maxEngagementDays: 120,
      components: [
        { id: 'essay', title: 'Essay', weight: 60 },
        { id: 'exam', title: 'Exam', weight: 40 },
      ],
    }),
    'application/json',
  );
  const today = new Date().toISOString().slice(0, 10);
  const sheet = [
    'givenName,familyName,email,courseCode,startDate',
    ...Array.from({ length: ROWS }, (_, i) => `Learner,Number ${i},learner${i}@example.org,BULK1,${today}`),
  ].join('\n');

  const timed = async (path: string) => {
    const started = performance.now();
    const report = await post(path, sheet, 'text/csv');
    return { ms: Math.round(performance.now() - started), summary: report.summary };
  };
  await timed('/v1/bulk/enrolments/preview'); // warm-up: JIT and the course stream's cache
  const preview = await timed('/v1/bulk/enrolments/preview');
  const commit = await timed('/v1/bulk/enrolments');
  const again = await timed('/v1/bulk/enrolments');

  const result = {
    rows: ROWS,
    bytes: Buffer.byteLength(sheet),
    previewMs: preview.ms,
    previewSummary: preview.summary,
    goalMs: GOAL_MS,
    met: preview.ms < GOAL_MS,
    commitMs: commit.ms,
    commitSummary: commit.summary,
    secondCommitMs: again.ms,
    secondCommitSummary: again.summary,
  };
  console.log(JSON.stringify(result, null, 2));
  const results = join(process.cwd(), 'bench', 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'bulk-preview.json'), `${JSON.stringify(result, null, 2)}\n`);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
};

await main();
