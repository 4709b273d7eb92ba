import {
  awardFor,
  enrolmentDecider,
  ERASED_TEXT,
  fold,
  learnerDecider,
  type CourseDefinition,
  type Enrolment,
  type SealedText,
} from '#domain';
import { courseState, enrolmentStarted, learnerErased, learnerRegistered } from './fixtures.js';
import { outcomeConfirmed } from './moderation-fixtures.js';

/** The award's learner name is copied as the learner's stream holds it, never opened by the domain. */
describe('awardFor: the learner on the award', () => {
  const course = courseState() as CourseDefinition;
  const confirmedPass = fold(enrolmentDecider, [enrolmentStarted(), outcomeConfirmed()]) as Enrolment;

  it('copies the sealed full name as it is (the shell sealed it under the learner key)', () => {
    const sealed: SealedText = { sealed: 'A256GCM', iv: 'aXYtaXYtaXYt', ciphertext: 'c2VhbGVkLW5hbWU' };
    const registered = learnerRegistered();
    const learner = fold(learnerDecider, [{ ...registered, data: { ...registered.data, fullName: sealed } }]);
    if (learner.status !== 'registered') throw new Error('not registered');
    expect(awardFor('awd-1', confirmedPass, course, learner).learnerName).toBe(sealed);
  });

  it('names a plain-text (pre-sealing) learner by their full name', () => {
    const learner = fold(learnerDecider, [learnerRegistered()]);
    if (learner.status !== 'registered') throw new Error('not registered');
    expect(awardFor('awd-1', confirmedPass, course, learner).learnerName).toBe('Amira Okafor');
  });

  it('issues the award of an erased learner in the name "[erased]"', () => {
    const learner = fold(learnerDecider, [learnerRegistered(), learnerErased()]);
    if (learner.status !== 'erased') throw new Error('not erased');
    expect(awardFor('awd-1', confirmedPass, course, learner)).toMatchObject({
      learnerName: ERASED_TEXT,
      learnerId: learner.learnerId,
    });
  });
});
