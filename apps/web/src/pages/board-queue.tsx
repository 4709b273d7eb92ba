import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { BoardCase, CaseStatus, Course, Decision } from '../api/types';
import { useApp } from '../app-context';
import { hasRole } from '../auth/session';
import { AdjustmentsInForce } from '../components/adjustments';
import { formatDateTime, formatDuration, shortId } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, Tag, TextArea, TextField } from '../components/ui';
import { BoardPicker, CoursePicker } from '../forms/pickers';
import { Link } from '../router';
import { inCategories, useResource } from '../use-resource';

const TABS: { status: CaseStatus; label: string }[] = [
  { status: 'pending', label: 'Waiting' },
  { status: 'deferred', label: 'Deferred' },
  { status: 'decided', label: 'Decided' },
  { status: 'superseded', label: 'Superseded' },
];

const DECISIONS: { value: Decision; label: string; hint: string }[] = [
  { value: 'confirm', label: 'Confirm', hint: 'the calculated outcome stands' },
  { value: 'amend', label: 'Amend', hint: 'give the weighted mark the board decides' },
  { value: 'defer', label: 'Defer', hint: 'look again in a new round of votes' },
];

const outcomeText = (c: BoardCase): string => {
  const { result, weightedMark, grade } = c.outcome;
  return `${weightedMark} · ${result === 'pass' ? `Pass${grade && grade !== 'Pass' ? ` with ${grade}` : ''}` : result === 'fail' ? 'Fail' : 'Referral'}`;
};

/** One member's vote on a case: decision, rationale and (to amend) the mark, with the API's messages. */
const DecisionForm = ({ boardCase, onVoted }: { boardCase: BoardCase; onVoted: (message: string) => void }) => {
  const { session, announce } = useApp();
  const [decision, setDecision] = useState<Decision>('confirm');
  const [rationale, setRationale] = useState('');
  const [mark, setMark] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const mine = boardCase.votes.find((v) => v.memberId === session.sub);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, unknown> = { decision, rationale };
      if (decision === 'amend' && mark.trim() !== '') body.mark = Number(mark);
      const result = await api<{ status: CaseStatus }>(`/v1/boards/cases/${boardCase.id}/decisions`, {
        method: 'POST',
        body,
      });
      const message =
        result.status === 'decided'
          ? 'Your vote made a quorum: the case is decided.'
          : result.status === 'deferred'
            ? 'The case is deferred for another round of votes.'
            : 'Your vote is recorded. The case waits for the chair and one other member to agree.';
      // Said at page level: a decided case leaves this queue, and its card with it.
      onVoted(`${boardCase.learnerName}'s case: ${message}`);
      announce(message);
      setRationale('');
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="decision-form"
      onSubmit={submit}
      noValidate
      aria-label={`Your decision on ${boardCase.learnerName}'s case`}
    >
      <ErrorMessages error={error} title="Your vote was not recorded" />
      {mine ? (
        <p className="hint">
          You voted to {mine.decision} on {formatDateTime(mine.votedAt)}. Voting again replaces your vote.
        </p>
      ) : null}
      <fieldset>
        <legend>Your decision</legend>
        <div className="radios">
          {DECISIONS.map((option) => (
            <label key={option.value} className="radio">
              <input
                type="radio"
                name={`decision-${boardCase.id}`}
                value={option.value}
                checked={decision === option.value}
                onChange={() => setDecision(option.value)}
              />
              <span>
                <strong>{option.label}</strong> <span className="hint-inline">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {decision === 'amend' ? (
        <TextField
          label="Amended weighted mark"
          hint="A whole number from 0 to 100"
          inputMode="numeric"
          value={mark}
          onChange={(event) => setMark(event.target.value)}
          className="input-short"
        />
      ) : null}
      <TextArea
        label="Rationale for the minutes"
        value={rationale}
        onChange={(event) => setRationale(event.target.value)}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Recording…' : 'Record my vote'}
      </button>
    </form>
  );
};

const CaseCard = ({
  boardCase,
  course,
  canVote,
  canOpenRecord,
  onVoted,
}: {
  boardCase: BoardCase;
  course: Course | undefined;
  canVote: boolean;
  canOpenRecord: boolean;
  onVoted: (message: string) => void;
}) => (
  <article className="card case" aria-labelledby={`case-${boardCase.id}`}>
    <header className="case-header">
      <h2 id={`case-${boardCase.id}`}>
        {course ? `${course.code} ${course.title}` : 'Course'} <span className="muted">· {boardCase.learnerName}</span>
      </h2>
      <Tag
        tone={
          boardCase.status === 'decided'
            ? 'good'
            : boardCase.status === 'deferred' || boardCase.status === 'superseded'
              ? 'warn'
              : 'info'
        }
      >
        {boardCase.status === 'pending' ? `Waiting ${formatDuration(boardCase.waitingSeconds)}` : boardCase.status}
      </Tag>
    </header>
    <dl className="facts">
      <div>
        <dt>Calculated outcome</dt>
        <dd className="outcome">{outcomeText(boardCase)}</dd>
      </div>
      <div>
        <dt>Learner</dt>
        <dd>
          {canOpenRecord ? (
            <Link to={`/learners/${boardCase.learnerId}`}>{boardCase.learnerName}</Link>
          ) : (
            boardCase.learnerName
          )}
        </dd>
      </div>
      <div>
        <dt>Board</dt>
        <dd>{boardCase.boardName || shortId(boardCase.boardId)}</dd>
      </div>
      <div>
        <dt>Opened</dt>
        <dd>{formatDateTime(boardCase.openedAt)}</dd>
      </div>
    </dl>
    <AdjustmentsInForce adjustments={boardCase.adjustments} />
    <div className="concerns">
      <h3>Why it was not confirmed automatically</h3>
      {boardCase.concerns.length ? (
        <ul>
          {boardCase.concerns.map((concern) => (
            <li key={concern}>{concern}</li>
          ))}
        </ul>
      ) : (
        <p>The board has no delegated authority for clean cases.</p>
      )}
    </div>
    <div className="components-marks">
      <h3>Component marks</h3>
      <ul className="inline-list">
        {boardCase.outcome.components.map((c) => (
          <li key={c.componentId}>
            {course?.components.find((component) => component.id === c.componentId)?.title ?? c.componentId}:{' '}
            <strong>{c.mark}</strong> {c.passed ? null : <Tag tone="bad">below pass mark</Tag>}
          </li>
        ))}
      </ul>
    </div>
    {boardCase.votes.length ? (
      <div className="votes">
        <h3>Votes this round</h3>
        <ul>
          {boardCase.votes.map((vote) => (
            <li key={vote.memberId}>
              <strong>{vote.memberName}</strong>: {vote.decision}
              {vote.mark !== null ? ` to ${vote.mark}` : ''} — “{vote.rationale}”
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {boardCase.decision ? (
      <p className="decision">
        <strong>Decided:</strong> {boardCase.decision.decision}
        {boardCase.decision.mark !== null ? ` to ${boardCase.decision.mark}` : ''}{' '}
        {boardCase.decision.delegated
          ? 'under delegated authority'
          : `by ${boardCase.decision.decidedBy.join(' and ')}`}{' '}
        on {formatDateTime(boardCase.decision.decidedAt)}. “{boardCase.decision.rationale}”
      </p>
    ) : null}
    {boardCase.supersession ? (
      <p className="decision">
        <strong>Superseded</strong> on {formatDateTime(boardCase.supersession.supersededAt)} by case{' '}
        {shortId(boardCase.supersession.supersededBy)}: {boardCase.supersession.reason}.
      </p>
    ) : null}
    {canVote && (boardCase.status === 'pending' || boardCase.status === 'deferred') ? (
      <DecisionForm boardCase={boardCase} onVoted={onVoted} />
    ) : null}
  </article>
);

/** The board queue: cases waiting for a quorum, why each needs one, and how long it has waited. */
export const BoardQueue = () => {
  const { session } = useApp();
  const [status, setStatus] = useState<CaseStatus>('pending');
  const [voted, setVoted] = useState<string>();
  const [boardId, setBoardId] = useState('');
  const [courseId, setCourseId] = useState('');
  const filter = new URLSearchParams({ status, ...(boardId && { boardId }), ...(courseId && { courseId }) });
  const cases = useResource<BoardCase[]>(`/v1/boards/cases?${filter}`, inCategories('board', 'enrolment'));
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  const courseById = new Map((courses.data ?? []).map((c) => [c.id, c]));
  const canVote = hasRole(session, 'board');

  return (
    <>
      <PageHeading
        lead={
          canVote
            ? 'Cases that were not clean wait here for the chair and one other member to confirm, amend or defer them.'
            : 'Cases that were not clean wait here for a quorum of the board (the chair and one other member).'
        }
      >
        Board queue
      </PageHeading>
      <div className="tabs" role="group" aria-label="Show cases">
        {TABS.map((tab) => (
          <button
            key={tab.status}
            type="button"
            className="tab"
            aria-pressed={status === tab.status}
            onClick={() => setStatus(tab.status)}
          >
            {tab.label}
            {status === tab.status && cases.data ? <span className="count"> ({cases.data.length})</span> : null}
          </button>
        ))}
      </div>
      <div className="filters" role="group" aria-label="Filter cases">
        <BoardPicker label="Board" noneLabel="All boards" value={boardId} onChange={setBoardId} />
        <CoursePicker label="Course" noneLabel="All courses" value={courseId} onChange={setCourseId} />
      </div>
      {voted ? <Notice>{voted}</Notice> : null}
      <ErrorMessages error={cases.error} title="The queue could not be loaded" />
      {!cases.data && cases.loading ? <Loading what="the board queue" /> : null}
      {cases.data?.length === 0 ? (
        <Empty>No {TABS.find((t) => t.status === status)!.label.toLowerCase()} cases.</Empty>
      ) : null}
      <div className="stack">
        {cases.data?.map((c) => (
          <CaseCard
            key={c.id}
            boardCase={c}
            course={courseById.get(c.courseId)}
            canVote={canVote}
            canOpenRecord={hasRole(session, 'registry')}
            onVoted={setVoted}
          />
        ))}
      </div>
    </>
  );
};
