import type { Clock } from '../shared/clock.js';
import { isIsoDate, ISO_DATE_RULE, toIsoDate } from '../shared/dates.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { ApproveCourse, ReviseCourse } from './course.commands.js';
import type { CourseApproval, CourseApproved, CourseDefinition, CourseEvent, CourseRevised } from './course.events.js';

/*
 * A course is defined as a draft (version 1), approved (validated: who approved it, the external
 * adviser, the date) before it takes enrolments, and changed only by a new version, which is approved
 * in turn. Enrolments keep the version they started on; awards show it.
 */

export const MAX_APPROVER_LENGTH = 200;
const APPROVER_RULE = `must be 1-${MAX_APPROVER_LENGTH} characters`;

/** The lifecycle part of a defined course's state. */
export interface CourseVersions {
  /** The version enrolments start on (the draft's, while there is no approved one). */
  version: number;
  /** draft: the version above takes no enrolments yet. */
  lifecycle: 'draft' | 'approved';
  /** The approval of that version; null for a draft, and for courses approved before approvals were recorded. */
  approval: CourseApproval | null;
  /** A newer version awaiting approval, while the version above stays live. */
  revision: (CourseDefinition & { version: number; reason: string }) | null;
  /** Every approved version's definition, so an award shows the version its learner enrolled on. */
  versions: Record<number, CourseDefinition>;
}

type Course = { status: 'none' } | ({ status: 'defined' } & CourseDefinition & CourseVersions);

/** The approval's fields, each named when broken (prefix `approval.` inside a definition). */
export const checkApproval = (
  approval: Partial<CourseApproval> | undefined,
  today: string,
  v: Violations,
  prefix = '',
): void => {
  v.check(isNonBlank(approval?.approvedBy, MAX_APPROVER_LENGTH), `${prefix}approvedBy`, APPROVER_RULE)
    .check(isNonBlank(approval?.externalAdviser, MAX_APPROVER_LENGTH), `${prefix}externalAdviser`, APPROVER_RULE)
    .check(isIsoDate(approval?.approvedOn), `${prefix}approvedOn`, ISO_DATE_RULE);
  if (isIsoDate(approval?.approvedOn) && approval.approvedOn > today)
    v.add(`${prefix}approvedOn`, 'must not be in the future');
  if (isNonBlank(approval?.approvedBy) && approval.approvedBy.trim() === approval.externalAdviser?.trim())
    v.add(`${prefix}externalAdviser`, 'must be someone other than the approver');
};

export const courseApproved = (
  courseId: string,
  version: number,
  approval: CourseApproval,
  clock: Clock,
): CourseApproved => ({
  type: 'CourseApproved',
  data: {
    courseId,
    version,
    approvedBy: approval.approvedBy.trim(),
    externalAdviser: approval.externalAdviser.trim(),
    approvedOn: approval.approvedOn,
    approvedAt: clock.now().toISOString(),
  },
});

export const approveCourse = ({ data }: ApproveCourse, state: Course, clock: Clock): CourseEvent[] => {
  const v = new Violations();
  checkApproval(data, toIsoDate(clock.now()), v);
  v.throwIfAny();
  if (state.status !== 'defined') throw new NotFound(`course ${data.courseId} not found`);
  if (state.lifecycle === 'draft') return [courseApproved(state.courseId, state.version, data, clock)];
  if (state.revision) return [courseApproved(state.courseId, state.revision.version, data, clock)];
  throw new StateConflict(
    `course ${state.code} version ${state.version} is already approved and no revision awaits approval: a change is a new version (POST /v1/courses/:id/versions)`,
  );
};

/** `definitionOf` turns the command's definition into the recorded one (defaults, trimming). */
export const reviseCourse = (
  { data }: ReviseCourse,
  state: Course,
  clock: Clock,
  definitionOf: (definition: ReviseCourse['data']['definition']) => CourseDefinition,
): CourseRevised[] => {
  if (state.status !== 'defined') throw new NotFound(`course ${data.definition.courseId} not found`);
  const v = new Violations().check(isText(data.reason), 'reason', TEXT_RULE);
  const definition = data.definition;
  if (typeof definition?.code === 'string' && definition.code.trim() !== state.code)
    v.add('code', `must stay ${state.code}: another code is another course`);
  if (typeof definition?.awardingBody === 'string' && definition.awardingBody.trim() !== state.awardingBody)
    v.add('awardingBody', `must stay ${state.awardingBody}: another awarding body is another course`);
  v.throwIfAny();
  const revised = definitionOf({ ...definition, courseId: state.courseId });
  const version = Math.max(state.version, state.revision?.version ?? 0) + 1;
  return [
    {
      type: 'CourseRevised',
      data: {
        ...revised,
        withdrawnFrom: state.withdrawnFrom,
        version,
        reason: data.reason.trim(),
        revisedAt: clock.now().toISOString(),
      },
    },
  ];
};

/** The definition part of a course's state (what awards copy). */
export const definitionIn = <S extends CourseDefinition & CourseVersions>(state: S): CourseDefinition => {
  const {
    version: _version,
    lifecycle: _lifecycle,
    approval: _approval,
    revision: _revision,
    versions: _versions,
    ...rest
  } = state;
  const {
    status: _status,
    tutorIds: _tutorIds,
    ...definition
  } = rest as typeof rest & { status?: unknown; tutorIds?: unknown };
  return definition;
};
