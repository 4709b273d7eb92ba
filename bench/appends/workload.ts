import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '#event-store';

/** One command's append: one event onto a stream expected to be at `expected` (0 = no stream yet). */
export interface AppendCommand {
  streamId: string;
  expected: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** What an enrolment stream's first five events look like (sizes and shapes as the domain writes them). */
const eventOf = (enrolmentId: string, version: number, at: string): Pick<AppendCommand, 'type' | 'data'> => {
  switch (version % 5) {
    case 1:
      return {
        type: 'EnrolmentStarted',
        data: {
          enrolmentId,
          learnerId: randomUUID(),
          courseId: 'c0ffee00-0000-4000-8000-000000000001',
          startDate: at.slice(0, 10),
          maxEngagementDays: 120,
          deadline: '2027-01-29',
          scheme: {
            passMark: 50,
            maxAttempts: 2,
            components: [
              { id: 'essay', title: 'Essay', weight: 60, passMark: 50 },
              { id: 'exam', title: 'Exam', weight: 40, passMark: 50 },
            ],
          },
          enrolledAt: at,
        },
      };
    case 2:
      return {
        type: 'WorkSubmitted',
        data: {
          enrolmentId,
          componentId: 'essay',
          attempt: 1,
          submittedAt: at,
          identityVerification: 'single-sign-on',
        },
      };
    case 3:
      return {
        type: 'MarkRecorded',
        data: { enrolmentId, componentId: 'essay', attempt: 1, mark: 64, markerId: 'tutor-17', markedAt: at },
      };
    case 4:
      return { type: 'MarkReleased', data: { enrolmentId, componentId: 'essay', attempt: 1 } };
    default:
      return {
        type: 'WorkSubmitted',
        data: {
          enrolmentId,
          componentId: 'exam',
          attempt: 1,
          submittedAt: at,
          identityVerification: 'online-proctoring',
        },
      };
  }
};

/**
 * `streams` enrolment streams of `eventsPerStream` events, one event per command, in rounds: every
 * stream's first event, then every stream's second, ... so consecutive commands hit different
 * streams, as commands from many users do. Built before timing so only the appends are timed.
 */
export const appendWorkload = (streams: number, eventsPerStream: number): AppendCommand[] => {
  const ids = Array.from({ length: streams }, () => randomUUID());
  const at = new Date('2026-05-04T09:30:00.000Z').toISOString();
  const commands: AppendCommand[] = [];
  for (let version = 1; version <= eventsPerStream; version++) {
    for (const id of ids) {
      commands.push({
        streamId: `enrolment-${id}`,
        expected: version - 1,
        ...eventOf(id, version, at),
        metadata: { actor: 'tutor-17', role: 'tutor', correlationId: randomUUID(), causationId: null, occurredAt: at },
      });
    }
  }
  return commands;
};
