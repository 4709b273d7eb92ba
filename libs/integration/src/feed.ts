import type { EventStore } from '#event-store';
import { INTEGRATION_FILTER, toIntegrationEvent, type CloudEvent, type CloudEventOptions } from './cloud-events.js';

export const FEED_DEFAULT_LIMIT = 100;
export const FEED_MAX_LIMIT = 1000;

/** A bad `after` cursor or `limit`; `field` names the query parameter (for a 400 response). */
export class InvalidFeedRequest extends Error {
  constructor(
    readonly field: 'after' | 'limit',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidFeedRequest';
  }
}

const CURSOR_BODY = /^p:(0|[1-9]\d{0,15})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Opaque cursor for a log position: base64url of `p:<position>`. */
export const encodeCursor = (position: number): string => {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`not a log position: ${position}`);
  return Buffer.from(`p:${position}`, 'utf8').toString('base64url');
};

/**
 * The position a cursor stands for; an absent or empty cursor means the start (0). Accepts only
 * cursors this module made (canonical encoding), and throws InvalidFeedRequest for anything else.
 */
export const decodeCursor = (cursor: string | undefined | null): number => {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  const invalid = () =>
    new InvalidFeedRequest(
      'after',
      'after must be a cursor returned as `next` by this feed (or absent to start from the beginning)',
    );
  if (cursor.length > 64 || !BASE64URL.test(cursor)) throw invalid();
  const match = CURSOR_BODY.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid();
  const position = Number(match[1]);
  if (!Number.isSafeInteger(position) || encodeCursor(position) !== cursor) throw invalid();
  return position;
};

/** Validates a `limit` query value: absent -> 100; otherwise a whole number from 1 to 1000. */
export const parseFeedLimit = (raw: string | number | undefined | null): number => {
  if (raw === undefined || raw === null || raw === '') return FEED_DEFAULT_LIMIT;
  const limit = typeof raw === 'number' ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_MAX_LIMIT)
    throw new InvalidFeedRequest('limit', `limit must be a whole number from 1 to ${FEED_MAX_LIMIT}`);
  return limit;
};

export interface FeedPage {
  /** Integration events after the cursor, in log order, at most `limit`. */
  events: CloudEvent[];
  /** Pass as `after` for the next page (the same cursor again when nothing new has happened). */
  next: string;
}

/**
 * The pull feed: the integration events (the same CloudEvents as on Kafka and webhooks) with a
 * log position after `after`, in order.
 *
 * The store filters by event type, so non-integration events cost no page space. `next` is the
 * position of the last event returned on a full page (more may follow); on a short page the
 * scan has covered the whole log up to the head read before it, so `next` moves to that head:
 * a client never re-reads a tail of non-integration events, and an empty page means the feed is
 * up to date (stores expose no position gaps: once the head is visible, everything below is).
 */
export const readFeed = async (
  store: EventStore,
  after: number,
  limit: number = FEED_DEFAULT_LIMIT,
  options: CloudEventOptions = {},
): Promise<FeedPage> => {
  if (!Number.isSafeInteger(after) || after < 0)
    throw new InvalidFeedRequest('after', `after must be a log position, got ${after}`);
  const size = parseFeedLimit(limit);
  const head = await store.headPosition();
  const events: CloudEvent[] = [];
  let last = after;
  if (head > after) {
    for await (const event of store.readAll(after, INTEGRATION_FILTER, size)) {
      const cloudEvent = toIntegrationEvent(event, options);
      last = event.position;
      if (cloudEvent) events.push(cloudEvent);
      if (events.length === size) break;
    }
  }
  const next = events.length === size ? last : Math.max(last, head);
  return { events, next: encodeCursor(next) };
};
