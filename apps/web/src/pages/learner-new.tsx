import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { LearnerSummary, RegisterLearnerRequest } from '../api/types';
import { Notice, PageHeading, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { useApiForm } from '../forms/use-api-form';
import { Link } from '../router';
import { useResource } from '../use-resource';

const EMPTY: RegisterLearnerRequest = { givenName: '', familyName: '', email: '' };
const sameName = (a: LearnerSummary, b: RegisterLearnerRequest) =>
  a.givenName.trim().toLowerCase() === b.givenName.trim().toLowerCase() &&
  a.familyName.trim().toLowerCase() === b.familyName.trim().toLowerCase();

/**
 * Register a learner. A likely duplicate is pointed out before and after submit: the same name already in
 * the directory, or (the API's 409) the same email, which only "this is a new person" gets past.
 */
export const NewLearnerPage = () => {
  const form = useApiForm();
  const [learner, setLearner] = useState(EMPTY);
  const [existingId, setExistingId] = useState<string>();
  const [registered, setRegistered] = useState<string>();
  const named = learner.familyName.trim().length > 1 ? learner.familyName.trim() : null;
  const namesakes = useResource<LearnerSummary[]>(named ? `/v1/learners?search=${encodeURIComponent(named)}` : null);
  const likely = (namesakes.data ?? []).filter((other) => !other.erased && sameName(other, learner));
  const set = (field: 'givenName' | 'familyName' | 'email') => (event: { target: { value: string } }) => {
    setLearner({ ...learner, [field]: event.target.value });
    setExistingId(undefined);
  };

  const register = (confirmedNewPerson: boolean) =>
    form.submit(async () => {
      try {
        const { id } = await api<{ id: string }>('/v1/learners', {
          method: 'POST',
          body: { ...learner, ...(confirmedNewPerson ? { confirmedNewPerson } : {}) },
        });
        setRegistered(id);
        setExistingId(undefined);
        setLearner(EMPTY);
        return `${learner.givenName} ${learner.familyName} is registered.`;
      } catch (failure) {
        const existing = failure instanceof ApiError ? failure.body.existingLearnerId : undefined;
        if (typeof existing === 'string') setExistingId(existing);
        throw failure;
      }
    });

  return (
    <>
      <PageHeading lead="Register a learner once; enrol them on as many courses as they take.">
        Register a learner
      </PageHeading>
      <form onSubmit={register(false)} noValidate aria-label="Learner">
        <FormStatus form={form} failed="The learner was not registered" />
        {registered ? (
          <p>
            <Link to={`/learners/${registered}`}>Open their record</Link> or{' '}
            <Link to={`/enrolments/new?learner=${registered}`}>enrol them</Link>.
          </p>
        ) : null}
        {existingId ? (
          <Notice kind="info">
            A learner with this email is already registered:{' '}
            <Link to={`/learners/${existingId}`}>open their record</Link>. If this is someone else who shares the
            address,{' '}
            <button type="button" className="button button-small" onClick={() => void register(true)()}>
              register as a new person
            </button>
          </Notice>
        ) : null}
        <div className="form-row">
          <TextField
            label="Given name"
            value={learner.givenName}
            onChange={set('givenName')}
            errors={form.errorsFor('givenName')}
          />
          <TextField
            label="Family name"
            value={learner.familyName}
            onChange={set('familyName')}
            errors={form.errorsFor('familyName')}
          />
        </div>
        {likely.length ? (
          <Notice kind="info">
            Possibly already registered under the same name:{' '}
            {likely.map((other, i) => (
              <span key={other.id}>
                {i ? ', ' : ''}
                <Link to={`/learners/${other.id}`}>
                  {other.givenName} {other.familyName} ({other.email ?? 'no email'})
                </Link>
              </span>
            ))}
            . Check before registering.
          </Notice>
        ) : null}
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          value={learner.email}
          onChange={set('email')}
          errors={form.errorsFor('email')}
        />
        <SubmitButton form={form} label="Register" busyLabel="Registering…" />
      </form>
    </>
  );
};
