import { Module } from '@nestjs/common';
import { FeedController } from './feed.controller.js';

/** What other systems consume: the event feed. */
@Module({ controllers: [FeedController] })
export class IntegrationsModule {}
