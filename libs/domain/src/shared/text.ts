/** Shared checks for free-text fields. */
export const isNonBlank = (value: unknown, maxLength = 200): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;

/** The longest free text a command carries: a reason, a concern, a learning outcome. */
export const MAX_TEXT_LENGTH = 1000;
export const TEXT_RULE = `must be 1-${MAX_TEXT_LENGTH} characters`;
export const isText = (value: unknown): value is string => isNonBlank(value, MAX_TEXT_LENGTH);

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not our rule.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
