import { useState } from 'react';
import { APPEAL_GROUNDS, MAX_APPEAL_STATEMENT_LENGTH, type AppealGround } from '#domain';
import { api } from '../api/client';
import type { Appeal, Enrolment, LodgeAppealRequest } from '../api/types';
import { APPEAL_GROUND_TEXT } from '../components/appeal-facts';
import { TextArea } from '../components/ui';
import { FormStatus, SubmitButton } from './form-status';
import { useApiForm } from './use-api-form';

export const LODGED_MESSAGE =
  'Your appeal is lodged. The registry acknowledges it, then an officer who did not sit on the board reviews it.';

/** The learner appeals the board's confirmed decision: grounds from the registry's fixed list, and why. */
export const LodgeAppealForm = ({
  enrolment,
  onLodged,
}: {
  enrolment: Enrolment;
  onLodged: (appeal: Appeal) => void;
}) => {
  const form = useApiForm();
  const [appeal, setAppeal] = useState<LodgeAppealRequest>({ grounds: [], statement: '' });
  const toggle = (ground: AppealGround) =>
    setAppeal((a) => ({
      ...a,
      grounds: a.grounds.includes(ground) ? a.grounds.filter((g) => g !== ground) : [...a.grounds, ground],
    }));
  const submit = form.submit(async () => {
    onLodged(await api<Appeal>(`/v1/enrolments/${enrolment.id}/appeals`, { method: 'POST', body: appeal }));
    return LODGED_MESSAGE;
  });
  const groundErrors = form.errorsFor('grounds');
  return (
    <form onSubmit={submit} noValidate aria-label={`Appeal the decision on ${enrolment.course?.code ?? 'this course'}`}>
      <FormStatus form={form} failed="Your appeal was not lodged" />
      <fieldset>
        <legend>Grounds</legend>
        <p className="hint">
          An appeal is heard on these grounds only, not on disagreement with the examiners’ academic judgment.
        </p>
        {groundErrors.length ? (
          <ul className="field-errors">
            {groundErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        <div className="radios">
          {APPEAL_GROUNDS.map((ground) => (
            <label className="radio" key={ground}>
              <input
                type="checkbox"
                checked={appeal.grounds.includes(ground)}
                onChange={() => toggle(ground)}
                aria-invalid={groundErrors.length ? true : undefined}
              />{' '}
              {APPEAL_GROUND_TEXT[ground]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea
        label="Statement"
        hint={`What happened and how it affected the decision (up to ${MAX_APPEAL_STATEMENT_LENGTH} characters).`}
        rows={5}
        value={appeal.statement}
        onChange={(e) => setAppeal({ ...appeal, statement: e.target.value })}
        errors={form.errorsFor('statement')}
      />
      <SubmitButton form={form} label="Lodge the appeal" busyLabel="Lodging…" />
    </form>
  );
};
