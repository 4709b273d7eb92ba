import { useState } from 'react';
import { api } from '../api/client';
import type { Course, DefineCourseRequest } from '../api/types';
import { PageHeading, TextField } from '../components/ui';
import {
  CourseDefinitionFields,
  definitionRequest,
  EMPTY_DEFINITION_FORM,
  type DefinitionForm,
} from '../forms/course-definition';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { asList } from '../forms/numbers';
import { useApiForm } from '../forms/use-api-form';
import { Link } from '../router';

const EMPTY = { tutorIds: '', approvedBy: '', externalAdviser: '', approvedOn: '' };
type Extras = typeof EMPTY;

/** The request, from what was typed: the definition, tutors when given, an approval only when given. */
const requestOf = (definition: DefinitionForm, draft: Extras): DefineCourseRequest => ({
  ...definitionRequest(definition),
  ...(draft.tutorIds.trim() ? { tutorIds: asList(draft.tutorIds, /[\s,]+/) } : {}),
  ...(draft.approvedBy || draft.externalAdviser || draft.approvedOn
    ? {
        approval: {
          approvedBy: draft.approvedBy,
          externalAdviser: draft.externalAdviser,
          approvedOn: draft.approvedOn,
        },
      }
    : {}),
});

/** Define a course: every field the API needs, its messages beside each, the size check before submit. */
export const NewCoursePage = () => {
  const form = useApiForm();
  const [definition, setDefinition] = useState(EMPTY_DEFINITION_FORM);
  const [draft, setDraft] = useState(EMPTY);
  const [defined, setDefined] = useState<Course>();
  const set = (field: keyof Extras) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const request = requestOf(definition, draft);

  const submit = form.submit(async () => {
    const course = await api<Course & { warnings: { field: string; message: string }[] }>('/v1/courses', {
      method: 'POST',
      body: request,
    });
    setDefined(course);
    const warned = course.warnings.map((w) => ` Check: ${w.field} ${w.message}.`).join('');
    return `${course.code} ${course.title} is defined${course.approval ? ' and approved' : ' as a draft'}.${warned}`;
  });

  return (
    <>
      <PageHeading lead="Define a micro-credential course. Messages from the records service appear beside the field they name.">
        Define a course
      </PageHeading>
      <form onSubmit={submit} noValidate className="form-grid" aria-label="Course definition">
        <FormStatus form={form} failed="The course was not defined" />
        {defined ? (
          <p>
            <Link to={`/courses/${defined.id}`}>Open {defined.code}</Link> to assign tutors, approve or withdraw it.
          </p>
        ) : null}
        <CourseDefinitionFields value={definition} onChange={setDefinition} form={form} />
        <TextField
          label="Tutors"
          hint="Optional: sign-in ids of the tutors who mark it, separated by commas (more can be assigned later)"
          value={draft.tutorIds}
          onChange={set('tutorIds')}
          errors={form.errorsFor('tutorIds')}
        />
        <fieldset>
          <legend>Approval already given (optional)</legend>
          <p className="hint">Leave blank to define a draft and approve it later.</p>
          <div className="form-row">
            <TextField
              label="Approved by"
              value={draft.approvedBy}
              onChange={set('approvedBy')}
              errors={form.errorsFor('approval.approvedBy')}
            />
            <TextField
              label="External adviser"
              value={draft.externalAdviser}
              onChange={set('externalAdviser')}
              errors={form.errorsFor('approval.externalAdviser')}
            />
            <TextField
              label="Approved on"
              type="date"
              value={draft.approvedOn}
              onChange={set('approvedOn')}
              errors={form.errorsFor('approval.approvedOn')}
            />
          </div>
        </fieldset>
        <SubmitButton form={form} label="Define the course" busyLabel="Defining…" />
      </form>
    </>
  );
};
