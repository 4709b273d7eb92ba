/** The metadata of an event appended by a test that does not care who or when. */
export const metadata = {
  actor: 't',
  role: 'system',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-11-23T09:00:00Z',
};
