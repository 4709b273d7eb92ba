import { ForbiddenException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { appealDecider, NotFound, streams, type AppealState } from '#domain';
import type { AppealView } from '#contracts';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';

/** The appeal as the API answers it; an appeal that does not exist is a 404. */
export const appealView = (state: AppealState): AppealView => {
  if (state.status === 'none') throw new NotFound('appeal not found');
  const { appealId, ...appeal } = state;
  return { id: appealId, ...appeal };
};

/** One appeal, read from its stream: a learner reads only their own. */
export class GetAppealQuery extends Query<AppealView> {
  constructor(
    readonly appealId: string,
    readonly caller: CommandContext,
  ) {
    super();
  }
}

@QueryHandler(GetAppealQuery)
export class GetAppealHandler implements IQueryHandler<GetAppealQuery> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ appealId, caller }: GetAppealQuery): Promise<AppealView> {
    const { state } = await this.runner.load(appealDecider, streams.appeal(appealId));
    const view = appealView(state);
    if (caller.role === 'learner' && view.decision.learnerId !== caller.actor)
      throw new ForbiddenException('learners may read only their own appeals');
    return view;
  }
}
