import { useState } from 'react';
import { appealWindowClosesOn } from '#domain';
import type { Appeal, Enrolment, LearnerAppeals } from '../api/types';
import { LodgeAppealForm, LODGED_MESSAGE } from '../forms/lodge-appeal-form';
import { AppealFacts, AppealStatusTag } from './appeal-facts';
import { formatDate } from './format';
import { Notice } from './ui';

/**
 * On a result of the learner's own record: each appeal against it with its status, and while the
 * board's current decision may still be appealed, the way to appeal it (after the window, why not).
 */
export const EnrolmentAppeal = ({
  enrolment,
  appeals,
  onLodged,
}: {
  enrolment: Enrolment;
  appeals: LearnerAppeals;
  onLodged: (appeal: Appeal) => void;
}) => {
  const [open, setOpen] = useState(false);
  // The confirmation of an appeal just lodged, until the registry takes it further.
  const [lodgedId, setLodgedId] = useState<string>();
  const confirmation = enrolment.confirmation;
  const own = appeals.appeals.filter((a) => a.decision.enrolmentId === enrolment.id);
  if (!confirmation && own.length === 0) return null;
  const appealed = own.some((a) => a.decision.caseId === confirmation?.caseId);
  const closesOn = confirmation ? appealWindowClosesOn(confirmation.confirmedAt, appeals.windowDays) : null;
  const headingId = `appeal-${enrolment.id}`;

  return (
    <section aria-labelledby={headingId} className="enrolment-appeal">
      <h4 id={headingId}>Appeal</h4>
      {own.some((a) => a.id === lodgedId && a.status === 'lodged') ? <Notice>{LODGED_MESSAGE}</Notice> : null}
      {own.map((appeal) => (
        <div key={appeal.id}>
          <AppealStatusTag appeal={appeal} />
          <AppealFacts appeal={appeal} />
        </div>
      ))}
      {confirmation && !appealed && closesOn !== null ? (
        appeals.today > closesOn ? (
          <p className="muted">
            The appeal window for this decision closed on {formatDate(closesOn)}, {appeals.windowDays} days after the
            board confirmed it, so it can no longer be appealed.
          </p>
        ) : (
          <>
            <p className="hint">You may appeal the board’s decision until {formatDate(closesOn)}.</p>
            <button
              type="button"
              className="button button-quiet button-small"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              Appeal this decision
            </button>
            {open ? (
              <LodgeAppealForm
                enrolment={enrolment}
                onLodged={(appeal) => {
                  setOpen(false);
                  setLodgedId(appeal.id);
                  onLodged(appeal);
                }}
              />
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
};
