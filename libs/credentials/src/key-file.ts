import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a secret file so that a crash never leaves it half-written: a temporary file in the same
 * folder (mode 0600), fsync, then rename over the target (or, with `exclusive`, a hard link that
 * fails with EEXIST when the target exists, so two processes creating it cannot both win), then
 * fsync of the folder so the new name is durable. Kept here until a shared helper lands in libs.
 */
export const writeSecretFile = (path: string, text: string, options: { exclusive?: boolean } = {}): void => {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (options.exclusive) linkSync(temp, path);
    else renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
};
