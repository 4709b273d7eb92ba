import { ParkedStreamsController } from './parked-streams.controller.js';
import { ListParkedStreamsHandler } from './parked-streams.queries.js';
import { RetryParkedStreamHandler } from './retry-parked-stream.handler.js';

/** Parked streams: registered by OperationsModule with health, metrics and audit. */
export const parkedStreamControllers = [ParkedStreamsController];
export const parkedStreamProviders = [ListParkedStreamsHandler, RetryParkedStreamHandler];
