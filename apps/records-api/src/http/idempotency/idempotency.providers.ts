import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENCY_STORE } from './idempotency-store.port.js';
import { ReadModelIdempotencyStore } from './read-model-idempotency-store.js';

/** Idempotency-Key support on every POST: the global interceptor and its durable store. */
export const idempotencyProviders = [
  { provide: IDEMPOTENCY_STORE, useClass: ReadModelIdempotencyStore },
  { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
];
