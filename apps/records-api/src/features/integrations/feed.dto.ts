import { ApiProperty } from '@nestjs/swagger';
import { PUBLISHED_EVENT_TYPES } from '#integration';

/** One CloudEvent of the feed (structured JSON), for the OpenAPI document; `data` follows `dataschema`. */
export class FeedEventDto {
  @ApiProperty({ enum: ['1.0'] }) specversion!: '1.0';
  @ApiProperty({ description: 'the Credence event id: the same on every redelivery; de-duplicate on it' }) id!: string;
  @ApiProperty({ example: 'urn:credence:records' }) source!: string;
  @ApiProperty({ enum: PUBLISHED_EVENT_TYPES }) type!: string;
  @ApiProperty({ description: 'the learner id' }) subject!: string;
  @ApiProperty({ format: 'date-time' }) time!: string;
  @ApiProperty({ enum: ['application/json'] }) datacontenttype!: 'application/json';
  @ApiProperty({ format: 'uri', description: 'the JSON Schema of data: <PUBLIC_BASE_URL>/schemas/events/<type>.json' })
  dataschema!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the payload of the type (see dataschema)' })
  data!: Record<string, unknown>;
  @ApiProperty({ description: 'position in the Credence log (orders events)' }) credenceposition!: number;
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedEventDto] }) events!: FeedEventDto[];
  @ApiProperty({ description: 'pass as `after` for the next page' }) next!: string;
}
