import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api/client';
import { useApp } from './app-context';
import { RESYNC, type Change } from './live/live-stream';

const REFRESH_DEBOUNCE_MS = 150;

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `path` and keeps it fresh: it refetches when the live stream reports a change that
 * `refreshOn` cares about (by default, any). The previous data stays on screen while it reloads.
 */
export const useResource = <T>(
  path: string | null,
  refreshOn: (change: Change) => boolean = () => true,
): Resource<T> => {
  const { onChange } = useApp();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const filter = useRef(refreshOn);
  filter.current = refreshOn;

  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, [path]);

  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((body) => {
        setData(body);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError) setError(failure);
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [path, version]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onChange((change) => {
      if (!filter.current(change)) return;
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), REFRESH_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [onChange]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
};

/** A change to a stream of one of these categories (`enrolment`, `board`, `award`, ...), or a resync. */
export const inCategories =
  (...categories: string[]) =>
  (change: Change): boolean =>
    change === RESYNC || categories.some((category) => change.stream.startsWith(`${category}-`));
