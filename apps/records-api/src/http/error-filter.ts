import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, InvalidCommand, StateConflict } from '#domain';
import { ConcurrencyConflict, isSqliteBusy } from '#event-store';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The driver's or the system's error code (SQLite's SQLITE_*, errno names, PostgreSQL's SQLSTATE). */
const codeOf = (exception: unknown): string => String((exception as { code?: unknown })?.code);

/** Storage out of space: SQLite's SQLITE_FULL, the file system's ENOSPC / EDQUOT, PostgreSQL's disk_full. */
const STORAGE_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']);
export const STORAGE_FULL_MESSAGE =
  'storage is full: the change was not saved; try again once the operator has freed space';

/**
 * Another connection held the event log's write lock past the wait limit (SQLite's SQLITE_BUSY and
 * its extended codes; e.g. a long WAL checkpoint). Nothing was written and a retry soon succeeds.
 */
export const STORE_BUSY_MESSAGE = 'the store was busy and the change was not saved; try again in a moment';
const STORE_BUSY_RETRY_AFTER_SECONDS = 1;

/** The first frame of our own code in the exception's stack, or nothing. */
const raisedAt = (exception: unknown): string => {
  const stack = (exception as { stack?: unknown })?.stack;
  const frame = (typeof stack === 'string' ? stack : '').split('\n').find((line) => /\/(libs|apps)\//.test(line));
  return frame ? ` ${frame.trim()}` : '';
};

const body = (statusCode: number, message: string | string[]): ErrorBody => ({
  statusCode,
  error: REASONS[statusCode] ?? 'Error',
  message: Array.isArray(message) ? message : [message],
});

const DOMAIN_STATUS = { invalid: 400, conflict: 409, 'not-found': 404, forbidden: 403 } as const;

/** Maps every failure onto the design's error shape `{statusCode, error, message[]}`. */
export const toErrorBody = (exception: unknown): ErrorBody => {
  if (exception instanceof InvalidCommand)
    return body(
      400,
      exception.violations.map((v) => `${v.field} ${v.rule}`),
    );
  if (exception instanceof StateConflict) return { ...body(409, exception.message), ...exception.details };
  if (exception instanceof DomainError) return body(DOMAIN_STATUS[exception.kind], exception.message);
  if (exception instanceof ConcurrencyConflict)
    return body(409, `${exception.streamId} was changed concurrently; reload and try again`);
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: string | string[] }).message
        : exception.message;
    return body(exception.getStatus(), message);
  }
  // Transient and not the caller's fault: nothing was written, and the same request succeeds once space returns.
  if (STORAGE_FULL.has(codeOf(exception))) return body(503, STORAGE_FULL_MESSAGE);
  if (isSqliteBusy(exception)) return body(503, STORE_BUSY_MESSAGE);
  // Fastify's own request errors (bad JSON, wrong content type, body too large) carry a 4xx statusCode.
  const status = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return body(status, (exception as Error).message || 'Bad request');
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toErrorBody(exception);
    // The driver's code and where it was raised tell an operator which store and lock to look at.
    if (error.statusCode === 503) this.logger.warn(`${error.message[0]!} (${codeOf(exception)}${raisedAt(exception)})`);
    else if (error.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isSqliteBusy(exception)) reply.header('Retry-After', String(STORE_BUSY_RETRY_AFTER_SECONDS));
    reply.status(error.statusCode).send(error);
  }
}
