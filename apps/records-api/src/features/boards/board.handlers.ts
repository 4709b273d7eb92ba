import { Inject, NotFoundException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  boardCaseDecider,
  boardDecider,
  streams,
  type BoardEvent,
  type BoardState,
  type CaseDecision,
  type ConstituteBoard,
} from '#domain';
import { COLLECTIONS, type CaseDocument, type ReadModelStore } from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { newIdFor } from '../../commands/ids.js';

export type BoardDecided = Decided<BoardEvent, BoardState>;

export class ConstituteBoardCommand extends Command<BoardDecided> {
  constructor(
    readonly board: Omit<ConstituteBoard['data'], 'boardId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ConstituteBoardCommand)
export class ConstituteBoardHandler implements ICommandHandler<ConstituteBoardCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  execute({ board, context }: ConstituteBoardCommand): Promise<BoardDecided> {
    const boardId = newIdFor(context, 'board');
    const command = { type: 'ConstituteBoard' as const, data: { ...board, boardId } };
    return this.runner.run(boardDecider, streams.board(boardId), command, context);
  }
}

/** A board member's vote on a case; the case's board is found from the queue. */
export class VoteOnCaseCommand extends Command<BoardDecided> {
  constructor(
    readonly caseId: string,
    readonly vote: { decision: CaseDecision; rationale: string; mark?: number },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(VoteOnCaseCommand)
export class VoteOnCaseHandler implements ICommandHandler<VoteOnCaseCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ caseId, vote, context }: VoteOnCaseCommand): Promise<BoardDecided> {
    const found = await this.readModels.get<CaseDocument>(COLLECTIONS.cases, caseId);
    if (!found) throw new NotFoundException(`case ${caseId} not found`);
    const command = { type: 'VoteOnCase' as const, data: { caseId, memberId: context.actor, ...vote } };
    const board = await this.runner.load(boardDecider, streams.board(found.boardId));
    const stream = streams.boardCase(found.boardId, caseId);
    return this.runner.run(boardCaseDecider(board.state), stream, command, context, mustExist('board'));
  }
}
