import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { asyncApiDocument } from '#integration';
import { Public } from '../../auth/roles.decorator.js';
import type { AppConfig } from '#runtime';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

/** The machine-readable description of the events Credence sends (Kafka and webhooks). */
@ApiTags('integration')
@Public()
@Controller('asyncapi.json')
export class AsyncApiController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.document = asyncApiDocument({
      baseUrl: config.publicBaseUrl,
      kafkaTopic: config.kafkaTopic,
      kafkaBrokers: config.kafkaBrokers,
      source: config.cloudEventsSource,
    });
  }

  @Get()
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'AsyncAPI 3.0: the Kafka topic and the webhooks, every event type with its data schema' })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
