/**
 * SQLite schema of the event log. Idempotent: run on every open.
 *
 * `events.position` is the global position, the rowid: appends are serialised (BEGIN IMMEDIATE)
 * and events are never deleted, so each new position is one more than the last committed one and
 * positions only grow. A rolled-back append's position is taken again by the next, but it was
 * never visible. A stream's version is the largest `stream_version` of its events, one lookup in
 * the UNIQUE(stream_id, stream_version) index, which also stops two writers claiming one version.
 *
 * Files made before kept AUTOINCREMENT and a `streams` table of versions; both cost a page write
 * per append (a quarter of an append's work) and are no longer needed. Such files still work: the
 * table is simply not read or written any more.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  data           TEXT    NOT NULL, -- JSON
  metadata       TEXT    NOT NULL, -- JSON
  recorded_at    TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);
`;
