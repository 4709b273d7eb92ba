import { ledgerDecider, pathwayDecider } from '#domain';
import { streamStateProjection } from './stream-projection.js';
import { LISTED } from './workspace-projections.js';

export const LEDGER_COLLECTIONS = { ledgers: 'ledgers', pathways: 'pathways' } as const;

/** A learner's ledger, one document per learner (the id is the learner id), for the record and progress. */
export const ledgerProjection = streamStateProjection({
  collection: LEDGER_COLLECTIONS.ledgers,
  category: 'ledger',
  ...ledgerDecider,
});

/** Every pathway, ordered by its target award's title: the registry picks one to confer. */
export const pathwayProjection = streamStateProjection({
  collection: LEDGER_COLLECTIONS.pathways,
  category: 'pathway',
  ...pathwayDecider,
  indexOf: (state) => (state.status === 'none' ? {} : { status: LISTED, due: state.title }),
});
