import { useState } from 'react';
import { api } from '../api/client';
import type { Course, ReviseCourseRequest } from '../api/types';
import { TextArea } from '../components/ui';
import { CourseDefinitionFields, definitionFormOf, definitionRequest } from './course-definition';
import { FormStatus, SubmitButton } from './form-status';
import { useApiForm } from './use-api-form';

/** What the form does not ask about, kept as the course has it: a new version changes only what was edited. */
const unedited = (course: Course) => {
  const { passMark, psrb, qualityAssurance, assessmentType, issuerCountry, withdrawnFrom } = course.revision ?? course;
  return {
    passMark,
    qualityAssurance,
    assessmentType,
    issuerCountry,
    ...(psrb ? { psrb } : {}),
    ...(withdrawnFrom ? { withdrawnFrom } : {}),
  };
};

/**
 * A new version of the course, from its current definition: a draft's replaces the draft; an
 * approved course's awaits approval while enrolments keep the version they started on.
 */
export const CourseVersionForm = ({ course, onDone }: { course: Course; onDone: () => void }) => {
  const form = useApiForm();
  const [definition, setDefinition] = useState(() => definitionFormOf(course));
  const [reason, setReason] = useState('');
  const submit = form.submit(async () => {
    const body: ReviseCourseRequest = { ...unedited(course), ...definitionRequest(definition), reason };
    const revised = await api<Course>(`/v1/courses/${course.id}/versions`, { method: 'POST', body });
    onDone();
    setReason('');
    return revised.revision
      ? `Version ${revised.revision.version} of ${revised.code} awaits approval; enrolments start on version ${revised.version} until then.`
      : `${revised.code} version ${revised.version} replaces the draft.`;
  });
  return (
    <form onSubmit={submit} noValidate className="form-grid" aria-label="A new version of the course">
      <FormStatus form={form} failed="The new version was not saved" />
      <CourseDefinitionFields value={definition} onChange={setDefinition} form={form} />
      <TextArea
        label="Reason for the change"
        hint="Recorded with the version"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={form.errorsFor('reason')}
      />
      <SubmitButton form={form} label="Save the new version" busyLabel="Saving…" />
    </form>
  );
};
