/** A mark is a whole number from 0 to 100 (design §2). */
export const isMark = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;

export const MARK_RULE = 'must be a whole number from 0 to 100';
