import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** `components[1].weight must be ...`: each message names the full path of the bad field. */
export const flattenValidationErrors = (errors: ValidationError[], parent = ''): string[] =>
  errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });

/** Strict: unknown fields are refused, types are not coerced, every problem is reported. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
