import {
  allocationsOf,
  StateConflict,
  STATUS_LIST_RULES,
  statusListDecider,
  type AllocateStatusIndex,
  type RandomSource,
  type StatusIndexAllocated,
} from '#domain';
import { given, NOW } from './given-when-then.js';

/** A random source that answers the given draws in turn, and records the bounds it was asked for. */
const draws = (...answers: number[]): RandomSource & { bounds: number[] } => {
  const bounds: number[] = [];
  const random = (bound: number) => {
    bounds.push(bound);
    return answers.shift()!;
  };
  return Object.assign(random, { bounds });
};

const list = (random: RandomSource, size = 8) => statusListDecider({ size, random });

const allocate = (credentialId: string, covers = [credentialId.replace('urn:uuid:', '')]): AllocateStatusIndex => ({
  type: 'AllocateStatusIndex',
  data: { credentialId, covers },
});
const allocated = (credentialId: string, statusListIndex: number, covers = [credentialId.replace('urn:uuid:', '')]) =>
  ({
    type: 'CredentialStatusIndexAllocated',
    data: {
      credentialId,
      covers,
      statusListIndex,
      statusPurpose: 'revocation',
      allocatedAt: new Date(NOW).toISOString(),
    },
  }) satisfies StatusIndexAllocated;

describe('revocation status list', () => {
  it('gives a credential the index its random draw picks', () => {
    const random = draws(5);
    given(list(random))
      .when(allocate('urn:uuid:a'))
      .then([allocated('urn:uuid:a', 5)]);
    expect(random.bounds).toEqual([8]);
  });

  it('draws among the free indexes only: the draw counts free indexes, skipping the taken ones', () => {
    const random = draws(2);
    // Taken: 0, 2, 3. Free: 1, 4, 5, 6, 7, so the third free one (draw 2) is 5.
    given(list(random), allocated('urn:uuid:a', 2), allocated('urn:uuid:b', 0), allocated('urn:uuid:c', 3))
      .when(allocate('urn:uuid:d'))
      .then([allocated('urn:uuid:d', 5)]);
    expect(random.bounds).toEqual([5]);
  });

  it('gives the last free index when only one is left', () => {
    const taken = [0, 1, 2, 3, 4, 6, 7].map((index) => allocated(`urn:uuid:${index}`, index));
    given(list(draws(0)), ...taken)
      .when(allocate('urn:uuid:last'))
      .then([allocated('urn:uuid:last', 5)]);
  });

  it('keeps a credential its index: asking again decides nothing and draws nothing', () => {
    const random = draws();
    given(list(random), allocated('urn:uuid:a', 6)).when(allocate('urn:uuid:a')).then([]);
    expect(random.bounds).toEqual([]);
  });

  it('records the awards a CLR covers, so its bit is set when any of them is revoked', () => {
    given(list(draws(1)))
      .when(allocate('https://r.example/v1/learners/l-1/clr/x', ['award-1', 'award-2']))
      .then([allocated('https://r.example/v1/learners/l-1/clr/x', 1, ['award-1', 'award-2'])]);
  });

  it('refuses when every index is taken', () => {
    const taken = [0, 1].map((index) => allocated(`urn:uuid:${index}`, index));
    given(list(draws(), 2), ...taken)
      .when(allocate('urn:uuid:more'))
      .thenThrows(StateConflict, 'all 2 indexes are allocated');
  });

  it.each([
    ['credentialId', allocate('', ['award-1'])],
    ['covers', allocate('urn:uuid:a', [])],
    ['covers', allocate('urn:uuid:a', [' '])],
  ])('refuses a bad %s', (field, command) => {
    given(list(draws(0)))
      .when(command)
      .thenViolates(field, STATUS_LIST_RULES[field as keyof typeof STATUS_LIST_RULES]);
  });

  it('folds the log back to the same allocations, oldest first, and remembers when the list began', () => {
    const state = given(list(draws()), allocated('urn:uuid:a', 4), {
      ...allocated('urn:uuid:b', 1),
      data: { ...allocated('urn:uuid:b', 1).data, allocatedAt: '2026-03-02T00:00:00.000Z' },
    }).state();
    expect(allocationsOf(state)).toEqual([
      { credentialId: 'urn:uuid:a', covers: ['a'], statusListIndex: 4 },
      { credentialId: 'urn:uuid:b', covers: ['b'], statusListIndex: 1 },
    ]);
    expect(state.since).toBe(new Date(NOW).toISOString());
  });
});
