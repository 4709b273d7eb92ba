import type { EventFilter, RecordedEvent } from '#event-store';
import type { AwardInformation, AwardRevoked, EnrolmentStarted, LearnerErased, OutcomeConfirmed } from '#domain';
import {
  INTEGRATION_EVENT_TYPES,
  PUBLISHED_EVENT_TYPES,
  type InternalIntegrationEventType,
  type PublishedEventType,
} from '#contracts';

/**
 * The downstream contract (design §4): store events become CloudEvents 1.0 with JSON data.
 *
 * - `id` is the store event id, so every redelivery of an event carries the same id: consumers
 *   de-duplicate on it (delivery is at-least-once).
 * - `subject` is the learner id (also the Kafka key: per-learner order).
 * - `time` is when the fact happened (`metadata.occurredAt`), not when it was recorded.
 * - `data` is a deliberate public payload per type and version, never the internal event as is:
 *   internal fields (assessment schemes, board rationale and case ids, staff user ids) stay inside.
 * - No learner personal data (name, email) is ever published: a message delivered to Kafka or a
 *   webhook cannot be erased later. Consumers identify the learner by `subject` (an opaque id) and
 *   are told by `credence.learner.erased.v1` to erase what they hold about that learner.
 *   Adding a field to a v1 payload is compatible; removing or renaming one needs a v2 type.
 * - `credenceposition` (extension) is the event's position in the Credence log: it orders events
 *   and helps support, but it is specific to one store: de-duplicate on `id`, not on it.
 */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: IntegrationEventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** The JSON Schema of `data`, served by Credence at <base>/schemas/events/<type>.json. */
  dataschema: string;
  data: Data;
  credenceposition: number;
}

export { INTEGRATION_EVENT_TYPES, PUBLISHED_EVENT_TYPES };
export type { InternalIntegrationEventType, PublishedEventType };
/** Sent to one webhook endpoint on request ("send a test event"); never on Kafka or the feed. */
export const WEBHOOK_TEST_EVENT_TYPE = 'credence.webhook.test.v1';
export type IntegrationEventType = PublishedEventType | typeof WEBHOOK_TEST_EVENT_TYPE;

/** What the relay subscribes with and the feed reads: only the store events that have a public form. */
export const INTEGRATION_FILTER: EventFilter = Object.freeze({
  eventTypes: Object.freeze(Object.keys(INTEGRATION_EVENT_TYPES)) as readonly string[],
});

export const DEFAULT_CLOUD_EVENT_SOURCE = 'urn:credence:records';
/** PUBLIC_BASE_URL's default (the standalone on its default port). */
export const DEFAULT_PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

export interface CloudEventOptions {
  /** The CloudEvents `source` (a URI reference naming this Credence installation). */
  source?: string;
  /** Where this deployment serves /schemas/events/<type>.json (the `dataschema`); default http://127.0.0.1:3000. */
  schemaBaseUrl?: string;
}

/** `<base>/schemas/events/<type>.json`: what `dataschema` says on every CloudEvent of the type. */
export const dataSchemaUrl = (baseUrl: string, type: IntegrationEventType): string =>
  `${baseUrl.replace(/\/+$/, '')}/schemas/events/${type}.json`;

// ---------------------------------------------------------------- public payloads (v1) ----

export interface EnrolmentStartedV1 {
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  startDate: string;
  deadline: string;
  maxEngagementDays: number;
  enrolledAt: string;
}

export interface OutcomeConfirmedV1 {
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  result: 'pass' | 'fail';
  weightedMark: number;
  grade: 'Distinction' | 'Merit' | 'Pass' | null;
  /** True when the board amended the calculated mark. */
  amended: boolean;
  /** True when confirmed under the board's delegated authority (a clean case), false by a quorum. */
  delegated: boolean;
  boardId: string;
  confirmedAt: string;
}

/**
 * The award's information set (QAA minimum set + EU mandatory elements), without board internals
 * and without the learner's name (personal data; see above): the learner is the `subject`.
 * `learnerName` was removed from this v1 payload, a deliberate exception to the rule above: a name
 * once published could never be erased.
 */
export type AwardIssuedV1 = Omit<AwardInformation, 'boardId' | 'caseId' | 'learnerName'>;

/** The learner's personal data was erased here: erase what you hold about `learnerId` too. */
export interface LearnerErasedV1 {
  learnerId: string;
  erasedAt: string;
}

export interface AwardRevokedV1 {
  awardId: string;
  learnerId: string;
  reason: string;
  revokedAt: string;
}

/**
 * PROVISIONAL: the domain does not define CreditRecognised / PathwayConferred yet. Until it does,
 * the payload is a whitelist of the fields these events are expected to carry (absent ones are
 * omitted); `learnerId` is required. Revisit when the events exist.
 */
export type CreditRecognisedV1 = { learnerId: string } & Record<string, unknown>;
export type PathwayConferredV1 = { learnerId: string } & Record<string, unknown>;

const CREDIT_RECOGNISED_FIELDS = [
  'creditId',
  'learnerId',
  'kind',
  'source',
  'awardId',
  'provider',
  'title',
  'credits',
  'level',
  'achievedOn',
  'recognisedOn',
  'recognisedAt',
] as const;
const PATHWAY_CONFERRED_FIELDS = [
  'pathwayId',
  'awardId',
  'learnerId',
  'title',
  'awardingBody',
  'credits',
  'level',
  'creditIds',
  'conferredOn',
  'conferredAt',
] as const;

/** Thrown when an event of an integration type lacks what the contract needs (a bug upstream). */
export class IntegrationEventError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'position'>,
    message: string,
  ) {
    super(`cannot publish ${event.type} ${event.id} (position ${event.position}): ${message}`);
    this.name = 'IntegrationEventError';
  }
}

type Data<E extends { data: unknown }> = E['data'];

const pick = (data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (data[field] !== undefined) out[field] = data[field];
  return out;
};

/** One public payload builder per internal type (explicit field lists: new internal fields stay private). */
const PAYLOADS: { [T in InternalIntegrationEventType]: (data: any) => unknown } = {
  EnrolmentStarted: (d: Data<EnrolmentStarted>): EnrolmentStartedV1 => ({
    enrolmentId: d.enrolmentId,
    learnerId: d.learnerId,
    courseId: d.courseId,
    startDate: d.startDate,
    deadline: d.deadline,
    maxEngagementDays: d.maxEngagementDays,
    enrolledAt: d.enrolledAt,
  }),
  OutcomeConfirmed: (d: Data<OutcomeConfirmed>): OutcomeConfirmedV1 => ({
    enrolmentId: d.enrolmentId,
    learnerId: d.learnerId,
    courseId: d.courseId,
    result: d.result,
    weightedMark: d.weightedMark,
    grade: d.grade,
    amended: d.amended,
    delegated: d.delegated,
    boardId: d.boardId,
    confirmedAt: d.confirmedAt,
  }),
  AwardIssued: (d: AwardInformation): AwardIssuedV1 => ({
    awardId: d.awardId,
    learnerId: d.learnerId,
    enrolmentId: d.enrolmentId,
    courseId: d.courseId,
    courseCode: d.courseCode,
    title: d.title,
    awardingBody: d.awardingBody,
    issuedOn: d.issuedOn,
    credits: { cats: d.credits.cats, ects: d.credits.ects },
    level: { framework: d.level.framework, level: d.level.level },
    modeOfLearning: d.modeOfLearning,
    aims: d.aims,
    learningOutcomes: [...d.learningOutcomes],
    result: { weightedMark: d.result.weightedMark, grade: d.result.grade },
    cahCode: d.cahCode,
    hecosCodes: [...d.hecosCodes],
    psrb: d.psrb ? { body: d.psrb.body, recognition: d.psrb.recognition } : null,
    issuerCountry: d.issuerCountry,
    assessmentType: d.assessmentType,
    formOfParticipation: d.formOfParticipation,
    qualityAssurance: d.qualityAssurance,
    startDate: d.startDate,
    completedOn: d.completedOn,
  }),
  AwardRevoked: (d: Data<AwardRevoked>): AwardRevokedV1 => ({
    awardId: d.awardId,
    learnerId: d.learnerId,
    reason: d.reason,
    revokedAt: d.revokedAt,
  }),
  LearnerErased: (d: Data<LearnerErased>): LearnerErasedV1 => ({ learnerId: d.learnerId, erasedAt: d.erasedAt }),
  CreditRecognised: (d: Record<string, unknown>) => pick(d, CREDIT_RECOGNISED_FIELDS),
  PathwayConferred: (d: Record<string, unknown>) => pick(d, PATHWAY_CONFERRED_FIELDS),
};

export const isIntegrationEventType = (type: string): type is InternalIntegrationEventType =>
  Object.hasOwn(INTEGRATION_EVENT_TYPES, type);

/**
 * The CloudEvent for a store event, or undefined when the event is not part of the contract.
 * Throws IntegrationEventError when an integration event lacks its learner id (the subject).
 */
export const toIntegrationEvent = (event: RecordedEvent, options: CloudEventOptions = {}): CloudEvent | undefined => {
  if (!isIntegrationEventType(event.type)) return undefined;
  const data = event.data;
  if (typeof data !== 'object' || data === null) throw new IntegrationEventError(event, 'data is not an object');
  const learnerId = (data as { learnerId?: unknown }).learnerId;
  if (typeof learnerId !== 'string' || learnerId === '') throw new IntegrationEventError(event, 'no learnerId');
  return {
    specversion: '1.0',
    id: event.id,
    source: options.source ?? DEFAULT_CLOUD_EVENT_SOURCE,
    type: INTEGRATION_EVENT_TYPES[event.type],
    subject: learnerId,
    time: event.metadata?.occurredAt ?? event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUrl(options.schemaBaseUrl ?? DEFAULT_PUBLIC_BASE_URL, INTEGRATION_EVENT_TYPES[event.type]),
    data: PAYLOADS[event.type](data),
    credenceposition: event.position,
  };
};

/** Maps a batch, dropping events that are not part of the contract; order is kept. */
export const toIntegrationEvents = (events: readonly RecordedEvent[], options: CloudEventOptions = {}): CloudEvent[] =>
  events.flatMap((event) => toIntegrationEvent(event, options) ?? []);
