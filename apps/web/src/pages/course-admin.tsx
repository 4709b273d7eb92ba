import type { Course } from '../api/types';
import { formatDate, levelOf } from '../components/format';
import { ErrorMessages, Loading, PageHeading, Tag } from '../components/ui';
import { ApproveCourseForm, CourseTutors, WithdrawCourseForm } from '../forms/course-actions';
import { CourseVersionForm } from '../forms/course-version';
import { inCategories, useResource } from '../use-resource';

/** One course's care: approve the draft or a new version, change it, assign and release tutors, withdraw it. */
export const CourseAdminPage = ({ courseId }: { courseId: string }) => {
  const course = useResource<Course>(`/v1/courses/${courseId}`, inCategories('course'));
  const data = course.data;
  if (!data)
    return (
      <>
        <PageHeading>Course</PageHeading>
        <ErrorMessages error={course.error} title="The course could not be loaded" />
        {course.loading ? <Loading what="the course" /> : null}
      </>
    );
  return (
    <>
      <PageHeading
        lead={`${data.credits} CATS at ${levelOf(data.level)} · ${data.components.map((c) => `${c.title} ${c.weight}%`).join(', ')}`}
      >
        {data.code} · {data.title}{' '}
        <Tag tone={data.lifecycle === 'draft' ? 'warn' : 'good'}>{data.lifecycle ?? 'approved'}</Tag>
      </PageHeading>
      {data.lifecycle === 'draft' || data.revision ? (
        <section className="form-section" aria-labelledby="approve-heading">
          <h2 id="approve-heading">Approve</h2>
          {data.revision ? (
            <p>
              Version {data.revision.version} awaits approval: {data.revision.reason}. Enrolments start on version{' '}
              {data.version} until it is approved.
            </p>
          ) : null}
          <ApproveCourseForm course={data} onDone={course.reload} />
        </section>
      ) : null}
      <section className="form-section" aria-labelledby="version-heading">
        <h2 id="version-heading">Change the definition</h2>
        <details>
          <summary>A new version{data.lifecycle === 'draft' ? ' of the draft' : ', for approval'}</summary>
          <CourseVersionForm course={data} onDone={course.reload} />
        </details>
      </section>
      <section className="form-section" aria-labelledby="tutors-heading">
        <h2 id="tutors-heading">Tutors</h2>
        <CourseTutors course={data} onDone={course.reload} />
      </section>
      <section className="form-section" aria-labelledby="withdraw-heading">
        <h2 id="withdraw-heading">Withdraw</h2>
        {data.withdrawnFrom ? <p>Withdrawn from {formatDate(data.withdrawnFrom)}.</p> : null}
        <WithdrawCourseForm course={data} onDone={course.reload} />
      </section>
    </>
  );
};
