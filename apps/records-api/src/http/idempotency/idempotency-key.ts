import { BadRequestException } from '@nestjs/common';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * The request's Idempotency-Key, or undefined when it sent none. A key that is present but not
 * 1-200 characters of [A-Za-z0-9_.:-] is refused rather than ignored: silently running a command
 * the client believes is protected would defeat the point. A repeated header arrives joined with
 * ", ", so it is refused too.
 */
export const idempotencyKeyOf = (headers: Record<string, string | string[] | undefined>): string | undefined => {
  const value = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value))
    throw new BadRequestException([`${IDEMPOTENCY_KEY_HEADER} must be 1-200 characters of letters, digits, _ . : -`]);
  return value;
};
