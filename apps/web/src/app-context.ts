import { createContext, useContext } from 'react';
import type { Session } from './auth/session';
import type { Change, LiveStatus } from './live/live-stream';

export interface AppContextValue {
  session: Session;
  liveStatus: LiveStatus;
  /** Hears every change the live stream reports; returns the unsubscribe function. */
  onChange(listener: (change: Change) => void): () => void;
  signOut(reason?: string): void;
  /** Says something to screen-reader users (a polite live region). */
  announce(message: string): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export const useApp = (): AppContextValue => {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
};
