import { useState } from 'react';
import { adjustmentsInForce } from '#domain';
import { api } from '../api/client';
import type { Enrolment, WithdrawAdjustmentRequest } from '../api/types';
import { adjustmentText } from '../components/adjustments';
import { capitalised } from '../components/format';
import { Notice, SelectField, TextArea } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { useApiForm } from './use-api-form';

/** The registry withdraws an adjustment in force; it stays on the record, marked withdrawn. */
export const AdjustmentWithdrawalForm = ({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) => {
  const form = useApiForm();
  const inForce = adjustmentsInForce(enrolment);
  const [chosen, setChosen] = useState('');
  const [withdrawal, setWithdrawal] = useState<WithdrawAdjustmentRequest>({ reason: '' });
  const adjustment = inForce.find((a) => a.adjustmentId === chosen) ?? inForce[0];
  const submit = form.submit(async () => {
    await api(`/v1/enrolments/${enrolment.id}/adjustments/${adjustment!.adjustmentId}/withdrawal`, {
      method: 'POST',
      body: withdrawal,
    });
    onDone();
    setWithdrawal({ reason: '' });
    return `Adjustment withdrawn: ${adjustmentText(adjustment!)}.`;
  });
  // With the last one withdrawn there is nothing left to choose: only what was done stays.
  if (!adjustment) return form.done ? <Notice>{form.done}</Notice> : null;
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Withdraw a reasonable adjustment on ${enrolment.course?.code ?? 'the course'}`}
    >
      <FormStatus form={form} failed="The adjustment was not withdrawn" />
      <SelectField
        label="Adjustment to withdraw"
        value={adjustment.adjustmentId}
        onChange={(e) => (setChosen(e.target.value), form.clear())}
      >
        {inForce.map((a) => (
          <option key={a.adjustmentId} value={a.adjustmentId}>
            {capitalised(adjustmentText(a))}
          </option>
        ))}
      </SelectField>
      <TextArea
        label="Reason for withdrawing it"
        value={withdrawal.reason}
        onChange={(e) => setWithdrawal({ reason: e.target.value })}
        errors={form.errorsFor('reason')}
      />
      <SubmitButton form={form} label="Withdraw the adjustment" busyLabel="Withdrawing…" />
    </form>
  );
};
