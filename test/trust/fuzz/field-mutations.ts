import type { Field } from './dto-fields.js';
import { deeplyNestedJson, HOSTILE_STRINGS, hugeString, WRONG_TYPE_VALUES } from './hostile-values.js';
import type { SeededRandom } from './seeded-random.js';

/** Stands in for a value too deep for JSON.stringify; replaced by the nested JSON text when sent. */
export const DEEP_PLACEHOLDER = '__deep_nesting_placeholder__';

export interface FieldMutation {
  label: string;
  field: string;
  /** `undefined` removes the field. */
  value: unknown;
  /** JSON text to send in place of DEEP_PLACEHOLDER. */
  deep?: string;
  /** True when the request must be refused whatever else it carries. */
  certainlyRefused: boolean;
}

const isString = (kind: Field['kind']) => kind === 'text' || kind === 'format';

/** Whether a wrong-typed value is refused for certain by the DTO (some look wrong but are fine). */
const wrongTypeRefused = (field: Field, value: unknown): boolean => {
  if (typeof value === 'number' && field.kind === 'number') return false;
  if (typeof value === 'number' && field.kind === 'int') {
    if (!Number.isInteger(value)) return true;
    return field.range !== undefined && (value < field.range[0] || value > field.range[1]);
  }
  if (typeof value === 'boolean') return field.kind !== 'bool';
  if (Array.isArray(value) && ['strings', 'objects', 'uuids'].includes(field.kind))
    return value.length > 0 && field.kind !== 'strings';
  return true;
};

const hostileStringRefused = (field: Field): boolean => !isString(field.kind) || field.kind === 'format';

/** Missing, null, wrong types, empty, hostile, huge and deeply nested values for one field. */
export const fieldMutations = (field: Field, random: SeededRandom): FieldMutation[] => {
  const at = (label: string, value: unknown, certainlyRefused: boolean, deep?: string): FieldMutation => ({
    label: `${field.path} ${label}`,
    field: field.path,
    value,
    certainlyRefused,
    deep,
  });
  const required = !field.optional;
  const depth = random.pick([64, 1000, 20_000]);
  const nesting = random.pick(['array', 'object'] as const);
  return [
    at('missing', undefined, required),
    at('null', null, required),
    ...WRONG_TYPE_VALUES.map((value) => at(`= ${JSON.stringify(value)}`, value, wrongTypeRefused(field, value))),
    at('= ""', '', required || !isString(field.kind)),
    ...random
      .sample(HOSTILE_STRINGS, 6)
      .map((value) => at(`= ${JSON.stringify(value)}`, value, hostileStringRefused(field))),
    // Every required text field has a length limit (DTO or domain); optional free text may not.
    at('= 210,000 characters', hugeString(210_000, random.pick(['x', 'é', '👩'])), required || !isString(field.kind)),
    at(`nested ${depth} ${nesting}s deep`, DEEP_PLACEHOLDER, true, deeplyNestedJson(depth, nesting)),
  ];
};
