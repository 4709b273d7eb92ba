import 'reflect-metadata';
import fc from 'fast-check';
import { ValidationPipe, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import { MAX_MARK, MIN_MARK } from '#domain';
import { certainlyValidInstance } from '../../apps/records-api/src/http/valid-body-fast-path.js';
import { VALIDATION_OPTIONS } from '../../apps/records-api/src/http/validation.js';
import { MarkDto } from '../../apps/records-api/src/features/enrolments/enrolment.dto.js';
import { FEATURE_ROUTES } from '../support/routes.js';

/** The DTO class of every route's @Body(), from the controllers' decorators. */
const bodyTypes = (): Type[] => {
  const types = FEATURE_ROUTES.filter((route) => route.body).flatMap((route) => {
    const args: Record<string, { index: number }> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handler) ?? {};
    const parameterTypes: Type[] = Reflect.getMetadata('design:paramtypes', route.controller.prototype, route.handler);
    return Object.entries(args)
      .filter(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY)
      .map(([, { index }]) => parameterTypes[index]!);
  });
  return [...new Set(types)].filter((type) => type !== String && type !== Object);
};

const fieldsOf = (type: Type): string[] => [
  ...new Set(getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName)),
];

/** Values near every rule's edge: valid and invalid ids, dates, marks, texts, and the wrong types. */
const VALUES: unknown[] = [
  'essay',
  '',
  ' ',
  'x'.repeat(5_000),
  '8d3c5f0e-4f5a-4c1e-9b7a-1a2b3c4d5e6f',
  'not-a-uuid',
  '2026-11-23',
  '2026-02-30',
  '2026-11-23T10:15:00Z',
  'single-sign-on',
  'a@example.org',
  MIN_MARK,
  MAX_MARK,
  MIN_MARK - 1,
  MAX_MARK + 1,
  64,
  64.5,
  14,
  Number.NaN,
  true,
  false,
  null,
  [],
  {},
  ['essay'],
];

const pipe = new ValidationPipe(VALIDATION_OPTIONS);
const fullPipe = (type: Type, body: Record<string, unknown>): Promise<unknown> =>
  pipe.transform(body, { type: 'body', metatype: type });

describe('the fast path for valid bodies', () => {
  const types = bodyTypes();

  it('finds the body DTOs of the routes', () => {
    expect(types).toContain(MarkDto);
    expect(types.length).toBeGreaterThan(10);
  });

  it('takes a valid mark without the full pipe', () => {
    const instance = certainlyValidInstance(MarkDto, { componentId: 'essay', mark: 64 });
    expect(instance).toBeInstanceOf(MarkDto);
    expect(instance).toEqual({ componentId: 'essay', mark: 64 });
  });

  it('says yes only to bodies the full pipe accepts, with the same instance', async () => {
    let taken = 0;
    for (const type of types) {
      const fields = [...fieldsOf(type), 'unknownField'];
      const body = fc.dictionary(fc.constantFrom(...fields), fc.constantFrom(...VALUES), { maxKeys: fields.length });
      await fc.assert(
        fc.asyncProperty(body, async (candidate) => {
          const fast = certainlyValidInstance(type, candidate);
          if (fast === undefined) return;
          taken++;
          const full = await fullPipe(type, candidate);
          expect(fast).toBeInstanceOf(type);
          expect(fast).toStrictEqual(full);
        }),
        { numRuns: 300, seed: 22 },
      );
    }
    // Not vacuous: many generated bodies were valid and taken by the fast path.
    expect(taken).toBeGreaterThan(100);
  });
});
