import {
  courseDecider,
  enrolmentDecider,
  Forbidden,
  MODERATION_RULES,
  type EnrolmentCommand,
  type ModeratingBoard,
} from '#domain';
import { given } from './given-when-then.js';
import {
  COURSE_ID,
  courseDefined,
  enrolmentStarted,
  LEARNER_ID,
  mark,
  MARKER_ID,
  markRecorded,
  workSubmitted,
} from './fixtures.js';
import { agree, amendMark, markModerated, markSampled, MODERATING_BOARD, MODERATOR_ID } from './moderation-fixtures.js';

/** Exam 52 sampled as near the pass mark, marked by MARKER_ID. */
const examSampled = [
  enrolmentStarted(),
  workSubmitted('essay'),
  workSubmitted('exam'),
  markRecorded('exam', 52),
  markSampled('exam', 'near-boundary'),
];

const moderateAs = (
  moderatorId: string,
  moderatorRole: 'board' | 'examiner',
  board: ModeratingBoard | null = MODERATING_BOARD,
): EnrolmentCommand => ({
  type: 'ModerateMark',
  data: { componentId: 'exam', moderatorId, decision: 'agreed', reason: 'Consistent with the rubric' },
  board,
  moderatorRole,
});

const BOARD = MODERATING_BOARD.name;

describe('who may moderate a mark', () => {
  it('an external examiner appointed to the board that covers the course', () => {
    given(enrolmentDecider, ...examSampled)
      .when(agree('exam'))
      .then([markModerated('exam', 52, 52)]);
  });

  it.each(['prof-chair', 'dr-internal', MODERATOR_ID])(
    'a member of that board (%s), signed in as a board member',
    (id) => {
      given(enrolmentDecider, ...examSampled)
        .when(moderateAs(id, 'board'))
        .then([markModerated('exam', 52, 52, { moderatorId: id, reason: 'Consistent with the rubric' })]);
    },
  );

  it('refuses a board member of another board (403, appending nothing)', () => {
    given(enrolmentDecider, ...examSampled)
      .when(moderateAs('dr-elsewhere', 'board'))
      .thenThrows(Forbidden, MODERATION_RULES.notMember('dr-elsewhere', BOARD));
  });

  it('refuses an external examiner the board has not appointed', () => {
    given(enrolmentDecider, ...examSampled)
      .when(moderateAs('examiner-elsewhere', 'examiner'))
      .thenThrows(Forbidden, MODERATION_RULES.notAppointed('examiner-elsewhere', BOARD));
  });

  it("refuses an examiner's token for a member who sits on the board as an internal member", () => {
    given(enrolmentDecider, ...examSampled)
      .when(moderateAs('dr-internal', 'examiner'))
      .thenThrows(Forbidden, MODERATION_RULES.notAppointed('dr-internal', BOARD));
  });

  it('refuses any moderator when no board covers the course', () => {
    given(enrolmentDecider, ...examSampled)
      .when(moderateAs(MODERATOR_ID, 'examiner', null))
      .thenThrows(Forbidden, MODERATION_RULES.noBoard(COURSE_ID));
  });

  it('refuses the marker of the attempt, even as a member of the board', () => {
    const board = {
      ...MODERATING_BOARD,
      members: [...MODERATING_BOARD.members, { memberId: MARKER_ID, name: 'J. Mensah', role: 'internal' as const }],
    };
    given(enrolmentDecider, ...examSampled)
      .when(moderateAs(MARKER_ID, 'board', board))
      .thenThrows(Forbidden, MODERATION_RULES.ownMark(MARKER_ID));
  });
});

describe('the learner of an enrolment never marks it', () => {
  it('refuses a mark recorded by the learner (403)', () => {
    given(enrolmentDecider, enrolmentStarted(), workSubmitted('essay'))
      .when(mark('essay', 90, LEARNER_ID))
      .thenThrows(Forbidden, MODERATION_RULES.learnerMarks);
  });

  it('refuses an amendment by the learner', () => {
    given(enrolmentDecider, enrolmentStarted(), workSubmitted('essay'), markRecorded('essay', 60))
      .when(amendMark('essay', 90, 'Regrade', LEARNER_ID))
      .thenThrows(Forbidden, MODERATION_RULES.learnerMarks);
  });

  it('refuses to assign a learner enrolled on the course as one of its tutors', () => {
    given(courseDecider, courseDefined())
      .when({
        type: 'AssignTutor',
        data: { courseId: COURSE_ID, tutorId: LEARNER_ID },
        tutorIsEnrolledLearner: true,
      })
      .thenThrows(Forbidden, MODERATION_RULES.learnerAsTutor(LEARNER_ID));
  });
});
