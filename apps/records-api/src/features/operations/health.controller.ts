import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import type { ReadModelStore } from '#projections';
import { Public } from '../../auth/roles.decorator.js';
import { ProjectionHub } from '../../infrastructure/projection-hub.js';
import { EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { parkedPerConsumer, parkedStreams } from './parked-streams.queries.js';
import { webhookMetrics } from '../integrations/webhook-metrics.js';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  private readonly started = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly projections: ProjectionHub,
  ) {}

  /** The log's head, the read models' position, and each consumer's lag and parked streams. */
  private async positions() {
    const [head, projected, consumers, parked] = await Promise.all([
      this.store.headPosition(),
      this.projections.consumer.position(),
      this.projections.consumers(),
      parkedStreams(this.readModels),
    ]);
    const parkedBy = parkedPerConsumer(parked);
    const names = new Set([...consumers.map((c) => c.name), ...parkedBy.keys()]);
    return {
      head,
      projected,
      lag: head - projected,
      parked: parked.length,
      consumers: [...names].map((name) => {
        const consumer = consumers.find((c) => c.name === name);
        return {
          name,
          // A consumer of another process (the board-runner app) shows only its parked streams here.
          ...(consumer && { position: consumer.position, lag: head - consumer.position, detached: consumer.detached }),
          parked: parkedBy.get(name) ?? 0,
        };
      }),
    };
  }

  /** `degraded` (still 200, so probes keep the process) while a stream is parked or a consumer catches up after a failure. */
  @Get('health')
  async health() {
    const { head, projected, lag, parked, consumers } = await this.positions();
    const degraded = parked > 0 || consumers.some((c) => c.detached);
    return {
      status: degraded ? 'degraded' : 'ok',
      eventStore: { headPosition: head },
      projections: { position: projected, lag },
      parkedStreams: parked,
      consumers,
    };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const { head, projected, lag, consumers } = await this.positions();
    const label = (name: string) => `consumer="${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    return [
      '# HELP credence_event_store_head_position Position of the newest event in the log.',
      '# TYPE credence_event_store_head_position gauge',
      `credence_event_store_head_position ${head}`,
      '# HELP credence_projection_position Position the read models have reached.',
      '# TYPE credence_projection_position gauge',
      `credence_projection_position ${projected}`,
      '# HELP credence_projection_lag_events Events appended but not yet in the read models.',
      '# TYPE credence_projection_lag_events gauge',
      `credence_projection_lag_events ${lag}`,
      '# HELP credence_consumer_lag_events Events appended but not yet handed to the consumer.',
      '# TYPE credence_consumer_lag_events gauge',
      ...consumers.flatMap((c) =>
        c.lag === undefined ? [] : [`credence_consumer_lag_events{${label(c.name)}} ${c.lag}`],
      ),
      '# HELP credence_parked_streams Streams the consumer failed on and holds until they are retried.',
      '# TYPE credence_parked_streams gauge',
      ...consumers.map((c) => `credence_parked_streams{${label(c.name)}} ${c.parked}`),
      '# HELP credence_uptime_seconds Seconds since the process started serving.',
      '# TYPE credence_uptime_seconds gauge',
      `credence_uptime_seconds ${Math.round((Date.now() - this.started) / 1000)}`,
      ...(await webhookMetrics(this.readModels)),
      '',
    ].join('\n');
  }
}
