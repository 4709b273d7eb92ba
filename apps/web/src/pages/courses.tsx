import type { Course } from '../api/types';
import { levelOf } from '../components/format';
import { Empty, ErrorMessages, Loading, PageHeading, Tag } from '../components/ui';
import { Link } from '../router';
import { inCategories, useResource } from '../use-resource';

/** The registry's set-up: every course (to approve, staff or withdraw), and the forms that start things. */
export const CoursesPage = () => {
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  return (
    <>
      <PageHeading lead="Define courses and boards, register and enrol learners, and look after each course.">
        Set up
      </PageHeading>
      <ul className="actions-list">
        <li>
          <Link to="/courses/new">Define a course</Link>
        </li>
        <li>
          <Link to="/boards/new">Constitute a board</Link>
        </li>
        <li>
          <Link to="/learners/new">Register a learner</Link>
        </li>
        <li>
          <Link to="/enrolments/new">Enrol a learner</Link>
        </li>
        <li>
          <Link to="/pathways/new">Define a pathway</Link>
        </li>
      </ul>
      <h2>Courses</h2>
      <ErrorMessages error={courses.error} title="The courses could not be loaded" />
      {!courses.data && courses.loading ? <Loading what="courses" /> : null}
      {courses.data?.length === 0 ? <Empty>No course is defined yet.</Empty> : null}
      {courses.data?.length ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Courses</caption>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Size</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((course) => (
                <tr key={course.id}>
                  <th scope="row">
                    <Link to={`/courses/${course.id}`}>
                      {course.code} · {course.title}
                    </Link>
                  </th>
                  <td>
                    {course.credits} CATS, {levelOf(course.level)}
                  </td>
                  <td>
                    {course.withdrawnFrom ? (
                      <Tag tone="bad">withdrawn from {course.withdrawnFrom}</Tag>
                    ) : (
                      <Tag tone={course.lifecycle === 'draft' ? 'warn' : 'good'}>{course.lifecycle ?? 'approved'}</Tag>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
};
