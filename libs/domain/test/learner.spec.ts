import {
  ERASED_TEXT,
  learnerDecider,
  NotFound,
  StateConflict,
  type LearnerCommand,
  type LearnerRegistered,
} from '#domain';
import { at, given } from './given-when-then.js';
import { LEARNER_ID, learnerErased, learnerRegistered } from './fixtures.js';

const register = (overrides: Partial<LearnerCommand['data']> = {}): LearnerCommand => ({
  type: 'RegisterLearner',
  data: {
    learnerId: LEARNER_ID,
    givenName: 'Amira',
    familyName: 'Okafor',
    email: 'amira.okafor@example.org',
    ...overrides,
  },
});

describe('RegisterLearner', () => {
  it('registers a learner', () => {
    const { state } = given(learnerDecider).when(register(), at('2026-01-15T12:00:00Z')).then([learnerRegistered()]);

    expect(state).toStrictEqual({
      status: 'registered',
      learnerId: LEARNER_ID,
      givenName: 'Amira',
      familyName: 'Okafor',
      email: 'amira.okafor@example.org',
      fullName: 'Amira Okafor',
    });
  });

  it('trims the names and trims and lower-cases the email', () => {
    given(learnerDecider)
      .when(
        register({ givenName: '  Amira ', familyName: ' Okafor  ', email: '  Amira.Okafor@Example.ORG ' }),
        at('2026-01-15T12:00:00Z'),
      )
      .then([learnerRegistered()]);
  });

  it.each<[string, Partial<LearnerCommand['data']>, string]>([
    ['an empty given name', { givenName: '' }, 'givenName'],
    ['a blank given name', { givenName: '   ' }, 'givenName'],
    ['a given name over 100 characters', { givenName: 'A'.repeat(101) }, 'givenName'],
    ['an empty family name', { familyName: '' }, 'familyName'],
    ['a family name over 100 characters', { familyName: 'O'.repeat(101) }, 'familyName'],
    ['an email without @', { email: 'amira.okafor.example.org' }, 'email'],
    ['an email without a dot in the domain', { email: 'amira@localhost' }, 'email'],
    ['an email with a space inside', { email: 'amira okafor@example.org' }, 'email'],
    ['an email with two @', { email: 'amira@okafor@example.org' }, 'email'],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
  ])('rejects %s', (_case, overrides, field) => {
    given(learnerDecider).when(register(overrides)).thenViolates(field, 'must be');
  });

  it('reports every bad field at once', () => {
    given(learnerDecider)
      .when(register({ givenName: '', familyName: ' ', email: 'nope' }))
      .thenViolatesAll(['givenName', 'familyName', 'email']);
  });

  it('refuses to register the same learner twice', () => {
    given(learnerDecider, learnerRegistered())
      .when(register({ email: 'a.okafor@example.org' }))
      .thenThrows(StateConflict, `learner ${LEARNER_ID} is already registered`);
  });
});

describe('EraseLearner', () => {
  const erase = (reason = 'Erasure request under UK GDPR Article 17', erasedBy = 'registry-1'): LearnerCommand => ({
    type: 'EraseLearner',
    data: { learnerId: LEARNER_ID, reason, erasedBy },
  });

  it('erases a registered learner, keeping their id and the erasure but nothing personal', () => {
    const { state } = given(learnerDecider, learnerRegistered())
      .when(erase('  Erasure request under UK GDPR Article 17 '), at('2026-02-01T09:00:00Z'))
      .then([learnerErased('2026-02-01T09:00:00.000Z')]);

    expect(state).toStrictEqual({
      status: 'erased',
      learnerId: LEARNER_ID,
      reason: 'Erasure request under UK GDPR Article 17',
      erasedBy: 'registry-1',
      erasedAt: '2026-02-01T09:00:00.000Z',
    });
    expect(JSON.stringify(state)).not.toMatch(/Amira|Okafor/);
  });

  it('refuses to erase a learner twice, saying when they were erased', () => {
    given(learnerDecider, learnerRegistered(), learnerErased('2026-02-01T09:00:00.000Z'))
      .when(erase())
      .thenThrows(StateConflict, `learner ${LEARNER_ID} was already erased on 2026-02-01T09:00:00.000Z`);
  });

  it('refuses to erase an unknown learner', () => {
    given(learnerDecider).when(erase()).thenThrows(NotFound, `learner ${LEARNER_ID} not found`);
  });

  it.each([
    ['no reason', '', 'reason'],
    ['a blank reason', '   ', 'reason'],
    ['a reason over 1000 characters', 'r'.repeat(1001), 'reason'],
  ])('rejects %s', (_case, reason, field) => {
    given(learnerDecider, learnerRegistered()).when(erase(reason)).thenViolates(field, 'must be 1-1000 characters');
  });

  it('does not register an erased learner again', () => {
    given(learnerDecider, learnerRegistered(), learnerErased())
      .when({
        type: 'RegisterLearner',
        data: { learnerId: LEARNER_ID, givenName: 'A', familyName: 'B', email: 'a@b.org' },
      })
      .thenThrows(StateConflict, 'already registered');
  });
});

describe('learner events from before personal data was sealed', () => {
  it('derive the name awards are issued in from the plain-text names', () => {
    const { fullName: _fullName, ...legacy } = learnerRegistered().data;
    const state = given(learnerDecider, { type: 'LearnerRegistered', data: legacy } as LearnerRegistered).state();
    expect(state).toMatchObject({ status: 'registered', fullName: 'Amira Okafor' });
  });

  it('keep sealed names sealed (the domain never opens them)', () => {
    const sealed = { sealed: 'A256GCM', iv: 'aXY', ciphertext: 'Y3Q' } as const;
    const event: LearnerRegistered = {
      type: 'LearnerRegistered',
      data: { ...learnerRegistered().data, givenName: sealed, familyName: sealed, email: sealed, fullName: sealed },
    };
    expect(given(learnerDecider, event).state()).toMatchObject({ givenName: sealed, fullName: sealed });
    const { fullName: _fullName, ...withoutFullName } = event.data;
    expect(given(learnerDecider, { ...event, data: withoutFullName }).state()).toMatchObject({ fullName: ERASED_TEXT });
  });
});
