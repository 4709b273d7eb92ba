import { caseToOpen, enrolmentDecider, fold } from '#domain';
import { DISTINCTION } from './board-fixtures.js';
import { enrolmentStarted, markRecorded, outcomeCalculated, workSubmitted } from './fixtures.js';
import { finalMark, mitigationClaimed } from './moderation-fixtures.js';

/** The case the runner opens shows the enrolment as it stood at the outcome's version. */
describe('caseToOpen', () => {
  const assessed = [
    enrolmentStarted(),
    workSubmitted('essay'),
    workSubmitted('exam'),
    ...finalMark('essay', 72),
    ...finalMark('exam', 68),
    outcomeCalculated(DISTINCTION),
  ];

  it('carries the outcome, its version and the concerns the board sees', () => {
    expect(caseToOpen('case-1', fold(enrolmentDecider, [...assessed, mitigationClaimed()]), 3)).toEqual({
      type: 'OpenCase',
      data: expect.objectContaining({
        caseId: 'case-1',
        outcome: DISTINCTION,
        outcomeVersion: 9,
        concerns: ['mitigating circumstances claimed', 'weighted mark 70 is within 3 of a pass or grade boundary'],
      }),
    });
  });

  it('is the outcome version of the calculation itself when nothing changed since', () => {
    expect(caseToOpen('case-1', fold(enrolmentDecider, assessed), 0)?.data.outcomeVersion).toBe(8);
  });

  it('opens nothing while no pass or fail stands', () => {
    expect(caseToOpen('case-1', fold(enrolmentDecider, assessed.slice(0, 4)), 3)).toBeUndefined();
    expect(caseToOpen('case-1', fold(enrolmentDecider, []), 3)).toBeUndefined();
    expect(
      caseToOpen('case-1', fold(enrolmentDecider, [...assessed.slice(0, 3), markRecorded('essay', 1)]), 3),
    ).toBeUndefined();
  });
});
