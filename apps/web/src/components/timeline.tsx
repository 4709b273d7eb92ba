import type { Enrolment, TimelineEntry } from '../api/types';
import { formatDate, formatDateTime, SAMPLING_REASONS } from './format';

type Data = Record<string, any>;

const words = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** One sentence per event, in the words the registry uses. */
const describe = (
  entry: TimelineEntry,
  componentTitle: (enrolmentId: string, componentId: string) => string,
  courseOf: (enrolmentId: string) => string,
): string => {
  const d = entry.data as Data;
  const enrolmentId = String(d.enrolmentId ?? entry.stream.replace(/^enrolment-/, ''));
  const component = () => componentTitle(enrolmentId, String(d.componentId));
  switch (entry.type) {
    case 'LearnerRegistered':
      return 'Registered as a learner';
    case 'LearnerErased':
      return `Personal data erased (${d.reason})`;
    case 'EnrolmentStarted':
      return `Enrolled on ${courseOf(enrolmentId)}, starting ${formatDate(d.startDate)} with a deadline of ${formatDate(d.deadline)}`;
    case 'EnrolmentSuspended':
      return `Studies suspended from ${formatDate(d.from)}: ${d.reason}`;
    case 'EnrolmentResumed':
      return `Studies resumed on ${formatDate(d.on)}; the deadline is now ${formatDate(d.deadline)}`;
    case 'ExtensionGranted':
      return `Extension of ${d.days} days granted (${d.reason}); the deadline is now ${formatDate(d.deadline)}`;
    case 'WorkSubmitted':
      return `Submitted ${component()}${d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}`;
    case 'MarkRecorded':
      return `${component()} marked ${d.mark}`;
    case 'MarkSampledForModeration':
      // A learner's own timeline has no reasons, notes or who wrote them: said without them.
      return `${component()} sampled for moderation${d.reason ? ` (${SAMPLING_REASONS[d.reason] ?? d.reason})` : ''}`;
    case 'MarkReleased':
      return `${component()} mark released as final`;
    case 'MarkModerated':
      return d.decision === 'agreed'
        ? `Moderator agreed the ${component()} mark of ${d.mark}`
        : `Moderator adjusted the ${component()} mark from ${d.originalMark} to ${d.mark}`;
    case 'MarkAmended':
      return `${component()} mark amended from ${d.previousMark} to ${d.mark}${d.reason ? `: ${d.reason}` : ''}`;
    case 'OutcomeCalculated':
      return `Outcome calculated: weighted mark ${d.weightedMark}, ${d.result}${d.grade ? ` (${d.grade})` : ''}`;
    case 'MitigatingCircumstancesClaimed':
      return `Mitigating circumstances claimed: ${d.reason}`;
    case 'IntegrityFlagRaised':
      return `Academic integrity flag raised${d.reason ? `: ${d.reason}` : ''}`;
    case 'OutcomeConfirmed':
      return `Board ${d.amended ? 'amended and confirmed' : 'confirmed'} the outcome: ${d.result}${d.grade ? ` with ${d.grade}` : ''} (${d.weightedMark})${d.delegated ? ' under delegated authority' : ''}`;
    case 'DeemedWithdrawn':
      return `Deemed withdrawn on ${formatDate(d.withdrawnOn)}: work outstanding at the deadline`;
    case 'AwardIssued':
      return `Award issued: ${d.title} (${d.result?.grade ?? ''})`;
    case 'AwardRevoked':
      return `Award revoked: ${d.reason}`;
    default:
      return words(entry.type).replace(/^./, (c) => c.toUpperCase());
  }
};

/** Everything that happened to the learner, newest first. */
export const Timeline = ({ events, enrolments }: { events: TimelineEntry[]; enrolments: Enrolment[] }) => {
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  const componentTitle = (enrolmentId: string, componentId: string) =>
    byId.get(enrolmentId)?.components.find((c) => c.id === componentId)?.title ?? componentId;
  const courseOf = (enrolmentId: string) => {
    const course = byId.get(enrolmentId)?.course;
    return course ? `${course.code} ${course.title}` : 'a course';
  };
  return (
    <ol className="timeline">
      {[...events].reverse().map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
          <span className="timeline-text">{describe(entry, componentTitle, courseOf)}</span>
          <span className="timeline-by">
            {entry.actor ? `${entry.actor} · ` : ''}
            {entry.role}
          </span>
        </li>
      ))}
    </ol>
  );
};
