import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useApp } from '../app-context';
import { messagesFor } from './field-messages';

export interface ApiForm {
  /** The API's refusal of the last submit, if any. */
  error: ApiError | undefined;
  /** What the last successful submit did, in words. */
  done: string | undefined;
  busy: boolean;
  /** The API's messages that name this field (shown beside it). */
  errorsFor(field: string): string[];
  /** An onSubmit handler: runs `send`, announces the sentence it returns, or keeps the API's messages. */
  submit(send: () => Promise<string>): (event?: FormEvent) => Promise<void>;
  clear(): void;
}

/** One way for every form to send a command and show the API's answer: messages beside their fields. */
export const useApiForm = (): ApiForm => {
  const { announce } = useApp();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = useCallback(
    (send: () => Promise<string>) => async (event?: FormEvent) => {
      event?.preventDefault();
      setBusy(true);
      setError(undefined);
      setDone(undefined);
      try {
        const sentence = await send();
        setDone(sentence);
        announce(sentence);
      } catch (failure) {
        const refused = failure instanceof ApiError ? failure : new ApiError(0, [String(failure)]);
        setError(refused);
        announce(`Not saved: ${refused.messages.join('; ')}`);
      } finally {
        setBusy(false);
      }
    },
    [announce],
  );
  const errorsFor = useCallback((field: string) => messagesFor(error?.messages ?? [], field), [error]);
  const clear = useCallback(() => (setError(undefined), setDone(undefined)), []);
  return { error, done, busy, errorsFor, submit, clear };
};
