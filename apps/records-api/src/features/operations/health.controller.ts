import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { Public } from '../../auth/roles.decorator.js';
import { ProjectionHub } from '../../infrastructure/projection-hub.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  private readonly started = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionHub,
  ) {}

  private async positions() {
    const [head, projected] = await Promise.all([this.store.headPosition(), this.projections.consumer.position()]);
    return { head, projected, lag: head - projected };
  }

  @Get('health')
  async health() {
    const { head, projected, lag } = await this.positions();
    return { status: 'ok', eventStore: { headPosition: head }, projections: { position: projected, lag } };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const { head, projected, lag } = await this.positions();
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
      '# HELP credence_uptime_seconds Seconds since the process started serving.',
      '# TYPE credence_uptime_seconds gauge',
      `credence_uptime_seconds ${Math.round((Date.now() - this.started) / 1000)}`,
      '',
    ].join('\n');
  }
}
