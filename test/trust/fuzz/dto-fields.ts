import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type MetadataStorage } from 'class-validator';
import type { Route } from '#records-api';
import { HOSTILE_STRINGS, UNKNOWN_ID } from './hostile-values.js';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/**
 * What each field accepts, which decides whether a hostile value is certainly refused:
 * `text` is free text (any non-empty string of sane length may be accepted), `format` a string
 * with a shape (UUID, date, email, enum, code), so any hostile string is refused.
 */
export type FieldKind = 'text' | 'format' | 'int' | 'number' | 'bool' | 'object' | 'strings' | 'objects' | 'uuids';

export interface Field {
  /** Dotted path into the body; numeric segments index arrays. */
  path: string;
  kind: FieldKind;
  optional?: boolean;
  /** Bounds the DTO itself enforces, so a number outside them is certainly refused. */
  range?: [number, number];
}

/*
 * A command route's fuzzable fields, read from its @Body DTO's class-validator decorators (and
 * class-transformer's @Type for nested DTOs), so a new route needs no hand-written field list.
 */

/** Validators that only a string of one shape passes: any hostile string is refused. */
const SHAPED = new Set(['isUuid', 'isIn', 'isEnum', 'isIso8601', 'isDateString', 'isEmail', 'isUrl']);

/** A pattern shapes a string only when no hostile string fits it (an id pattern may admit `__proto__`). */
const refusesHostile = (rule: ValidationMetadata): boolean => {
  const [pattern, modifiers] = rule.constraints as [RegExp | string, string?];
  const regex = typeof pattern === 'string' ? new RegExp(pattern, modifiers) : pattern;
  return !HOSTILE_STRINGS.some((value) => regex.test(value));
};

const isShaped = (rule: ValidationMetadata): boolean =>
  rule.type === ValidationTypes.CUSTOM_VALIDATION &&
  (SHAPED.has(rule.name ?? '') || (rule.name === 'matches' && refusesHostile(rule)));

/** The DTO class of a route's @Body parameter, if it takes one. */
export const bodyDtoOf = (route: Route): Type | undefined => {
  const args: Record<string, { index: number }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handler) ?? {};
  const body = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY)?.[1];
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', route.controller.prototype, route.handler) ?? [];
  const dto = body === undefined ? undefined : types[body.index];
  return typeof dto === 'function' && dto !== Object ? (dto as Type) : undefined;
};

const byProperty = (dto: Type): Map<string, ValidationMetadata[]> => {
  const found = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false))
    found.set(m.propertyName, [...(found.get(m.propertyName) ?? []), m]);
  return found;
};

const named = (rules: ValidationMetadata[], name: string, each?: boolean) =>
  rules.find(
    (m) => m.type === ValidationTypes.CUSTOM_VALIDATION && m.name === name && (each === undefined || !!m.each === each),
  );

const nestedDto = (dto: Type, property: string): Type | undefined =>
  defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Type | undefined;

/** One property's kind, given the validators that apply to it (or to each of its elements). */
const scalarKind = (rules: ValidationMetadata[], each: boolean): Pick<Field, 'kind' | 'range'> => {
  const own = rules.filter((m) => !!m.each === each);
  const has = (name: string) => own.some((m) => m.type === ValidationTypes.CUSTOM_VALIDATION && m.name === name);
  if (has('isInt')) {
    const min = named(rules, 'min', each)?.constraints[0];
    const max = named(rules, 'max', each)?.constraints[0];
    return { kind: 'int', ...(min !== undefined && max !== undefined ? { range: [min, max] } : {}) };
  }
  if (has('isNumber')) return { kind: 'number' };
  if (has('isBoolean')) return { kind: 'bool' };
  if (own.some(isShaped)) return { kind: 'format' };
  return { kind: 'text' };
};

/** Every field of a DTO, nested ones by dotted path (an array's by its first element, `.0`). */
export const dtoFields = (dto: Type, prefix = ''): Field[] =>
  [...byProperty(dto)].flatMap(([property, rules]): Field[] => {
    const path = `${prefix}${property}`;
    const optional = rules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const nested = rules.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    const inner = nested && nestedDto(dto, property);
    if (named(rules, 'isArray')) {
      if (nested?.each && inner) return [{ path, kind: 'objects', optional }, ...dtoFields(inner, `${path}.0.`)];
      const element = scalarKind(rules, true);
      const kind = element.kind === 'format' && named(rules, 'isUuid', true) ? 'uuids' : 'strings';
      return [{ path, kind, optional }, { path: `${path}.0`, ...element }];
    }
    if (inner) return [{ path, kind: 'object', optional }, ...dtoFields(inner, `${path}.`)];
    return [{ path, optional, ...scalarKind(rules, false) }];
  });

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

const sampleScalar = (rules: ValidationMetadata[], each: boolean): unknown => {
  const allowed = named(rules, 'isIn', each)?.constraints[0] as unknown[] | undefined;
  if (allowed) return allowed[0];
  if (named(rules, 'isUuid', each)) return UNKNOWN_ID;
  if (named(rules, 'isIso8601', each) || named(rules, 'matches', each)) return '2026-11-23';
  const { kind, range } = scalarKind(rules, each);
  if (kind === 'int' || kind === 'number') return range?.[0] ?? 1;
  return kind === 'bool' ? false : 'x';
};

/** A body for a route no curated body covers: the DTO's examples, else a value of each required field's kind. */
export const sampleBody = (dto: Type): Record<string, unknown> =>
  Object.fromEntries(
    [...byProperty(dto)]
      .filter(([, rules]) => !rules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION))
      .map(([property, rules]) => {
        const example: unknown = Reflect.getMetadata(SWAGGER_PROPERTY, dto.prototype, property)?.example;
        const inner = nestedDto(dto, property);
        const value = inner ? sampleBody(inner) : sampleScalar(rules, named(rules, 'isArray') !== undefined);
        return [property, example ?? (named(rules, 'isArray') ? [value] : value)];
      }),
  );
