import { useState } from 'react';
import { api } from '../api/client';
import type { StartEnrolmentRequest } from '../api/types';
import { PageHeading, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { CoursePicker, LearnerPicker } from '../forms/pickers';
import { useApiForm } from '../forms/use-api-form';
import { Link, useLocation } from '../router';

/** Enrol a learner on a course from their own start date: their deadline counts from it. */
export const EnrolPage = () => {
  const { query } = useLocation();
  const form = useApiForm();
  const [enrolment, setEnrolment] = useState<StartEnrolmentRequest>({
    learnerId: query.get('learner') ?? '',
    courseId: '',
    startDate: new Date().toISOString().slice(0, 10),
  });
  const submit = form.submit(async () => {
    const started = await api<{ deadline: string }>('/v1/enrolments', { method: 'POST', body: enrolment });
    return `Enrolled from ${enrolment.startDate}; the deadline is ${started.deadline}.`;
  });
  return (
    <>
      <PageHeading lead="Each learner starts on their own date; the course's days to complete count from it.">
        Enrol a learner
      </PageHeading>
      <form onSubmit={submit} noValidate aria-label="Enrolment">
        <FormStatus form={form} failed="The learner was not enrolled" />
        {form.done && enrolment.learnerId ? (
          <p>
            <Link to={`/learners/${enrolment.learnerId}`}>Open their record</Link>
          </p>
        ) : null}
        <LearnerPicker
          label="Learner"
          value={enrolment.learnerId}
          onChange={(learnerId) => setEnrolment((e) => ({ ...e, learnerId }))}
          errors={form.errorsFor('learnerId')}
        />
        <CoursePicker
          label="Course"
          value={enrolment.courseId}
          onChange={(courseId) => setEnrolment((e) => ({ ...e, courseId }))}
          errors={form.errorsFor('courseId')}
        />
        <TextField
          label="Start date"
          type="date"
          value={enrolment.startDate}
          onChange={(e) => setEnrolment({ ...enrolment, startDate: e.target.value })}
          errors={form.errorsFor('startDate')}
        />
        <SubmitButton form={form} label="Enrol" busyLabel="Enrolling…" />
      </form>
    </>
  );
};
