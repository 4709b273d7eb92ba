import { SqliteEventStore } from '#event-store';
import {
  FEED_DEFAULT_LIMIT,
  InvalidFeedRequest,
  decodeCursor,
  encodeCursor,
  parseFeedLimit,
  readFeed,
  type CloudEvent,
} from '#integration';
import { awardIssued, awardRevoked, markRecorded, tempDir } from './fixtures.js';

describe('cursor', () => {
  it('is base64url of p:<position>, and round-trips', () => {
    expect(encodeCursor(42)).toBe(Buffer.from('p:42').toString('base64url'));
    for (const n of [0, 1, 999, 2 ** 40, Number.MAX_SAFE_INTEGER]) expect(decodeCursor(encodeCursor(n))).toBe(n);
  });

  it('treats an absent cursor as the start', () => {
    expect(decodeCursor(undefined)).toBe(0);
    expect(decodeCursor('')).toBe(0);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['a bare number', '42'],
    ['base64 of something else', Buffer.from('x:42').toString('base64url')],
    ['a negative position', Buffer.from('p:-1').toString('base64url')],
    ['a leading zero', Buffer.from('p:042').toString('base64url')],
    ['a fraction', Buffer.from('p:4.2').toString('base64url')],
    ['an unsafe integer', Buffer.from('p:99999999999999999').toString('base64url')],
    ['padding (non-canonical)', `${Buffer.from('p:4').toString('base64url')}=`],
    ['standard base64 characters', Buffer.from('p:1000000>').toString('base64')],
    ['a very long string', 'A'.repeat(500)],
  ])('rejects %s with a clear error naming `after`', (_, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidFeedRequest);
    expect(error).toMatchObject({ field: 'after', message: expect.stringMatching(/cursor returned as `next`/) });
  });

  it('validates limit: default 100, whole numbers 1..1000', () => {
    expect(parseFeedLimit(undefined)).toBe(FEED_DEFAULT_LIMIT);
    expect(parseFeedLimit('1')).toBe(1);
    expect(parseFeedLimit('1000')).toBe(1000);
    for (const bad of ['0', '1001', '-5', '2.5', 'ten', ' 5', 0, 1001, 2.5])
      expect(() => parseFeedLimit(bad)).toThrow(expect.objectContaining({ field: 'limit' }));
  });
});

describe('readFeed (against a SqliteEventStore file)', () => {
  let store: SqliteEventStore;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeEach(async () => {
    dir = await tempDir('credence-feed-');
    store = SqliteEventStore.open({ path: dir.path('events.db') });
  });

  afterEach(async () => {
    await store.close();
    await dir.remove();
  });

  /** Appends `n` awards for learner-<i % 3>, each followed by `noise` non-integration events. */
  const appendAwards = async (n: number, noise = 0) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const event = awardIssued(`learner-${i % 3}`, i);
      ids.push(event.id!);
      await store.append(`award-${event.id}`, [event], 'no-stream');
      for (let j = 0; j < noise; j++) await store.append(`enrolment-${i}`, [markRecorded()], 'any');
    }
    return ids;
  };

  /** Reads the whole feed page by page. */
  const drain = async (limit: number) => {
    const pages: CloudEvent[][] = [];
    let cursor = '';
    for (let guard = 0; guard < 1000; guard++) {
      const page = await readFeed(store, decodeCursor(cursor), limit);
      if (page.events.length === 0) {
        expect(page.next).toBe(cursor === '' ? encodeCursor(0) : cursor);
        return { pages, cursor: page.next };
      }
      pages.push(page.events);
      cursor = page.next;
    }
    throw new Error('feed did not end');
  };

  it('returns the integration events in log order, as CloudEvents with the store ids', async () => {
    const ids = await appendAwards(5, 2);
    const page = await readFeed(store, 0, 100);
    expect(page.events.map((e) => e.id)).toEqual(ids);
    expect(page.events.every((e) => e.type === 'credence.award.issued.v1')).toBe(true);
    expect(page.events.map((e) => e.credenceposition)).toEqual([1, 4, 7, 10, 13]);
    expect(decodeCursor(page.next)).toBe(15); // the head: the trailing noise is already scanned
  });

  it('pages by limit without loss or repetition', async () => {
    const ids = await appendAwards(23, 1);
    const { pages } = await drain(5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat().map((e) => e.id)).toEqual(ids);
  });

  it('moves the cursor past non-integration events, so an empty page means up to date', async () => {
    await appendAwards(2);
    for (let i = 0; i < 2500; i++) await store.append('enrolment-x', [markRecorded()], 'any');

    const first = await readFeed(store, 0, 2);
    expect(first.events).toHaveLength(2);
    const second = await readFeed(store, decodeCursor(first.next), 2);
    expect(second.events).toEqual([]);
    expect(decodeCursor(second.next)).toBe(2502);

    const award = awardIssued('learner-9');
    await store.append(`award-${award.id}`, [award], 'no-stream');
    const third = await readFeed(store, decodeCursor(second.next), 2);
    expect(third.events.map((e) => e.id)).toEqual([award.id]);
  });

  it('does not return an empty page while integration events lie behind many others', async () => {
    for (let i = 0; i < 3000; i++) await store.append('enrolment-x', [markRecorded()], 'any');
    const award = awardIssued('learner-1');
    await store.append(`award-${award.id}`, [award], 'no-stream');

    const page = await readFeed(store, 0, 1);
    expect(page.events.map((e) => e.id)).toEqual([award.id]);
    expect(decodeCursor(page.next)).toBe(3001);
  });

  it('returns an empty page with the same cursor at the head, and an empty store is fine', async () => {
    expect(await readFeed(store, 0, 10)).toEqual({ events: [], next: encodeCursor(0) });
    await appendAwards(3);
    const page = await readFeed(store, 0, 3);
    expect(page.next).toBe(encodeCursor(3));
    expect(await readFeed(store, 3, 3)).toEqual({ events: [], next: encodeCursor(3) });
  });

  it('serves the same envelope as the relay (same types, ids and data) for revocations too', async () => {
    const issued = awardIssued('learner-1');
    await store.append('award-1', [issued], 'no-stream');
    const revoked = awardRevoked('learner-1', (issued.data as { awardId: string }).awardId);
    await store.append('award-1', [revoked], 1);

    const page = await readFeed(store, 0, 10, { source: 'urn:credence:test' });
    expect(page.events.map((e) => [e.type, e.id, e.source])).toEqual([
      ['credence.award.issued.v1', issued.id, 'urn:credence:test'],
      ['credence.award.revoked.v1', revoked.id, 'urn:credence:test'],
    ]);
  });

  it('rejects bad arguments', async () => {
    await expect(readFeed(store, -1, 10)).rejects.toMatchObject({ field: 'after' });
    await expect(readFeed(store, 0, 0)).rejects.toMatchObject({ field: 'limit' });
    await expect(readFeed(store, 0, 1001)).rejects.toMatchObject({ field: 'limit' });
  });
});
