import {
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { lastValueFrom, of, type Observable } from 'rxjs';
import type { Clock } from '#domain';
import { ConcurrencyConflict } from '#event-store';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import { toErrorBody } from '../error-filter.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { IDEMPOTENCY_STORE, type IdempotencyRecord, type IdempotencyStore } from './idempotency-store.port.js';
import { idempotencyScope, requestFingerprint } from './request-fingerprint.js';
import { SingleFlight } from './single-flight.js';

interface Outcome {
  record: IdempotencyRecord;
  /** False when the record came from the store: an earlier request already ran the command. */
  executedNow: boolean;
}

/**
 * A POST with an Idempotency-Key runs at most once per (principal, key): retries get the first
 * outcome back (2xx or 4xx) and append nothing; the same key on a different request is a 409.
 * Runs after the auth guard (so the principal is known) and before validation; the preValidation
 * hook (body-shape.ts) has already refused bodies too deep to fingerprint recursively.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new SingleFlight<Outcome>();

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = idempotencyKeyOf(request.headers);
    // Keys live in their principal's namespace; the only anonymous POST (credential verification) changes nothing.
    if (key === undefined || !request.principal) return next.handle();

    const scope = idempotencyScope(request.principal.sub, key);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const { result, first } = this.inFlight.run(scope, () => this.runOnce(scope, fingerprint, successStatus, next));
    const { record, executedNow } = await result;

    if (record.fingerprint !== fingerprint)
      throw new ConflictException(['Idempotency-Key reused with a different request']);
    if (!first || !executedNow)
      context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
    // The error filter renders this exactly as it rendered the original error.
    if (record.status >= 400) throw new HttpException(record.body as object, record.status);
    return of(record.body);
  }

  private async runOnce(
    scope: string,
    fingerprint: string,
    successStatus: number,
    next: CallHandler,
  ): Promise<Outcome> {
    const stored = await this.store.find(scope);
    if (stored) return { record: stored, executedNow: false };
    const record = await this.execute(fingerprint, successStatus, next);
    await this.store.save(scope, record);
    return { record, executedNow: true };
  }

  /** Runs the handler; a 2xx or a 4xx becomes the record, anything else is thrown unrecorded. */
  private async execute(fingerprint: string, successStatus: number, next: CallHandler): Promise<IdempotencyRecord> {
    const recordedAt = () => this.clock.now().toISOString();
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return { fingerprint, status: successStatus, body, recordedAt: recordedAt() };
    } catch (error) {
      const body = toErrorBody(error);
      // 5xx and concurrent-change conflicts are transient: the retry should run the command again.
      if (body.statusCode >= 500 || error instanceof ConcurrencyConflict) throw error;
      return { fingerprint, status: body.statusCode, body, recordedAt: recordedAt() };
    }
  }
}
