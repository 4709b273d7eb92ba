import {
  APPEAL_GROUNDS_RULE,
  APPEAL_OWN_DECISION_RULE,
  APPEAL_REMEDY_RULE,
  APPEAL_REVIEWER_INDEPENDENCE_RULE,
  APPEAL_REVIEWER_ONLY_RULE,
  APPEAL_STATEMENT_RULE,
  appealDecider,
  Forbidden,
  NotFound,
  StateConflict,
} from '#domain';
import {
  acknowledge,
  APPEAL_ID,
  appealAcknowledged,
  appealedDecision,
  appealLodged,
  appealReviewStarted,
  appealUpheld,
  BOARD_MEMBER_IDS,
  decideAppeal,
  lodge,
  REVIEWER_ID,
  startReview,
} from './appeal-fixtures.js';
import { ENROLMENT_ID, LEARNER_ID } from './fixtures.js';
import { at, given, NOW } from './given-when-then.js';

const nowIso = new Date(NOW).toISOString();

describe('LodgeAppeal', () => {
  it('lodges the learner’s appeal against their confirmed decision, within the window', () => {
    given(appealDecider).when(lodge()).then([appealLodged()]);
  });

  it('accepts an appeal on the window’s last day and refuses it the day after', () => {
    given(appealDecider)
      .when(lodge(), at('2026-03-22T23:59:00Z'))
      .then([appealLodged('2026-03-22T23:59:00.000Z')]);
    given(appealDecider)
      .when(lodge(), at('2026-03-23T00:01:00Z'))
      .thenThrows(StateConflict, 'the appeal window closed on 2026-03-22 (28 days after the decision)');
  });

  it('refuses grounds outside the fixed list, none, or the same twice', () => {
    given(appealDecider)
      .when(lodge({ grounds: ['unfair-mark' as never] }))
      .thenViolates('grounds', APPEAL_GROUNDS_RULE);
    given(appealDecider)
      .when(lodge({ grounds: [] }))
      .thenViolates('grounds');
    given(appealDecider)
      .when(lodge({ grounds: ['bias-or-prejudice', 'bias-or-prejudice'] }))
      .thenViolates('grounds');
  });

  it('refuses a blank statement', () => {
    given(appealDecider)
      .when(lodge({ statement: '  ' }))
      .thenViolates('statement', APPEAL_STATEMENT_RULE);
  });

  it('refuses an enrolment with no confirmed decision', () => {
    given(appealDecider)
      .when(lodge({ decision: null }))
      .thenThrows(StateConflict, 'no confirmed board decision');
  });

  it('refuses anyone but the learner the decision is about', () => {
    given(appealDecider)
      .when(lodge({ lodgedBy: 'lrn-someone-else' }))
      .thenThrows(Forbidden, APPEAL_OWN_DECISION_RULE);
  });

  it('refuses a second appeal against the same decision', () => {
    const error = given(appealDecider, appealLodged()).when(lodge()).thenThrows(StateConflict, 'already under appeal');
    expect(error.details).toEqual({ appealId: APPEAL_ID });
  });
});

describe('AcknowledgeAppeal', () => {
  it('acknowledges a lodged appeal', () => {
    given(appealDecider, appealLodged()).when(acknowledge()).then([appealAcknowledged()]);
  });

  it('refuses an appeal that does not exist, or one already acknowledged', () => {
    given(appealDecider).when(acknowledge()).thenThrows(NotFound);
    given(appealDecider, appealLodged(), appealAcknowledged())
      .when(acknowledge())
      .thenThrows(StateConflict, 'the appeal is acknowledged, not lodged');
  });
});

describe('StartAppealReview', () => {
  it('starts the review by an officer who did not sit on the deciding board', () => {
    given(appealDecider, appealLodged(), appealAcknowledged()).when(startReview()).then([appealReviewStarted()]);
  });

  it('refuses a reviewer who is a member of the deciding board', () => {
    given(appealDecider, appealLodged(), appealAcknowledged())
      .when(startReview(BOARD_MEMBER_IDS[0]))
      .thenThrows(Forbidden, APPEAL_REVIEWER_INDEPENDENCE_RULE);
  });

  it('refuses a review before the appeal is acknowledged', () => {
    given(appealDecider, appealLodged()).when(startReview()).thenThrows(StateConflict, 'not acknowledged');
  });
});

describe('DecideAppeal', () => {
  const underReview = [appealLodged(), appealAcknowledged(), appealReviewStarted()];

  it('does not uphold an appeal, with the reviewer’s rationale', () => {
    given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: false, rationale: 'The rubric applied was the current one.' }))
      .then([
        {
          type: 'AppealNotUpheld',
          data: {
            appealId: APPEAL_ID,
            learnerId: LEARNER_ID,
            enrolmentId: ENROLMENT_ID,
            rationale: 'The rubric applied was the current one.',
            decidedBy: REVIEWER_ID,
            decidedAt: nowIso,
          },
        },
      ]);
  });

  it('upholds an appeal, reopening the case to the board', () => {
    const { state } = given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: true, remedy: 'reopen-case', rationale: 'The wrong rubric was applied.' }))
      .then([appealUpheld()]);
    expect(state).toMatchObject({ status: 'upheld', outcome: { upheld: true, remedy: 'reopen-case' } });
  });

  it('upholds an appeal, re-moderating one component’s mark', () => {
    given(appealDecider, ...underReview)
      .when(
        decideAppeal({
          upheld: true,
          remedy: 're-moderate',
          componentId: 'exam',
          rationale: 'The wrong rubric was applied.',
        }),
      )
      .then([appealUpheld('re-moderate', 'exam')]);
  });

  it('refuses an upheld appeal without a remedy, and a re-moderation without one of the course’s components', () => {
    given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: true, rationale: 'Yes.' }))
      .thenViolates('remedy', APPEAL_REMEDY_RULE);
    given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: true, remedy: 're-moderate', componentId: 'viva', rationale: 'Yes.' }))
      .thenViolates('componentId', 'must be one of essay, exam');
    given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: false, remedy: 'reopen-case', rationale: 'No.' }))
      .thenViolates('remedy', 'must be left out');
  });

  it('refuses anyone but the reviewer, and an appeal not under review', () => {
    given(appealDecider, ...underReview)
      .when(decideAppeal({ upheld: false, rationale: 'No.' }, 'registry-2'))
      .thenThrows(Forbidden, APPEAL_REVIEWER_ONLY_RULE);
    given(appealDecider, appealLodged(), appealAcknowledged())
      .when(decideAppeal({ upheld: false, rationale: 'No.' }))
      .thenThrows(StateConflict, 'not under-review');
  });

  it('keeps the decision under appeal for the record', () => {
    expect(given(appealDecider, ...underReview).state()).toMatchObject({ decision: appealedDecision() });
  });
});
