import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '#domain';
import { openPersonalFields, sealPersonalFields, type PersonalDataVault } from '#personal-data';
import type { ReadModelStore } from '#projections';
import type { AppConfig } from '#runtime';
import { APP_CONFIG, CLOCK, PERSONAL_DATA_VAULT, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.port.js';

const COLLECTION = 'idempotency';
/**
 * ReadModelStore.commit() always writes a checkpoint row with the documents. This name is private
 * to this store and never read: it only satisfies commit(). No projection may use it, and since
 * 'idempotency' is no projection's collection a rebuild (which resets only its own collections)
 * keeps the records.
 */
const UNUSED_CHECKPOINT = 'idempotency-store';
/** The index status of every record; `due` is when it expires. */
const KEPT = 'kept';
/** Expired records are deleted at most this often (and at least once per retention period). */
const PURGE_INTERVAL_MS = 60_000;

/**
 * Idempotency records as documents beside the read models: durable, and no new table or port.
 * A record is kept for IDEMPOTENCY_RETENTION_SECONDS (default 7 days): after that a retry runs the
 * command afresh, and expired records are deleted as new ones are saved. Personal data in a kept
 * answer is sealed under the learner's key, so an erasure erases it too.
 */
@Injectable()
export class ReadModelIdempotencyStore implements IdempotencyStore {
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async find(scope: string): Promise<IdempotencyRecord | undefined> {
    const record = await this.readModels.get<IdempotencyRecord>(COLLECTION, scope);
    if (!record || this.expiresAt(record) <= this.clock.now().toISOString()) return undefined;
    return { ...record, body: await openPersonalFields(this.vault, record.body) };
  }

  async save(scope: string, record: IdempotencyRecord): Promise<void> {
    await this.purgeExpired();
    const kept = { ...record, body: await sealPersonalFields(this.vault, record.body) };
    await this.readModels.commit(UNUSED_CHECKPOINT, 0, [
      { collection: COLLECTION, id: scope, doc: kept, index: { status: KEPT, due: this.expiresAt(record) } },
    ]);
  }

  private expiresAt(record: IdempotencyRecord): string {
    return new Date(Date.parse(record.recordedAt) + this.config.idempotencyRetentionSeconds * 1000).toISOString();
  }

  private async purgeExpired(): Promise<void> {
    const now = this.clock.now();
    const interval = Math.min(PURGE_INTERVAL_MS, this.config.idempotencyRetentionSeconds * 1000);
    if (now.getTime() - this.lastPurge < interval) return;
    this.lastPurge = now.getTime();
    await this.readModels.deleteDue(COLLECTION, KEPT, now.toISOString());
  }
}
