import { FRAMEWORKS, levelsOf, MAX_COMPONENTS, MODES_OF_LEARNING, type Framework, type ModeOfLearning } from '#domain';
import type { Course, DefineCourseRequest } from '../api/types';
import { SelectField, TextArea, TextField } from '../components/ui';
import { ComponentRows, EMPTY_COMPONENT, type ComponentRow } from './component-rows';
import { CourseSizeCheck } from './course-size-check';
import { asList } from './numbers';
import type { ApiForm } from './use-api-form';

/** A course definition as typed: text until it is sent, so the API names what is wrong with it. */
export const EMPTY_DEFINITION = {
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
};
export type DefinitionDraft = typeof EMPTY_DEFINITION;

export interface DefinitionForm {
  draft: DefinitionDraft;
  components: ComponentRow[];
}

export const EMPTY_DEFINITION_FORM: DefinitionForm = { draft: EMPTY_DEFINITION, components: [EMPTY_COMPONENT] };

const optional = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** The definition's part of the request: numbers as numbers, lists split. */
export const definitionRequest = ({
  draft,
  components,
}: DefinitionForm): Omit<DefineCourseRequest, 'tutorIds' | 'approval'> => ({
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
});

/** A course's current definition (or the version awaiting approval), ready to change. */
export const definitionFormOf = (course: Course): DefinitionForm => {
  const definition = course.revision ?? course;
  return {
    draft: {
      code: definition.code,
      title: definition.title,
      awardingBody: definition.awardingBody,
      credits: String(definition.credits),
      framework: definition.level.framework,
      level: String(definition.level.level),
      hecosCodes: definition.hecosCodes.join(', '),
      cahCode: definition.cahCode,
      modeOfLearning: definition.modeOfLearning,
      aims: definition.aims,
      learningOutcomes: definition.learningOutcomes.join('\n'),
      maxEngagementDays: String(definition.maxEngagementDays),
      maxAttempts: String(definition.maxAttempts),
    },
    components: definition.components.map((c) => ({
      id: c.id,
      title: c.title,
      weight: String(c.weight),
      passMark: c.passMark === undefined ? '' : String(c.passMark),
    })),
  };
};

/** Every field of a course definition, the API's messages beside each, the size check before submit. */
export const CourseDefinitionFields = ({
  value,
  onChange,
  form,
}: {
  value: DefinitionForm;
  onChange: (value: DefinitionForm) => void;
  form: ApiForm;
}) => {
  const { draft, components } = value;
  const setDraft = (next: DefinitionDraft) => onChange({ draft: next, components });
  const set = (field: keyof DefinitionDraft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  return (
    <>
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
      <CourseSizeCheck draft={definitionRequest(value)} />
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
      <ComponentRows
        rows={components}
        onChange={(rows) => onChange({ draft, components: rows })}
        form={form}
        max={MAX_COMPONENTS}
      />
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
    </>
  );
};
