import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Course, MarkingItem } from '../api/types';
import { useApp } from '../app-context';
import { hasRole } from '../auth/session';
import { AdjustmentsInForce } from '../components/adjustments';
import { formatDateTime, formatDuration, shortId } from '../components/format';
import { Empty, ErrorMessages, Loading, Notice, PageHeading, SelectField, Tag } from '../components/ui';
import { inCategories, useResource } from '../use-resource';

const itemKey = (item: MarkingItem) => `${item.enrolmentId}:${item.componentId}:${item.attempt}`;

/** Mark entry for one submission: the API validates and its messages show beside the field. */
const MarkForm = ({ item, onMarked }: { item: MarkingItem; onMarked: (message: string) => void }) => {
  const [mark, setMark] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const inputId = `mark-${itemKey(item)}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Sent as typed: a blank or non-number is the API's to refuse, with its own message.
      const value = mark.trim() === '' ? null : Number.isNaN(Number(mark)) ? mark : Number(mark);
      const result = await api<{ mark: number; status: string }>(`/v1/enrolments/${item.enrolmentId}/marks`, {
        method: 'POST',
        body: { componentId: item.componentId, mark: value },
      });
      onMarked(
        `Mark ${result.mark} recorded for ${item.componentTitle} (${item.course?.code ?? 'course'}, enrolment ${shortId(item.enrolmentId)}).`,
      );
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="mark-form" onSubmit={submit} noValidate>
      <div className="field field-inline">
        <label htmlFor={inputId}>
          Mark{' '}
          <span className="visually-hidden">
            for {item.componentTitle}, enrolment {shortId(item.enrolmentId)}
          </span>
        </label>
        <input
          id={inputId}
          className="input-short"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          value={mark}
          onChange={(event) => setMark(event.target.value)}
        />
        <span className="hint-inline" id={`${inputId}-hint`}>
          0–100
        </span>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Record mark'}
        </button>
      </div>
      {error ? (
        <ul className="field-errors" id={`${inputId}-error`} role="alert">
          {error.messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
};

/** The tutor's marking queue: submissions waiting for a mark, oldest first. Marking is anonymous. */
export const MarkingQueue = () => {
  const { announce, session } = useApp();
  const [courseId, setCourseId] = useState('');
  const [recorded, setRecorded] = useState<string>();
  const queue = useResource<MarkingItem[]>(
    `/v1/marking/queue${courseId ? `?courseId=${courseId}` : ''}`,
    inCategories('enrolment'),
  );
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  // A tutor marks only the courses they are assigned to; the queue holds only those.
  const mine = courses.data?.filter(
    (course) => !hasRole(session, 'tutor') || (course.tutorIds ?? []).includes(session.sub),
  );

  return (
    <>
      <PageHeading lead="Submissions waiting for a mark, oldest first. Learners are not named: marking is anonymous.">
        Marking queue
      </PageHeading>
      <div className="toolbar">
        <SelectField label="Course" value={courseId} onChange={(event) => setCourseId(event.target.value)}>
          <option value="">All courses</option>
          {mine?.map((course) => (
            <option key={course.id} value={course.id}>
              {course.code} {course.title}
            </option>
          ))}
        </SelectField>
      </div>
      {recorded ? <Notice>{recorded}</Notice> : null}
      <ErrorMessages error={queue.error} title="The queue could not be loaded" />
      {!queue.data && queue.loading ? <Loading what="the marking queue" /> : null}
      {queue.data?.length === 0 ? (
        <Empty>
          {mine?.length === 0
            ? 'You are not assigned to any course yet: the registry assigns tutors to courses.'
            : 'Nothing is waiting to be marked.'}
        </Empty>
      ) : null}
      {queue.data?.length ? (
        <table className="table">
          <caption className="visually-hidden">Submissions waiting for a mark</caption>
          <thead>
            <tr>
              <th scope="col">Submission</th>
              <th scope="col">Submitted</th>
              <th scope="col">Waiting</th>
              <th scope="col">Mark</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.map((item) => (
              <tr key={itemKey(item)}>
                <th scope="row">
                  <span className="cell-title">{item.componentTitle}</span>
                  <span className="cell-sub">
                    {item.course ? `${item.course.code} ${item.course.title}` : 'Unknown course'} · enrolment{' '}
                    {shortId(item.enrolmentId)}
                    {item.attempt > 1 ? (
                      <>
                        {' '}
                        · <Tag tone="warn">attempt {item.attempt}</Tag>
                      </>
                    ) : null}
                    {item.enrolmentStatus === 'suspended' ? (
                      <>
                        {' '}
                        · <Tag tone="warn">suspended</Tag>
                      </>
                    ) : null}
                  </span>
                  <AdjustmentsInForce adjustments={item.adjustments} />
                </th>
                <td>{formatDateTime(item.submittedAt)}</td>
                <td>{formatDuration(item.waitingSeconds)}</td>
                <td>
                  <MarkForm
                    item={item}
                    onMarked={(message) => {
                      setRecorded(message);
                      announce(message);
                      queue.reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
};
