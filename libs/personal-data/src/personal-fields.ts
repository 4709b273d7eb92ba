import { ERASED_TEXT, isSealedText, PERSONAL_DATA_FIELDS } from '#domain';
import type { PersonalDataOpener, PersonalDataVault } from './vault.js';

/** Every field name that holds learner personal data in some event: givenName, email, learnerName, ... */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(Object.values(PERSONAL_DATA_FIELDS).flat());

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The learner an object's personal fields belong to: its own `learnerId`, else its parent's. */
const learnerOf = (value: Record<string, unknown>, inherited: string | undefined): string | undefined =>
  typeof value.learnerId === 'string' && value.learnerId !== '' ? value.learnerId : inherited;

/**
 * A JSON value to keep (an answer stored for replay) with every personal data field sealed under the
 * key of the learner it belongs to, so erasing the learner erases the kept copy too. A field with no
 * learner to seal for, or of an erased learner, is kept as "[erased]": never as plain text.
 */
export const sealPersonalFields = async (
  vault: PersonalDataVault,
  value: unknown,
  learnerId?: string,
): Promise<unknown> => {
  if (Array.isArray(value)) return Promise.all(value.map((item) => sealPersonalFields(vault, item, learnerId)));
  if (!isObject(value)) return value;
  const learner = learnerOf(value, learnerId);
  const sealed: Record<string, unknown> = {};
  for (const [field, child] of Object.entries(value)) {
    if (!PERSONAL_FIELDS.has(field) || typeof child !== 'string' || child === ERASED_TEXT)
      sealed[field] = await sealPersonalFields(vault, child, learner);
    else sealed[field] = (learner && (await vault.seal(learner, [child]))?.[0]) ?? ERASED_TEXT;
  }
  return sealed;
};

/** The value sealPersonalFields kept, opened for replay: each field as it reads now ("[erased]" once erased). */
export const openPersonalFields = async (
  vault: PersonalDataVault,
  value: unknown,
  learnerId?: string,
  openers = new Map<string, PersonalDataOpener>(),
): Promise<unknown> => {
  if (Array.isArray(value))
    return Promise.all(value.map((item) => openPersonalFields(vault, item, learnerId, openers)));
  if (!isObject(value)) return value;
  const learner = learnerOf(value, learnerId);
  const opened: Record<string, unknown> = {};
  for (const [field, child] of Object.entries(value)) {
    if (!PERSONAL_FIELDS.has(field) || !isSealedText(child) || !learner) {
      opened[field] = isSealedText(child) ? ERASED_TEXT : await openPersonalFields(vault, child, learner, openers);
      continue;
    }
    let opener = openers.get(learner);
    if (!opener) openers.set(learner, (opener = await vault.opener(learner)));
    opened[field] = opener.show(child);
  }
  return opened;
};
