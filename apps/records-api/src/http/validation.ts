import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { certainlyValidInstance } from './valid-body-fast-path.js';

/** `components[1].weight must be ...`: each message names the full path of the bad field. */
export const flattenValidationErrors = (errors: ValidationError[], parent = ''): string[] =>
  errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      if (constraint === 'whitelistValidation') return `${path} is not an allowed field`;
      // Optional fields skip their rules when absent, so a rule broken by no value means "required"
      // (the first rule checked is often a length or format, which would mislead).
      if (error.value === undefined || error.value === null) return `${path} is required`;
      return message.startsWith(`${error.property} `)
        ? `${path}${message.slice(error.property.length)}`
        : `${path}: ${message}`;
    });
    return [...new Set(own), ...flattenValidationErrors(error.children ?? [], path)];
  });

/**
 * Strict: a body must be a JSON object (or, where the handler takes a `string`, text: a CSV upload), unknown fields are refused, types are not coerced, and
 * every bad field is reported once (its first broken rule).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype === String) {
      if (typeof value === 'string') return value;
      throw new BadRequestException(['body must be a CSV file sent as Content-Type: text/csv']);
    }
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value)))
      throw new BadRequestException(['body must be a JSON object']);
    const fast =
      metadata.type === 'body' && typeof metadata.metatype === 'function'
        ? certainlyValidInstance(metadata.metatype, value)
        : undefined;
    return fast ?? super.transform(value, metadata);
  }
}

export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  // Values stay on the server: they only tell a missing field from a bad one.
  validationError: { target: false, value: true },
  stopAtFirstError: true,
  exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
};

export const validationPipe = () => new StrictValidationPipe(VALIDATION_OPTIONS);
