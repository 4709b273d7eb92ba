/** Shared checks for free-text fields. */
export const isNonBlank = (value: unknown, maxLength = 200): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not our rule.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
