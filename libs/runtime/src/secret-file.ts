import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { StartupError } from './startup-error.js';

/** A secret or key file that must not be used: start-up stops with this message (the file and what to do). */
export class SecretFileError extends StartupError {
  constructor(
    readonly path: string,
    problem: string,
    remedy: string,
  ) {
    super(`${path} ${problem}. ${remedy}`);
  }
}

/** What a secret file must hold, and what to tell the operator when it does not. */
export interface SecretFormat {
  /** The contents, once a single trailing newline is removed, must match this. */
  pattern: RegExp;
  /** How the format is described in the error, e.g. "at least 43 base64url characters". */
  description: string;
  /** What the operator should do about a bad file. */
  remedy: string;
}

/**
 * Writes `contents` so that `path` either keeps its old contents or has all of the new ones, never
 * a prefix (a full disk used to leave a 0-byte secret): a temporary file beside it, written and
 * fsynced, renamed over it, and the folder fsynced so the rename survives a crash. Mode 0600.
 * With `exclusive`, the file is linked into place instead, failing with EEXIST when `path` exists,
 * so two processes creating it cannot both win.
 */
export const writeFileAtomically = (
  path: string,
  contents: string | Buffer,
  { mode = 0o600, exclusive = false }: { mode?: number; exclusive?: boolean } = {},
): void => {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (exclusive) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
};

/** Reads and checks a secret file: its contents without one trailing newline, or a SecretFileError. */
export const readSecretFile = (path: string, format: SecretFormat): string => {
  const raw = readFileSync(path, 'utf8');
  const secret = raw.replace(/\r?\n$/, '');
  if (raw.length === 0) throw new SecretFileError(path, 'is empty (0 bytes)', format.remedy);
  if (secret.trim().length === 0) throw new SecretFileError(path, 'holds only whitespace', format.remedy);
  if (!format.pattern.test(secret))
    throw new SecretFileError(
      path,
      `is not a valid secret (it must be ${format.description}; it holds ${secret.length} characters)`,
      format.remedy,
    );
  return secret;
};

/** The secret in `path`, checked; generated (and written atomically) when the file does not exist. */
export const readOrCreateSecretFile = (path: string, format: SecretFormat, generate: () => string): string => {
  if (!existsSync(path)) writeFileAtomically(path, generate());
  return readSecretFile(path, format);
};
