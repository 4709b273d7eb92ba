import { useState } from 'react';
import { api } from '../api/client';
import type { Enrolment } from '../api/types';
import { SelectField, TextArea, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { asNumber } from './numbers';
import { useApiForm } from './use-api-form';

/** What the registry can do to an enrolment, the path it posts to and the fields it asks for. */
const ACTIONS = {
  suspension: { label: 'Suspend', fields: ['from', 'reason'], done: 'Suspended' },
  resumption: { label: 'Resume', fields: ['on'], done: 'Resumed' },
  extensions: { label: 'Grant an extension', fields: ['days', 'reason'], done: 'Extension granted' },
  'mitigating-circumstances': { label: 'Record mitigating circumstances', fields: ['reason'], done: 'Recorded' },
  'integrity-flags': { label: 'Raise an academic integrity flag', fields: ['reason'], done: 'Flag raised' },
} as const;
type Action = keyof typeof ACTIONS;

const LABELS = { from: 'Suspended from', on: 'Resumed on', days: 'Days of extension', reason: 'Reason' } as const;

/** Suspend, resume, extend, mitigating circumstances and integrity flags, for one enrolment. */
export const EnrolmentActions = ({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) => {
  const form = useApiForm();
  const [action, setAction] = useState<Action>(enrolment.status === 'suspended' ? 'resumption' : 'suspension');
  const [values, setValues] = useState({ from: '', on: '', days: '', reason: '' });
  const fields = ACTIONS[action].fields;
  const submit = form.submit(async () => {
    const body = Object.fromEntries(
      fields.map((field) => [field, field === 'days' ? asNumber(values[field]) : values[field]]),
    );
    await api(`/v1/enrolments/${enrolment.id}/${action}`, { method: 'POST', body });
    onDone();
    setValues({ from: '', on: '', days: '', reason: '' });
    return `${ACTIONS[action].done}.`;
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Change the enrolment on ${enrolment.course?.code ?? 'the course'}`}>
      <FormStatus form={form} failed="The enrolment was not changed" />
      <SelectField label="Change" value={action} onChange={(e) => (setAction(e.target.value as Action), form.clear())}>
        {Object.entries(ACTIONS).map(([value, { label }]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {fields.map((field) =>
        field === 'reason' ? (
          <TextArea
            key={field}
            label={LABELS[field]}
            value={values.reason}
            onChange={(e) => setValues({ ...values, reason: e.target.value })}
            errors={form.errorsFor(field)}
          />
        ) : (
          <TextField
            key={field}
            label={LABELS[field]}
            type={field === 'days' ? 'text' : 'date'}
            inputMode={field === 'days' ? 'numeric' : undefined}
            value={values[field]}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            errors={form.errorsFor(field)}
          />
        ),
      )}
      <SubmitButton form={form} label={ACTIONS[action].label} busyLabel="Saving…" />
    </form>
  );
};
