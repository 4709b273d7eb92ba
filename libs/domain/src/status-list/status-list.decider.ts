import type { Decider } from '../shared/decider.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank } from '../shared/text.js';
import type { StatusAllocation, StatusListCommand, StatusListEvent } from './status-list.events.js';

/** A whole number from 0 up to (not including) `bound`, uniformly drawn: the shell's is cryptographic. */
export type RandomSource = (bound: number) => number;

/** One allocation, linked to the one before it: evolve adds an allocation without copying the others. */
interface AllocationLink {
  allocation: StatusAllocation;
  previous: AllocationLink | null;
}

/** One issuer's revocation list: the indexes given so far, and when the first was given. */
export interface StatusListState {
  latest: AllocationLink | null;
  allocated: number;
  since: string | null;
}

export const STATUS_LIST_RULES = {
  credentialId: 'must be 1-500 characters',
  covers: 'must name at least one award, each 1-200 characters',
} as const;

export const initialStatusListState: StatusListState = { latest: null, allocated: 0, since: null };

export const evolveStatusList = (state: StatusListState, event: StatusListEvent): StatusListState => {
  const { credentialId, covers, statusListIndex, allocatedAt } = event.data;
  return {
    latest: { allocation: { credentialId, covers, statusListIndex }, previous: state.latest },
    allocated: state.allocated + 1,
    since: state.since ?? allocatedAt,
  };
};

/** Every allocation in the list, oldest first. */
export const allocationsOf = (state: StatusListState): StatusAllocation[] => {
  const allocations: StatusAllocation[] = [];
  for (let link = state.latest; link; link = link.previous) allocations.push(link.allocation);
  return allocations.reverse();
};

export const statusIndexOf = (state: StatusListState, credentialId: string): number | undefined =>
  allocationsOf(state).find((allocation) => allocation.credentialId === credentialId)?.statusListIndex;

/**
 * The `draw`-th free index (counting from 0): one draw of the random source picks uniformly among
 * the free indexes, however full the list is.
 */
const freeIndex = (taken: number[], draw: number): number => {
  let index = draw;
  for (const used of taken.sort((a, b) => a - b)) {
    if (used > index) break;
    index++;
  }
  return index;
};

/**
 * A status list whose decide gives each credential, the first time it is issued, an index drawn at
 * random among the free ones (the Bitstring Status List spec: SHOULD be random, so an index says
 * nothing of issue order) and never gives one twice. `size` is the list's length in bits.
 */
export const statusListDecider = (options: {
  size: number;
  random: RandomSource;
}): Decider<StatusListCommand, StatusListEvent, StatusListState> => ({
  initialState: initialStatusListState,
  evolve: evolveStatusList,
  decide: ({ data }, state, clock) => {
    new Violations()
      .check(isNonBlank(data.credentialId, 500), 'credentialId', STATUS_LIST_RULES.credentialId)
      .check(
        Array.isArray(data.covers) && data.covers.length > 0 && data.covers.every((id) => isNonBlank(id)),
        'covers',
        STATUS_LIST_RULES.covers,
      )
      .throwIfAny();
    if (statusIndexOf(state, data.credentialId) !== undefined) return [];
    if (state.allocated >= options.size)
      throw new StateConflict(`the revocation status list is full: all ${options.size} indexes are allocated`);
    const taken = allocationsOf(state).map((allocation) => allocation.statusListIndex);
    const statusListIndex = freeIndex(taken, options.random(options.size - taken.length));
    return [
      {
        type: 'CredentialStatusIndexAllocated',
        data: {
          credentialId: data.credentialId,
          covers: [...data.covers],
          statusListIndex,
          statusPurpose: 'revocation',
          allocatedAt: clock.now().toISOString(),
        },
      },
    ];
  },
});
