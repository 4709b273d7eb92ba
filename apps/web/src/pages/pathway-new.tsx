import { useState } from 'react';
import { FRAMEWORKS, levelsOf, type Framework } from '#domain';
import { api } from '../api/client';
import type { Course, DefinePathwayRequest, PathwayView } from '../api/types';
import { PageHeading, SelectField, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { CoursePicker } from '../forms/pickers';
import { useApiForm } from '../forms/use-api-form';
import { inCategories, useResource } from '../use-resource';

const EMPTY = {
  title: '',
  awardingBody: '',
  framework: 'FHEQ' as Framework,
  level: '7',
  totalCredits: '',
  minCreditsAtLevel: '',
  capstoneCourseId: '',
};

/** A pathway: the award that stacked micro-credentials lead to, the courses that count and its credit rules. */
export const NewPathwayPage = () => {
  const form = useApiForm();
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  const [draft, setDraft] = useState(EMPTY);
  const [allowed, setAllowed] = useState<string[]>([]);
  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const toggle = (id: string) => setAllowed(allowed.includes(id) ? allowed.filter((c) => c !== id) : [...allowed, id]);

  const submit = form.submit(async () => {
    const body: DefinePathwayRequest = {
      title: draft.title,
      awardingBody: draft.awardingBody,
      level: { framework: draft.framework, level: Number(draft.level) },
      totalCredits: Number(draft.totalCredits),
      minCreditsAtLevel: Number(draft.minCreditsAtLevel),
      allowedCourseIds: allowed,
      ...(draft.capstoneCourseId ? { capstoneCourseId: draft.capstoneCourseId } : {}),
    };
    const pathway = await api<PathwayView>('/v1/pathways', { method: 'POST', body });
    return `${pathway.title} is defined: ${pathway.totalCredits} credits from ${pathway.allowedCourseIds.length} courses.`;
  });

  return (
    <>
      <PageHeading lead="Micro-credentials stack towards a larger award once the learner's credit meets its rules.">
        Define a pathway
      </PageHeading>
      <form onSubmit={submit} noValidate aria-label="Pathway">
        <FormStatus form={form} failed="The pathway was not defined" />
        <TextField label="Target award" value={draft.title} onChange={set('title')} errors={form.errorsFor('title')} />
        <TextField
          label="Awarding body"
          value={draft.awardingBody}
          onChange={set('awardingBody')}
          errors={form.errorsFor('awardingBody')}
        />
        <div className="form-row">
          <SelectField
            label="Framework"
            value={draft.framework}
            onChange={(e) => setDraft({ ...draft, framework: e.target.value as Framework, level: '' })}
            errors={form.errorsFor('level.framework')}
          >
            {FRAMEWORKS.map((framework) => (
              <option key={framework}>{framework}</option>
            ))}
          </SelectField>
          <SelectField label="Level" value={draft.level} onChange={set('level')} errors={form.errorsFor('level.level')}>
            <option value="">Choose</option>
            {levelsOf(draft.framework).map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Total credits"
            inputMode="numeric"
            value={draft.totalCredits}
            onChange={set('totalCredits')}
            errors={form.errorsFor('totalCredits')}
          />
          <TextField
            label="Credits at the level"
            inputMode="numeric"
            value={draft.minCreditsAtLevel}
            onChange={set('minCreditsAtLevel')}
            errors={form.errorsFor('minCreditsAtLevel')}
          />
        </div>
        <fieldset>
          <legend>Courses whose awards count</legend>
          {form.errorsFor('allowedCourseIds').length ? (
            <ul className="field-errors">
              {form.errorsFor('allowedCourseIds').map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <div className="radios">
            {courses.data?.map((course) => (
              <label className="radio" key={course.id}>
                <input type="checkbox" checked={allowed.includes(course.id)} onChange={() => toggle(course.id)} />{' '}
                {course.code} · {course.title}
              </label>
            ))}
          </div>
        </fieldset>
        <CoursePicker
          label="Capstone course (optional)"
          value={draft.capstoneCourseId}
          onChange={(capstoneCourseId) => setDraft((d) => ({ ...d, capstoneCourseId }))}
          errors={form.errorsFor('capstoneCourseId')}
        />
        <SubmitButton form={form} label="Define the pathway" busyLabel="Defining…" />
      </form>
    </>
  );
};
