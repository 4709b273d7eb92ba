import {
  awardDecider,
  NotFound,
  StateConflict,
  type AwardEvent,
  type AwardInformation,
  type IssueAward,
} from '#domain';
import { at, given } from './given-when-then.js';
import { COURSE_ID, ENROLMENT_ID, LEARNER_ID, START_DATE } from './fixtures.js';
import { BOARD_ID, CASE_ID } from './moderation-fixtures.js';

const AWARD_ID = 'awd-0001';

/** Data Ethics, passed with a Distinction and confirmed under delegated authority. */
const information = (overrides: Partial<AwardInformation> = {}): AwardInformation => ({
  awardId: AWARD_ID,
  learnerId: LEARNER_ID,
  learnerName: 'Amira Okafor',
  enrolmentId: ENROLMENT_ID,
  courseId: COURSE_ID,
  courseCode: 'DE701',
  title: 'Data Ethics',
  awardingBody: 'University of Northbridge',
  issuedOn: '2026-03-01',
  credits: { cats: 15, ects: 7.5 },
  level: { framework: 'FHEQ', level: 7 },
  modeOfLearning: 'online',
  aims: 'To equip data professionals to recognise and resolve ethical questions in the use of data.',
  learningOutcomes: ['Critically evaluate the ethical implications of a data-driven system'],
  result: { weightedMark: 70, grade: 'Distinction' },
  cahCode: 'CAH11-01-01',
  hecosCodes: ['100366'],
  psrb: null,
  issuerCountry: 'GB',
  assessmentType: 'Case-study essay, Online examination',
  formOfParticipation: 'Online, self-paced',
  qualityAssurance: "Approved and assured under the awarding body's academic regulations",
  startDate: START_DATE,
  completedOn: '2026-02-28',
  boardId: BOARD_ID,
  caseId: CASE_ID,
  ...overrides,
});

const issue = (overrides: Partial<IssueAward['data']> = {}): IssueAward => {
  const { issuedOn: _issuedOn, ...data } = information();
  return { type: 'IssueAward', data: { ...data, ...overrides } };
};
const awardIssued = (overrides: Partial<AwardInformation> = {}): AwardEvent => ({
  type: 'AwardIssued',
  data: information(overrides),
});
const revoke = (reason = 'Academic misconduct established after award', revokedBy = 'registry-1') =>
  ({ type: 'RevokeAward', data: { reason, revokedBy } }) as const;
const awardRevoked = (revokedAt = '2026-03-01T10:00:00.000Z'): AwardEvent => ({
  type: 'AwardRevoked',
  data: {
    awardId: AWARD_ID,
    learnerId: LEARNER_ID,
    reason: 'Academic misconduct established after award',
    revokedBy: 'registry-1',
    revokedAt,
  },
});

describe('IssueAward', () => {
  it('issues the award dated today, with the full information set', () => {
    const { state } = given(awardDecider)
      .when(issue(), at('2026-03-02T08:15:00Z'))
      .then([awardIssued({ issuedOn: '2026-03-02' })]);

    expect(state).toMatchObject({ status: 'issued', awardId: AWARD_ID, issuedOn: '2026-03-02', revoked: null });
  });

  it('does nothing when the same enrolment is awarded again (a replay)', () => {
    given(awardDecider, awardIssued()).when(issue()).then([]);
  });

  it('refuses the same award id for another enrolment', () => {
    given(awardDecider, awardIssued())
      .when(issue({ enrolmentId: 'enr-0002' }))
      .thenThrows(StateConflict, `award ${AWARD_ID} was already issued for enrolment ${ENROLMENT_ID}`);
  });

  it('reports every missing identifier at once', () => {
    given(awardDecider)
      .when(issue({ awardId: '', learnerId: ' ', enrolmentId: '', courseId: '', boardId: '', caseId: '' }))
      .thenViolatesAll(['awardId', 'learnerId', 'enrolmentId', 'courseId', 'boardId', 'caseId']);
  });
});

describe('RevokeAward', () => {
  it('revokes the award with a reason, naming the learner', () => {
    const { state } = given(awardDecider, awardIssued())
      .when(revoke('  Academic misconduct established after award  '))
      .then([awardRevoked()]);

    expect(state).toMatchObject({
      status: 'issued',
      title: 'Data Ethics',
      revoked: {
        reason: 'Academic misconduct established after award',
        revokedBy: 'registry-1',
        revokedAt: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('refuses an award already revoked', () => {
    given(awardDecider, awardIssued(), awardRevoked())
      .when(revoke())
      .thenThrows(StateConflict, `award ${AWARD_ID} was already revoked on 2026-03-01T10:00:00.000Z`);
  });

  it.each(['', '  ', 'r'.repeat(1001)])('rejects a reason of %j', (reason) => {
    given(awardDecider, awardIssued()).when(revoke(reason)).thenViolates('reason', 'must be 1-1000 characters');
  });

  it('rejects a blank revokedBy', () => {
    given(awardDecider, awardIssued()).when(revoke(undefined, ' ')).thenViolates('revokedBy');
  });

  it('refuses an award that was never issued', () => {
    given(awardDecider).when(revoke()).thenThrows(NotFound, 'award not found');
  });
});

describe('share links', () => {
  const TOKEN = 'Qx3v9Lr2Tg8Wm1Zp7Ka5Yc';
  const turnedOn = (token = TOKEN): AwardEvent => ({
    type: 'AwardShareLinkTurnedOn',
    data: { awardId: AWARD_ID, learnerId: LEARNER_ID, token, turnedOnAt: '2026-03-05T09:00:00.000Z' },
  });
  const turnOn = (token = TOKEN) => ({ type: 'TurnOnShareLink', data: { token } }) as const;
  const turnOff = { type: 'TurnOffShareLink', data: {} } as const;

  it('turns a link on, so the credential page may show the learner\u2019s name', () => {
    const { state } = given(awardDecider, awardIssued()).when(turnOn(), at('2026-03-05T09:00:00Z')).then([turnedOn()]);
    expect(state).toMatchObject({ shareLink: { token: TOKEN, since: '2026-03-05T09:00:00.000Z' } });
  });

  it('keeps the token of a link already on (a retry changes nothing)', () => {
    given(awardDecider, awardIssued(), turnedOn()).when(turnOn('Another0Token0Of022Chars')).then([]);
  });

  it('turns it off again, and turning off a link that is off changes nothing', () => {
    const { state } = given(awardDecider, awardIssued(), turnedOn())
      .when(turnOff, at('2026-03-06T09:00:00Z'))
      .then([
        {
          type: 'AwardShareLinkTurnedOff',
          data: { awardId: AWARD_ID, learnerId: LEARNER_ID, turnedOffAt: '2026-03-06T09:00:00.000Z' },
        },
      ]);
    expect(state).toMatchObject({ shareLink: null });
    given(awardDecider, awardIssued()).when(turnOff).then([]);
  });

  it.each(['short', 'has spaces in it and is long enough', '/'.repeat(30)])('rejects the token %j', (token) => {
    given(awardDecider, awardIssued()).when(turnOn(token)).thenViolates('token', 'must be 22-100 URL-safe characters');
  });

  it('refuses an award that was never issued', () => {
    given(awardDecider).when(turnOn()).thenThrows(NotFound, 'award not found');
  });
});
