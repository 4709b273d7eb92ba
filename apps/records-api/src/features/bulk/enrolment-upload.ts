import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  courseDecider,
  coursePlaceDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type Clock,
  type EnrolmentCommand,
  type LearnerState,
  type TakeCoursePlace,
} from '#domain';
import { COLLECTIONS, COVERAGE_DOCUMENT, type ReadModelStore } from '#projections';
import type { CommandContext } from '../../commands/command-context.js';
import type { PersonalDataVault } from '#personal-data';
import { CLOCK, PERSONAL_DATA_VAULT, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import type { CourseView } from '#contracts';
import { ListCoursesQuery } from '../workspace/catalogue.queries.js';
import { takeCoursePlace } from '../enrolments/course-place.js';
import { bulkEnrolmentIdFor, bulkLearnerIdFor, rowContext } from './bulk-ids.js';
import { parseCsv, type CsvRow } from './csv-rows.js';
import { reportOf, rowErrorsOf, type RowError, type RowOutcome, type UploadReport } from './row-outcome.js';
import type { RowSteps } from './row-steps.js';
import { commitRows, previewRows } from './upload-rows.js';

export const ENROLMENT_COLUMNS = ['givenName', 'familyName', 'email', 'courseCode', 'startDate'] as const;
type Column = (typeof ENROLMENT_COLUMNS)[number];
type Row = CsvRow<Column>;
const REGISTER = 'register learner';

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
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** Which board covers each course: a course no board covers takes no enrolments. */
  private coverage(): Promise<Record<string, string> | undefined> {
    return this.readModels.get<Record<string, string>>(COLLECTIONS.boardCoverage, COVERAGE_DOCUMENT);
  }

  async preview(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, ENROLMENT_COLUMNS);
    const [courses, coverage] = await Promise.all([this.coursesByCode(), this.coverage()]);
    return reportOf(
      'enrolments',
      false,
      await previewRows(this.runner, rows, (row, steps) => this.row(row, courses, coverage, steps, caller)),
    );
  }

  /** Writes the rows the preview accepts, in file order; a row with an error writes nothing. */
  async commit(csv: unknown, caller: CommandContext): Promise<UploadReport> {
    const rows = parseCsv(csv, ENROLMENT_COLUMNS);
    const [courses, coverage] = await Promise.all([this.coursesByCode(), this.coverage()]);
    const outcomes = await commitRows(this.runner, rows, (row, steps) =>
      this.row(row, courses, coverage, steps, caller),
    );
    await this.listRegistered(rows, outcomes);
    return reportOf('enrolments', true, outcomes);
  }

  /** Learners the commit registered join the searchable directory, as POST /v1/learners lists them. */
  private async listRegistered(rows: Row[], outcomes: RowOutcome[]): Promise<void> {
    const registered = new Set(outcomes.filter((o) => o.actions.includes(REGISTER)).map((o) => o.row));
    await this.vault.enter(
      rows
        .filter(({ row }) => registered.has(row))
        .map(({ values: { givenName, familyName, email } }) => ({
          learnerId: bulkLearnerIdFor(email),
          givenName: givenName.trim(),
          familyName: familyName.trim(),
          email: email.trim(),
        })),
    );
  }

  private async coursesByCode(): Promise<Map<string, CourseView[]>> {
    const byCode = new Map<string, CourseView[]>();
    for (const course of await this.queries.execute(new ListCoursesQuery()))
      byCode.set(course.code.toUpperCase(), [...(byCode.get(course.code.toUpperCase()) ?? []), course]);
    return byCode;
  }

  private async row(
    { row, values }: Row,
    courses: Map<string, CourseView[]>,
    coverage: Record<string, string> | undefined,
    steps: RowSteps,
    caller: CommandContext,
  ) {
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
    // A learner already registered with this email (by a form or an earlier sheet) is enrolled, not registered again.
    const [known] = await this.vault.keys.withEmail(values.email.trim());
    const learnerId = known ?? bulkLearnerIdFor(values.email);
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
        actions.push(REGISTER);
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
          coveringBoardId: coverage?.[course.id] ?? null,
        };
        const context = rowContext(caller, 'enrolment', enrolmentId);
        const existing = await steps.load(enrolmentDecider, streams.enrolment(enrolmentId));
        if (existing.status === 'none') {
          // Checked before the place is taken, so a refused row takes no place (as POST /v1/enrolments).
          enrolmentDecider.decide(command, existing, this.clock);
          await this.takePlace(command.data, steps, context);
        }
        ({ appendedEarlier } = await steps.decide(enrolmentDecider, streams.enrolment(enrolmentId), command, context));
        if (!appendedEarlier) actions.push('enrol');
      } catch (error) {
        errors.push(...rowErrorsOf(error, columnOf, 'startDate'));
      }
    }
    const status = errors.length > 0 ? 'error' : actions.length > 0 ? 'new' : 'unchanged';
    return { row, status, errors, ids, actions } satisfies RowOutcome;
  }

  /** One active enrolment per learner and course: the row takes the learner's place on the course. */
  private async takePlace(data: TakeCoursePlace['data'], steps: RowSteps, context: CommandContext): Promise<void> {
    const command = await takeCoursePlace(data, (decider, streamId) => steps.load(decider, streamId));
    await steps.decide(coursePlaceDecider, streams.coursePlace(data.learnerId, data.courseId), command, context);
  }
}
