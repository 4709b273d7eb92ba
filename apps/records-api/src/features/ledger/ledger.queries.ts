import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  initialLedgerState,
  progressTowards,
  toEcts,
  toIsoDate,
  withAwards,
  type Clock,
  type IssuedAward,
  type LedgerCredit,
  type LedgerState,
  type PathwayDefinition,
  type PathwayProgress,
  type PathwayRules,
} from '#domain';
import { COLLECTIONS, LISTED, type DocumentReader, type ReadModelStore } from '#projections';
import type { CreditTotals, LedgerView, PathwayView } from '#contracts';
import { awardFacts } from './ledger.handlers.js';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';

export const pathwayView = ({ pathwayId, ...pathway }: PathwayDefinition): PathwayView => ({
  id: pathwayId,
  ...pathway,
});

const totals = (credits: LedgerCredit[]): CreditTotals => {
  const cats = credits.reduce((sum, c) => sum + c.credits.cats, 0);
  return { cats, ects: toEcts(cats) };
};

export const ledgerView = (ledger: LedgerState): LedgerView => {
  const all = Object.values(ledger.entries).sort(
    (a, b) => a.achievedOn.localeCompare(b.achievedOn) || a.creditId.localeCompare(b.creditId),
  );
  const standing = all.filter((c) => !c.revoked);
  return {
    fromAwards: totals(standing.filter((c) => c.source === 'award')),
    fromPriorLearning: totals(standing.filter((c) => c.source !== 'award')),
    used: totals(standing.filter((c) => c.usedBy !== null)),
    available: totals(standing.filter((c) => c.usedBy === null)),
    credits: all.map((c) => ({ ...c, status: c.revoked ? 'revoked' : c.usedBy ? 'used' : 'available' })),
    declined: ledger.declined,
    accessDecisions: ledger.accessDecisions,
    conferments: Object.values(ledger.conferments),
  };
};

/**
 * The ledger read model plus any awards it has not recorded yet: awards reach the ledger lazily
 * (at conferment), but the learner should see them at once.
 */
export const currentLedger = async (
  readModels: DocumentReader,
  clock: Clock,
  learnerId: string,
): Promise<LedgerState> => {
  const recorded = (await readModels.get<LedgerState>(COLLECTIONS.ledgers, learnerId)) ?? initialLedgerState;
  const awards = await readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId);
  return withAwards(recorded, awards.map(awardFacts), clock);
};

export class GetPathwayQuery extends Query<PathwayView> {
  constructor(readonly pathwayId: string) {
    super();
  }
}

export class ListPathwaysQuery extends Query<PathwayView[]> {}

export class GetPathwayProgressQuery extends Query<PathwayProgress> {
  constructor(
    readonly learnerId: string,
    readonly pathwayId: string,
  ) {
    super();
  }
}

const pathwayOrThrow = async (readModels: ReadModelStore, pathwayId: string): Promise<PathwayRules> => {
  const pathway = await readModels.get<PathwayRules>(COLLECTIONS.pathways, pathwayId);
  if (!pathway) throw new NotFoundException(`pathway ${pathwayId} not found`);
  return pathway;
};

@QueryHandler(GetPathwayQuery)
export class GetPathwayHandler implements IQueryHandler<GetPathwayQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ pathwayId }: GetPathwayQuery): Promise<PathwayView> {
    const { status: _status, ...pathway } = await pathwayOrThrow(this.readModels, pathwayId);
    return pathwayView(pathway);
  }
}

const MAX_PATHWAYS = 500;
/** Sorts after any text key (the largest code point). */
const END_OF_KEYS = '\u{10ffff}';

/** Every pathway, by title. */
@QueryHandler(ListPathwaysQuery)
export class ListPathwaysHandler implements IQueryHandler<ListPathwaysQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute(): Promise<PathwayView[]> {
    const pathways = await this.readModels.findDue<PathwayRules>(
      COLLECTIONS.pathways,
      LISTED,
      END_OF_KEYS,
      MAX_PATHWAYS,
    );
    return pathways.map(({ status: _status, ...pathway }) => pathwayView(pathway));
  }
}

@QueryHandler(GetPathwayProgressQuery)
export class GetPathwayProgressHandler implements IQueryHandler<GetPathwayProgressQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ learnerId, pathwayId }: GetPathwayProgressQuery): Promise<PathwayProgress> {
    if (!(await this.readModels.get(COLLECTIONS.learners, learnerId)))
      throw new NotFoundException(`learner ${learnerId} not found`);
    const pathway = await pathwayOrThrow(this.readModels, pathwayId);
    const ledger = await currentLedger(this.readModels, this.clock, learnerId);
    return progressTowards(pathway, ledger, toIsoDate(this.clock.now()));
  }
}

export const ledgerQueryHandlers = [GetPathwayHandler, ListPathwaysHandler, GetPathwayProgressHandler];
