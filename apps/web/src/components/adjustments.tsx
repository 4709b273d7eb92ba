import type { AdjustmentType } from '#domain';
import type { Adjustment } from '../api/types';
import { capitalised, formatDate } from './format';
import { Tag } from './ui';

/** Each type in words (the API's value is a key, not prose). */
export const ADJUSTMENT_TYPE_TEXT: Record<AdjustmentType, string> = {
  'extra-time': 'extra time',
  'alternative-format': 'alternative format',
  'rest-breaks': 'rest breaks',
  'assistive-technology': 'assistive technology',
  other: 'other adjustment',
};

const daysText = (days: number): string =>
  days === 0 ? 'deadline unchanged' : `+${days} ${days === 1 ? 'day' : 'days'}`;

/** "extra time (+7 days)" */
export const adjustmentText = (adjustment: Adjustment): string =>
  `${ADJUSTMENT_TYPE_TEXT[adjustment.type]} (${daysText(adjustment.extensionDays)})`;

/** On the item a marker, moderator or board member acts on: each adjustment in force, one short line. */
export const AdjustmentsInForce = ({ adjustments }: { adjustments: Adjustment[] }) =>
  adjustments.length ? (
    <ul className="adjustments-in-force">
      {adjustments.map((adjustment) => (
        <li key={adjustment.adjustmentId}>
          Adjustment: {adjustmentText(adjustment)}
          {adjustment.note ? ` · ${adjustment.note}` : ''}
        </li>
      ))}
    </ul>
  ) : null;

/**
 * On an enrolment: every adjustment, in force or withdrawn. Who approved and withdrew it shows to
 * the staff only (a learner's own timeline names roles, not people, too).
 */
export const EnrolmentAdjustments = ({
  adjustments,
  enrolmentId,
  showWho,
}: {
  adjustments: Adjustment[];
  enrolmentId: string;
  showWho: boolean;
}) => {
  if (adjustments.length === 0) return null;
  const headingId = `adjustments-${enrolmentId}`;
  return (
    <section aria-labelledby={headingId} className="enrolment-adjustments">
      <h4 id={headingId}>Reasonable adjustments</h4>
      <ul>
        {adjustments.map((adjustment) => {
          const { withdrawal } = adjustment;
          return (
            <li key={adjustment.adjustmentId}>
              <Tag tone={withdrawal ? 'neutral' : 'info'}>{withdrawal ? 'Withdrawn' : 'In force'}</Tag>{' '}
              <strong>{capitalised(adjustmentText(adjustment))}</strong>
              {adjustment.note ? `: ${adjustment.note}` : ''}.{' '}
              <span className="muted">
                Approved {showWho ? `by ${adjustment.approvedBy} ` : ''}on {formatDate(adjustment.recordedAt)}
                {withdrawal
                  ? `; withdrawn ${showWho ? `by ${withdrawal.withdrawnBy} ` : ''}on ${formatDate(withdrawal.withdrawnAt)}: ${withdrawal.reason}`
                  : ''}
                .
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
};
