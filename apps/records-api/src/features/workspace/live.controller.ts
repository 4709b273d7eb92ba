import { Controller, Get, Inject, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { categoryOf, idOf, streams, type EnrolmentState } from '#domain';
import type { EventStore } from '#event-store';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { LiveChanges, type StreamChange } from '../../infrastructure/live-changes.js';
import { EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { Caller } from '../../http/request-context.js';

const HEARTBEAT_MS = 15_000;
/** A stream ends after this long; the client reconnects, so a revoked or expired token stops it. */
const MAX_STREAM_MS = 10 * 60_000;
/** A client this far behind is not reading: drop it rather than buffer without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const LEARNER_CATEGORIES = new Set(['learner', 'ledger', 'enrolment', 'award']);
const CACHE_LIMIT = 10_000;

const frame = (event: string, data: unknown, id?: number): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Live updates for the web app as server-sent events. Each message only says that a stream
 * changed (`{position, stream, type}`); the client refetches through the authorised API, so the
 * stream carries no record data. Staff hear every change; a learner hears only changes to their
 * own learner, ledger, enrolment and award streams.
 *
 * Authenticated like every endpoint, with the Authorization header: the web app reads the stream
 * with fetch() rather than EventSource (which cannot send headers), so tokens never go in URLs,
 * where they would end up in access logs and browser history.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller('v1/stream')
export class LiveController implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly live: LiveChanges,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  @Get()
  @Roles('registry', 'tutor', 'board', 'examiner', 'learner')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: '`ready` once, then a `change` event per appended event the caller may see' })
  async stream(@Caller() caller: CommandContext, @Res() reply: FastifyReply): Promise<void> {
    const visible = caller.role === 'learner' ? this.learnerFilter(caller.actor) : async () => true;
    const head = await this.store.headPosition();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 3000\n\n${frame('ready', { position: head })}`);

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      stopListening();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      this.open.delete(close);
      raw.end();
    };
    const send = (text: string) => {
      if (closed) return;
      if (raw.writableLength > MAX_BUFFERED_BYTES) return close();
      raw.write(text);
    };
    const stopListening = this.live.listen((change: StreamChange) => {
      if (change.position <= head) return;
      void visible(change).then(
        (shown) =>
          shown &&
          send(
            frame('change', { position: change.position, stream: change.stream, type: change.type }, change.position),
          ),
        () => undefined,
      );
    });
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
    const lifetime = setTimeout(close, MAX_STREAM_MS);
    this.open.add(close);
    raw.on('close', close);
  }

  /** Open streams would keep the server from closing. */
  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }

  /** Whether a change is to one of this learner's own streams (enrolments are looked up once). */
  private learnerFilter(learnerId: string): (change: StreamChange) => Promise<boolean> {
    const own = new Set([streams.learner(learnerId), streams.ledger(learnerId)]);
    const enrolmentOwners = new Map<string, boolean>();
    return async (change) => {
      const category = categoryOf(change.stream);
      if (!LEARNER_CATEGORIES.has(category)) return false;
      if (own.has(change.stream)) return true;
      if (category === 'award') return change.learnerId === learnerId;
      if (category !== 'enrolment') return false;
      const enrolmentId = idOf(change.stream);
      let mine = enrolmentOwners.get(enrolmentId);
      if (mine === undefined) {
        const owner =
          change.learnerId ??
          (await this.readModels.get<Exclude<EnrolmentState, { status: 'none' }>>(COLLECTIONS.enrolments, enrolmentId))
            ?.learnerId;
        mine = owner === learnerId;
        // Not cached while unknown: on a replica the read models may not have the enrolment yet.
        if (owner === undefined) return false;
        if (enrolmentOwners.size >= CACHE_LIMIT) enrolmentOwners.clear();
        enrolmentOwners.set(enrolmentId, mine);
      }
      return mine;
    };
  }
}
