/**
 * SQLite schema of the event log. Idempotent: run on every open.
 *
 * `events.position` is the global position: AUTOINCREMENT guarantees it is strictly increasing
 * and never reused (positions of rolled-back appends were never visible). `streams` holds each
 * stream's current version so the expected-version check is a single primary-key lookup; the
 * UNIQUE(stream_id, stream_version) constraint is the last line of defence against two writers
 * claiming the same version.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  data           TEXT    NOT NULL, -- JSON
  metadata       TEXT    NOT NULL, -- JSON
  recorded_at    TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);

CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  version   INTEGER NOT NULL
) WITHOUT ROWID;
`;
