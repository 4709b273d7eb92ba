import type { Role } from '../api/types';

const STORAGE_KEY = 'credence.token';
const ROLES: Role[] = ['registry', 'tutor', 'board', 'examiner', 'learner', 'integration'];

/** Who the token says the user is. Decoded here only to choose the views; the API checks the signature. */
export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  /** Seconds since the epoch, when the token says. */
  expiresAt: number | null;
}

const decodePart = (part: string): unknown => {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

/** Reads a pasted bearer token; explains what is wrong with it rather than failing later. */
export const readToken = (input: string, nowSeconds = Date.now() / 1000): Session | { problem: string } => {
  const token = input.trim().replace(/^Bearer\s+/i, '');
  if (!token) return { problem: 'Paste a token to sign in.' };
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: 'That is not a token: a token has three parts separated by dots.' };
  let claims: { sub?: unknown; roles?: unknown; exp?: unknown };
  try {
    claims = decodePart(parts[1]!) as typeof claims;
  } catch {
    return { problem: 'That token could not be read. Copy the whole token and try again.' };
  }
  if (typeof claims.sub !== 'string' || !claims.sub) return { problem: 'The token names no user (no "sub" claim).' };
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r)) : [];
  if (roles.length === 0)
    return { problem: 'The token gives no role this app knows (registry, tutor, board, examiner or learner).' };
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : null;
  if (expiresAt !== null && expiresAt < nowSeconds) return { problem: 'That token has expired. Mint a new one.' };
  return { token, sub: claims.sub, roles, expiresAt };
};

export const loadSession = (): Session | null => {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  const session = readToken(stored);
  return 'problem' in session ? null : session;
};

export const saveSession = (session: Session | null): void => {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
};

export const hasRole = (session: Session, ...roles: Role[]): boolean =>
  roles.some((role) => session.roles.includes(role));
