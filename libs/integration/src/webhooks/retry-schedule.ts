/**
 * When a failed delivery is tried again: the Standard Webhooks example schedule (and Svix's), after
 * the first attempt 5 s, 5 min, 30 min, 2 h, 5 h and 10 h (about 17.5 hours in all), each delay
 * spread by ±20 % random jitter so that endpoints recovering together are not hit together.
 * After the last retry fails the delivery is dead-lettered.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
]);
export const RETRY_JITTER = 0.2;

export interface RetryPolicy {
  /** Delay before each retry; its length is the number of retries. */
  schedule: readonly number[];
  /** Fraction of each delay the jitter may add or take away. */
  jitter: number;
  random: () => number;
}

export const defaultRetryPolicy = (schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS): RetryPolicy => ({
  schedule,
  jitter: RETRY_JITTER,
  random: Math.random,
});

/**
 * The wait before the next attempt after `attemptsMade` failed ones, or undefined when none is
 * left. A `Retry-After` from the endpoint (seconds) lengthens it, never shortens it.
 */
export const nextRetryDelay = (
  policy: RetryPolicy,
  attemptsMade: number,
  retryAfterSeconds?: number,
): number | undefined => {
  const base = policy.schedule[attemptsMade - 1];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (1 + policy.jitter * (2 * policy.random() - 1)));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
};

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `5s,5m,30m,2h,5h,10h` -> milliseconds; undefined when any entry is not `<n>(ms|s|m|h)`. */
export const parseRetrySchedule = (raw: string): number[] | undefined => {
  const delays = raw.split(',').map((part) => {
    const match = DURATION.exec(part.trim());
    return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  });
  return delays.length > 0 && delays.every((d) => Number.isSafeInteger(d)) ? delays : undefined;
};
