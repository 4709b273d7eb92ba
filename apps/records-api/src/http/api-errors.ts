import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { routeTable, type Route } from './route-table.js';

/** Every refusal's body (error-filter.ts): the status, its name, and messages naming the field and the rule. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ type: [String], example: ['url must be an absolute http(s) URL of at most 2000 characters'] })
  message!: string[];
}

const DESCRIPTIONS = {
  400: 'Bad input: each message names the field and the rule; nothing was changed',
  401: 'No valid bearer token',
  403: 'The token’s role (or ownership) does not allow this',
  404: 'Nothing with that id',
  409: 'The current state does not allow this (or an Idempotency-Key was reused for another request)',
  413: 'The body is over 256 KiB',
  415: 'The body is not JSON',
  429: 'Over the caller’s request budget (RATE_LIMIT_PER_MINUTE)',
} as const;
export type ErrorStatus = keyof typeof DESCRIPTIONS;

/** The shared decorator: documents these error answers, each with the ErrorBody schema. */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody })),
  );

/** The 4xx a route can answer, from how it is declared: its inputs, its access and whether it changes state. */
export const errorStatusesOf = (route: Route): ErrorStatus[] => {
  const hasId = route.path.includes(':');
  const changes = route.method !== 'GET' && route.access !== 'public';
  const statuses: (ErrorStatus | false)[] = [
    (route.body || route.query || hasId) && 400,
    route.access !== 'public' && 401,
    Array.isArray(route.access) && 403,
    hasId && 404,
    changes && 409,
    route.body && 413,
    route.body && 415,
    429,
  ];
  return statuses.filter((s): s is ErrorStatus => s !== false);
};

/**
 * Applies ApiErrors to every route of the modules with the statuses it can answer, so the OpenAPI
 * document lists each endpoint's 4xx without a decorator per method to keep in step. Idempotent.
 */
export const documentErrorResponses = (modules: readonly Type[]): void => {
  for (const route of routeTable(modules)) {
    const prototype = route.controller.prototype as object;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, route.handler)!;
    ApiErrors(...errorStatusesOf(route))(prototype, route.handler, descriptor);
  }
};
