import type { Clock } from '../shared/clock.js';
import { isIsoDate, ISO_DATE_RULE, toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isText, TEXT_RULE } from '../shared/text.js';
import type { CourseCommand, DefineCourse, ReviseCourse, ScheduleCourseWithdrawal } from './course.commands.js';
import type { CourseDefinition, CourseEvent } from './course.events.js';
import {
  approveCourse,
  checkApproval,
  courseApproved,
  definitionIn,
  reviseCourse,
  type CourseVersions,
} from './course-lifecycle.js';
import { checkCourseDefinition } from './course-rules.js';
import { defaultPassMark, toEcts } from './qualification-frameworks.js';
import { assignTutor, releaseTutor, tutorsAssignedWithDefinition } from './tutor-assignment.js';

/** The definition plus who may mark it and its versions; those stay out of CourseDefinition, which awards copy. */
export type CourseState =
  { status: 'none' } | ({ status: 'defined' } & CourseDefinition & { tutorIds: string[] } & CourseVersions);

export const DEFAULT_MAX_ATTEMPTS = 2;
export const DEFAULT_QUALITY_ASSURANCE =
  "Approved and assured under the awarding body's academic regulations and QAA-reviewed quality processes";

const initialState: CourseState = { status: 'none' };

const evolve = (state: CourseState, event: CourseEvent): CourseState => {
  switch (event.type) {
    case 'CourseDefined': {
      const { definedAt: _definedAt, version, ...definition } = event.data;
      // No version: defined before approvals were recorded, and taking enrolments since.
      const legacy = version === undefined;
      return {
        status: 'defined',
        ...definition,
        tutorIds: [],
        version: version ?? 1,
        lifecycle: legacy ? 'approved' : 'draft',
        approval: null,
        revision: null,
        versions: legacy ? { 1: definition } : {},
      };
    }
    case 'CourseApproved': {
      if (state.status !== 'defined') return state;
      const { courseId: _courseId, version, approvedAt: _approvedAt, ...approval } = event.data;
      const approved =
        state.revision?.version === version
          ? { ...state, ...state.revision, withdrawnFrom: state.withdrawnFrom, revision: null }
          : state;
      const { reason: _reason, ...live } = approved as typeof approved & { reason?: string };
      return {
        ...live,
        version,
        lifecycle: 'approved',
        approval,
        versions: { ...state.versions, [version]: definitionIn(live) },
      };
    }
    case 'CourseRevised': {
      if (state.status !== 'defined') return state;
      const { revisedAt: _revisedAt, version, reason, ...definition } = event.data;
      return state.lifecycle === 'draft'
        ? { ...state, ...definition, version }
        : { ...state, revision: { ...definition, version, reason } };
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
  if (data.approval !== undefined) {
    const v = new Violations();
    checkApproval(data.approval, toIsoDate(clock.now()), v, 'approval.');
    v.throwIfAny();
  }
  const definition = definitionOf(data);
  return [
    { type: 'CourseDefined', data: { ...definition, definedAt: clock.now().toISOString(), version: 1 } },
    ...(data.approval ? [courseApproved(data.courseId, 1, data.approval, clock)] : []),
    ...tutorsAssignedWithDefinition(data.courseId, data.tutorIds),
  ];
};

/** A checked definition as recorded: trimmed, with every default filled in. */
const definitionOf = (data: ReviseCourse['data']['definition']): CourseDefinition => {
  const passMark = data.passMark ?? defaultPassMark(data.level);
  return {
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
};

const revise = (command: ReviseCourse, state: CourseState, clock: Clock): CourseEvent[] =>
  reviseCourse(command, state, clock, (definition) => {
    checkCourseDefinition(definition);
    return definitionOf(definition);
  });

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
    case 'ApproveCourse':
      return approveCourse(command, state, clock);
    case 'ReviseCourse':
      return revise(command, state, clock);
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
