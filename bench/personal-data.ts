import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  PersonalDataVault,
  PostgresPersonalDataKeyStore,
  SqlitePersonalDataKeyStore,
  type PersonalDataKeyStore,
} from '#personal-data';
import { percentiles, type Percentiles } from './stats.js';
import { machine, writeResult } from './support/results.js';

/**
 * What crypto-shredding costs per learner, in microseconds: sealing a registration (a new key and
 * four fields), opening a record at query time (one key lookup, four fields), and an erasure (the
 * key destroyed). SQLite always; PostgreSQL when DATABASE_URL is set (a throwaway schema).
 *   npm run build && node dist/bench/personal-data.js      (LEARNERS=2000 by default)
 */
const LEARNERS = Number(process.env.LEARNERS ?? 2000);
const FIELDS = ['Amira', 'Okafor', 'amira.okafor@example.org', 'Amira Okafor'];

const timed = async (
  n: number,
  step: (i: number) => Promise<unknown>,
): Promise<Percentiles & { perSecond: number }> => {
  const sample: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await step(i);
    sample.push((performance.now() - t) * 1000);
  }
  return { ...percentiles(sample), perSecond: Math.round(n / ((performance.now() - started) / 1000)) };
};

const measure = async (keys: PersonalDataKeyStore) => {
  const vault = new PersonalDataVault(keys);
  const learners = Array.from({ length: LEARNERS }, () => randomUUID());
  const sealed: Awaited<ReturnType<PersonalDataVault['seal']>>[] = [];
  const register = await timed(LEARNERS, async (i) => sealed.push(await vault.seal(learners[i]!, FIELDS)));
  const read = await timed(LEARNERS, async (i) => {
    const opener = await vault.opener(learners[i]!);
    for (const value of sealed[i]!) opener.text(value);
  });
  const erase = await timed(LEARNERS, (i) => vault.shred(learners[i]!));
  await vault.close();
  return { registerSeal4FieldsUs: register, readOpen4FieldsUs: read, eraseShredUs: erase };
};

const main = async () => {
  const results: Record<string, unknown> = {};
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-keys-'));
  try {
    results.sqlite = await measure(new SqlitePersonalDataKeyStore(join(dir, 'personal-data.db')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const schema = `credence_bench_keys_${Date.now()}`;
    const keys = await PostgresPersonalDataKeyStore.connect({ connectionString: process.env.DATABASE_URL, schema });
    results.postgres = await measure(keys);
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
  }
  const result = { learners: LEARNERS, machine: machine(), at: new Date().toISOString(), ...results };
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${writeResult('personal-data', result)}`);
};

void main();
