import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard.js';
import { ErrorFilter } from './error-filter.js';
import { idempotencyProviders } from './idempotency/idempotency.providers.js';

/** What every endpoint gets: authentication, the error shape and Idempotency-Key support. */
@Module({
  providers: [
    ...idempotencyProviders,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class HttpModule {}
