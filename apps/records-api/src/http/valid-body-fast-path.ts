import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/**
 * Hot requests (a mark) carry small, flat, valid bodies; class-transformer and the asynchronous
 * class-validator run cost more than the rest of the request's validation. This answers, from the
 * DTO's own class-validator rules, "is this body certainly valid?": when it is, the pipe builds the
 * instance itself; when it is not, or the DTO has a rule this does not know, the full pipe runs and
 * answers exactly as before (so every 400 message is its own). It only ever says yes to a body
 * the full pipe would accept unchanged: flat (every value a string, number, boolean or null; a
 * nested value goes the full way, so a `@Type` is never skipped), no field outside the DTO's rules,
 * every rule synchronous and passing.
 */
type Check = (value: unknown, object: Record<string, unknown>) => boolean;

interface FieldRules {
  name: string;
  /** `@IsOptional`: null or absent skips the field's other rules. */
  optional: boolean;
  checks: Check[];
}

/** The fields of a DTO class with their rules, or undefined when a rule is beyond this fast path. */
const compile = (metatype: new () => object): FieldRules[] | undefined => {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(metatype, '', true, false);
  if (metadatas.length === 0) return undefined;
  const fields = new Map<string, FieldRules>();
  for (const metadata of metadatas) {
    const name = metadata.propertyName;
    const field = fields.get(name) ?? fields.set(name, { name, optional: false, checks: [] }).get(name)!;
    if (metadata.each || metadata.validateIf || metadata.groups?.length) return undefined;
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION && metadata.name === 'isOptional') {
      field.optional = true;
      continue;
    }
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION) return undefined;
    for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if (constraint.async) return undefined;
      const { instance } = constraint;
      const constraints: unknown[] = metadata.constraints;
      field.checks.push((value, object) => {
        const args: ValidationArguments = { targetName: metatype.name, property: name, object, value, constraints };
        const valid: unknown = instance.validate(value, args);
        // A rule that turns out asynchronous is not known to pass: the full pipe decides.
        return valid === true;
      });
    }
  }
  return [...fields.values()];
};

const compiled = new WeakMap<object, FieldRules[] | undefined>();

const isFlatValue = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The DTO instance for a body that certainly passes its rules, else undefined (the full pipe decides). */
export const certainlyValidInstance = (metatype: new () => object, body: unknown): object | undefined => {
  if (!isRecord(body)) return undefined;
  if (!compiled.has(metatype)) compiled.set(metatype, compile(metatype));
  const fields = compiled.get(metatype);
  if (!fields) return undefined;
  const keys = Object.keys(body);
  if (!keys.every((key) => fields.some((field) => field.name === key) && isFlatValue(body[key]))) return undefined;
  for (const field of fields) {
    const value = body[field.name];
    if (field.optional && (value === undefined || value === null)) continue;
    if (!Object.hasOwn(body, field.name) || !field.checks.every((check) => check(value, body))) return undefined;
  }
  // Every key is one of the DTO's fields (checked above), so nothing else lands on the instance.
  return Object.assign(new metatype(), body);
};
