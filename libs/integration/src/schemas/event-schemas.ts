import { MODES_OF_LEARNING } from '#domain';
import {
  dataSchemaUrl,
  INTEGRATION_EVENT_TYPES,
  WEBHOOK_TEST_EVENT_TYPE,
  type IntegrationEventType,
} from '../cloud-events.js';

/**
 * The JSON Schema (draft-07, which AsyncAPI 3.0 schemas extend) of each event type's `data`: the
 * one description of the contract. Credence serves each at /schemas/events/<type>.json (the
 * CloudEvents `dataschema` of every event points there), embeds them in /asyncapi.json, and its
 * tests check every payload the code builds against them.
 */
export type JsonSchema = Record<string, unknown>;

const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const text = { type: 'string' } as const;
const date = { type: 'string', format: 'date' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const grade = { enum: ['Distinction', 'Merit', 'Pass'] } as const;
const level = {
  type: 'object',
  required: ['framework', 'level'],
  properties: { framework: { enum: ['FHEQ', 'SCQF', 'CQFW'] }, level: { type: 'integer' } },
} as const;
const credits = {
  type: 'object',
  required: ['cats', 'ects'],
  properties: { cats: { type: 'number', minimum: 0 }, ects: { type: 'number', minimum: 0 } },
} as const;

/** `additionalProperties` stays open: adding a field to a v1 payload is a compatible change. */
const object = (
  title: string,
  description: string,
  properties: Record<string, unknown>,
  required = Object.keys(properties),
) => ({
  title,
  description,
  type: 'object',
  required,
  properties,
});

const DATA_SCHEMAS: Record<IntegrationEventType, JsonSchema> = {
  [INTEGRATION_EVENT_TYPES.EnrolmentStarted]: object(
    'EnrolmentStartedV1',
    'A learner started a course on their own start date; the deadline is when the work is due.',
    {
      enrolmentId: id,
      learnerId: id,
      courseId: id,
      startDate: date,
      deadline: date,
      maxEngagementDays: { type: 'integer', minimum: 1 },
      enrolledAt: dateTime,
    },
  ),
  [INTEGRATION_EVENT_TYPES.OutcomeConfirmed]: object(
    'OutcomeConfirmedV1',
    "A board confirmed a learner's outcome (at once under delegated authority for a clean case, else by a quorum).",
    {
      enrolmentId: id,
      learnerId: id,
      courseId: id,
      result: { enum: ['pass', 'fail'] },
      weightedMark: { type: 'number', minimum: 0, maximum: 100 },
      grade: { enum: [...grade.enum, null] },
      amended: { type: 'boolean', description: 'the board amended the calculated mark' },
      delegated: { type: 'boolean', description: "confirmed under the board's delegated authority" },
      boardId: id,
      confirmedAt: dateTime,
    },
  ),
  [INTEGRATION_EVENT_TYPES.AwardIssued]: object(
    'AwardIssuedV1',
    'A micro-credential was awarded: the QAA minimum information set and the EU mandatory elements, without the learner\u2019s name (the learner is the CloudEvent subject).',
    {
      awardId: id,
      learnerId: id,
      enrolmentId: id,
      courseId: id,
      courseCode: text,
      title: text,
      awardingBody: text,
      issuedOn: date,
      credits,
      level,
      modeOfLearning: { enum: [...MODES_OF_LEARNING] },
      aims: text,
      learningOutcomes: { type: 'array', items: text },
      result: {
        type: 'object',
        required: ['weightedMark', 'grade'],
        properties: { weightedMark: { type: 'number', minimum: 0, maximum: 100 }, grade },
      },
      cahCode: text,
      hecosCodes: { type: 'array', items: text },
      psrb: {
        oneOf: [
          { type: 'null' },
          { type: 'object', required: ['body', 'recognition'], properties: { body: text, recognition: text } },
        ],
      },
      issuerCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
      assessmentType: text,
      formOfParticipation: text,
      qualityAssurance: text,
      startDate: date,
      completedOn: date,
    },
  ),
  [INTEGRATION_EVENT_TYPES.AwardRevoked]: object('AwardRevokedV1', 'An award was revoked, with the reason.', {
    awardId: id,
    learnerId: id,
    reason: text,
    revokedAt: dateTime,
  }),
  [INTEGRATION_EVENT_TYPES.CreditRecognised]: object(
    'CreditRecognisedV1',
    "Credit from prior learning was recognised on the learner's ledger.",
    {
      creditId: id,
      learnerId: id,
      kind: text,
      source: text,
      awardId: id,
      provider: text,
      title: text,
      credits: {},
      level,
      achievedOn: date,
      recognisedOn: date,
      recognisedAt: dateTime,
    },
    ['learnerId'],
  ),
  [INTEGRATION_EVENT_TYPES.PathwayConferred]: object(
    'PathwayConferredV1',
    'A larger award (a pathway, e.g. a PgCert) was conferred from the credit on the learner\u2019s ledger.',
    {
      pathwayId: id,
      awardId: id,
      learnerId: id,
      title: text,
      awardingBody: text,
      credits: {},
      level,
      creditIds: { type: 'array', items: id },
      conferredOn: date,
      conferredAt: dateTime,
    },
    ['learnerId', 'pathwayId'],
  ),
  [INTEGRATION_EVENT_TYPES.LearnerErased]: object(
    'LearnerErasedV1',
    "The learner's personal data was erased in Credence: erase what you hold about them too.",
    { learnerId: id, erasedAt: dateTime },
  ),
  [WEBHOOK_TEST_EVENT_TYPE]: object(
    'WebhookTestV1',
    'Sent to one webhook endpoint when someone asks Credence to test it; never on Kafka or the feed.',
    { subscriptionId: id, requestedBy: id, message: text },
  ),
};

/** The JSON Schema document of one type's data, as served at its `dataschema` URL. */
export const eventDataSchema = (type: IntegrationEventType, baseUrl: string): JsonSchema => ({
  $schema: JSON_SCHEMA_DRAFT,
  $id: dataSchemaUrl(baseUrl, type),
  ...DATA_SCHEMAS[type],
});

export const isIntegrationEventTypeName = (type: string): type is IntegrationEventType =>
  Object.hasOwn(DATA_SCHEMAS, type);

/** The types with a schema: the published ones and the webhook test event. */
export const EVENT_TYPES_WITH_SCHEMAS = Object.keys(DATA_SCHEMAS) as IntegrationEventType[];
