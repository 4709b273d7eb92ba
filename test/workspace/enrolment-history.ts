import {
  evolveEnrolment,
  type AssessmentScheme,
  type Enrolment,
  type EnrolmentEvent,
  type EnrolmentState,
} from '#domain';
import type { RecordedEvent } from '#event-store';

/** Essay 60 / exam 40, pass mark 50 (FHEQ 7). */
export const SCHEME: AssessmentScheme = {
  passMark: 50,
  maxAttempts: 2,
  components: [
    { id: 'essay', title: 'Critical essay', weight: 60, passMark: 50 },
    { id: 'exam', title: 'Online examination', weight: 40, passMark: 50 },
  ],
};

/** Builds one enrolment's events; `state()` folds them with the domain's own evolve. */
export class EnrolmentHistory {
  readonly events: EnrolmentEvent[] = [];

  constructor(
    readonly enrolmentId: string,
    readonly courseId = 'course-1',
    startDate = '2026-09-01',
  ) {
    this.events.push({
      type: 'EnrolmentStarted',
      data: {
        enrolmentId,
        learnerId: `learner-${enrolmentId}`,
        courseId,
        startDate,
        maxEngagementDays: 120,
        deadline: '2027-01-01',
        scheme: SCHEME,
        enrolledAt: `${startDate}T09:00:00.000Z`,
      },
    });
  }

  private add(event: { type: string; data: Record<string, unknown> }): this {
    this.events.push({ ...event, data: { enrolmentId: this.enrolmentId, ...event.data } } as EnrolmentEvent);
    return this;
  }

  submitted(componentId: string, submittedAt: string, attempt = 1): this {
    return this.add({
      type: 'WorkSubmitted',
      data: { componentId, attempt, submittedAt, identityVerification: 'single-sign-on' },
    });
  }

  marked(componentId: string, mark: number, markedAt: string, markerId = 'tutor-jo', attempt = 1): this {
    return this.add({ type: 'MarkRecorded', data: { componentId, attempt, mark, markerId, markedAt } });
  }

  released(componentId: string, markerId = 'tutor-jo', attempt = 1): this {
    return this.add({ type: 'MarkReleased', data: { componentId, attempt, markerId } });
  }

  sampled(
    componentId: string,
    reason: 'fail' | 'near-boundary' | 'systematic',
    markerId = 'tutor-jo',
    attempt = 1,
  ): this {
    return this.add({ type: 'MarkSampledForModeration', data: { componentId, attempt, markerId, reason } });
  }

  moderated(componentId: string, originalMark: number, mark: number, moderatedAt: string, attempt = 1): this {
    const decision = mark === originalMark ? 'agreed' : 'adjusted';
    return this.add({
      type: 'MarkModerated',
      data: {
        componentId,
        attempt,
        moderatorId: 'dr-external',
        decision,
        originalMark,
        mark,
        reason: 'Second marked',
        moderatedAt,
      },
    });
  }

  amended(componentId: string, previousMark: number, mark: number, amendedAt: string, attempt = 1): this {
    return this.add({
      type: 'MarkAmended',
      data: { componentId, attempt, previousMark, mark, reason: 'Arithmetic', amendedBy: 'tutor-jo', amendedAt },
    });
  }

  confirmed(
    result: 'pass' | 'fail',
    weightedMark: number,
    grade: 'Distinction' | 'Merit' | 'Pass' | null,
    confirmedAt: string,
    delegated: boolean,
  ): this {
    return this.add({
      type: 'OutcomeConfirmed',
      data: {
        learnerId: `learner-${this.enrolmentId}`,
        courseId: this.courseId,
        boardId: 'board-1',
        caseId: `case-${this.enrolmentId}`,
        result,
        weightedMark,
        grade,
        amended: false,
        delegated,
        rationale: delegated ? 'Clean case' : 'Quorum',
        confirmedAt,
      },
    });
  }

  withdrawn(withdrawnOn: string): this {
    return this.add({
      type: 'DeemedWithdrawn',
      data: { deadline: '2027-01-01', outstandingComponents: ['exam'], withdrawnOn },
    });
  }

  state(): Enrolment {
    const state = this.events.reduce<EnrolmentState>(evolveEnrolment, { status: 'none' });
    if (state.status === 'none') throw new Error('no enrolment');
    return state;
  }

  /** The events as the store records them, for projections. */
  recorded(firstPosition = 1): RecordedEvent[] {
    return this.events.map((event, i) => ({
      id: `${this.enrolmentId}-${i + 1}`,
      streamId: `enrolment-${this.enrolmentId}`,
      streamVersion: i + 1,
      position: firstPosition + i,
      type: event.type,
      data: event.data,
      metadata: {
        actor: 'test',
        role: 'system',
        correlationId: 'c',
        causationId: null,
        occurredAt: '2026-11-01T09:00:00.000Z',
      },
      recordedAt: '2026-11-01T09:00:00.000Z',
    }));
  }
}
