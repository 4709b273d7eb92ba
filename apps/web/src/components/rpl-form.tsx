import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorMessages, Notice, SelectField, TextArea, TextField } from './ui';

const EMPTY = {
  decision: 'recognised',
  kind: 'rpl',
  provider: '',
  title: '',
  credits: '',
  framework: 'FHEQ',
  level: '',
  awardedOn: '',
  evidenceRef: '',
  reason: '',
};

/** The registry's decision on prior learning (RPL) or credit transfer: recognised into the ledger, or declined. */
export const PriorLearningForm = ({ learnerId }: { learnerId: string }) => {
  const { announce } = useApp();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const number = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const body: Record<string, unknown> = {
        decision: form.decision,
        kind: form.kind,
        provider: form.provider,
        title: form.title,
        credits: number(form.credits),
        level: { framework: form.framework, level: number(form.level) },
        awardedOn: form.awardedOn,
        evidenceRef: form.evidenceRef,
      };
      if (form.reason.trim()) body.reason = form.reason;
      await api(`/v1/learners/${learnerId}/credits`, { method: 'POST', body });
      const message =
        form.decision === 'recognised'
          ? `${form.title} recognised: ${form.credits} credits added to the ledger.`
          : `${form.title} declined.`;
      setDone(message);
      announce(message);
      setForm(EMPTY);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-label="Prior learning decision">
      <ErrorMessages error={error} title="The decision was not recorded" />
      {done ? <Notice>{done}</Notice> : null}
      <fieldset>
        <legend>Decision</legend>
        <div className="radios radios-inline">
          {(['recognised', 'declined'] as const).map((decision) => (
            <label className="radio" key={decision}>
              <input
                type="radio"
                name="rpl-decision"
                value={decision}
                checked={form.decision === decision}
                onChange={set('decision')}
              />{' '}
              {decision === 'recognised' ? 'Recognise' : 'Decline'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-row">
        <SelectField label="Kind" value={form.kind} onChange={set('kind')}>
          <option value="rpl">Prior learning (RPL)</option>
          <option value="transfer">Credit transfer</option>
        </SelectField>
        <TextField label="Provider" value={form.provider} onChange={set('provider')} />
      </div>
      <TextField label="Title of the learning" value={form.title} onChange={set('title')} />
      <div className="form-row">
        <TextField
          label="Credits (CATS)"
          inputMode="numeric"
          className="input-short"
          value={form.credits}
          onChange={set('credits')}
        />
        <SelectField label="Framework" value={form.framework} onChange={set('framework')}>
          <option value="FHEQ">FHEQ</option>
          <option value="SCQF">SCQF</option>
          <option value="CQFW">CQFW</option>
        </SelectField>
        <TextField
          label="Level"
          inputMode="numeric"
          className="input-short"
          value={form.level}
          onChange={set('level')}
        />
        <TextField label="Achieved on" type="date" value={form.awardedOn} onChange={set('awardedOn')} />
      </div>
      <TextField label="Evidence reference" value={form.evidenceRef} onChange={set('evidenceRef')} />
      <TextArea label="Reason" hint="Required when declining" value={form.reason} onChange={set('reason')} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Recording…' : 'Record decision'}
      </button>
    </form>
  );
};
