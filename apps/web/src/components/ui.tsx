import {
  useEffect,
  useId,
  useRef,
  type ReactNode,
  type SelectHTMLAttributes,
  type InputHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import type { ApiError } from '../api/client';

/** A page's main heading; focused when the page opens so keyboard and screen-reader users start there. */
export const PageHeading = ({ children, lead }: { children: ReactNode; lead?: ReactNode }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-heading">
      <h1 tabIndex={-1} ref={heading}>
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </header>
  );
};

/** The API's messages, next to the form that caused them. */
export const ErrorMessages = ({
  error,
  title = 'There is a problem',
}: {
  error: ApiError | undefined;
  title?: string;
}) => {
  if (!error) return null;
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary-title">{title}</p>
      <ul>
        {error.messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
};

/**
 * A visible confirmation. Not a live region itself: whoever shows one also calls `announce`, whose
 * region is always in the page (a freshly inserted live region is not reliably read out).
 */
export const Notice = ({ children, kind = 'success' }: { children: ReactNode; kind?: 'success' | 'info' }) => (
  <div className={`notice notice-${kind}`}>{children}</div>
);

export const Loading = ({ what }: { what: string }) => (
  <p className="loading" role="status">
    Loading {what}…
  </p>
);

/** A field's label, hint and the API's messages about it (shown beside it, and it is marked invalid). */
type Labelled = { label: string; hint?: string; errors?: readonly string[] };

/** The hint and error ids a control is described by, and the hint and errors to show above it. */
const useDescription = ({ hint, errors }: Pick<Labelled, 'hint' | 'errors'>) => {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  const describedBy = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  const above = (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <ul className="field-errors" id={`${id}-error`}>
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
  return {
    id,
    above,
    control: { 'aria-describedby': describedBy || undefined, 'aria-invalid': invalid || undefined },
  };
};

export const TextField = ({ label, hint, errors, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) => {
  const { id, above, control } = useDescription({ hint, errors });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {above}
      <input id={id} {...control} {...input} />
    </div>
  );
};

export const TextArea = ({ label, hint, errors, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) => {
  const { id, above, control } = useDescription({ hint, errors });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {above}
      <textarea id={id} rows={3} {...control} {...input} />
    </div>
  );
};

export const SelectField = ({
  label,
  hint,
  errors,
  children,
  ...select
}: Labelled & SelectHTMLAttributes<HTMLSelectElement>) => {
  const { id, above, control } = useDescription({ hint, errors });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {above}
      <select id={id} {...control} {...select}>
        {children}
      </select>
    </div>
  );
};

export const Tag = ({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info';
}) => <span className={`tag tag-${tone}`}>{children}</span>;

export const Stat = ({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) => (
  <div className="stat">
    <dt>{label}</dt>
    <dd>
      <span className="stat-value">{value}</span>
      {detail ? <span className="stat-detail">{detail}</span> : null}
    </dd>
  </div>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;
