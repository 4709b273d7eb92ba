import { Inject, NotFoundException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parkedStreamDecider, streams, type RetryParkedStream } from '#domain';
import { PARKED_STREAMS, type ParkedStream, type ReadModelStore } from '#projections';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';

/** Registry staff ask the consumer that parked a stream to replay it; answers with the parking as it then stands. */
export class RetryParkedStreamCommand extends Command<ParkedStream> {
  constructor(
    readonly parkedId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RetryParkedStreamCommand)
export class RetryParkedStreamHandler implements ICommandHandler<RetryParkedStreamCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ parkedId, context }: RetryParkedStreamCommand): Promise<ParkedStream> {
    const parking = await this.readModels.get<ParkedStream>(PARKED_STREAMS, parkedId);
    if (!parking) throw new NotFoundException(`parked stream ${parkedId} not found`);
    const { consumer, streamId, status } = parking;
    const command: RetryParkedStream = { type: 'RetryParkedStream', data: { parkedId, consumer, streamId, status } };
    await this.runner.run(parkedStreamDecider, streams.parkedStream(parkedId), command, context);
    // The runner waited for this process's consumers to take the request: the parking shows how it went.
    return (await this.readModels.get<ParkedStream>(PARKED_STREAMS, parkedId)) ?? parking;
  }
}
