import type { Course, CourseMonitoring } from '../api/types';
import { BarChart } from '../components/charts';
import { formatDuration, formatPercent, levelOf } from '../components/format';
import { Empty, ErrorMessages, Loading, PageHeading, Stat } from '../components/ui';
import { Link } from '../router';
import { inCategories, useResource } from '../use-resource';

/** Every course, to pick one to monitor. */
export const MonitoringIndex = () => {
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  return (
    <>
      <PageHeading lead="Choose a course to see its enrolments, completions, pass rate, time to confirmation and moderation coverage.">
        Monitoring
      </PageHeading>
      <ErrorMessages error={courses.error} title="The courses could not be loaded" />
      {!courses.data && courses.loading ? <Loading what="courses" /> : null}
      {courses.data?.length === 0 ? <Empty>No courses are defined yet.</Empty> : null}
      {courses.data?.length ? (
        <table className="table">
          <caption className="visually-hidden">Courses</caption>
          <thead>
            <tr>
              <th scope="col">Course</th>
              <th scope="col">Credits</th>
              <th scope="col">Level</th>
              <th scope="col">Mode</th>
            </tr>
          </thead>
          <tbody>
            {courses.data.map((course) => (
              <tr key={course.id}>
                <th scope="row">
                  <Link to={`/monitoring/${course.id}`}>
                    {course.code} {course.title}
                  </Link>
                </th>
                <td className="number">{course.credits}</td>
                <td>{levelOf(course.level)}</td>
                <td>{course.modeOfLearning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
};

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** One course's monitoring figures and charts, refreshed as events arrive. */
export const CourseMonitoringPage = ({ courseId }: { courseId: string }) => {
  const stats = useResource<CourseMonitoring>(
    `/v1/courses/${courseId}/monitoring`,
    inCategories('enrolment', 'course'),
  );
  const data = stats.data;
  if (!data)
    return (
      <>
        <PageHeading>Course monitoring</PageHeading>
        <ErrorMessages error={stats.error} title="The figures could not be loaded" />
        {stats.loading ? <Loading what="the figures" /> : null}
      </>
    );

  const { course, moderation, finalMarkToConfirmation: timing } = data;
  return (
    <>
      <PageHeading lead={`${course.credits} credits · ${levelOf(course.level)} · ${course.awardingBody}`}>
        {course.code} {course.title}
      </PageHeading>
      <p>
        <Link to="/monitoring">All courses</Link>
      </p>
      <dl className="stats">
        <Stat
          label="Enrolments"
          value={data.enrolments}
          detail={`${data.byStatus.active + data.byStatus.suspended} studying`}
        />
        <Stat label="Completions" value={data.completions} detail={`${data.byStatus.withdrawn} withdrawn`} />
        <Stat
          label="Pass rate"
          value={formatPercent(data.passRate)}
          detail={`${data.passes} of ${data.completions} confirmed`}
        />
        <Stat
          label="Final mark to confirmation"
          value={formatDuration(timing.medianSeconds)}
          detail={`median · 90% within ${formatDuration(timing.p90Seconds)}`}
        />
        <Stat
          label="Moderation coverage"
          value={formatPercent(moderation.coverage)}
          detail={`${moderation.sampled} of ${moderation.marks} marks sampled · ${moderation.awaitingModerator} waiting`}
        />
      </dl>
      <div className="charts">
        <BarChart
          title="Confirmed outcomes by grade"
          description={`Distinction ${data.grades.Distinction}, Merit ${data.grades.Merit}, Pass ${data.grades.Pass}, Fail ${data.grades.Fail}.`}
          series={[{ name: 'Outcomes', fill: 'chart-fill-1' }]}
          categories={(['Distinction', 'Merit', 'Pass', 'Fail'] as const).map((grade) => ({
            label: grade,
            values: [data.grades[grade]],
          }))}
          valueLabel="Outcomes"
        />
        <BarChart
          title="Confirmed weighted marks"
          description={`How many confirmed outcomes fall in each band of ten marks: ${data.weightedMarks.map((b) => `${b.band}: ${b.count}`).join(', ')}.`}
          series={[{ name: 'Outcomes', fill: 'chart-fill-2' }]}
          categories={data.weightedMarks.map((band) => ({ label: band.band, values: [band.count] }))}
          valueLabel="Outcomes"
        />
        <BarChart
          title="Enrolments started and outcomes confirmed, by month"
          description={`The last ${data.byMonth.length} months: ${data.byMonth.map((m) => `${m.month} ${m.started} started, ${m.confirmed} confirmed`).join('; ')}.`}
          series={[
            { name: 'Started', fill: 'chart-fill-1' },
            { name: 'Confirmed', fill: 'chart-fill-3' },
          ]}
          categories={data.byMonth.map((m) => ({ label: monthLabel(m.month), values: [m.started, m.confirmed] }))}
        />
        <BarChart
          title="Why marks were sampled for moderation"
          description={`Fails ${moderation.reasons.fail}, near a boundary ${moderation.reasons['near-boundary']}, systematic ${moderation.reasons.systematic}.`}
          series={[{ name: 'Marks', fill: 'chart-fill-2' }]}
          categories={[
            { label: 'Fail', values: [moderation.reasons.fail] },
            { label: 'Near a boundary', values: [moderation.reasons['near-boundary']] },
            { label: 'Systematic', values: [moderation.reasons.systematic] },
          ]}
          valueLabel="Marks"
        />
      </div>
      <p className="hint">
        Confirmed under delegated authority: {timing.delegated}; by a quorum of the board: {timing.byQuorum}.
      </p>
    </>
  );
};
