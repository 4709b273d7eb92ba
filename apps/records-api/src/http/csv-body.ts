import type { FastifyInstance } from 'fastify';

/** A CSV upload may be larger than a JSON command: 10,000 rows of a mark or enrolment sheet fit. */
export const CSV_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Accepts `text/csv` bodies as text, for the bulk uploads (anything else is still 415). */
export const acceptCsvBodies = (fastify: FastifyInstance): void => {
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
};
