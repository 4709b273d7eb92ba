import { ErrorMessages, Notice } from '../components/ui';
import type { ApiForm } from './use-api-form';

/** Above a form: every message of the API's refusal (each field also shows its own), or what was done. */
export const FormStatus = ({ form, failed }: { form: ApiForm; failed: string }) => (
  <>
    <ErrorMessages error={form.error} title={failed} />
    {form.done ? <Notice>{form.done}</Notice> : null}
  </>
);

export const SubmitButton = ({ form, label, busyLabel }: { form: ApiForm; label: string; busyLabel: string }) => (
  <button type="submit" className="button" disabled={form.busy}>
    {form.busy ? busyLabel : label}
  </button>
);
