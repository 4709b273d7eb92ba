import { hasExpired, progressTowards, yearsBefore } from '#domain';
import {
  ANALYTICS,
  awardCredit,
  CAPSTONE,
  conferred,
  FHEQ6,
  ids,
  ledgerOf,
  MACHINE_LEARNING,
  PARTNER,
  pgCert,
  priorCredit,
  stackedToSixty,
  VISUALISATION,
} from './ledger-fixtures.js';

const TODAY = '2026-03-01';

describe('progressTowards: stacking credit into a pathway', () => {
  it('is eligible with three awards and one RPL credit making 60, the capstone included', () => {
    const progress = progressTowards(pgCert(), ledgerOf(...stackedToSixty()), TODAY);

    expect(progress).toMatchObject({
      eligible: true,
      missing: [],
      countedCredits: 60,
      creditsAtLevel: 60,
      rplCredits: 15,
      rplCap: 40,
    });
    expect(ids(progress.counting)).toEqual(['awd-3', 'awd-2', 'awd-1', 'rpl-1']);
  });

  it('says how many credits are still needed', () => {
    const progress = progressTowards(pgCert(), ledgerOf(...stackedToSixty().slice(1)), TODAY);

    expect(progress.eligible).toBe(false);
    expect(progress.missing).toEqual(['needs 15 more credits']);
  });

  it('prefers our own awards to prior learning, newest first, and leaves the rest available', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(
        ...stackedToSixty(),
        awardCredit('awd-4', { courseId: VISUALISATION, achievedOn: '2025-12-01', title: 'Visualisation' }),
        awardCredit('awd-0', { courseId: ANALYTICS, achievedOn: '2024-01-10' }),
      ),
      TODAY,
    );

    expect(ids(progress.counting)).toEqual(['awd-3', 'awd-4', 'awd-2', 'awd-1']);
    expect(ids(progress.available)).toEqual(['awd-0', 'rpl-1']);
    expect(progress.rplCredits).toBe(0);
  });
});

describe('progressTowards: the capstone', () => {
  it('needs the capstone, naming it by code', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(
        awardCredit('awd-1', { courseId: ANALYTICS }),
        awardCredit('awd-2', { courseId: MACHINE_LEARNING }),
        awardCredit('awd-4', { courseId: VISUALISATION }),
        priorCredit('rpl-1'),
      ),
      TODAY,
    );

    expect(progress.countedCredits).toBe(60);
    expect(progress.missing).toEqual(['needs the capstone DS799']);
  });

  it('counts the capstone first, even when it is the oldest credit', () => {
    const progress = progressTowards(
      pgCert({ totalCredits: 30, minCreditsAtLevel: 0 }),
      ledgerOf(
        awardCredit('awd-cap', { courseId: CAPSTONE, achievedOn: '2023-01-01' }),
        awardCredit('awd-1', { courseId: ANALYTICS, achievedOn: '2026-01-01' }),
        awardCredit('awd-2', { courseId: MACHINE_LEARNING, achievedOn: '2026-02-01' }),
      ),
      TODAY,
    );

    expect(ids(progress.counting)).toEqual(['awd-cap', 'awd-2']);
  });

  it('needs no capstone when the pathway names none', () => {
    const ledger = ledgerOf(
      ...stackedToSixty().filter((e) => e.data.creditId !== 'awd-3'),
      priorCredit('rpl-2', { title: 'Second project' }),
    );
    expect(progressTowards(pgCert({ capstone: null }), ledger, TODAY).eligible).toBe(true);
  });
});

describe('progressTowards: credit at the target level', () => {
  it('counts only credit at or above the target level towards its minimum', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(
        awardCredit('awd-cap', { courseId: CAPSTONE }),
        awardCredit('awd-1', { courseId: ANALYTICS, level: FHEQ6 }),
        awardCredit('awd-2', { courseId: MACHINE_LEARNING, level: FHEQ6 }),
        priorCredit('rpl-1', { cats: 10 }),
        priorCredit('rpl-2', { cats: 5, level: FHEQ6, title: 'Short course' }),
      ),
      TODAY,
    );

    expect(progress.countedCredits).toBe(60);
    expect(progress.creditsAtLevel).toBe(25);
    expect(progress.missing).toEqual(['needs 15 more credits at FHEQ 7']);
  });

  it('takes credit at level before lower-level credit, so the minimum is met when it can be', () => {
    const progress = progressTowards(
      pgCert({ totalCredits: 30, minCreditsAtLevel: 30, capstone: null }),
      ledgerOf(
        awardCredit('awd-low', { courseId: ANALYTICS, level: FHEQ6, achievedOn: '2026-02-01' }),
        awardCredit('awd-1', { courseId: MACHINE_LEARNING, achievedOn: '2025-01-01' }),
        awardCredit('awd-2', { courseId: VISUALISATION, achievedOn: '2025-02-01' }),
      ),
      TODAY,
    );

    expect(ids(progress.counting)).toEqual(['awd-2', 'awd-1']);
    expect(progress.eligible).toBe(true);
  });

  it('compares SCQF credit on the FHEQ scale (SCQF 11 is FHEQ 7)', () => {
    const ledger = ledgerOf(
      ...stackedToSixty().slice(0, 3),
      priorCredit('rpl-scot', { level: { framework: 'SCQF', level: 11 }, provider: 'Glenmore College' }),
    );
    expect(progressTowards(pgCert({ minCreditsAtLevel: 60 }), ledger, TODAY).creditsAtLevel).toBe(60);
  });
});

describe('progressTowards: at most 2/3 from RPL and transfer', () => {
  it('stops counting prior learning at the cap and says so', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(
        awardCredit('awd-cap', { courseId: CAPSTONE }),
        priorCredit('rpl-1', { achievedOn: '2025-01-01', title: 'A' }),
        priorCredit('rpl-2', { achievedOn: '2025-02-01', title: 'B' }),
        priorCredit('rpl-3', { achievedOn: '2025-03-01', title: 'C' }),
      ),
      TODAY,
    );

    expect(progress).toMatchObject({ rplCredits: 30, rplCap: 40, countedCredits: 45 });
    expect(ids(progress.counting)).toEqual(['awd-cap', 'rpl-3', 'rpl-2']);
    expect(ids(progress.available)).toEqual(['rpl-1']);
    expect(progress.missing).toEqual(['needs 15 more credits (at most 40 may come from RPL or transfer)']);
  });

  it('honours a stricter cap set by the pathway', () => {
    const progress = progressTowards(
      pgCert({ maxRplProportion: 0, rplCapCredits: 0 }),
      ledgerOf(...stackedToSixty()),
      TODAY,
    );
    expect(progress.rplCredits).toBe(0);
    expect(progress.eligible).toBe(false);
  });
});

describe('progressTowards: credit shelf-life', () => {
  it('sets aside credit older than the age limit as expired', () => {
    const old = awardCredit('awd-old', { courseId: VISUALISATION, achievedOn: '2021-02-28' });
    const progress = progressTowards(pgCert(), ledgerOf(...stackedToSixty().slice(1), old), TODAY);

    expect(ids(progress.expired)).toEqual(['awd-old']);
    expect(progress.missing).toEqual(['needs 15 more credits']);
  });

  it('still counts credit achieved exactly five years ago', () => {
    const edge = awardCredit('awd-edge', { courseId: VISUALISATION, achievedOn: '2021-03-01' });
    expect(progressTowards(pgCert(), ledgerOf(...stackedToSixty().slice(1), edge), TODAY).eligible).toBe(true);
  });

  it('counts old credit when the pathway sets the age limit aside', () => {
    const old = awardCredit('awd-old', { courseId: VISUALISATION, achievedOn: '1996-06-01' });
    const progress = progressTowards(
      pgCert({ ageLimitSetAside: true }),
      ledgerOf(...stackedToSixty().slice(1), old),
      TODAY,
    );

    expect(progress.expired).toEqual([]);
    expect(progress.eligible).toBe(true);
  });

  it('applies a pathway’s own age limit', () => {
    const progress = progressTowards(pgCert({ creditAgeLimitYears: 1 }), ledgerOf(...stackedToSixty()), TODAY);
    expect(ids(progress.expired)).toEqual(['rpl-1']); // awd-1 is exactly one year old: still valid
  });

  it('counts years by calendar date, 29 February falling back to the 28th', () => {
    expect(yearsBefore('2026-03-01', 5)).toBe('2021-03-01');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(hasExpired('2021-02-28', '2026-03-01', 5)).toBe(true);
    expect(hasExpired('2021-03-01', '2026-03-01', 5)).toBe(false);
  });
});

describe('progressTowards: what can never count', () => {
  it('never counts credit already used by another conferment', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(...stackedToSixty(), conferred('pth-other', ['awd-1', 'awd-2'], 30)),
      TODAY,
    );

    expect(ids(progress.usedElsewhere)).toEqual(['awd-2', 'awd-1']);
    expect(progress.missing).toEqual(['needs 30 more credits', 'needs 10 more credits at FHEQ 7']);
  });

  it('never counts a revoked award', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(...stackedToSixty(), {
        type: 'AwardCreditRevoked',
        data: { creditId: 'awd-2', learnerId: 'x', awardId: 'awd-2' },
      }),
      TODAY,
    );

    expect(progress.notAllowed).toEqual([
      expect.objectContaining({ creditId: 'awd-2', reason: 'the award was revoked' }),
    ]);
    expect(progress.eligible).toBe(false);
  });

  it('never counts an award of a course outside the pathway', () => {
    const other = awardCredit('awd-x', { courseId: 'crs-pottery', title: 'Pottery' });
    const progress = progressTowards(pgCert(), ledgerOf(...stackedToSixty().slice(1), other), TODAY);

    expect(progress.notAllowed).toEqual([
      expect.objectContaining({ creditId: 'awd-x', reason: 'the course is not part of this pathway' }),
    ]);
  });

  it('accepts transfer credit only from consortium partners (named in any case)', () => {
    const fromPartner = priorCredit('trf-1', { kind: 'transfer', provider: `  ${PARTNER.toUpperCase()} ` });
    const fromOther = priorCredit('trf-2', { kind: 'transfer', provider: 'Elsewhere University', title: 'B' });
    const progress = progressTowards(
      pgCert(),
      ledgerOf(...stackedToSixty().slice(0, 3), fromPartner, fromOther),
      TODAY,
    );

    expect(ids(progress.counting)).toContain('trf-1');
    expect(progress.notAllowed).toEqual([
      expect.objectContaining({
        creditId: 'trf-2',
        reason: 'Elsewhere University is not a consortium partner of this pathway',
      }),
    ]);
    expect(progress.eligible).toBe(true);
  });

  it('reports the pathway as already conferred', () => {
    const progress = progressTowards(
      pgCert(),
      ledgerOf(...stackedToSixty(), conferred('pth-pgcert-ds', ['awd-1'], 15)),
      TODAY,
    );
    expect(progress.missing[0]).toBe('PgCert Data Science was already conferred on 2026-01-20');
    expect(progress.conferred).toMatchObject({ pathwayId: 'pth-pgcert-ds' });
  });
});
