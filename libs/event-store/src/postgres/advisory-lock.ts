import { createHash } from 'node:crypto';

/** Stable signed 32-bit key for an advisory lock (a collision only means extra serialisation). */
export const lockKey = (text: string): number => createHash('sha256').update(text).digest().readInt32BE(0);
