import { useState } from 'react';
import { ADJUSTMENT_TYPES, MAX_EXTENSION_DAYS, type AdjustmentType } from '#domain';
import { api } from '../api/client';
import type { Enrolment, RecordAdjustmentRequest } from '../api/types';
import { ADJUSTMENT_TYPE_TEXT } from '../components/adjustments';
import { capitalised } from '../components/format';
import { SelectField, TextArea, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { asNumber } from './numbers';
import { useApiForm } from './use-api-form';

/** Days as typed: a non-number is the API's to refuse, with its own message beside the field. */
type AdjustmentBody = Omit<RecordAdjustmentRequest, 'extensionDays'> & { extensionDays?: number | string };

/** The registry records a reasonable adjustment on an enrolment; the calling officer is its approver. */
export const AdjustmentForm = ({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) => {
  const form = useApiForm();
  const [type, setType] = useState<AdjustmentType>('extra-time');
  const [days, setDays] = useState('');
  const [note, setNote] = useState('');
  const submit = form.submit(async () => {
    const body: AdjustmentBody = {
      type,
      ...(days.trim() ? { extensionDays: asNumber(days) } : {}),
      ...(note.trim() ? { note } : {}),
    };
    await api(`/v1/enrolments/${enrolment.id}/adjustments`, { method: 'POST', body });
    onDone();
    setDays('');
    setNote('');
    return `Adjustment recorded: ${ADJUSTMENT_TYPE_TEXT[type]}.`;
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Record a reasonable adjustment on ${enrolment.course?.code ?? 'the course'}`}
    >
      <FormStatus form={form} failed="The adjustment was not recorded" />
      <SelectField
        label="Type of adjustment"
        value={type}
        onChange={(e) => setType(e.target.value as AdjustmentType)}
        errors={form.errorsFor('type')}
      >
        {ADJUSTMENT_TYPES.map((value) => (
          <option key={value} value={value}>
            {capitalised(ADJUSTMENT_TYPE_TEXT[value])}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Extra days before the deadline"
        hint={`0 to ${MAX_EXTENSION_DAYS}; leave blank when it changes how, not when, the learner submits.`}
        inputMode="numeric"
        className="input-short"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        errors={form.errorsFor('extensionDays')}
      />
      <TextArea
        label="Note for markers and the board"
        hint="What the adjustment is, not a diagnosis."
        value={note}
        onChange={(e) => setNote(e.target.value)}
        errors={form.errorsFor('note')}
      />
      <SubmitButton form={form} label="Record the adjustment" busyLabel="Recording…" />
    </form>
  );
};
