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

type Labelled = { label: string; hint?: string };

export const TextField = ({ label, hint, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
};

export const TextArea = ({ label, hint, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea id={id} rows={3} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
};

export const SelectField = ({
  label,
  hint,
  children,
  ...select
}: Labelled & SelectHTMLAttributes<HTMLSelectElement>) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...select}>
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
