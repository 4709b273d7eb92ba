import { enrolmentDecider, inSequence, StateConflict } from '#domain';
import { at, given } from './given-when-then.js';
import { enrolmentStarted, mark, markRecorded, submit, workSubmitted } from './fixtures.js';

// A mark sheet's row: the paper submission and its mark, decided as one command.
const submitAndMark = inSequence(enrolmentDecider);

describe('inSequence', () => {
  it('decides each command on the state the previous one left, and returns every event', () => {
    given(submitAndMark, enrolmentStarted())
      .when([submit('essay', { submittedAt: '2026-02-20T16:45:00Z' }), mark('essay', 64)], at('2026-03-01T10:00:00Z'))
      .then([workSubmitted('essay'), markRecorded('essay', 64)]);
  });

  it('refuses the whole list when any command is refused, so nothing of it is appended', () => {
    given(submitAndMark, enrolmentStarted(), workSubmitted('essay'))
      .when([submit('essay'), mark('essay', 64)])
      .thenThrows(StateConflict, 'attempt 1 of essay is awaiting its mark');
  });
});
