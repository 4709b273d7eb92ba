import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CLOUD_EVENT_SOURCE,
  INTEGRATION_EVENT_TYPES,
  INTEGRATION_FILTER,
  IntegrationEventError,
  fromKafkaRecord,
  toIntegrationEvent,
  toIntegrationEvents,
  toKafkaRecord,
} from '#integration';
import { awardInformation, awardIssued, awardRevoked, markRecorded, metadata, recorded } from './fixtures.js';

const learnerId = 'b7c1a0a4-3f57-4c0e-9a53-0f3f4b8c2d11';

describe('toIntegrationEvent (the CloudEvents contract)', () => {
  it('maps AwardIssued to credence.award.issued.v1 with the store id, learner subject and occurredAt time', () => {
    const event = recorded(awardIssued(learnerId, 4), 42, 'award-1');
    event.metadata.occurredAt = '2026-06-30T10:15:00.000Z';

    const cloudEvent = toIntegrationEvent(event)!;

    expect(cloudEvent).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: DEFAULT_CLOUD_EVENT_SOURCE,
      type: 'credence.award.issued.v1',
      subject: learnerId,
      time: '2026-06-30T10:15:00.000Z',
      datacontenttype: 'application/json',
      credenceposition: 42,
    });
  });

  it('publishes the award information set, but not the board internals nor the learner name', () => {
    const info = awardInformation(learnerId, 2);
    const event = recorded({ id: randomUUID(), type: 'AwardIssued', data: info, metadata: metadata() }, 1);

    const { boardId: _boardId, caseId: _caseId, learnerName: _learnerName, ...publicInfo } = info;
    expect(toIntegrationEvent(event)!.data).toEqual(publicInfo);
    expect(Object.keys(toIntegrationEvent(event)!.data as object)).toHaveLength(23);
  });

  it('never publishes learner personal data: a published message cannot be erased', () => {
    const sealed = { sealed: 'A256GCM', iv: 'aXYtaXYtaXYt', ciphertext: 'c2VhbGVk' } as const;
    for (const learnerName of ['Amira Okafor', sealed]) {
      const event = recorded(awardIssued(learnerId, 1, { learnerName }), 1);
      expect(JSON.stringify(toIntegrationEvent(event))).not.toMatch(/Amira|Okafor|sealed|A256GCM/);
    }
  });

  it('maps LearnerErased to credence.learner.erased.v1: consumers erase what they hold', () => {
    const event = recorded(
      {
        id: randomUUID(),
        type: 'LearnerErased',
        data: {
          learnerId,
          reason: 'Article 17 request from the learner',
          erasedBy: 'registry-7',
          erasedAt: '2026-07-01T10:00:00.000Z',
        },
        metadata: metadata(),
      },
      9,
    );
    expect(toIntegrationEvent(event)).toMatchObject({
      type: 'credence.learner.erased.v1',
      subject: learnerId,
      data: { learnerId, erasedAt: '2026-07-01T10:00:00.000Z' },
    });
    expect(Object.keys(toIntegrationEvent(event)!.data as object).sort()).toEqual(['erasedAt', 'learnerId']);
  });

  it('does not leak fields the domain adds later (explicit field lists)', () => {
    const info = { ...awardInformation(learnerId), internalNote: 'appeal pending', signingKeyId: 'k1' };
    const event = recorded({ id: randomUUID(), type: 'AwardIssued', data: info, metadata: metadata() }, 1);

    expect(toIntegrationEvent(event)!.data).not.toHaveProperty('internalNote');
    expect(toIntegrationEvent(event)!.data).not.toHaveProperty('signingKeyId');
  });

  it('maps AwardRevoked without the revoking staff member', () => {
    const event = recorded(awardRevoked(learnerId, 'award-9'), 7);
    const cloudEvent = toIntegrationEvent(event)!;
    expect(cloudEvent.type).toBe('credence.award.revoked.v1');
    expect(cloudEvent.data).toEqual({
      awardId: 'award-9',
      learnerId,
      reason: 'Academic misconduct found on appeal',
      revokedAt: (event.data as { revokedAt: string }).revokedAt,
    });
  });

  it('maps EnrolmentStarted without the internal assessment scheme', () => {
    const data = {
      enrolmentId: 'e1',
      learnerId,
      courseId: 'c1',
      startDate: '2026-02-02',
      maxEngagementDays: 120,
      deadline: '2026-06-02',
      scheme: { passMark: 50, maxAttempts: 2, components: [{ id: 'essay', title: 'Essay', weight: 100 }] },
      enrolledAt: '2026-01-20T09:00:00.000Z',
    };
    const cloudEvent = toIntegrationEvent(recorded({ type: 'EnrolmentStarted', data, metadata: metadata() }, 3))!;
    expect(cloudEvent.type).toBe('credence.enrolment.started.v1');
    const { scheme: _scheme, ...expected } = data;
    expect(cloudEvent.data).toEqual(expected);
  });

  it('maps OutcomeConfirmed without the board rationale and case id', () => {
    const data = {
      enrolmentId: 'e1',
      learnerId,
      courseId: 'c1',
      boardId: 'board-1',
      caseId: 'case-1',
      result: 'pass',
      weightedMark: 68,
      grade: 'Merit',
      amended: false,
      delegated: true,
      rationale: 'Clean case: mitigating circumstances considered',
      confirmedAt: '2026-06-30T10:00:00.000Z',
    };
    const cloudEvent = toIntegrationEvent(recorded({ type: 'OutcomeConfirmed', data, metadata: metadata() }, 3))!;
    expect(cloudEvent.type).toBe('credence.outcome.confirmed.v1');
    expect(cloudEvent.data).not.toHaveProperty('rationale');
    expect(cloudEvent.data).not.toHaveProperty('caseId');
    expect(cloudEvent.data).toMatchObject({ result: 'pass', weightedMark: 68, grade: 'Merit', delegated: true });
  });

  it('maps CreditRecognised and PathwayConferred by type name, with a whitelist of fields', () => {
    const credit = toIntegrationEvent(
      recorded(
        {
          type: 'CreditRecognised',
          data: {
            creditId: 'cr1',
            learnerId,
            kind: 'rpl',
            credits: { cats: 30, ects: 15 },
            recognisedBy: 'registry-2',
            evidence: 'scan.pdf',
          },
          metadata: metadata(),
        },
        5,
      ),
    )!;
    expect(credit.type).toBe('credence.credit.recognised.v1');
    expect(credit.subject).toBe(learnerId);
    expect(credit.data).toEqual({ creditId: 'cr1', learnerId, kind: 'rpl', credits: { cats: 30, ects: 15 } });

    const pathway = toIntegrationEvent(
      recorded(
        {
          type: 'PathwayConferred',
          data: { pathwayId: 'p1', learnerId, title: 'PgCert Data Ethics' },
          metadata: metadata(),
        },
        6,
      ),
    )!;
    expect(pathway.type).toBe('credence.pathway.conferred.v1');
    expect(pathway.data).toEqual({ pathwayId: 'p1', learnerId, title: 'PgCert Data Ethics' });
  });

  it('returns undefined for events outside the contract', () => {
    expect(toIntegrationEvent(recorded(markRecorded(), 1))).toBeUndefined();
    expect(toIntegrationEvent(recorded({ type: 'CourseDefined', data: {}, metadata: metadata() }, 2))).toBeUndefined();
    expect(toIntegrationEvent(recorded({ type: 'toString', data: {}, metadata: metadata() }, 3))).toBeUndefined();
  });

  it('uses a configured source', () => {
    const cloudEvent = toIntegrationEvent(recorded(awardIssued(learnerId), 1), {
      source: 'https://records.northshire.ac.uk',
    });
    expect(cloudEvent!.source).toBe('https://records.northshire.ac.uk');
  });

  it('refuses an integration event without a learner id (a bug upstream) instead of publishing it without a subject', () => {
    const event = recorded({ type: 'AwardRevoked', data: { awardId: 'a1', reason: 'x' }, metadata: metadata() }, 9);
    expect(() => toIntegrationEvent(event)).toThrow(IntegrationEventError);
    expect(() => toIntegrationEvent(event)).toThrow(/AwardRevoked .* \(position 9\): no learnerId/);
  });

  it('keeps order and drops non-integration events in batches', () => {
    const events = [
      recorded(awardIssued(learnerId), 1),
      recorded(markRecorded(), 2),
      recorded(awardRevoked(learnerId, 'a'), 3),
    ];
    expect(toIntegrationEvents(events).map((e) => e.credenceposition)).toEqual([1, 3]);
  });

  it('uses only valid CloudEvents attribute names (lowercase alphanumerics)', () => {
    const cloudEvent = toIntegrationEvent(recorded(awardIssued(learnerId), 1))!;
    for (const name of Object.keys(cloudEvent)) expect(name).toMatch(/^[a-z0-9]{1,20}$/);
  });

  it('exports the subscription filter: exactly the seven internal types', () => {
    expect([...INTEGRATION_FILTER.eventTypes!].sort()).toEqual([
      'AwardIssued',
      'AwardRevoked',
      'CreditRecognised',
      'EnrolmentStarted',
      'LearnerErased',
      'OutcomeConfirmed',
      'PathwayConferred',
    ]);
    expect(Object.values(INTEGRATION_EVENT_TYPES).every((t) => /^credence\.[a-z]+\.[a-z]+\.v1$/.test(t))).toBe(true);
  });
});

describe('Kafka binary content mode binding', () => {
  it('puts data in the value, attributes in ce_* headers, and the learner id in the key', () => {
    const cloudEvent = toIntegrationEvent(recorded(awardIssued(learnerId), 12))!;

    const record = toKafkaRecord(cloudEvent);

    expect(record.key).toBe(learnerId);
    expect(JSON.parse(record.value)).toEqual(cloudEvent.data);
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: cloudEvent.id,
      ce_source: DEFAULT_CLOUD_EVENT_SOURCE,
      ce_type: 'credence.award.issued.v1',
      ce_subject: learnerId,
      ce_time: cloudEvent.time,
      ce_dataschema: 'http://127.0.0.1:3000/schemas/events/credence.award.issued.v1.json',
      ce_credenceposition: '12',
      'content-type': 'application/json',
    });
  });

  it('round-trips through fromKafkaRecord (buffers, as a consumer receives them)', () => {
    const cloudEvent = toIntegrationEvent(recorded(awardIssued(learnerId), 12))!;
    const record = toKafkaRecord(cloudEvent);
    const consumed = {
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
    };
    expect(fromKafkaRecord(consumed)).toEqual(cloudEvent);
  });

  it('rejects a record that is not a binary-mode CloudEvent', () => {
    expect(() => fromKafkaRecord({ value: Buffer.from('{}'), headers: {} })).toThrow(/ce_specversion is missing/);
  });
});
