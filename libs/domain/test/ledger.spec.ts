import {
  awardSyncCommands,
  ledgerDecider,
  NotFound,
  PathwayNotEligible,
  StateConflict,
  type DecidePriorLearning,
  type LedgerCommand,
  type PathwayState,
  type RecordAccessRpl,
} from '#domain';
import { at, given } from './given-when-then.js';
import { courseState, LEARNER_ID } from './fixtures.js';
import {
  ANALYTICS,
  awardCredit,
  conferred,
  FHEQ7,
  ledgerOf,
  PATHWAY_ID,
  pgCert,
  priorCredit,
  stackedToSixty,
} from './ledger-fixtures.js';

const recordAward = (awardId = 'awd-1', overrides: Record<string, unknown> = {}): LedgerCommand => ({
  type: 'RecordAwardCredit',
  data: {
    awardId,
    learnerId: LEARNER_ID,
    courseId: ANALYTICS,
    title: 'Applied Analytics',
    awardingBody: 'University of Northbridge',
    credits: { cats: 15, ects: 7.5 },
    level: FHEQ7,
    issuedOn: '2025-06-30',
    ...overrides,
  },
});
const revokeAward = (awardId = 'awd-1'): LedgerCommand => ({
  type: 'RecordAwardRevocation',
  data: { learnerId: LEARNER_ID, awardId },
});
const revoked = (awardId = 'awd-1') =>
  ({ type: 'AwardCreditRevoked', data: { creditId: awardId, learnerId: LEARNER_ID, awardId } }) as const;

describe('RecordAwardCredit', () => {
  it('records an award of ours as credit, dated by its issue', () => {
    const { state } = given(ledgerDecider)
      .when(recordAward())
      .then([awardCredit('awd-1')]);
    expect(state.entries['awd-1']).toMatchObject({
      source: 'award',
      courseId: ANALYTICS,
      achievedOn: '2025-06-30',
      usedBy: null,
    });
  });

  it('records an award once, however often it is offered', () => {
    given(ledgerDecider, awardCredit('awd-1')).when(recordAward()).then([]);
  });

  it('reports every bad field of the award at once', () => {
    given(ledgerDecider)
      .when(
        recordAward('', {
          courseId: ' ',
          title: '',
          credits: { cats: 0, ects: 0 },
          level: { framework: 'XYZ', level: 7 },
          issuedOn: '30/06/2025',
        }),
      )
      .thenViolatesAll(['awardId', 'courseId', 'title', 'credits', 'level', 'issuedOn']);
  });
});

describe('RecordAwardRevocation', () => {
  it('records that the award was revoked, so it can no longer count', () => {
    const { state } = given(ledgerDecider, awardCredit('awd-1')).when(revokeAward()).then([revoked()]);
    expect(state.entries['awd-1']!.revoked).toBe(true);
  });

  it('records a revocation once', () => {
    given(ledgerDecider, awardCredit('awd-1'), revoked()).when(revokeAward()).then([]);
  });

  it('refuses an award the ledger does not hold', () => {
    given(ledgerDecider).when(revokeAward('awd-9')).thenThrows(NotFound, 'award awd-9 is not in the ledger');
  });
});

describe('awardSyncCommands', () => {
  const facts = (awardId: string, revoked: boolean) => ({ ...(recordAward(awardId) as { data: any }).data, revoked });

  it('records new awards and new revocations, and nothing the ledger already knows', () => {
    const ledger = ledgerOf(awardCredit('awd-1'), awardCredit('awd-2'), revoked('awd-2'));
    const commands = awardSyncCommands(ledger, [
      facts('awd-1', false),
      facts('awd-2', true),
      facts('awd-3', false),
      facts('awd-4', true),
    ]);
    expect(commands.map((c) => `${c.type} ${c.data.awardId}`)).toEqual([
      'RecordAwardCredit awd-3',
      'RecordAwardCredit awd-4',
      'RecordAwardRevocation awd-4',
    ]);
  });
});

const decidePriorLearning = (overrides: Partial<DecidePriorLearning['data']> = {}): LedgerCommand => ({
  type: 'DecidePriorLearning',
  data: {
    creditId: 'rpl-1',
    learnerId: LEARNER_ID,
    decision: 'recognised',
    kind: 'rpl',
    provider: ' Acme Analytics Ltd ',
    title: 'Workplace data project ',
    credits: 15,
    level: FHEQ7,
    awardedOn: '2024-09-01',
    evidenceRef: 'portfolio/rpl-1.pdf',
    decidedBy: 'registry-1',
    ...overrides,
  },
});

describe('DecidePriorLearning', () => {
  it('recognises prior learning as credit (CATS, with ECTS derived)', () => {
    const { state } = given(ledgerDecider)
      .when(decidePriorLearning(), at('2026-02-01T11:00:00Z'))
      .then([priorCredit('rpl-1')]);
    expect(state.entries['rpl-1']).toMatchObject({
      source: 'rpl',
      credits: { cats: 15, ects: 7.5 },
      evidenceRef: 'portfolio/rpl-1.pdf',
    });
  });

  it('recognises transfer credit from another provider', () => {
    const transfer = priorCredit('rpl-1', { kind: 'transfer' });
    const { state } = given(ledgerDecider)
      .when(decidePriorLearning({ kind: 'transfer' }))
      .then([{ ...transfer, data: { ...transfer.data, recognisedOn: '2026-03-01' } }]);
    expect(state.entries['rpl-1']!.source).toBe('transfer');
  });

  it('records a declined claim with its reason, giving no credit', () => {
    const { recognisedBy: _by, recognisedOn: _on, ...claim } = priorCredit('rpl-1').data;
    const { state } = given(ledgerDecider)
      .when(decidePriorLearning({ decision: 'declined', reason: ' Learning outcomes do not map ' }))
      .then([
        {
          type: 'CreditDeclined',
          data: {
            ...claim,
            reason: 'Learning outcomes do not map',
            declinedBy: 'registry-1',
            declinedOn: '2026-03-01',
          },
        },
      ]);
    expect(state.entries).toEqual({});
    expect(state.declined).toEqual([
      expect.objectContaining({ creditId: 'rpl-1', reason: 'Learning outcomes do not map' }),
    ]);
  });

  it.each<[string, Partial<DecidePriorLearning['data']>, string]>([
    ['an unknown decision', { decision: 'maybe' as never }, 'decision'],
    ['an unknown kind', { kind: 'apel' as never }, 'kind'],
    ['a blank provider', { provider: ' ' }, 'provider'],
    ['a blank title', { title: '' }, 'title'],
    ['no credits', { credits: 0 }, 'credits'],
    ['fractional credits', { credits: 7.5 }, 'credits'],
    ['an unknown level', { level: { framework: 'SCQF', level: 13 } }, 'level'],
    ['a malformed date', { awardedOn: '2024-13-01' }, 'awardedOn'],
    ['a date in the future', { awardedOn: '2026-03-02' }, 'awardedOn'],
    ['no evidence', { evidenceRef: '' }, 'evidenceRef'],
    ['a decline without a reason', { decision: 'declined' }, 'reason'],
  ])('rejects %s', (_case, overrides, field) => {
    given(ledgerDecider).when(decidePriorLearning(overrides)).thenViolates(field, 'must');
  });

  it('refuses a credit id already decided', () => {
    given(ledgerDecider, priorCredit('rpl-1', { title: 'Other' }))
      .when(decidePriorLearning())
      .thenThrows(StateConflict, 'credit rpl-1 was already decided');
  });

  it('refuses to recognise the same prior learning twice (double counting)', () => {
    given(ledgerDecider, priorCredit('rpl-1'))
      .when(decidePriorLearning({ creditId: 'rpl-2', provider: 'ACME ANALYTICS LTD' }))
      .thenThrows(
        StateConflict,
        'Workplace data project from ACME ANALYTICS LTD was already recognised as credit rpl-1',
      );
  });
});

const accessRpl = (
  overrides: Partial<RecordAccessRpl['data']> = {},
  course = courseState({ courseId: ANALYTICS, code: 'DS701' }),
): LedgerCommand => ({
  type: 'RecordAccessRpl',
  data: {
    learnerId: LEARNER_ID,
    courseId: ANALYTICS,
    decision: 'admitted',
    basis: 'Six years as a data analyst; statement reviewed by the course lead',
    evidenceRef: 'applications/2026/0042',
    decidedBy: 'registry-1',
    ...overrides,
  },
  course,
});

describe('RecordAccessRpl (RPL for access to a course)', () => {
  it('records that prior experience admits the learner, without giving credit', () => {
    const { state } = given(ledgerDecider)
      .when(accessRpl())
      .then([
        {
          type: 'AccessRplRecorded',
          data: {
            learnerId: LEARNER_ID,
            courseId: ANALYTICS,
            decision: 'admitted',
            basis: 'Six years as a data analyst; statement reviewed by the course lead',
            evidenceRef: 'applications/2026/0042',
            decidedBy: 'registry-1',
            decidedOn: '2026-03-01',
          },
        },
      ]);
    expect(state.accessDecisions).toHaveLength(1);
    expect(state.entries).toEqual({});
  });

  it.each<[string, Partial<RecordAccessRpl['data']>, string]>([
    ['an unknown decision', { decision: 'waitlist' as never }, 'decision'],
    ['no basis', { basis: ' ' }, 'basis'],
    ['no evidence', { evidenceRef: '' }, 'evidenceRef'],
  ])('rejects %s', (_case, overrides, field) => {
    given(ledgerDecider).when(accessRpl(overrides)).thenViolates(field);
  });

  it('refuses an unknown course', () => {
    given(ledgerDecider)
      .when(accessRpl({}, { status: 'none' }))
      .thenThrows(NotFound, `course ${ANALYTICS} not found`);
  });

  it('refuses a second decision on access to the same course', () => {
    const { events } = given(ledgerDecider)
      .when(accessRpl())
      .then([expect.anything() as never]);
    given(ledgerDecider, ...events)
      .when(accessRpl({ decision: 'refused' }))
      .thenThrows(StateConflict, 'access to DS701 was already decided');
  });
});

const confer = (pathway: PathwayState = pgCert()): LedgerCommand => ({
  type: 'ConferPathway',
  data: { learnerId: LEARNER_ID, conferredBy: 'registry-1' },
  pathway,
});

describe('ConferPathway', () => {
  it('confers the pathway on the credits that count, marking them used', () => {
    const { state } = given(ledgerDecider, ...stackedToSixty())
      .when(confer(), at('2026-03-01T15:00:00Z'))
      .then([
        {
          type: 'PathwayConferred',
          data: {
            learnerId: LEARNER_ID,
            pathwayId: PATHWAY_ID,
            title: 'PgCert Data Science',
            awardingBody: 'University of Northbridge',
            level: FHEQ7,
            credits: { cats: 60, ects: 30 },
            creditIds: ['awd-3', 'awd-2', 'awd-1', 'rpl-1'],
            conferredOn: '2026-03-01',
            conferredBy: 'registry-1',
          },
        },
      ]);
    expect(Object.values(state.entries).map((c) => c.usedBy)).toEqual([PATHWAY_ID, PATHWAY_ID, PATHWAY_ID, PATHWAY_ID]);
    expect(state.conferments[PATHWAY_ID]).toMatchObject({
      conferredOn: '2026-03-01',
      creditIds: ['awd-3', 'awd-2', 'awd-1', 'rpl-1'],
    });
  });

  it('refuses while credits are missing, with every reason', () => {
    const error = given(ledgerDecider, awardCredit('awd-1'), priorCredit('rpl-1'))
      .when(confer())
      .thenThrows(PathwayNotEligible, 'not eligible for PgCert Data Science: needs 30 more credits');
    expect(error).toBeInstanceOf(StateConflict);
    expect(error.missing).toEqual([
      'needs 30 more credits',
      'needs 10 more credits at FHEQ 7',
      'needs the capstone DS799',
    ]);
  });

  it('refuses to count credits a conferment already used (a credit counts towards one award only)', () => {
    const error = given(
      ledgerDecider,
      ...stackedToSixty(),
      conferred('pth-other', ['awd-1', 'awd-2', 'awd-3', 'rpl-1']),
    )
      .when(confer())
      .thenThrows(PathwayNotEligible);
    expect(error.missing).toContain('needs 60 more credits');
  });

  it('refuses to confer the same pathway twice', () => {
    given(ledgerDecider, ...stackedToSixty(), conferred(PATHWAY_ID, ['awd-1']))
      .when(confer())
      .thenThrows(StateConflict, 'PgCert Data Science was already conferred on 2026-01-20');
  });

  it('refuses when a counting award has been revoked', () => {
    given(ledgerDecider, ...stackedToSixty(), revoked('awd-3'))
      .when(confer())
      .thenThrows(PathwayNotEligible, 'needs the capstone DS799');
  });

  it('refuses a pathway that does not exist', () => {
    given(ledgerDecider, ...stackedToSixty())
      .when(confer({ status: 'none' }))
      .thenThrows(NotFound, 'pathway not found');
  });

  it('uses today to decide expiry', () => {
    given(ledgerDecider, ...stackedToSixty())
      .when(confer(), at('2030-03-02T09:00:00Z'))
      .thenThrows(PathwayNotEligible, 'needs 30 more credits');
  });
});
