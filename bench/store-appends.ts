import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emmettPostgres, oursOnPostgres, rawPostgres } from './appends/postgres-contenders.js';
import { raceAppends, type AppendFigures, type NamedContender } from './appends/run-appends.js';
import {
  emmettSqliteAsShipped,
  emmettSqliteSameDurability,
  oursOnSqlite,
  rawSqlite,
} from './appends/sqlite-contenders.js';
import { appendWorkload } from './appends/workload.js';
import { peerVersion } from './peers/peers.js';
import { machine, writeResult } from './support/results.js';

/**
 * Store appends, one event per command with the expected-version check, on SQLite and PostgreSQL:
 * our adapters against the raw driver doing the same inserts (the limit) and against Emmett's
 * adapters (the peer). Every contender gets a fresh store per round and the contenders take turns
 * slice by slice (see raceAppends); the median of ROUNDS rounds counts. PostgreSQL runs with 1 and
 * with 16 commands in flight (PG_CONCURRENCY). Goal: ours >= 80% of raw and >= 2x the peer.
 */
const SQLITE_STREAMS = Number(process.env.SQLITE_STREAMS ?? 10_000);
const PG_STREAMS = Number(process.env.PG_STREAMS ?? 1_000);
const EVENTS_PER_STREAM = Number(process.env.EVENTS_PER_STREAM ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PG_CONCURRENCY = (process.env.PG_CONCURRENCY ?? '1,16').split(',').map(Number);
const BACKENDS = (process.env.BACKENDS ?? 'sqlite,postgres').split(',');
const WARMUP_STREAMS = 200;

interface Scenario {
  backend: string;
  concurrency: number;
  contenders: Record<string, AppendFigures>;
  oursOverRaw: number;
  oursOverPeer: number;
  /** Which peer row the ours/peer ratio uses. */
  peer: string;
}

const median = (runs: AppendFigures[]): AppendFigures =>
  [...runs].sort((a, b) => a.appendsPerSecond - b.appendsPerSecond)[Math.floor(runs.length / 2)]!;

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** Warms the contenders up on a small workload, then races them ROUNDS times on fresh stores; the median round counts. */
const measure = async (contenders: NamedContender[], streams: number, concurrency: number, rounds: number) => {
  await raceAppends(contenders, appendWorkload(WARMUP_STREAMS, EVENTS_PER_STREAM), concurrency, 2);
  const workload = appendWorkload(streams, EVENTS_PER_STREAM);
  const runs = new Map<string, AppendFigures[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    const figures = await raceAppends(contenders, workload, concurrency);
    for (const [name, f] of Object.entries(figures)) runs.get(name)!.push(f);
    console.log(
      `  round ${round + 1}: ${Object.entries(figures)
        .map(([name, f]) => `${name} ${f.appendsPerSecond}/s`)
        .join(', ')}`,
    );
  }
  return Object.fromEntries([...runs].map(([name, figures]) => [name, median(figures)]));
};

const scenario = (
  backend: string,
  concurrency: number,
  contenders: Record<string, AppendFigures>,
  peer: string,
): Scenario => ({
  backend,
  concurrency,
  contenders,
  oursOverRaw: ratio(contenders.ours!.appendsPerSecond, contenders.raw!.appendsPerSecond),
  oursOverPeer: ratio(contenders.ours!.appendsPerSecond, contenders[peer]!.appendsPerSecond),
  peer,
});

const main = async () => {
  const loadBefore = loadavg();
  const scenarios: Scenario[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'credence-appends-'));
  let run = 0;
  const fresh = () => mkdtempSync(join(folder, `${run++}-`));
  try {
    if (BACKENDS.includes('sqlite')) {
      console.log(`SQLite: ${SQLITE_STREAMS} streams x ${EVENTS_PER_STREAM} events, ${ROUNDS} rounds`);
      const figures = await measure(
        [
          { name: 'ours', open: () => oursOnSqlite(fresh()) },
          { name: 'raw', open: () => rawSqlite(fresh()) },
          { name: 'raw (inline checkpoints)', open: () => rawSqlite(fresh(), true) },
          { name: 'emmett (same durability)', open: () => emmettSqliteSameDurability(fresh()) },
        ],
        SQLITE_STREAMS,
        1,
        ROUNDS,
      );
      // The peer as shipped opens a connection per append: one round, a fifth of the streams is plenty.
      console.log('SQLite: the peer as shipped');
      Object.assign(
        figures,
        await measure(
          [{ name: 'emmett (as shipped)', open: () => emmettSqliteAsShipped(fresh()) }],
          Math.ceil(SQLITE_STREAMS / 5),
          1,
          1,
        ),
      );
      scenarios.push(scenario('sqlite', 1, figures, 'emmett (same durability)'));
    }
    if (BACKENDS.includes('postgres')) {
      for (const concurrency of PG_CONCURRENCY) {
        console.log(
          `PostgreSQL: ${PG_STREAMS} streams x ${EVENTS_PER_STREAM} events, ${concurrency} in flight, ${ROUNDS} rounds`,
        );
        const figures = await measure(
          [
            { name: 'ours', open: () => oursOnPostgres(concurrency) },
            { name: 'raw', open: () => rawPostgres(concurrency) },
            { name: 'emmett', open: () => emmettPostgres() },
          ],
          PG_STREAMS,
          concurrency,
          ROUNDS,
        );
        scenarios.push(scenario('postgres', concurrency, figures, 'emmett'));
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  for (const s of scenarios) {
    console.log(
      `\n${s.backend}, ${s.concurrency} in flight: ours/raw ${s.oursOverRaw}, ours/peer ${s.oursOverPeer} (peer: ${s.peer})`,
    );
    console.table(
      Object.fromEntries(
        Object.entries(s.contenders).map(([name, f]) => [
          name,
          { 'appends/s': f.appendsPerSecond, appends: f.appends, 'p50 ms': f.latencyMs.p50, 'p99 ms': f.latencyMs.p99 },
        ]),
      ),
    );
  }
  const file = writeResult('store-appends', {
    benchmark: 'store appends: one event per command with the expected-version check',
    goal: 'ours >= 0.8 x raw driver and >= 2 x peer',
    machine: `${machine()}, ${cpus().length} cores`,
    at: new Date().toISOString(),
    // The machine is shared: its load says how much to trust absolute figures (the ratios hold up better).
    loadAverage: {
      before: loadBefore.map((l) => Math.round(l * 10) / 10),
      after: loadavg().map((l) => Math.round(l * 10) / 10),
    },
    workload: {
      sqliteStreams: SQLITE_STREAMS,
      postgresStreams: PG_STREAMS,
      eventsPerStream: EVENTS_PER_STREAM,
      rounds: ROUNDS,
    },
    peers: {
      sqlite: BACKENDS.includes('sqlite')
        ? `@event-driven-io/emmett-sqlite ${peerVersion('sqlite', '@event-driven-io/emmett-sqlite')}`
        : null,
      postgresql: BACKENDS.includes('postgres')
        ? `@event-driven-io/emmett-postgresql ${peerVersion('postgresql', '@event-driven-io/emmett-postgresql')}`
        : null,
    },
    scenarios,
  });
  console.log(`\nwrote ${file}`);
};

await main();
