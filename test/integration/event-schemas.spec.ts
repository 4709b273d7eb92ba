import { randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import {
  EVENT_TYPES_WITH_SCHEMAS,
  eventDataSchema,
  INTEGRATION_EVENT_TYPES,
  toIntegrationEvent,
  type CloudEvent,
} from '#integration';
import type { NewEvent } from '#event-store';
import { awardIssued, awardRevoked, metadata, recorded } from './fixtures.js';

const BASE = 'https://credence.example.ac.uk';
const ajv = formats.default(new Ajv({ allErrors: true, strict: false }));
/** Each schema compiled once (ajv refuses a second schema with the same $id). */
const validator = (schema: Record<string, unknown>) => ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
const learnerId = randomUUID();
const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: metadata(),
});

/** One store event of each integration type, as the domain writes it (with its internal fields). */
const SAMPLES: NewEvent[] = [
  event('EnrolmentStarted', {
    enrolmentId: randomUUID(),
    learnerId,
    courseId: randomUUID(),
    startDate: '2026-11-23',
    maxEngagementDays: 120,
    deadline: '2027-03-23',
    scheme: { components: [] },
    enrolledAt: '2026-11-23T09:00:00.000Z',
  }),
  event('OutcomeConfirmed', {
    enrolmentId: randomUUID(),
    learnerId,
    courseId: randomUUID(),
    boardId: randomUUID(),
    caseId: randomUUID(),
    result: 'pass',
    weightedMark: 64,
    grade: 'Merit',
    amended: false,
    delegated: true,
    rationale: 'Clean case',
    confirmedAt: '2027-01-10T12:00:00.000Z',
  }),
  awardIssued(learnerId, 1),
  awardIssued(learnerId, 2),
  awardRevoked(learnerId, randomUUID()),
  event('CreditRecognised', {
    creditId: randomUUID(),
    learnerId,
    kind: 'rpl',
    provider: 'Partner',
    title: 'Statistics',
    credits: { cats: 15, ects: 7.5 },
    level: { framework: 'FHEQ', level: 7 },
    achievedOn: '2025-06-30',
    recognisedOn: '2026-11-23',
    recognisedBy: 'registry-1',
  }),
  event('PathwayConferred', {
    learnerId,
    pathwayId: randomUUID(),
    title: 'PgCert Data Science',
    awardingBody: 'University of Northshire',
    level: { framework: 'FHEQ', level: 7 },
    credits: { cats: 60, ects: 30 },
    creditIds: [randomUUID()],
    conferredOn: '2027-06-30',
    conferredBy: 'registry-1',
  }),
  event('LearnerErased', { learnerId, erasedAt: '2027-07-01T00:00:00.000Z' }),
];

describe('event data schemas (JSON Schema draft-07, served at each CloudEvent dataschema)', () => {
  const published = SAMPLES.map((e, i) => toIntegrationEvent(recorded(e, i + 1), { schemaBaseUrl: BASE })!);

  it('has a schema for every published type and the webhook test event', () => {
    expect(EVENT_TYPES_WITH_SCHEMAS.sort()).toEqual(
      [...Object.values(INTEGRATION_EVENT_TYPES), 'credence.webhook.test.v1'].sort(),
    );
    expect(new Set(published.map((e) => e.type))).toEqual(new Set(Object.values(INTEGRATION_EVENT_TYPES)));
  });

  it.each(SAMPLES.map((s, i) => [s.type, i] as const))('%s: the payload the code builds validates', (_type, i) => {
    const cloudEvent: CloudEvent = published[i]!;
    expect(cloudEvent.dataschema).toBe(`${BASE}/schemas/events/${cloudEvent.type}.json`);
    const schema = eventDataSchema(cloudEvent.type, BASE);
    expect(schema.$id).toBe(cloudEvent.dataschema);
    const validate = validator(schema);
    expect(validate(cloudEvent.data) ? [] : validate.errors).toEqual([]);
  });

  it('refuses a payload that breaks the contract (a missing award id, a grade out of the scale)', () => {
    const award = published.find((e) => e.type === 'credence.award.issued.v1')!;
    const validate = validator(eventDataSchema(award.type, BASE));
    const { awardId: _awardId, ...withoutId } = award.data as Record<string, unknown>;
    expect(validate(withoutId)).toBe(false);
    expect(validate({ ...(award.data as object), result: { weightedMark: 64, grade: 'Excellent' } })).toBe(false);
  });
});
