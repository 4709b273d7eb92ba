import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqlitePersonalDataKeyStore } from '#personal-data';
import { percentiles } from './stats.js';
import { machine, writeResult } from './support/results.js';

/**
 * Learner search over the personal-data store's directory (SQLite FTS5 trigram index): LEARNERS
 * learners (100,000 by default) listed as registration lists them (each claiming its email), then SEARCHES searches of the kinds the registry types (a family
 * name, part of an email, an exact id, two words, a short fragment, and a common given name that
 * matches a tenth of them), timed one at a time.
 *   npm run build && node dist/bench/learner-search.js
 */
const LEARNERS = Number(process.env.LEARNERS ?? 100_000);
const SEARCHES = Number(process.env.SEARCHES ?? 2_000);
const GIVEN = ['Amira', 'Tomasz', 'Siobhan', 'Kwame', 'Priya', 'Oluwaseun', 'Mei', 'Hamish', 'Zofia', 'Rhys'];
const FAMILY = ['Okafor', 'Nowak', 'Murphy', 'Mensah', 'Patel', 'Adeyemi', 'Chen', 'MacLeod', 'Kowalska', 'Evans'];

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-search-'));
  const keys = new SqlitePersonalDataKeyStore(join(dir, 'personal-data.db'));
  try {
    const ids: string[] = [];
    const at = new Date();
    const loadStarted = performance.now();
    for (let i = 0; i < LEARNERS; i++) {
      const learnerId = randomUUID();
      ids.push(learnerId);
      const givenName = GIVEN[i % GIVEN.length]!;
      const familyName = `${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}${i}`;
      const email = `${givenName}.${familyName}@example.org`;
      // As registration lists them: each claims its email in the same transaction.
      await keys.claim({ learnerId, givenName, familyName, email }, at, false);
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const queries = (i: number): string[] => {
      const n = Math.floor(Math.random() * LEARNERS);
      const family = `${FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]}${n}`;
      switch (i % 6) {
        case 0:
          return [family];
        case 1:
          return [`${family.toLowerCase()}@exam`];
        case 2:
          return [ids[n]!];
        case 3:
          return [GIVEN[n % GIVEN.length]!, family];
        case 4:
          return [String(n), 'zo']; // a number fragment and a two-letter word
        default:
          return [GIVEN[n % GIVEN.length]!]; // matches LEARNERS / 10: the first page of them, by name
      }
    };
    const KINDS = ['family name', 'email fragment', 'exact id', 'two words', 'short fragment', 'common given name'];
    const sample: number[] = [];
    const byKind = new Map<string, number[]>(KINDS.map((kind) => [kind, []]));
    let found = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const words = queries(i);
      const started = performance.now();
      found += (await keys.search(words)).length > 0 ? 1 : 0;
      const ms = performance.now() - started;
      sample.push(ms);
      byKind.get(KINDS[i % KINDS.length]!)!.push(ms);
    }
    const result = {
      learners: LEARNERS,
      searches: SEARCHES,
      searchesWithResults: found,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      searchMs: percentiles(sample),
      byKindMs: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, percentiles(ms)])),
      goal: 'p99 < 50 ms',
      met: percentiles(sample).p99 < 50,
      machine: machine(),
    };
    console.log(JSON.stringify(result, null, 2));
    writeResult('learner-search', result);
  } finally {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
