import { TextField } from '../components/ui';
import type { ApiForm } from './use-api-form';

export interface ComponentRow {
  id: string;
  title: string;
  weight: string;
  passMark: string;
}

export const EMPTY_COMPONENT: ComponentRow = { id: '', title: '', weight: '', passMark: '' };

/** A course's assessment components, one row each; the API's messages (`components[1].weight ...`) beside each. */
export const ComponentRows = ({
  rows,
  onChange,
  form,
  max,
}: {
  rows: ComponentRow[];
  onChange: (rows: ComponentRow[]) => void;
  form: ApiForm;
  max: number;
}) => {
  const total = rows.reduce((sum, row) => sum + (Number.parseInt(row.weight, 10) || 0), 0);
  const set = (index: number, field: keyof ComponentRow) => (event: { target: { value: string } }) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: event.target.value } : row)));
  const whole = form.errorsFor('components').filter((message) => message.startsWith('components '));
  return (
    <fieldset>
      <legend>Assessment components</legend>
      <p className="hint" role="status">
        Weights sum to {total} of 100.
      </p>
      {whole.length ? (
        <ul className="field-errors">
          {whole.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {rows.map((row, i) => (
        <div className="form-row component-row" key={i} role="group" aria-label={`Component ${i + 1}`}>
          <TextField
            label={`Component ${i + 1} id`}
            hint="e.g. essay"
            value={row.id}
            onChange={set(i, 'id')}
            errors={form.errorsFor(`components[${i}].id`)}
          />
          <TextField
            label="Title"
            value={row.title}
            onChange={set(i, 'title')}
            errors={form.errorsFor(`components[${i}].title`)}
          />
          <TextField
            label="Weight (%)"
            inputMode="numeric"
            value={row.weight}
            onChange={set(i, 'weight')}
            errors={form.errorsFor(`components[${i}].weight`)}
          />
          <TextField
            label="Pass mark"
            hint="Optional"
            inputMode="numeric"
            value={row.passMark}
            onChange={set(i, 'passMark')}
            errors={form.errorsFor(`components[${i}].passMark`)}
          />
          {rows.length > 1 ? (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove component {i + 1}
            </button>
          ) : null}
        </div>
      ))}
      {rows.length < max ? (
        <button type="button" className="button button-quiet" onClick={() => onChange([...rows, EMPTY_COMPONENT])}>
          Add a component
        </button>
      ) : null}
    </fieldset>
  );
};
