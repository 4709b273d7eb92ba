import { keepOutputFromCrashing } from './output-streams.js';
import { StartupError } from './startup-error.js';

/**
 * Runs a process's main function: output that cannot be written never crashes it, and a start-up
 * failure (a bad secret file, a damaged database) prints its message, which names the file and
 * what to do, and exits with code 1 instead of an unhandled rejection's stack trace.
 */
export const runEntryPoint = (main: () => Promise<void>): void => {
  keepOutputFromCrashing();
  main().catch((error: unknown) => {
    // The operator's own problems need no stack trace; anything else does.
    const known = error instanceof StartupError;
    console.error(`start-up failed: ${known ? error.message : error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
};
