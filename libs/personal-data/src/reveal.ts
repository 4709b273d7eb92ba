import { PERSONAL_DATA_FIELDS } from '#domain';
import type { PersonalDataOpener } from './vault.js';

/**
 * An event's data with its personal data fields opened for a reader entitled to them (the
 * learner's subject-access export): plain text, or "[erased]" once the learner is erased.
 */
export const revealEventData = (opener: PersonalDataOpener, type: string, data: unknown): unknown => {
  const fields = PERSONAL_DATA_FIELDS[type];
  if (!fields || typeof data !== 'object' || data === null) return data;
  const revealed: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) if (field in revealed) revealed[field] = opener.show(revealed[field] as string);
  return revealed;
};
