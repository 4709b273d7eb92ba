import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FeedPageDto } from './feed.dto.js';
import type { EventStore } from '#event-store';
import { decodeCursor, InvalidFeedRequest, parseFeedLimit, readFeed, type FeedPage } from '#integration';
import { Roles } from '../../auth/roles.decorator.js';
import type { AppConfig } from '#runtime';
import { APP_CONFIG, EVENT_STORE } from '../../infrastructure/tokens.js';

/** The pull feed: the same CloudEvents as the Kafka topic and webhooks, by cursor. */
@ApiTags('integration')
@ApiBearerAuth()
@Controller('v1/feed')
export class FeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('integration', 'registry')
  @ApiOkResponse({ type: FeedPageDto, description: 'integration events after the cursor, in log order' })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` cursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  async feed(@Query('after') after?: string, @Query('limit') limit?: string): Promise<FeedPage> {
    try {
      return await readFeed(this.store, decodeCursor(after), parseFeedLimit(limit), {
        schemaBaseUrl: this.config.publicBaseUrl,
      });
    } catch (error) {
      if (error instanceof InvalidFeedRequest) throw new BadRequestException([error.message]);
      throw error;
    }
  }
}
