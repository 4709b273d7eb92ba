import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';

const MAX_JWT_LENGTH = 200_000;

const isSecuredCredential = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Array.isArray((value as Record<string, unknown>)['@context']) &&
  typeof (value as Record<string, unknown>).proof === 'object';

/** A VC-JWT (a non-empty string) or a credential with an embedded proof (an object with @context and proof). */
const IsJwtOrCredential = () =>
  ValidateBy({
    name: 'isJwtOrCredential',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'string' && value.length > 0 && value.length <= MAX_JWT_LENGTH) || isSecuredCredential(value),
      defaultMessage: () =>
        `credential must be a VC-JWT (a string of 1-${MAX_JWT_LENGTH} characters) or a credential object with @context and proof`,
    },
  });

export class VerifyCredentialDto {
  @ApiProperty({
    description:
      'a VC-JWT (compact JWS) or a credential with an embedded Data Integrity proof, as GET /v1/awards/:id/credential serves them',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @IsJwtOrCredential()
  credential!: string | object;
}
