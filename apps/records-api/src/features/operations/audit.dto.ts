import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** `<category>-<uuid>`, or a board case's `board-<uuid>.case-<uuid>` (design §1, libs/domain streams). */
export const STREAM_ID = new RegExp(`^[a-z]+-${UUID}(\\.case-${UUID})?$`);

export class AuditQueryDto {
  @ApiProperty({ example: 'enrolment-6f1c2e0a-3b7d-4a51-9c1e-2d8f0b7a9e43', description: 'the stream to audit' })
  @Matches(STREAM_ID, { message: 'stream must be a stream id such as enrolment-<uuid>' })
  stream!: string;
}
