import { useState } from 'react';
import { api } from '../api/client';
import type { PathwayProgress } from '../api/types';
import { formatDate } from '../components/format';
import { Loading } from '../components/ui';
import { inCategories, useResource } from '../use-resource';
import { FormStatus } from './form-status';
import { PathwayPicker } from './pickers';
import { useApiForm } from './use-api-form';

/** Where the learner stands on the chosen pathway: what a conferment today would count, or what is missing. */
const Progress = ({ progress }: { progress: PathwayProgress }) =>
  progress.conferred ? (
    <p>Conferred on {formatDate(progress.conferred.conferredOn)}.</p>
  ) : (
    <div role="status">
      <p>
        {progress.countedCredits} of {progress.totalCredits} credits count ({progress.rplCredits} from prior
        learning, at most {progress.rplCap}).{' '}
        {progress.eligible ? <strong>Eligible to confer.</strong> : 'Not yet eligible:'}
      </p>
      {progress.missing.length ? (
        <ul>
          {progress.missing.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );

/** Confers a pathway's award on the learner from the credits on their ledger (409: the reasons they are not eligible). */
export const ConfermentForm = ({ learnerId, onDone }: { learnerId: string; onDone: () => void }) => {
  const form = useApiForm();
  const [pathwayId, setPathwayId] = useState('');
  const progress = useResource<PathwayProgress>(
    pathwayId ? `/v1/learners/${learnerId}/pathways/${pathwayId}/progress` : null,
    inCategories('ledger', 'pathway', 'award'),
  );
  const shown = progress.data?.pathwayId === pathwayId ? progress.data : undefined;
  const submit = form.submit(async () => {
    const conferred = await api<{ title: string; credits: { cats: number } }>(
      `/v1/learners/${learnerId}/pathways/${pathwayId}/conferment`,
      { method: 'POST' },
    );
    onDone();
    progress.reload();
    return `${conferred.title} is conferred, using ${conferred.credits.cats} credits.`;
  });
  return (
    <form onSubmit={submit} noValidate className="card" aria-label="Confer a pathway award">
      <FormStatus form={form} failed="The award was not conferred" />
      <PathwayPicker
        label="Pathway"
        value={pathwayId}
        onChange={(id) => (setPathwayId(id), form.clear())}
        errors={form.errorsFor('pathwayId')}
      />
      {/* The previous pathway's progress stays in the resource while the chosen one's loads. */}
      {shown ? <Progress progress={shown} /> : pathwayId ? <Loading what="their progress" /> : null}
      {/* Nothing to send until a pathway is chosen: the pathway is part of the address, not the body. */}
      <button type="submit" className="button" disabled={form.busy || !pathwayId}>
        {form.busy ? 'Conferring…' : 'Confer the award'}
      </button>
    </form>
  );
};
