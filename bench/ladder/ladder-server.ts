import 'reflect-metadata';
import { join } from 'node:path';
import { Body, Controller, Inject, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { streams, systemClock } from '#domain';
import { SqliteEventStore, type EventStore } from '#event-store';
import { BODY_LIMIT_BYTES, hs256Verifier } from '#records-api';
import { AuthGuard } from '../../apps/records-api/src/auth/auth.guard.js';
import { Roles } from '../../apps/records-api/src/auth/roles.decorator.js';
import { TOKEN_VERIFIER } from '../../apps/records-api/src/auth/token-verifier.js';
import { metadataFor, type CommandContext } from '../../apps/records-api/src/commands/command-context.js';
import { MarkDto } from '../../apps/records-api/src/features/enrolments/enrolment.dto.js';
import { refuseUnsafeShapes } from '../../apps/records-api/src/http/body-shape.js';
import { ErrorFilter } from '../../apps/records-api/src/http/error-filter.js';
import { frameworkErrors } from '../../apps/records-api/src/http/framework-errors.js';
import { IDEMPOTENCY_STORE } from '../../apps/records-api/src/http/idempotency/idempotency-store.port.js';
import { IdempotencyInterceptor } from '../../apps/records-api/src/http/idempotency/idempotency.interceptor.js';
import { Caller } from '../../apps/records-api/src/http/request-context.js';
import { validationPipe } from '../../apps/records-api/src/http/validation.js';
import { CLOCK } from '../../apps/records-api/src/infrastructure/tokens.js';
import { LADDER_SHELL_RUNGS, type ShellRung } from './rungs.js';

/**
 * The lower rungs of the marks ladder (bench/marks-ladder.ts), one per process: the same mark
 * request answered by ever more of the real API's shell, built from its own guard, pipe, filter,
 * interceptor and caller, up to one durable append of a MarkRecorded on the real SQLite store
 * (WAL, synchronous=NORMAL). Each rung adds one layer to the one below, so the differences are
 * what each layer costs. RUNG, PORT, DATA_DIR and AUTH_JWT_SECRET come from the environment.
 */
const isShellRung = (name: string | undefined): name is ShellRung => LADDER_SHELL_RUNGS.some((r) => r === name);
const requested = process.env.RUNG;
if (!isShellRung(requested)) throw new Error(`RUNG must be one of ${LADDER_SHELL_RUNGS.join(', ')}`);
const rung: ShellRung = requested;
const at = (from: ShellRung) => LADDER_SHELL_RUNGS.indexOf(rung) >= LADDER_SHELL_RUNGS.indexOf(from);
const port = Number(process.env.PORT);
const secret = process.env.AUTH_JWT_SECRET!;
const EVENT_STORE = Symbol('ladder event store');

type MarkBody = { componentId: string; mark: number };

class LadderMark {
  constructor(
    readonly enrolmentId: string,
    readonly body: MarkBody,
    readonly caller: CommandContext,
  ) {}
}

/** The `bus` rung's command does nothing; the `durable` rung's appends the mark and nothing else. */
@CommandHandler(LadderMark)
class LadderMarkHandler implements ICommandHandler<LadderMark> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore | null) {}

  async execute({ enrolmentId, body, caller }: LadderMark) {
    if (!this.store) return { id: enrolmentId, ...body };
    const data = { enrolmentId, ...body, attempt: 1, markerId: caller.actor };
    const metadata = metadataFor(caller, systemClock.now());
    await this.store.append(streams.enrolment(enrolmentId), [{ type: 'MarkRecorded', data, metadata }], 'any');
    return { id: enrolmentId, ...body };
  }
}

@Controller('v1/enrolments')
class PlainMarksController {
  @Post(':id/marks')
  @Roles('tutor')
  mark(@Param('id') id: string, @Body() body: MarkDto) {
    return { id, ...body };
  }
}

@Controller('v1/enrolments')
class BusMarksController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':id/marks')
  @Roles('tutor')
  mark(@Param('id') id: string, @Body() body: MarkDto, @Caller() caller: CommandContext) {
    return this.bus.execute(new LadderMark(id, body, caller));
  }
}

@Module({})
class LadderModule {
  static forRung(store: EventStore | null): DynamicModule {
    return {
      module: LadderModule,
      imports: at('bus') ? [CqrsModule.forRoot()] : [],
      controllers: [at('bus') ? BusMarksController : PlainMarksController],
      providers: [
        ...(at('guard')
          ? [
              { provide: APP_GUARD, useClass: AuthGuard },
              { provide: TOKEN_VERIFIER, useValue: hs256Verifier(secret) },
            ]
          : []),
        ...(at('pipe') ? [{ provide: APP_FILTER, useClass: ErrorFilter }] : []),
        ...(at('bus')
          ? [
              { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
              // The bench sends no Idempotency-Key: the interceptor looks and passes on, as for most marks.
              { provide: IDEMPOTENCY_STORE, useValue: {} },
              { provide: CLOCK, useValue: systemClock },
              { provide: EVENT_STORE, useValue: store },
              LadderMarkHandler,
            ]
          : []),
      ],
    };
  }
}

const bareFastify = async () => {
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES });
  app.post<{ Params: { id: string }; Body: MarkBody }>('/v1/enrolments/:id/marks', async (request, reply) =>
    reply.code(201).send({ id: request.params.id, ...request.body }),
  );
  await app.listen({ port, host: '127.0.0.1' });
};

const nest = async () => {
  const store = at('durable') ? SqliteEventStore.open({ path: join(process.env.DATA_DIR!, 'ladder.sqlite') }) : null;
  const app = await NestFactory.create<NestFastifyApplication>(
    LadderModule.forRung(store),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, frameworkErrors }),
    { logger: ['error', 'warn'] },
  );
  if (at('pipe')) {
    app.useGlobalPipes(validationPipe());
    app.getHttpAdapter().getInstance().addHook('preValidation', refuseUnsafeShapes);
  }
  app.enableShutdownHooks();
  await app.listen({ port, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => store?.close()));
};

await (rung === 'fastify' ? bareFastify() : nest());
console.log(`Credence is listening on rung ${rung}`);
