import { checkCourseDefinition, courseDefinitionWarnings, InvalidCommand, type Violation } from '#domain';
import type { DefineCourseRequest } from '../api/types';

/** The rules about a course's size and name (QAA 2022 5.2, 7.3): credits against the level, a title naming an award. */
const SIZE_FIELDS = ['credits', 'title', 'level', 'maxEngagementDays'];

/** The domain's own check of the draft (the one the API runs), narrowed to its size and naming rules. */
export const sizeFindings = (draft: DefineCourseRequest): Violation[] => {
  const findings = courseDefinitionWarnings(draft).map(({ field, message }) => ({ field, rule: message }));
  try {
    checkCourseDefinition({ ...draft, courseId: 'draft' });
  } catch (error) {
    if (!(error instanceof InvalidCommand)) throw error;
    findings.unshift(
      ...error.violations.filter((v) => SIZE_FIELDS.some((f) => v.field === f || v.field.startsWith(`${f}.`))),
    );
  }
  return findings;
};

/** Shown as the officer types, before anything is sent. */
export const CourseSizeCheck = ({ draft }: { draft: DefineCourseRequest }) => {
  const findings = sizeFindings(draft);
  return (
    <section className={`notice notice-${findings.length ? 'info' : 'success'}`} aria-labelledby="size-check">
      <h2 id="size-check" className="notice-title">
        QAA size check
      </h2>
      {findings.length ? (
        <ul role="status">
          {findings.map((v) => (
            <li key={`${v.field} ${v.rule}`}>
              {v.field} {v.rule}
            </li>
          ))}
        </ul>
      ) : (
        <p role="status">
          {draft.credits} credits at {draft.level.framework} level {draft.level.level}: a micro-credential, and the
          title names no qualification.
        </p>
      )}
    </section>
  );
};
