import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ParkedStream } from '#projections';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { ListParkedStreamsQuery } from './parked-streams.queries.js';
import { RetryParkedStreamCommand } from './retry-parked-stream.handler.js';

/**
 * Streams a consumer (the board runner, a read model) failed on and parked while it carried on
 * with the others: what failed, why, and how many events wait behind it; a retry replays them.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/operations/parked')
export class ParkedStreamsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles('registry')
  list(): Promise<ParkedStream[]> {
    return this.queries.execute(new ListParkedStreamsQuery());
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('registry')
  retry(@UuidParam() parkedId: string, @Caller() caller: CommandContext): Promise<ParkedStream> {
    return this.commands.execute(new RetryParkedStreamCommand(parkedId, caller));
  }
}
