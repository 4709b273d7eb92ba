import {
  coursePlaceDecider,
  enrolmentDecider,
  fold,
  learnerDecider,
  StateConflict,
  type CoursePlaceTaken,
  type EnrolmentState,
  type LearnerCommand,
} from '#domain';
import { at, given, NOW } from './given-when-then.js';
import {
  COURSE_ID,
  courseState,
  deemedWithdrawn,
  enrolmentStarted,
  LEARNER_ID,
  learnerRegistered,
  startEnrolment,
} from './fixtures.js';

const FIRST = 'enr-first';
const SECOND = 'enr-second';

const placeTaken = (enrolmentId: string, previousEnrolmentId: string | null = null): CoursePlaceTaken => ({
  type: 'CoursePlaceTaken',
  data: {
    learnerId: LEARNER_ID,
    courseId: COURSE_ID,
    enrolmentId,
    previousEnrolmentId,
    takenAt: new Date(NOW).toISOString(),
  },
});

const take = (enrolmentId: string, holder: { enrolmentId: string; state: EnrolmentState } | null = null) =>
  ({
    type: 'TakeCoursePlace',
    data: { learnerId: LEARNER_ID, courseId: COURSE_ID, enrolmentId },
    holder,
  }) as const;

const stateOf = (...events: ReturnType<typeof enrolmentStarted>[]): EnrolmentState => fold(enrolmentDecider, events);

describe('StartEnrolment needs a board that covers the course', () => {
  it('refuses a course no board covers, with a 409 saying why', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { coveringBoardId: null }))
      .thenThrows(
        StateConflict,
        'course DE701 is covered by no board: no enrolments until a board is constituted for it',
      );
  });

  it('starts on a course a board covers', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { course: courseState(), coveringBoardId: 'brd-1' }))
      .then([
        enrolmentStarted({ startDate: '2026-03-01', deadline: '2026-05-30', enrolledAt: new Date(NOW).toISOString() }),
      ]);
  });
});

describe('one active enrolment per learner and course (the place stream)', () => {
  it('gives the place to the first enrolment', () => {
    const { state } = given(coursePlaceDecider)
      .when(take(FIRST))
      .then([placeTaken(FIRST)]);
    expect(state).toEqual({ holder: FIRST });
  });

  it.each([['active', stateOf(enrolmentStarted({ enrolmentId: FIRST }))]])(
    'refuses a second enrolment while the first is %s',
    (status, holderState) => {
      given(coursePlaceDecider, placeTaken(FIRST))
        .when(take(SECOND, { enrolmentId: FIRST, state: holderState }))
        .thenThrows(
          StateConflict,
          `learner ${LEARNER_ID} already has an active enrolment on course ${COURSE_ID} (enrolment ${FIRST}, ${status}): one active enrolment per learner and course`,
        );
    },
  );

  it('refuses while the first is suspended or awaiting the board', () => {
    const suspended = { ...(stateOf(enrolmentStarted()) as object), status: 'suspended' } as EnrolmentState;
    const assessed = { ...(stateOf(enrolmentStarted()) as object), status: 'assessed' } as EnrolmentState;
    for (const holder of [suspended, assessed])
      given(coursePlaceDecider, placeTaken(FIRST))
        .when(take(SECOND, { enrolmentId: FIRST, state: holder }))
        .thenThrows(StateConflict, 'one active enrolment per learner and course');
  });

  it('lets a new enrolment take the place once the first has ended (withdrawn)', () => {
    const withdrawn = fold(enrolmentDecider, [enrolmentStarted(), deemedWithdrawn(['essay', 'exam'], '2026-05-03')]);
    given(coursePlaceDecider, placeTaken(FIRST))
      .when(take(SECOND, { enrolmentId: FIRST, state: withdrawn }))
      .then([placeTaken(SECOND, FIRST)]);
  });

  it('lets a new enrolment take a place held by an enrolment that never started (a crash between the appends)', () => {
    given(coursePlaceDecider, placeTaken(FIRST))
      .when(take(SECOND, { enrolmentId: FIRST, state: enrolmentDecider.initialState }))
      .then([placeTaken(SECOND, FIRST)]);
  });

  it('refuses when another enrolment took the place after the shell looked (the race two requests run)', () => {
    given(coursePlaceDecider, placeTaken(FIRST))
      .when(take(SECOND, null))
      .thenThrows(StateConflict, `was enrolled on course ${COURSE_ID} meanwhile (enrolment ${FIRST})`);
  });

  it('takes nothing again for the enrolment that already holds it (a retry)', () => {
    given(coursePlaceDecider, placeTaken(FIRST)).when(take(FIRST, null)).then([]);
  });
});

describe('RegisterLearner with an email already registered', () => {
  const register = (extra: { sameEmailAs?: string[]; confirmedNewPerson?: boolean } = {}): LearnerCommand => ({
    type: 'RegisterLearner',
    data: {
      learnerId: LEARNER_ID,
      givenName: 'Amira',
      familyName: 'Okafor',
      email: 'amira.okafor@example.org',
      ...(extra.confirmedNewPerson === undefined ? {} : { confirmedNewPerson: extra.confirmedNewPerson }),
    },
    sameEmailAs: extra.sameEmailAs ?? [],
  });

  it('refuses with a 409 naming the learner who has it', () => {
    const error = given(learnerDecider)
      .when(register({ sameEmailAs: ['lrn-existing'] }))
      .thenThrows(StateConflict, 'email is already registered to learner lrn-existing');
    expect((error as StateConflict).details).toEqual({ existingLearnerId: 'lrn-existing' });
  });

  it('registers someone else who shares the email when the registry confirms a new person', () => {
    given(learnerDecider)
      .when(register({ sameEmailAs: ['lrn-existing'], confirmedNewPerson: true }), at('2026-01-15T12:00:00Z'))
      .then([learnerRegistered()]);
  });

  it('registers an email no one has', () => {
    given(learnerDecider).when(register(), at('2026-01-15T12:00:00Z')).then([learnerRegistered()]);
  });
});
