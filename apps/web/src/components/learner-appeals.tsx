import type { Enrolment, LearnerAppeals } from '../api/types';
import { Link } from '../router';
import { AppealStatusTag } from './appeal-facts';
import { formatDate } from './format';
import { Empty } from './ui';

/** On the registry's learner record: each of the learner's appeals with its status; the Appeals page acts on them. */
export const LearnerAppealsTable = ({ appeals, enrolments }: { appeals: LearnerAppeals; enrolments: Enrolment[] }) => {
  if (appeals.appeals.length === 0) return <Empty>No appeals lodged.</Empty>;
  const courseOf = (enrolmentId: string) => enrolments.find((e) => e.id === enrolmentId)?.course;
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">Appeals</caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Decision appealed</th>
            <th scope="col">Lodged</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {appeals.appeals.map((appeal) => {
            const course = courseOf(appeal.decision.enrolmentId);
            return (
              <tr key={appeal.id}>
                <th scope="row">{course ? `${course.code} ${course.title}` : 'Course'}</th>
                <td>
                  {appeal.decision.result === 'pass' ? 'Pass' : 'Fail'} · {appeal.decision.weightedMark}
                </td>
                <td>{formatDate(appeal.lodgedAt)}</td>
                <td>
                  <AppealStatusTag appeal={appeal} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <Link to="/appeals">Acknowledge, review and decide appeals on the Appeals page</Link>
      </p>
    </>
  );
};
