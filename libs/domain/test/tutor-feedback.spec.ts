import { enrolmentDecider, NotFound, StateConflict, TEXT_RULE, type EnrolmentEvent } from '#domain';
import { at, given } from './given-when-then.js';
import { ENROLMENT_ID, enrolmentStarted, MARKER_ID } from './fixtures.js';

const feedback = (text: string, componentId = 'essay') => ({
  type: 'GiveFeedback' as const,
  data: { componentId, feedback: text, givenBy: MARKER_ID },
});
const submitted = (attempt: number): EnrolmentEvent => ({
  type: 'WorkSubmitted',
  data: {
    enrolmentId: ENROLMENT_ID,
    componentId: 'essay',
    attempt,
    submittedAt: '2026-02-01T10:00:00.000Z',
    identityVerification: 'single-sign-on',
  },
});
const feedbackGiven = (text: string, attempt: number, givenAt: string): EnrolmentEvent => ({
  type: 'FeedbackGiven',
  data: { enrolmentId: ENROLMENT_ID, componentId: 'essay', attempt, feedback: text, givenBy: MARKER_ID, givenAt },
});

describe('GiveFeedback: a tutor writes feedback on the latest attempt at a component', () => {
  it('gives trimmed feedback on the latest attempt, replacing earlier feedback on it', () => {
    const { state } = given(
      enrolmentDecider,
      enrolmentStarted(),
      submitted(1),
      feedbackGiven('First thoughts', 1, '2026-02-02T08:00:00Z'),
    )
      .when(feedback('  Clear argument; cite more sources.  '), at('2026-03-01T10:00:00Z'))
      .then([feedbackGiven('Clear argument; cite more sources.', 1, '2026-03-01T10:00:00.000Z')]);

    // A rule's event counts into the stream version like the decider's own.
    expect(state).toMatchObject({
      version: 4,
      attempts: {
        essay: [
          {
            attempt: 1,
            feedback: {
              text: 'Clear argument; cite more sources.',
              givenBy: MARKER_ID,
              givenAt: '2026-03-01T10:00:00.000Z',
            },
          },
        ],
      },
    });
  });

  it.each(['', '   ', 'x'.repeat(1001)])('refuses feedback that is blank or too long (%#)', (text) => {
    given(enrolmentDecider, enrolmentStarted(), submitted(1)).when(feedback(text)).thenViolates('feedback', TEXT_RULE);
  });

  it("refuses a component that is not the course's", () => {
    given(enrolmentDecider, enrolmentStarted(), submitted(1))
      .when(feedback('Good', 'viva'))
      .thenViolates('componentId', /must be one of this course's components/);
  });

  it('refuses feedback before any work on the component is submitted', () => {
    given(enrolmentDecider, enrolmentStarted()).when(feedback('Good')).thenThrows(StateConflict);
  });

  it('refuses feedback on an enrolment that does not exist', () => {
    given(enrolmentDecider).when(feedback('Good')).thenThrows(NotFound);
  });
});
