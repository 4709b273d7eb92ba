import { useState } from 'react';
import { ACCESS_DECISIONS, type AccessDecision } from '#domain';
import { api } from '../api/client';
import { SelectField, TextArea, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { CoursePicker } from './pickers';
import { useApiForm } from './use-api-form';

/** Admission through prior learning (access RPL): the decision to admit a learner without the usual entry. */
export const AccessRplForm = ({ learnerId }: { learnerId: string }) => {
  const form = useApiForm();
  const empty = { courseId: '', decision: ACCESS_DECISIONS[0] as AccessDecision, basis: '', evidenceRef: '' };
  const [decision, setDecision] = useState(empty);
  const submit = form.submit(async () => {
    await api(`/v1/learners/${learnerId}/access-rpl`, { method: 'POST', body: decision });
    setDecision(empty);
    return `Admission decision recorded: ${decision.decision}.`;
  });
  return (
    <form onSubmit={submit} noValidate className="card" aria-label="Admission by prior learning">
      <FormStatus form={form} failed="The admission decision was not recorded" />
      <CoursePicker
        label="Course"
        value={decision.courseId}
        onChange={(courseId) => setDecision((d) => ({ ...d, courseId }))}
        errors={form.errorsFor('courseId')}
      />
      <SelectField
        label="Decision"
        value={decision.decision}
        onChange={(e) => setDecision({ ...decision, decision: e.target.value as AccessDecision })}
        errors={form.errorsFor('decision')}
      >
        {ACCESS_DECISIONS.map((value) => (
          <option key={value}>{value}</option>
        ))}
      </SelectField>
      <TextArea
        label="Basis"
        value={decision.basis}
        onChange={(e) => setDecision({ ...decision, basis: e.target.value })}
        errors={form.errorsFor('basis')}
      />
      <TextField
        label="Evidence reference"
        value={decision.evidenceRef}
        onChange={(e) => setDecision({ ...decision, evidenceRef: e.target.value })}
        errors={form.errorsFor('evidenceRef')}
      />
      <SubmitButton form={form} label="Record admission decision" busyLabel="Recording…" />
    </form>
  );
};
