import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import type { CreateWebhookSubscriptionRequest, DeadLetterReplayRequest, RotateWebhookSecretRequest } from '#contracts';
import { WEBHOOK_SUBSCRIPTION_LIMITS, WEBHOOK_SUBSCRIPTION_RULES } from '#domain';
import { PUBLISHED_EVENT_TYPES } from '#integration';

export class CreateWebhookSubscriptionDto implements CreateWebhookSubscriptionRequest {
  @ApiProperty({ example: 'https://hr.example.org/hooks/credence', description: WEBHOOK_SUBSCRIPTION_RULES.url })
  @IsString()
  url!: string;

  @ApiPropertyOptional({
    enum: PUBLISHED_EVENT_TYPES,
    isArray: true,
    description: 'the CloudEvent types to deliver; none or absent means every type',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_SUBSCRIPTION_LIMITS.eventTypes, {
    message: `eventTypes ${WEBHOOK_SUBSCRIPTION_RULES.eventTypes}`,
  })
  @ArrayUnique({ message: `eventTypes ${WEBHOOK_SUBSCRIPTION_RULES.eventTypes}` })
  @IsIn(PUBLISHED_EVENT_TYPES, {
    each: true,
    message: `eventTypes must each be one of ${PUBLISHED_EVENT_TYPES.join(', ')}`,
  })
  eventTypes?: string[];

  @ApiPropertyOptional({
    example: 'HR system: updates staff CPD records',
    description: WEBHOOK_SUBSCRIPTION_RULES.description,
  })
  @IsOptional()
  @IsString()
  description?: string;
}

export class RotateWebhookSecretDto implements RotateWebhookSecretRequest {
  @ApiPropertyOptional({
    example: WEBHOOK_SUBSCRIPTION_LIMITS.defaultOverlapHours,
    description: `how long the previous secret keeps signing (both signatures are sent); default ${WEBHOOK_SUBSCRIPTION_LIMITS.defaultOverlapHours}`,
  })
  @IsOptional()
  @IsInt({ message: `overlapHours ${WEBHOOK_SUBSCRIPTION_RULES.overlapHours}` })
  @Min(0, { message: `overlapHours ${WEBHOOK_SUBSCRIPTION_RULES.overlapHours}` })
  @Max(WEBHOOK_SUBSCRIPTION_LIMITS.maxOverlapHours, {
    message: `overlapHours ${WEBHOOK_SUBSCRIPTION_RULES.overlapHours}`,
  })
  overlapHours?: number;
}

export class DeadLetterReplayDto implements DeadLetterReplayRequest {
  @ApiPropertyOptional({
    description: 'the dead letter to send again (its CloudEvent id); absent: every dead letter of the endpoint',
  })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be the UUID of a dead-lettered event' })
  eventId?: string;
}
