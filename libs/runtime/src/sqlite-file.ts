import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StartupError } from './startup-error.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Checks an existing SQLite file before a store opens it: PRAGMA quick_check reads every page, so a
 * damaged page is found at start, not by the first request that touches it. Throws a StartupError
 * naming the file and `remedy`. A file that does not exist yet passes (the store creates it).
 */
export const checkSqliteFile = (path: string, remedy: string): void => {
  if (!existsSync(path)) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const results = (db.pragma('quick_check(10)') as { quick_check: string }[]).map((row) => row.quick_check);
    if (results.join() !== 'ok')
      throw new StartupError(`${path} is damaged (PRAGMA quick_check: ${results.join('; ')}). ${remedy}`);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`${path} cannot be read as a SQLite database (${messageOf(error)}). ${remedy}`);
  } finally {
    db?.close();
  }
};

/** Checks the file, then opens a store on it; any failure to open names the file and `remedy`. */
export const openSqliteFile = <T>(path: string, remedy: string, open: () => T): T => {
  checkSqliteFile(path, remedy);
  try {
    return open();
  } catch (error) {
    throw new StartupError(`${path} could not be opened (${messageOf(error)}). ${remedy}`);
  }
};
