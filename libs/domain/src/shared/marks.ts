export const MIN_MARK = 0;
export const MAX_MARK = 100;

/** A mark is a whole number from 0 to 100 (design §2). */
export const isMark = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= MIN_MARK && value <= MAX_MARK;

export const MARK_RULE = `must be a whole number from ${MIN_MARK} to ${MAX_MARK}`;
