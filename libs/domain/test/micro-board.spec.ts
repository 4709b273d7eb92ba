import type { MicroBoardInput, MicroBoardOutput, Outcome } from '#domain';
import { boardConstituted, caseDecided, DISTINCTION, NEWER_CASE_ID } from './board-fixtures.js';
import { ENROLMENT_ID, enrolmentStarted, MARKER_ID, markRecorded, outcomeCalculated } from './fixtures.js';
import { givenFlow } from './given-when-then.js';
import {
  BOARD_ID,
  CASE_ID,
  integrityFlagRaised,
  markAmended,
  markModerated,
  mitigationClaimed,
  outcomeConfirmed,
} from './moderation-fixtures.js';
import {
  caseToBeOpened,
  caseToBeSuperseded,
  classified,
  noStandingBoard,
  v,
  workflow,
} from './micro-board-fixtures.js';

// Data Ethics: essay and exam, each with pass mark 50; boundaries 50, 60 and 70, margin 3.
const REFERRAL: Outcome = { ...DISTINCTION, result: 'referral', grade: null, referredComponents: ['exam'] };
const FAIL: Outcome = { ...DISTINCTION, result: 'fail', weightedMark: 40, grade: null };

const started = [v(1, boardConstituted()), v(1, enrolmentStarted())];
/** Both marks recorded (versions 4 and 5) and the outcome calculated at version 8: case 1 is open. */
const caseOpen: (MicroBoardInput | MicroBoardOutput)[] = [
  ...started,
  v(4, markRecorded('essay', 72)),
  v(5, markRecorded('exam', 68)),
  v(8, outcomeCalculated(DISTINCTION)),
  caseToBeOpened(8),
];
const confirmBy = (outcomeVersion: number, extra: Record<string, unknown> = {}): MicroBoardOutput => ({
  type: 'ConfirmOutcome',
  data: {
    enrolmentId: ENROLMENT_ID,
    command: {
      type: 'ConfirmOutcome',
      data: {
        boardId: BOARD_ID,
        caseId: CASE_ID,
        outcomeVersion,
        delegated: false,
        rationale: 'confirm: marks and concerns reviewed',
        ...extra,
      },
    },
  },
});

describe('the micro-board samples every mark for moderation, rolling and per marker', () => {
  it('releases a mark that is neither a fail nor near a boundary, and counts it for its marker', () => {
    const { state } = givenFlow(workflow, ...started)
      .when(v(4, markRecorded('essay', 64)))
      .then([classified('essay', 64, null)]);
    expect(state.markers).toEqual({ [MARKER_ID]: 1 });
  });

  it.each([
    [45, 'fail'],
    [58, 'near-boundary'],
    [73, 'near-boundary'],
  ] as const)('samples %p as %p without counting it', (mark, reason) => {
    const { state } = givenFlow(workflow, ...started)
      .when(v(4, markRecorded('essay', mark)))
      .then([classified('essay', mark, reason)]);
    expect(state.markers).toEqual({});
  });

  it("samples every 10th of a marker's other marks (systematic)", () => {
    const nine = Array.from({ length: 9 }, () => classified('essay', 64, null));
    givenFlow(workflow, ...started, ...nine)
      .when(v(4, markRecorded('essay', 64)))
      .then([classified('essay', 64, 'systematic')]);
  });

  it("keeps each marker's count apart", () => {
    const nine = Array.from({ length: 9 }, () => classified('essay', 64, null, { markerId: 'tutor-other' }));
    givenFlow(workflow, ...started, ...nine)
      .when(v(4, markRecorded('essay', 64)))
      .then([classified('essay', 64, null)]);
  });

  it('classifies an amended mark against the count of the marker who recorded it', () => {
    const nine = Array.from({ length: 9 }, () => classified('essay', 64, null));
    givenFlow(workflow, ...started, v(4, markRecorded('essay', 64)), ...nine)
      .when(v(5, markAmended('essay', 64, 66)))
      .then([classified('essay', 66, 'systematic')]);
  });

  it('ignores a mark on an enrolment it never saw start', () => {
    givenFlow(workflow, v(1, boardConstituted()))
      .when(v(4, markRecorded('essay', 64)))
      .then([]);
  });
});

describe('the micro-board opens a case for each calculated outcome', () => {
  it("opens the enrolment's first case on the course's standing board, for the outcome's version", () => {
    const { state } = givenFlow(workflow, ...started)
      .when(v(8, outcomeCalculated(DISTINCTION)))
      .then([caseToBeOpened(8)]);
    expect(state.enrolments[ENROLMENT_ID]).toMatchObject({
      outcomeStands: true,
      cases: 1,
      latestCase: { caseId: CASE_ID, boardId: BOARD_ID, status: 'open' },
    });
  });

  it('opens a case for a fail too', () => {
    givenFlow(workflow, ...started)
      .when(v(8, outcomeCalculated(FAIL)))
      .then([caseToBeOpened(8)]);
  });

  it('opens no case for a referral: the learner may attempt again', () => {
    givenFlow(workflow, ...started)
      .when(v(8, outcomeCalculated(REFERRAL)))
      .then([]);
  });

  it('says so when no standing board covers the course', () => {
    givenFlow(workflow, v(1, enrolmentStarted()))
      .when(v(8, outcomeCalculated(DISTINCTION)))
      .then([noStandingBoard]);
  });
});

describe('the micro-board supersedes a case when the enrolment changes after it opened', () => {
  it('supersedes the open case when a mark is amended, and opens none until the outcome is recalculated', () => {
    const { state } = givenFlow(workflow, ...caseOpen)
      .when(v(9, markAmended('exam', 68, 58)))
      .then([
        classified('exam', 58, 'near-boundary'),
        caseToBeSuperseded('the mark of exam was amended from 68 to 58: Transcription error', NEWER_CASE_ID),
      ]);
    expect(state.enrolments[ENROLMENT_ID]).toMatchObject({
      outcomeStands: false,
      latestCase: { caseId: CASE_ID, status: 'superseded' },
    });
  });

  it('opens the newer case, named in the minutes of the old one, for the recalculated outcome', () => {
    givenFlow(workflow, ...caseOpen, v(9, markAmended('exam', 68, 58)), caseToBeSuperseded('x', NEWER_CASE_ID))
      .when(v(11, outcomeCalculated({ ...DISTINCTION, weightedMark: 66, grade: 'Merit' })))
      .then([caseToBeOpened(11, NEWER_CASE_ID)]);
  });

  it.each([
    ['mitigating circumstances', mitigationClaimed(), 'mitigating circumstances were claimed'],
    ['an integrity flag', integrityFlagRaised(), 'an academic integrity flag was raised'],
  ])(
    'supersedes the case on %s and opens the newer case at once for the outcome that stands',
    (_what, raised, reason) => {
      givenFlow(workflow, ...caseOpen)
        .when(v(9, raised))
        .then([caseToBeSuperseded(reason, NEWER_CASE_ID), caseToBeOpened(9, NEWER_CASE_ID)]);
    },
  );

  it('supersedes a decided case whose confirmation has not happened yet', () => {
    givenFlow(workflow, ...caseOpen, v(3, caseDecided('confirm', ['chair', 'member'])), confirmBy(8))
      .when(v(9, mitigationClaimed()))
      .then([
        caseToBeSuperseded('mitigating circumstances were claimed', NEWER_CASE_ID),
        caseToBeOpened(9, NEWER_CASE_ID),
      ]);
  });

  it('supersedes on a moderation too', () => {
    givenFlow(workflow, ...caseOpen)
      .when(v(9, markModerated('exam', 68, 66)))
      .then([caseToBeSuperseded('the mark of exam was moderated (adjusted)', NEWER_CASE_ID)]);
  });

  it('opens a case on mitigating circumstances only when an outcome stands', () => {
    givenFlow(workflow, ...started, v(4, markRecorded('essay', 64)))
      .when(v(5, mitigationClaimed()))
      .then([]);
  });

  it('supersedes nothing twice', () => {
    givenFlow(workflow, ...caseOpen, v(9, markAmended('exam', 68, 58)), caseToBeSuperseded('x', NEWER_CASE_ID))
      .when(v(10, integrityFlagRaised()))
      .then([]);
  });
});

describe("the micro-board sends the board's decision to the enrolment", () => {
  it('confirms with the outcome version the case showed', () => {
    const { state } = givenFlow(workflow, ...caseOpen)
      .when(v(3, caseDecided('confirm', ['chair', 'member'])))
      .then([confirmBy(8)]);
    expect(state.enrolments[ENROLMENT_ID]?.latestCase?.status).toBe('decided');
  });

  it("sends an amendment with the board's mark", () => {
    givenFlow(workflow, ...caseOpen)
      .when(v(3, caseDecided('amend', ['chair', 'member'], { mark: 71, rationale: 'r' })))
      .then([confirmBy(8, { amendedMark: 71, rationale: 'r' })]);
  });

  it('sends nothing on a deferral: the case waits for another round', () => {
    givenFlow(workflow, ...caseOpen)
      .when(v(3, caseDecided('defer', ['chair', 'member'])))
      .then([]);
  });

  it('sends nothing for a case already superseded (the vote raced the change)', () => {
    givenFlow(workflow, ...caseOpen, v(9, markAmended('exam', 68, 58)), caseToBeSuperseded('x', NEWER_CASE_ID))
      .when(v(3, caseDecided('confirm', ['chair', 'member'])))
      .then([]);
  });

  it('records a refused confirmation as a superseded decision', () => {
    givenFlow(workflow, ...caseOpen, v(3, caseDecided('confirm', ['chair', 'member'])), confirmBy(8))
      .when({
        type: 'ConfirmationRefused',
        data: { enrolmentId: ENROLMENT_ID, caseId: CASE_ID, reason: 'the enrolment has changed since' },
      })
      .then([caseToBeSuperseded('the confirmation was refused: the enrolment has changed since', NEWER_CASE_ID)]);
  });

  it('ignores a refusal for a case that is no longer the latest', () => {
    givenFlow(workflow, ...caseOpen)
      .when({
        type: 'ConfirmationRefused',
        data: { enrolmentId: ENROLMENT_ID, caseId: 'case-0000', reason: 'x' },
      })
      .then([]);
  });
});

describe('the micro-board issues the award for a confirmed pass', () => {
  it('issues one award per enrolment, with an id of its own', () => {
    const { state } = givenFlow(workflow, ...caseOpen, v(3, caseDecided('confirm', ['chair', 'member'])))
      .when(v(9, outcomeConfirmed()))
      .then([
        {
          type: 'IssueAward',
          data: {
            enrolmentId: ENROLMENT_ID,
            awardId: `award-${ENROLMENT_ID}-1`,
            result: { weightedMark: 70, grade: 'Distinction' },
          },
        },
      ]);
    expect(state.enrolments[ENROLMENT_ID]).toMatchObject({ outcomeStands: false, latestCase: { status: 'confirmed' } });
  });

  it('issues nothing for a confirmed fail', () => {
    givenFlow(workflow, ...caseOpen)
      .when(v(9, outcomeConfirmed({ result: 'fail', grade: null })))
      .then([]);
  });
});
