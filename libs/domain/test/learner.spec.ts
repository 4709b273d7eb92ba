import { learnerDecider, StateConflict, type LearnerCommand } from '#domain';
import { at, given } from './given-when-then.js';
import { LEARNER_ID, learnerRegistered } from './fixtures.js';

const register = (overrides: Partial<LearnerCommand['data']> = {}): LearnerCommand => ({
  type: 'RegisterLearner',
  data: { learnerId: LEARNER_ID, givenName: 'Amira', familyName: 'Okafor', email: 'amira.okafor@example.org', ...overrides },
});

describe('RegisterLearner', () => {
  it('registers a learner', () => {
    const { state } = given(learnerDecider)
      .when(register(), at('2026-01-15T12:00:00Z'))
      .then([learnerRegistered()]);

    expect(state).toStrictEqual({
      status: 'registered',
      learnerId: LEARNER_ID,
      givenName: 'Amira',
      familyName: 'Okafor',
      email: 'amira.okafor@example.org',
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
