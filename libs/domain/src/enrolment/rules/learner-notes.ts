import type { Clock } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { DeciderRule } from '../../shared/decider-rule.js';
import { Violations } from '../../shared/errors.js';
import { isText, TEXT_RULE } from '../../shared/text.js';
import { requireEnrolment } from '../enrolment.guards.js';
import type { EnrolmentState } from '../enrolment.state.js';

/** The learner's own note on their enrolment: shown with it, it decides nothing. */
export type LearnerNoteAdded = DomainEvent<'LearnerNoteAdded', { enrolmentId: string; note: string; addedAt: string }>;
export type AddLearnerNote = { type: 'AddLearnerNote'; data: { note: string } };

/** A learner's note on their own enrolment, at any status (the shell checks who may write it). */
const decide = ({ data }: AddLearnerNote, state: EnrolmentState, clock: Clock): LearnerNoteAdded[] => {
  const e = requireEnrolment(state);
  new Violations().check(isText(data.note), 'note', TEXT_RULE).throwIfAny();
  return [
    {
      type: 'LearnerNoteAdded',
      data: { enrolmentId: e.enrolmentId, note: data.note.trim(), addedAt: clock.now().toISOString() },
    },
  ];
};

const evolve = (state: EnrolmentState, { data }: LearnerNoteAdded): EnrolmentState =>
  state.status === 'none'
    ? state
    : { ...state, learnerNotes: [...state.learnerNotes, { note: data.note, addedAt: data.addedAt }] };

export const learnerNotes: DeciderRule<AddLearnerNote, LearnerNoteAdded, EnrolmentState> = {
  commandTypes: ['AddLearnerNote'],
  eventTypes: ['LearnerNoteAdded'],
  decide,
  evolve,
};
