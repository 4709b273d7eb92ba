import { randomUUID } from 'node:crypto';
import type { ExpectedVersion, StreamAppend } from '../event-store.port.js';

/** One append of a group commit: non-empty, and the only one for its stream in the batch. */
export type BatchedAppend = StreamAppend;

/** A version some stream could be at (a count of events). */
export const isVersion = (expected: number): boolean => Number.isSafeInteger(expected) && expected >= 0;

/** The appends in order, cut into runs in which no stream appears twice (one batch statement each). */
export const runsOfDistinctStreams = (appends: readonly StreamAppend[]): StreamAppend[][] => {
  const runs: StreamAppend[][] = [];
  let streams = new Set<string>();
  for (const append of appends) {
    if (runs.length === 0 || streams.has(append.streamId)) {
      runs.push([]);
      streams = new Set();
    }
    runs.at(-1)!.push(append);
    streams.add(append.streamId);
  }
  return runs;
};

/** How one append of the batch fared: written (with its last position) or refused by the version check. */
export interface BatchedOutcome {
  accepted: boolean;
  /** The stream's version before the batch. */
  actual: number;
  lastPosition: number;
}

/**
 * One statement for a whole batch of appends, run after the append lock is taken: it locks the
 * streams' version rows, checks every append's expected version (NULL = any), inserts the events
 * of the accepted ones in batch order (so each append's events get consecutive positions), saves
 * their versions, notifies subscribers once, and reports per append. A refused append writes
 * nothing and does not disturb the others.
 */
export const appendBatchSql = (events: string, streams: string): string => `
  WITH cmd AS (
    SELECT c.ord::integer AS cmd, c.stream_id, c.expected, c.n
      FROM unnest($1::text[], $2::integer[], $3::integer[]) WITH ORDINALITY AS c(stream_id, expected, n, ord)
  ), cur AS (
    SELECT stream_id, version FROM ${streams} WHERE stream_id = ANY($1::text[]) FOR UPDATE
  ), checked AS (
    SELECT cmd.cmd, cmd.stream_id, cmd.n, coalesce(cur.version, 0) AS actual,
           (cmd.expected IS NULL OR cmd.expected = coalesce(cur.version, 0)) AS accepted
      FROM cmd LEFT JOIN cur ON cur.stream_id = cmd.stream_id
  ), ins AS (
    INSERT INTO ${events} (id, stream_id, stream_version, type, data, metadata, recorded_at)
    SELECT e.id, k.stream_id, k.actual + e.seq, e.type, e.data::json, e.metadata::json, statement_timestamp()
      FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::integer[])
           WITH ORDINALITY AS e(id, type, data, metadata, cmd, seq, ord)
      JOIN checked k ON k.cmd = e.cmd AND k.accepted
     ORDER BY e.ord
    RETURNING position, stream_id
  ), saved AS (
    INSERT INTO ${streams} (stream_id, version)
    SELECT stream_id, actual + n FROM checked WHERE accepted
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
  ), last AS (
    SELECT stream_id, max(position) AS position FROM ins GROUP BY stream_id
  ), notified AS (
    SELECT pg_notify($10, max(position)::text) FROM last HAVING count(*) > 0
  )
  SELECT k.cmd, k.accepted, k.actual, coalesce(l.position, 0)::text AS last_position
    FROM checked k LEFT JOIN last l ON l.stream_id = k.stream_id LEFT JOIN notified ON true
   ORDER BY k.cmd`;

const expectedParameter = (expected: ExpectedVersion): number | null =>
  expected === 'any' ? null : expected === 'no-stream' ? 0 : expected;

/** The statement's parameters: per append (stream, expected, count), per event (with its append and its place in it), the channel. */
export const appendBatchParameters = (batch: readonly BatchedAppend[], channel: string): unknown[] => {
  const ids: string[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const owners: number[] = [];
  const sequence: number[] = [];
  batch.forEach((append, index) => {
    append.events.forEach((event, n) => {
      ids.push(event.id ?? randomUUID());
      types.push(event.type);
      data.push(JSON.stringify(event.data ?? null));
      metadata.push(JSON.stringify(event.metadata));
      owners.push(index + 1);
      sequence.push(n + 1);
    });
  });
  return [
    batch.map((a) => a.streamId),
    batch.map((a) => expectedParameter(a.expected)),
    batch.map((a) => a.events.length),
    ids,
    types,
    data,
    metadata,
    owners,
    sequence,
    channel,
  ];
};

/** The statement's rows, one per append in batch order. */
export const batchOutcomes = (
  rows: readonly { accepted: boolean; actual: number; last_position: string }[],
): BatchedOutcome[] =>
  rows.map((row) => ({ accepted: row.accepted, actual: row.actual, lastPosition: Number(row.last_position) }));
