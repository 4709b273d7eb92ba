import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.port.js';

const COLLECTION = 'idempotency';
/**
 * ReadModelStore.commit() always writes a checkpoint row with the documents. This name is private
 * to this store and never read: it only satisfies commit(). No projection may use it, and since
 * 'idempotency' is no projection's collection a rebuild (which resets only its own collections)
 * keeps the records.
 */
const UNUSED_CHECKPOINT = 'idempotency-store';

/**
 * Idempotency records as documents beside the read models: durable, and no new table or port.
 * Records are kept for good (the port has no delete); an expiry would need one.
 */
@Injectable()
export class ReadModelIdempotencyStore implements IdempotencyStore {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  find(scope: string): Promise<IdempotencyRecord | undefined> {
    return this.readModels.get<IdempotencyRecord>(COLLECTION, scope);
  }

  save(scope: string, record: IdempotencyRecord): Promise<void> {
    return this.readModels.commit(UNUSED_CHECKPOINT, 0, [
      { collection: COLLECTION, id: scope, doc: record, index: {} },
    ]);
  }
}
