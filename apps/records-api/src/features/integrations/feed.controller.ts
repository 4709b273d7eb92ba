import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { decodeCursor, InvalidFeedRequest, parseFeedLimit, readFeed, type FeedPage } from '#integration';
import { Roles } from '../../auth/roles.decorator.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

/** The pull feed: the same CloudEvents as the Kafka topic and webhooks, by cursor. */
@ApiTags('integration')
@ApiBearerAuth()
@Controller('v1/feed')
export class FeedController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('integration', 'registry')
  @ApiQuery({ name: 'after', required: false, description: 'the `next` cursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  async feed(@Query('after') after?: string, @Query('limit') limit?: string): Promise<FeedPage> {
    try {
      return await readFeed(this.store, decodeCursor(after), parseFeedLimit(limit));
    } catch (error) {
      if (error instanceof InvalidFeedRequest) throw new BadRequestException([error.message]);
      throw error;
    }
  }
}
