import type { Clock } from '../shared/clock.js';
import { isIsoDate, ISO_DATE_RULE, toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isText, TEXT_RULE } from '../shared/text.js';
import type { CourseCommand, DefineCourse, ScheduleCourseWithdrawal } from './course.commands.js';
import type { CourseDefinition, CourseEvent } from './course.events.js';
import { checkCourseDefinition } from './course-rules.js';
import { defaultPassMark, toEcts } from './qualification-frameworks.js';
import { assignTutor, releaseTutor, tutorsAssignedWithDefinition } from './tutor-assignment.js';

/** The definition plus who may mark it; tutors stay out of CourseDefinition, which awards copy. */
export type CourseState = { status: 'none' } | ({ status: 'defined' } & CourseDefinition & { tutorIds: string[] });

export const DEFAULT_MAX_ATTEMPTS = 2;
export const DEFAULT_QUALITY_ASSURANCE =
  "Approved and assured under the awarding body's academic regulations and QAA-reviewed quality processes";

const initialState: CourseState = { status: 'none' };

const evolve = (state: CourseState, event: CourseEvent): CourseState => {
  switch (event.type) {
    case 'CourseDefined': {
      const { definedAt: _definedAt, ...definition } = event.data;
      return { status: 'defined', ...definition, tutorIds: [] };
    }
    case 'CourseWithdrawalScheduled':
      return state.status === 'defined' ? { ...state, withdrawnFrom: event.data.withdrawnFrom } : state;
    // `?? []`: read-model documents written before tutors were assigned lack the list.
    case 'TutorAssigned':
      return state.status === 'defined'
        ? { ...state, tutorIds: [...(state.tutorIds ?? []), event.data.tutorId] }
        : state;
    case 'TutorReleased':
      return state.status === 'defined'
        ? { ...state, tutorIds: (state.tutorIds ?? []).filter((id) => id !== event.data.tutorId) }
        : state;
  }
};

const define = ({ data }: DefineCourse, state: CourseState, clock: Clock): CourseEvent[] => {
  if (state.status !== 'none') throw new StateConflict(`course ${data.code} is already defined`);
  checkCourseDefinition(data);
  const passMark = data.passMark ?? defaultPassMark(data.level);
  const definition: CourseDefinition = {
    courseId: data.courseId,
    code: data.code.trim(),
    title: data.title.trim(),
    awardingBody: data.awardingBody.trim(),
    credits: data.credits,
    ectsCredits: toEcts(data.credits),
    level: { framework: data.level.framework, level: data.level.level },
    hecosCodes: [...data.hecosCodes],
    cahCode: data.cahCode,
    modeOfLearning: data.modeOfLearning,
    aims: data.aims.trim(),
    learningOutcomes: data.learningOutcomes.map((o) => o.trim()),
    components: data.components.map((c) => ({
      id: c.id,
      title: c.title.trim(),
      weight: c.weight,
      passMark: c.passMark ?? passMark,
    })),
    passMark,
    maxEngagementDays: data.maxEngagementDays,
    maxAttempts: data.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    psrb: data.psrb ?? null,
    qualityAssurance: data.qualityAssurance?.trim() || DEFAULT_QUALITY_ASSURANCE,
    assessmentType: data.assessmentType?.trim() || data.components.map((c) => c.title.trim()).join(', '),
    issuerCountry: data.issuerCountry ?? 'GB',
    withdrawnFrom: data.withdrawnFrom ?? null,
  };
  return [
    { type: 'CourseDefined', data: { ...definition, definedAt: clock.now().toISOString() } },
    ...tutorsAssignedWithDefinition(data.courseId, data.tutorIds),
  ];
};

const scheduleWithdrawal = ({ data }: ScheduleCourseWithdrawal, state: CourseState, clock: Clock): CourseEvent[] => {
  new Violations()
    .check(isIsoDate(data.withdrawnFrom), 'withdrawnFrom', ISO_DATE_RULE)
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  if (state.status !== 'defined') throw new NotFound(`course ${data.courseId} not found`);
  if (state.withdrawnFrom !== null && state.withdrawnFrom <= toIsoDate(clock.now()))
    throw new StateConflict(`course ${state.code} was already withdrawn from ${state.withdrawnFrom}`);
  return [{ type: 'CourseWithdrawalScheduled', data: { ...data, reason: data.reason.trim() } }];
};

const decide = (command: CourseCommand, state: CourseState, clock: Clock): CourseEvent[] => {
  switch (command.type) {
    case 'DefineCourse':
      return define(command, state, clock);
    case 'ScheduleCourseWithdrawal':
      return scheduleWithdrawal(command, state, clock);
    case 'AssignTutor':
      return assignTutor(command, state);
    case 'ReleaseTutor':
      return releaseTutor(command, state);
  }
};

export const courseDecider: Decider<CourseCommand, CourseEvent, CourseState> = {
  initialState,
  evolve,
  decide,
};
