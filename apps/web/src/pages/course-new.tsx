import { useState } from 'react';
import { FRAMEWORKS, levelsOf, MAX_COMPONENTS, MODES_OF_LEARNING, type Framework, type ModeOfLearning } from '#domain';
import { api } from '../api/client';
import type { Course, DefineCourseRequest } from '../api/types';
import { PageHeading, SelectField, TextArea, TextField } from '../components/ui';
import { ComponentRows, EMPTY_COMPONENT, type ComponentRow } from '../forms/component-rows';
import { CourseSizeCheck } from '../forms/course-size-check';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { asList } from '../forms/numbers';
import { useApiForm } from '../forms/use-api-form';
import { Link } from '../router';

const EMPTY = {
  code: '',
  title: '',
  awardingBody: '',
  credits: '',
  framework: 'FHEQ' as Framework,
  level: '7',
  hecosCodes: '',
  cahCode: '',
  modeOfLearning: 'online' as ModeOfLearning,
  aims: '',
  learningOutcomes: '',
  maxEngagementDays: '120',
  maxAttempts: '',
  tutorIds: '',
  approvedBy: '',
  externalAdviser: '',
  approvedOn: '',
};
type Draft = typeof EMPTY;

const optional = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** The request, from what was typed: numbers as numbers, lists split, an approval only when given. */
const requestOf = (draft: Draft, components: ComponentRow[]): DefineCourseRequest => ({
  code: draft.code,
  title: draft.title,
  awardingBody: draft.awardingBody,
  credits: Number(draft.credits),
  level: { framework: draft.framework, level: Number(draft.level) },
  hecosCodes: asList(draft.hecosCodes, /[\s,]+/),
  cahCode: draft.cahCode,
  modeOfLearning: draft.modeOfLearning,
  aims: draft.aims,
  learningOutcomes: asList(draft.learningOutcomes),
  components: components.map((row) => ({
    id: row.id,
    title: row.title,
    weight: Number(row.weight),
    ...(row.passMark.trim() ? { passMark: Number(row.passMark) } : {}),
  })),
  maxEngagementDays: Number(draft.maxEngagementDays),
  ...(optional(draft.maxAttempts) !== undefined ? { maxAttempts: optional(draft.maxAttempts) } : {}),
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
  const [draft, setDraft] = useState(EMPTY);
  const [components, setComponents] = useState<ComponentRow[]>([EMPTY_COMPONENT]);
  const [defined, setDefined] = useState<Course>();
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const request = requestOf(draft, components);

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
        <div className="form-row">
          <TextField label="Course code" value={draft.code} onChange={set('code')} errors={form.errorsFor('code')} />
          <TextField
            label="Awarding body"
            value={draft.awardingBody}
            onChange={set('awardingBody')}
            errors={form.errorsFor('awardingBody')}
          />
        </div>
        <TextField label="Course title" value={draft.title} onChange={set('title')} errors={form.errorsFor('title')} />
        <div className="form-row">
          <TextField
            label="Credits (CATS)"
            inputMode="numeric"
            value={draft.credits}
            onChange={set('credits')}
            errors={form.errorsFor('credits')}
          />
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
        </div>
        <CourseSizeCheck draft={request} />
        <div className="form-row">
          <TextField
            label="HECoS codes"
            hint="6 digits each, separated by commas"
            value={draft.hecosCodes}
            onChange={set('hecosCodes')}
            errors={form.errorsFor('hecosCodes')}
          />
          <TextField
            label="CAH code"
            hint="e.g. CAH11-01-01"
            value={draft.cahCode}
            onChange={set('cahCode')}
            errors={form.errorsFor('cahCode')}
          />
          <SelectField
            label="Mode of learning"
            value={draft.modeOfLearning}
            onChange={set('modeOfLearning')}
            errors={form.errorsFor('modeOfLearning')}
          >
            {MODES_OF_LEARNING.map((mode) => (
              <option key={mode}>{mode}</option>
            ))}
          </SelectField>
        </div>
        <TextArea label="Aims" value={draft.aims} onChange={set('aims')} errors={form.errorsFor('aims')} />
        <TextArea
          label="Learning outcomes"
          hint="One a line"
          value={draft.learningOutcomes}
          onChange={set('learningOutcomes')}
          errors={form.errorsFor('learningOutcomes')}
        />
        <ComponentRows rows={components} onChange={setComponents} form={form} max={MAX_COMPONENTS} />
        <div className="form-row">
          <TextField
            label="Days to complete"
            hint="From each learner's own start date"
            inputMode="numeric"
            value={draft.maxEngagementDays}
            onChange={set('maxEngagementDays')}
            errors={form.errorsFor('maxEngagementDays')}
          />
          <TextField
            label="Attempts allowed"
            hint="Optional; 2 when blank"
            inputMode="numeric"
            value={draft.maxAttempts}
            onChange={set('maxAttempts')}
            errors={form.errorsFor('maxAttempts')}
          />
        </div>
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
