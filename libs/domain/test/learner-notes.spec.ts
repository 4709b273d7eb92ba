import { enrolmentDecider, NotFound, TEXT_RULE, type EnrolmentEvent } from '#domain';
import { at, given } from './given-when-then.js';
import { ENROLMENT_ID, enrolmentStarted } from './fixtures.js';

const note = (text: string) => ({ type: 'AddLearnerNote' as const, data: { note: text } });
const noteAdded = (text: string, addedAt: string): EnrolmentEvent => ({
  type: 'LearnerNoteAdded',
  data: { enrolmentId: ENROLMENT_ID, note: text, addedAt },
});

describe('AddLearnerNote: the learner keeps their own notes on an enrolment', () => {
  it('adds a trimmed note, stamped with the time, after the earlier ones', () => {
    const { state } = given(
      enrolmentDecider,
      enrolmentStarted(),
      noteAdded('Started the reading', '2026-02-02T08:00:00Z'),
    )
      .when(note('  Essay plan done  '), at('2026-03-01T10:00:00Z'))
      .then([noteAdded('Essay plan done', '2026-03-01T10:00:00.000Z')]);

    expect(state).toMatchObject({
      learnerNotes: [
        { note: 'Started the reading', addedAt: '2026-02-02T08:00:00Z' },
        { note: 'Essay plan done', addedAt: '2026-03-01T10:00:00.000Z' },
      ],
    });
  });

  it.each(['', '   ', 'x'.repeat(1001)])('refuses a note that is blank or too long (%#)', (text) => {
    given(enrolmentDecider, enrolmentStarted()).when(note(text)).thenViolates('note', TEXT_RULE);
  });

  it('refuses a note on an enrolment that does not exist', () => {
    given(enrolmentDecider).when(note('Hello')).thenThrows(NotFound);
  });
});
