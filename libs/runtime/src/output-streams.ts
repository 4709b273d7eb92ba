import { writeSync } from 'node:fs';

type Write = NodeJS.WriteStream['write'];

/**
 * Writes straight to the stream's file descriptor and drops what cannot be written. Node's own
 * stdout and stderr turn a failed write (ENOSPC on a full disk, EPIPE on a closed pipe) into an
 * 'error' event that ends the process, and a stream that failed once never writes again; this
 * loses the line instead, and writes again once the disk has room.
 */
const writeOrDrop =
  (fd: number): Write =>
  (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    try {
      const bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : (chunk as Uint8Array);
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    } catch {
      // Lost: logging must never take the process down.
    }
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  };

/** Makes every later write to stdout and stderr unable to crash the process (see writeOrDrop). */
export const keepOutputFromCrashing = (): void => {
  for (const [stream, fd] of [
    [process.stdout, 1],
    [process.stderr, 2],
  ] as const) {
    stream.on('error', () => undefined);
    stream.write = writeOrDrop(fd);
  }
};
