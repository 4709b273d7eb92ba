import { useState } from 'react';
import { APPEAL_REMEDIES, type AppealRemedy } from '#domain';
import { api } from '../api/client';
import type { AppealOutcomeRequest, AppealQueueItem } from '../api/types';
import { APPEAL_REMEDY_TEXT } from '../components/appeal-facts';
import { ErrorMessages, SelectField, TextArea } from '../components/ui';
import { SubmitButton } from './form-status';
import { useApiForm } from './use-api-form';

/** The reviewer's decision: not upheld, or upheld with a remedy (to re-moderate, the component). */
export const AppealOutcomeForm = ({
  appeal,
  onDecided,
}: {
  appeal: AppealQueueItem;
  onDecided: (message: string) => void;
}) => {
  const form = useApiForm();
  const [upheld, setUpheld] = useState(false);
  const [remedy, setRemedy] = useState<AppealRemedy | ''>('');
  const [componentId, setComponentId] = useState('');
  const [rationale, setRationale] = useState('');
  const name = `upheld-${appeal.id}`;
  const submit = form.submit(async () => {
    // Only what the choice needs is sent: the API refuses a remedy on an appeal not upheld.
    const body: AppealOutcomeRequest = {
      upheld,
      rationale,
      ...(upheld && remedy ? { remedy } : {}),
      ...(upheld && remedy === 're-moderate' && componentId ? { componentId } : {}),
    };
    await api(`/v1/appeals/${appeal.id}/outcome`, { method: 'POST', body });
    const message = `The appeal of ${appeal.learnerName} is ${upheld ? 'upheld' : 'not upheld'}.`;
    onDecided(message);
    return message;
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Outcome of the appeal of ${appeal.learnerName}`}>
      {/* What was done is said by the page: the decided appeal leaves the open queue, this form with it. */}
      <ErrorMessages error={form.error} title="The outcome was not recorded" />
      <fieldset>
        <legend>Outcome</legend>
        <div className="radios radios-inline">
          <label className="radio">
            <input type="radio" name={name} checked={!upheld} onChange={() => setUpheld(false)} /> Not upheld
          </label>
          <label className="radio">
            <input type="radio" name={name} checked={upheld} onChange={() => setUpheld(true)} /> Upheld
          </label>
        </div>
      </fieldset>
      {upheld ? (
        <div className="form-row">
          <SelectField
            label="Remedy"
            value={remedy}
            onChange={(e) => setRemedy(e.target.value as AppealRemedy | '')}
            errors={form.errorsFor('remedy')}
          >
            <option value="">Choose a remedy</option>
            {APPEAL_REMEDIES.map((value) => (
              <option key={value} value={value}>
                {APPEAL_REMEDY_TEXT[value]}
              </option>
            ))}
          </SelectField>
          {remedy === 're-moderate' ? (
            <SelectField
              label="Component to re-moderate"
              value={componentId}
              onChange={(e) => setComponentId(e.target.value)}
              errors={form.errorsFor('componentId')}
            >
              <option value="">Choose a component</option>
              {appeal.decision.componentIds.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </SelectField>
          ) : null}
        </div>
      ) : null}
      <TextArea
        label="Rationale"
        hint="Recorded with the outcome and shown to the learner."
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        errors={form.errorsFor('rationale')}
      />
      <SubmitButton form={form} label="Record the outcome" busyLabel="Recording…" />
    </form>
  );
};
