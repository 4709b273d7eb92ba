/**
 * The public CloudEvent types, keyed by the internal event that publishes each: stated once for the
 * integration library (which maps events onto them), the API (which accepts them as a webhook
 * filter) and the web app (which offers them). Nothing else leaves the system.
 */
export const INTEGRATION_EVENT_TYPES = {
  EnrolmentStarted: 'credence.enrolment.started.v1',
  OutcomeConfirmed: 'credence.outcome.confirmed.v1',
  AwardIssued: 'credence.award.issued.v1',
  AwardRevoked: 'credence.award.revoked.v1',
  CreditRecognised: 'credence.credit.recognised.v1',
  PathwayConferred: 'credence.pathway.conferred.v1',
  LearnerErased: 'credence.learner.erased.v1',
} as const;

export type InternalIntegrationEventType = keyof typeof INTEGRATION_EVENT_TYPES;
/** The public CloudEvent types, each with its JSON Schema; what a webhook subscription may filter on. */
export type PublishedEventType = (typeof INTEGRATION_EVENT_TYPES)[InternalIntegrationEventType];
export const PUBLISHED_EVENT_TYPES: readonly PublishedEventType[] = Object.freeze(
  Object.values(INTEGRATION_EVENT_TYPES),
);
