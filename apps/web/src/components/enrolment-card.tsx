import type { ReactNode } from 'react';
import type { Attempt, Enrolment } from '../api/types';
import { EnrolmentAdjustments } from './adjustments';
import { formatDate, levelOf } from './format';
import { Tag } from './ui';

const STATUS: Record<Enrolment['status'], { text: string; tone: 'neutral' | 'good' | 'warn' | 'bad' | 'info' }> = {
  active: { text: 'Studying', tone: 'info' },
  suspended: { text: 'Suspended', tone: 'warn' },
  assessed: { text: 'Awaiting the board', tone: 'info' },
  confirmed: { text: 'Confirmed', tone: 'good' },
  withdrawn: { text: 'Withdrawn', tone: 'bad' },
};

const attemptText = (attempt: Attempt | undefined): string => {
  if (!attempt) return 'Not submitted';
  if (attempt.mark === null) return `Submitted ${formatDate(attempt.submittedAt)}, waiting for a mark`;
  if (attempt.classification === 'sampled') return `Marked ${attempt.mark}, being moderated`;
  if (attempt.classification === 'pending') return `Marked ${attempt.mark}`;
  return `${attempt.mark}${attempt.classification === 'moderated' ? ' (moderated)' : ''}`;
};

/**
 * One enrolment: dates, each component's latest attempt, its reasonable adjustments and the outcome
 * once there is one (then `children`).
 */
export const EnrolmentCard = ({
  enrolment,
  actions,
  forStaff = false,
  children,
}: {
  enrolment: Enrolment;
  actions?: (componentId: string) => ReactNode;
  /** The registry's view: it names who approved and withdrew each adjustment. */
  forStaff?: boolean;
  children?: ReactNode;
}) => {
  const status = STATUS[enrolment.status];
  const confirmation = enrolment.confirmation;
  return (
    <article className="card" aria-labelledby={`enrolment-${enrolment.id}`}>
      <header className="case-header">
        <h3 id={`enrolment-${enrolment.id}`}>
          {enrolment.course ? `${enrolment.course.code} ${enrolment.course.title}` : 'Course'}
          <span className="muted">
            {' '}
            · {enrolment.course ? `${enrolment.course.credits} credits, ${levelOf(enrolment.course.level)}` : ''}
          </span>
        </h3>
        <Tag tone={status.tone}>{status.text}</Tag>
        {enrolment.provisional ? <Tag tone="info">Marks provisional until the board confirms</Tag> : null}
      </header>
      <dl className="facts">
        <div>
          <dt>Started</dt>
          <dd>{formatDate(enrolment.startDate)}</dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>{formatDate(enrolment.deadline)}</dd>
        </div>
        {confirmation ? (
          <div>
            <dt>Confirmed outcome</dt>
            <dd className="outcome">
              {confirmation.result === 'pass'
                ? `Pass${confirmation.grade && confirmation.grade !== 'Pass' ? ` with ${confirmation.grade}` : ''}`
                : 'Fail'}{' '}
              · {confirmation.weightedMark}
            </dd>
          </div>
        ) : enrolment.outcome ? (
          <div>
            <dt>Calculated outcome</dt>
            <dd className="outcome">
              {enrolment.outcome.result} · {enrolment.outcome.weightedMark}
            </dd>
          </div>
        ) : null}
      </dl>
      <table className="table table-compact">
        <caption className="visually-hidden">Components</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Weight</th>
            <th scope="col">Latest attempt</th>
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {enrolment.components.map((component) => (
            <tr key={component.id}>
              <th scope="row">{component.title}</th>
              <td className="number">{component.weight}%</td>
              <td>{attemptText(component.attempts.at(-1))}</td>
              {actions ? <td>{actions(component.id)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <EnrolmentAdjustments adjustments={enrolment.adjustments} enrolmentId={enrolment.id} showWho={forStaff} />
      {children}
    </article>
  );
};
