import type { AppealGround, AppealRemedy, AppealStatus } from '#domain';
import type { Appeal } from '../api/types';
import { formatDate, formatDateTime } from './format';
import { Tag } from './ui';

/** Each status in words (the API's value is a key, not prose). */
export const APPEAL_STATUS: Record<AppealStatus, { text: string; tone: 'neutral' | 'good' | 'warn' | 'bad' | 'info' }> =
  {
    lodged: { text: 'Lodged', tone: 'info' },
    acknowledged: { text: 'Acknowledged', tone: 'info' },
    'under-review': { text: 'Under review', tone: 'warn' },
    'not-upheld': { text: 'Not upheld', tone: 'neutral' },
    upheld: { text: 'Upheld', tone: 'good' },
  };

export const APPEAL_GROUND_TEXT: Record<AppealGround, string> = {
  'procedural-irregularity': 'A procedural irregularity in the assessment',
  'circumstances-not-known-to-the-board': 'Circumstances the board did not know of',
  'bias-or-prejudice': 'Bias or prejudice',
  'administrative-error': 'An administrative error',
};

export const APPEAL_REMEDY_TEXT: Record<AppealRemedy, string> = {
  'reopen-case': 'The case is reopened to the board',
  're-moderate': 'A mark is re-moderated',
};

export const AppealStatusTag = ({ appeal }: { appeal: Appeal }) => (
  <Tag tone={APPEAL_STATUS[appeal.status].tone}>Appeal {APPEAL_STATUS[appeal.status].text.toLowerCase()}</Tag>
);

/** What the decision was, why it is appealed, and each step so far (the outcome with its remedy). */
export const AppealFacts = ({ appeal }: { appeal: Appeal }) => {
  const { decision, outcome } = appeal;
  return (
    <dl className="facts">
      <div>
        <dt>Decision appealed</dt>
        <dd>
          {decision.result === 'pass' ? `Pass${decision.grade ? ` (${decision.grade})` : ''}` : 'Fail'} ·{' '}
          {decision.weightedMark}, confirmed {formatDate(decision.confirmedAt)}
        </dd>
      </div>
      <div>
        <dt>Grounds</dt>
        <dd>{appeal.grounds.map((ground) => APPEAL_GROUND_TEXT[ground]).join('; ')}</dd>
      </div>
      <div>
        <dt>Lodged</dt>
        <dd>{formatDateTime(appeal.lodgedAt)}</dd>
      </div>
      {appeal.acknowledged ? (
        <div>
          <dt>Acknowledged</dt>
          <dd>
            {formatDateTime(appeal.acknowledged.at)} by {appeal.acknowledged.by}
          </dd>
        </div>
      ) : null}
      {appeal.reviewerId ? (
        <div>
          <dt>Reviewer</dt>
          <dd>{appeal.reviewerId}</dd>
        </div>
      ) : null}
      {outcome ? (
        <div>
          <dt>Outcome</dt>
          <dd>
            {outcome.upheld ? 'Upheld' : 'Not upheld'}, {formatDate(outcome.decidedAt)}
            {outcome.remedy ? (
              <>
                {': '}
                {APPEAL_REMEDY_TEXT[outcome.remedy]}
                {outcome.componentId ? ` (${outcome.componentId})` : ''}
              </>
            ) : null}
            . {outcome.rationale}
          </dd>
        </div>
      ) : null}
    </dl>
  );
};
