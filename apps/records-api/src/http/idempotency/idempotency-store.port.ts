/** The outcome of the first request made with an Idempotency-Key, replayed to its retries. */
export interface IdempotencyRecord {
  /** requestFingerprint() of the request that produced the outcome. */
  fingerprint: string;
  status: number;
  body: unknown;
  recordedAt: string;
}

/** Durable: a retry after a restart must still be answered from the record. */
export interface IdempotencyStore {
  /** `scope` is idempotencyScope(principal, key). */
  find(scope: string): Promise<IdempotencyRecord | undefined>;
  save(scope: string, record: IdempotencyRecord): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
