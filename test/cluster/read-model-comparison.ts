import { isDeepStrictEqual } from 'node:util';
import { collectionsOf, recordProjections, workspaceProjections } from '#projections';
import { withClient } from '../support/postgres.js';

/** Every collection the projector builds (readModelConsumers): what a rebuild refills. */
export const PROJECTED_COLLECTIONS = [
  ...new Set([...recordProjections, ...workspaceProjections].flatMap(collectionsOf)),
];

interface StoredDocument {
  key: string;
  row: { ref: string | null; status: string | null; due: string | null; doc: unknown };
}

const documentsOf = (schema: string): Promise<Map<string, StoredDocument['row']>> =>
  withClient(async (client) => {
    const { rows } = await client.query<{ collection: string; id: string } & StoredDocument['row']>(
      `SELECT collection, id, ref, status, due, doc FROM "${schema}".documents WHERE collection = ANY($1)`,
      [PROJECTED_COLLECTIONS],
    );
    return new Map(rows.map(({ collection, id, ...row }) => [`${collection}/${id}`, row]));
  });

/** A row as one record: its indexed columns and the document's top-level fields. */
const flat = ({ doc, ...columns }: StoredDocument['row']): Record<string, unknown> => ({
  ...columns,
  ...(doc as Record<string, unknown>),
});

/**
 * The projected documents (and their indexed columns) that differ between two schemas' read models:
 * one line per document missing from either side or different (with the fields that differ), empty
 * when they are the same.
 */
export const readModelDifferences = async (live: string, rebuilt: string): Promise<string[]> => {
  const [ours, theirs] = await Promise.all([documentsOf(live), documentsOf(rebuilt)]);
  const differences: string[] = [];
  for (const [key, row] of ours) {
    const other = theirs.get(key);
    if (!other) differences.push(`${key}: only in the live read models`);
    else if (!isDeepStrictEqual(row, other)) {
      const [x, y] = [flat(row), flat(other)];
      const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter(
        (field) => !isDeepStrictEqual(x[field], y[field]),
      );
      const shown = (side: Record<string, unknown>) => JSON.stringify(fields.map((field) => side[field]));
      differences.push(`${key} differs in ${fields.join(', ')}: live ${shown(x)}, rebuilt ${shown(y)}`);
    }
  }
  for (const key of theirs.keys()) if (!ours.has(key)) differences.push(`${key}: only in the rebuild`);
  return differences;
};

/** Each checkpoint of the schema's read-model store, by name. */
export const checkpointsOf = (schema: string): Promise<Map<string, number>> =>
  withClient(async (client) => {
    const { rows } = await client.query<{ name: string; position: string }>(
      `SELECT name, position FROM "${schema}".checkpoints`,
    );
    return new Map(rows.map((row) => [row.name, Number(row.position)]));
  });
