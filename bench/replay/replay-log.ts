import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { generateCohort, SHARED_IDS } from './cohort.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const SHARED = new Set<string>([...SHARED_IDS.courses, SHARED_IDS.board]);

export interface ReplayLog {
  path: string;
  events: number;
  /** Events of the cohort that is copied to make up the log. */
  cohortEvents: number;
  copies: number;
  /** Of the cohort's event shapes: the cached file is rebuilt when the domain's events change. */
  fingerprint: string;
  generatedSeconds: number | null;
}

/** The cohort's shape without its ids: the same fingerprint for the same domain behaviour. */
const fingerprintOf = (events: readonly RecordedEvent[]): string => {
  const hash = createHash('sha256');
  for (const e of events)
    hash.update(`${e.streamId}|${e.type}|${JSON.stringify(e.data)}|${JSON.stringify(e.metadata)}\n`.replace(UUID, '#'));
  return hash.digest('hex').slice(0, 12);
};

interface TemplateEvent {
  streamId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

const templateOf = (e: RecordedEvent): TemplateEvent => ({
  streamId: e.streamId,
  type: e.type,
  data: JSON.stringify(e.data),
  metadata: JSON.stringify(e.metadata),
  recordedAt: e.recordedAt,
});

/**
 * A SQLite event log of `events` realistic events, cached under bench/.data/: the courses and the
 * board once, then copies of one generated cohort with fresh ids per copy, interleaved (the i-th
 * event of every copy, then the (i+1)-th ...) the way many learners progress side by side, so a
 * page of the log touches many different documents. Written with a raw batched insert into the
 * schema of SqliteEventStore (which also owns the file afterwards).
 */
export const replayLog = async (events: number, cohortLearners = 200): Promise<ReplayLog> => {
  const cohort = await generateCohort(cohortLearners);
  const fingerprint = fingerprintOf(cohort.events);
  const template = cohort.events.slice(cohort.sharedEvents).map(templateOf);
  const copies = Math.ceil((events - cohort.sharedEvents) / template.length);
  const folder = join(process.cwd(), 'bench', '.data');
  const path = join(folder, `replay-${events}-${fingerprint}.sqlite`);
  const figures = { path, events, cohortEvents: template.length, copies, fingerprint };
  if (existsSync(path)) return { ...figures, generatedSeconds: null };

  console.log(`Writing ${events} events (${copies} copies of a ${template.length}-event cohort) to ${path} ...`);
  const started = performance.now();
  mkdirSync(folder, { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  await SqliteEventStore.open({ path: partial }).close();
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const versions = new Map<string, number>();
  const write = db.transaction((rows: TemplateEvent[]) => {
    for (const row of rows) {
      const version = (versions.get(row.streamId) ?? 0) + 1;
      versions.set(row.streamId, version);
      insert.run(randomUUID(), row.streamId, version, row.type, row.data, row.metadata, row.recordedAt);
    }
  });

  write(cohort.events.slice(0, cohort.sharedEvents).map(templateOf));
  const idMaps = Array.from({ length: copies }, () => new Map<string, string>());
  const renamed = (copy: number, text: string) =>
    text.replace(UUID, (id) => {
      if (SHARED.has(id)) return id;
      const ids = idMaps[copy]!;
      let fresh = ids.get(id);
      if (fresh === undefined) ids.set(id, (fresh = randomUUID()));
      return fresh;
    });
  let written = cohort.sharedEvents;
  let rows: TemplateEvent[] = [];
  for (let i = 0; i < template.length && written < events; i++) {
    const t = template[i]!;
    for (let copy = 0; copy < copies && written < events; copy++, written++) {
      rows.push({
        ...t,
        streamId: renamed(copy, t.streamId),
        data: renamed(copy, t.data),
        metadata: renamed(copy, t.metadata),
      });
      if (rows.length === 50_000) {
        write(rows);
        rows = [];
      }
    }
  }
  write(rows);
  db.pragma('journal_mode = WAL');
  db.close();
  renameSync(partial, path);
  return { ...figures, generatedSeconds: Math.round((performance.now() - started) / 100) / 10 };
};
