import { catalogueQueryHandlers } from '../../queries/workspace/catalogue.queries.js';
import { markingQueryHandlers } from '../../queries/workspace/marking.queries.js';
import { GetLearnerTimelineHandler } from '../../queries/workspace/timeline.queries.js';
import { CatalogueController } from './catalogue.controller.js';
import { LiveController } from './live.controller.js';
import { MarkingController } from './marking.controller.js';

/** What the web app reads beyond the core API: queues, monitoring, directories, timelines, live changes. */
export const workspaceControllers = [CatalogueController, MarkingController, LiveController];
export const workspaceQueryHandlers = [...catalogueQueryHandlers, ...markingQueryHandlers, GetLearnerTimelineHandler];
