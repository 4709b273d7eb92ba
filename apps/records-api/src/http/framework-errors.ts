import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-filter.js';

/**
 * Fastify's router refuses a malformed URL (400) or an over-long path parameter (414) before
 * any hook or Nest filter runs; this gives those refusals the design's error shape as well.
 */
export const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
  const body = toErrorBody(error);
  void reply.status(body.statusCode).send(body);
};
