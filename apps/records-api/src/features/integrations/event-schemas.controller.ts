import { Controller, Get, Header, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_TYPES_WITH_SCHEMAS, eventDataSchema, isIntegrationEventTypeName, type JsonSchema } from '#integration';
import { Public } from '../../auth/roles.decorator.js';
import type { AppConfig } from '#runtime';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

/** The JSON Schema of each event type's data, where every CloudEvent's `dataschema` points. */
@ApiTags('integration')
@Public()
@Controller('schemas/events')
export class EventSchemasController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get(':file')
  @Header('content-type', 'application/schema+json')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: `One event type's data schema: <type>.json, for ${EVENT_TYPES_WITH_SCHEMAS.join(', ')}` })
  schema(@Param('file') file: string): JsonSchema {
    const type = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!isIntegrationEventTypeName(type))
      throw new NotFoundException(`no schema ${file}: the event types are ${EVENT_TYPES_WITH_SCHEMAS.join(', ')}`);
    return eventDataSchema(type, this.config.publicBaseUrl);
  }
}
