import { Module } from '@nestjs/common';
import { catalogueQueryHandlers } from './catalogue.queries.js';
import { markingQueryHandlers } from './marking.queries.js';
import { GetLearnerTimelineHandler } from './timeline.queries.js';
import { CatalogueController } from './catalogue.controller.js';
import { LiveController } from './live.controller.js';
import { MarkingController } from './marking.controller.js';

/** What the web app reads beyond the core API: queues, monitoring, directories, timelines, live changes. */
@Module({
  controllers: [CatalogueController, MarkingController, LiveController],
  providers: [...catalogueQueryHandlers, ...markingQueryHandlers, GetLearnerTimelineHandler],
})
export class WorkspaceModule {}
