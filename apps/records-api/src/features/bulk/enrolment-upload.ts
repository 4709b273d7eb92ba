import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type EnrolmentCommand,
  type LearnerState,
} from '#domain';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import type { CourseView } from '../learners/views.js';
import { ListCoursesQuery } from '../workspace/catalogue.queries.js';
import { bulkEnrolmentIdFor, bulkLearnerIdFor, rowContext } from './bulk-ids.js';
import { parseCsv, type CsvRow } from './csv-rows.js';
import { reportOf, rowErrorsOf, type RowError, type RowOutcome, type UploadReport } from './row-outcome.js';
import type { RowSteps } from './row-steps.js';
import { commitRows, previewRows } from './upload-rows.js';

export const ENROLMENT_COLUMNS = ['givenName', 'familyName', 'email', 'courseCode', 'startDate'] as const;
type Column = (typeof ENROLMENT_COLUMNS)[number];
type Row = CsvRow<Column>;

/** The commands' fields as the sheet's columns. */
const columnOf = (field: string): string =>
  field === 'courseId' ? 'courseCode' : field === 'learnerId' ? 'email' : field;

/**
 * Learners and their enrolments from one sheet, a row per enrolment: the learner is registered
 * unless already known by email, then enrolled on the course (by code) from their own start date.
 */
@Injectable()
export class EnrolmentUpload {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly queries: QueryBus,
  ) {}

  async preview(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, ENROLMENT_COLUMNS);
    const courses = await this.coursesByCode();
    return reportOf(
      'enrolments',
      false,
      await previewRows(this.runner, rows, (row, steps) => this.row(row, courses, steps, caller)),
    );
  }

  /** Writes the rows the preview accepts, in file order; a row with an error writes nothing. */
  async commit(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, ENROLMENT_COLUMNS);
    const courses = await this.coursesByCode();
    return reportOf(
      'enrolments',
      true,
      await commitRows(this.runner, rows, (row, steps) => this.row(row, courses, steps, caller)),
    );
  }

  private async coursesByCode(): Promise<Map<string, CourseView[]>> {
    const byCode = new Map<string, CourseView[]>();
    for (const course of await this.queries.execute(new ListCoursesQuery()))
      byCode.set(course.code.toUpperCase(), [...(byCode.get(course.code.toUpperCase()) ?? []), course]);
    return byCode;
  }

  private async row({ row, values }: Row, courses: Map<string, CourseView[]>, steps: RowSteps, caller: CommandContext) {
    const errors: RowError[] = [];
    const actions: string[] = [];
    const matching = courses.get(values.courseCode.toUpperCase()) ?? [];
    if (matching.length !== 1)
      errors.push({
        column: 'courseCode',
        rule:
          matching.length === 0
            ? `must be the code of a course in the catalogue ("${values.courseCode}" is not)`
            : `names ${matching.length} courses of different awarding bodies: define the enrolment with POST /v1/enrolments`,
      });
    const learnerId = bulkLearnerIdFor(values.email);
    let learner: LearnerState = await steps.load(learnerDecider, streams.learner(learnerId));
    if (learner.status === 'none') {
      try {
        const { givenName, familyName, email } = values;
        const command = { type: 'RegisterLearner' as const, data: { learnerId, givenName, familyName, email } };
        learner = (
          await steps.decide(
            learnerDecider,
            streams.learner(learnerId),
            command,
            rowContext(caller, 'learner', learnerId),
          )
        ).state;
        actions.push('register learner');
      } catch (error) {
        errors.push(...rowErrorsOf(error, columnOf, 'email'));
      }
    }
    const ids: Record<string, string> = { learnerId };
    let appendedEarlier = false;
    const course = matching[0];
    if (errors.length === 0 && course) {
      const enrolmentId = bulkEnrolmentIdFor(learnerId, course.id, values.startDate);
      ids.enrolmentId = enrolmentId;
      try {
        const command: EnrolmentCommand = {
          type: 'StartEnrolment',
          data: { enrolmentId, learnerId, courseId: course.id, startDate: values.startDate },
          learner,
          course: await steps.load(courseDecider, streams.course(course.id)),
        };
        const context = rowContext(caller, 'enrolment', enrolmentId);
        ({ appendedEarlier } = await steps.decide(enrolmentDecider, streams.enrolment(enrolmentId), command, context));
        if (!appendedEarlier) actions.push('enrol');
      } catch (error) {
        errors.push(...rowErrorsOf(error, columnOf, 'startDate'));
      }
    }
    const status = errors.length > 0 ? 'error' : actions.length > 0 ? 'new' : 'unchanged';
    return { row, status, errors, ids, actions } satisfies RowOutcome;
  }
}
