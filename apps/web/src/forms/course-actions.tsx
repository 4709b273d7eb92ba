import { useState } from 'react';
import { api } from '../api/client';
import type { ApproveCourseRequest, Course, WithdrawCourseRequest } from '../api/types';
import { TextField } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { TutorPicker } from './pickers';
import { useApiForm } from './use-api-form';

/** Approval (validation) of a draft: it takes enrolments from then on. */
export const ApproveCourseForm = ({ course, onDone }: { course: Course; onDone: () => void }) => {
  const form = useApiForm();
  const [approval, setApproval] = useState<ApproveCourseRequest>({
    approvedBy: '',
    externalAdviser: '',
    approvedOn: '',
  });
  const set = (field: keyof ApproveCourseRequest) => (event: { target: { value: string } }) =>
    setApproval({ ...approval, [field]: event.target.value });
  const submit = form.submit(async () => {
    await api(`/v1/courses/${course.id}/approval`, { method: 'POST', body: approval });
    onDone();
    return `${course.code} is approved and takes enrolments.`;
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Approve the course">
      <FormStatus form={form} failed="The course was not approved" />
      <div className="form-row">
        <TextField
          label="Approved by"
          value={approval.approvedBy}
          onChange={set('approvedBy')}
          errors={form.errorsFor('approvedBy')}
        />
        <TextField
          label="External adviser"
          value={approval.externalAdviser}
          onChange={set('externalAdviser')}
          errors={form.errorsFor('externalAdviser')}
        />
        <TextField
          label="Approved on"
          type="date"
          value={approval.approvedOn}
          onChange={set('approvedOn')}
          errors={form.errorsFor('approvedOn')}
        />
      </div>
      <SubmitButton form={form} label="Approve" busyLabel="Approving…" />
    </form>
  );
};

/** Withdrawal from a date: no enrolments start on or after it. */
export const WithdrawCourseForm = ({ course, onDone }: { course: Course; onDone: () => void }) => {
  const form = useApiForm();
  const [withdrawal, setWithdrawal] = useState<WithdrawCourseRequest>({ withdrawnFrom: '', reason: '' });
  const submit = form.submit(async () => {
    await api(`/v1/courses/${course.id}/withdrawal`, { method: 'POST', body: withdrawal });
    onDone();
    return `${course.code} is withdrawn from ${withdrawal.withdrawnFrom}.`;
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Withdraw the course">
      <FormStatus form={form} failed="The withdrawal was not scheduled" />
      <div className="form-row">
        <TextField
          label="Withdrawn from"
          type="date"
          value={withdrawal.withdrawnFrom}
          onChange={(e) => setWithdrawal({ ...withdrawal, withdrawnFrom: e.target.value })}
          errors={form.errorsFor('withdrawnFrom')}
        />
        <TextField
          label="Reason"
          value={withdrawal.reason}
          onChange={(e) => setWithdrawal({ ...withdrawal, reason: e.target.value })}
          errors={form.errorsFor('reason')}
        />
      </div>
      <SubmitButton form={form} label="Withdraw" busyLabel="Withdrawing…" />
    </form>
  );
};

/** The tutors who may mark the course: assign one, or release one (with the reason recorded). */
export const CourseTutors = ({ course, onDone }: { course: Course; onDone: () => void }) => {
  const form = useApiForm();
  const [tutorId, setTutorId] = useState('');
  const [reason, setReason] = useState('');
  const assign = form.submit(async () => {
    await api(`/v1/courses/${course.id}/tutors`, { method: 'POST', body: { tutorId } });
    onDone();
    setTutorId('');
    return `${tutorId} may now mark ${course.code}.`;
  });
  const release = (tutor: string) =>
    form.submit(async () => {
      const query = reason.trim() ? `?reason=${encodeURIComponent(reason)}` : '';
      await api(`/v1/courses/${course.id}/tutors/${encodeURIComponent(tutor)}${query}`, { method: 'DELETE' });
      onDone();
      return `${tutor} is released from ${course.code}.`;
    });
  return (
    <form onSubmit={assign} noValidate aria-label="Course tutors">
      <FormStatus form={form} failed="The tutors were not changed" />
      {course.tutorIds.length ? (
        <>
          <ul className="stack-list">
            {course.tutorIds.map((tutor) => (
              <li key={tutor}>
                <span className="mono">{tutor}</span>{' '}
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => void release(tutor)()}
                >
                  Release {tutor}
                </button>
              </li>
            ))}
          </ul>
          <TextField
            label="Reason for a release"
            hint="Optional; recorded with the release"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            errors={form.errorsFor('reason')}
          />
        </>
      ) : (
        <p>No tutor is assigned yet.</p>
      )}
      <TutorPicker label="Assign a tutor" value={tutorId} onChange={setTutorId} errors={form.errorsFor('tutorId')} />
      <SubmitButton form={form} label="Assign" busyLabel="Assigning…" />
    </form>
  );
};
