import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { isTutorId, TUTOR_ID_RULE } from '#domain';

/** A path id that must be a UUID: a malformed id is a 400 naming it, an unknown one a 404. */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) }));

/** A path tutor id (a token subject): what the domain accepts, else a 400 naming it. */
export const TutorIdParam = (name = 'tutorId') =>
  Param(name, {
    transform: (value: unknown) => {
      if (!isTutorId(value)) throw new BadRequestException(`${name} ${TUTOR_ID_RULE}`);
      return value;
    },
  });
