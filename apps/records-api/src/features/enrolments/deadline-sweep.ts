import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DomainError, toIsoDate, type Clock, type Enrolment } from '#domain';
import { COLLECTIONS, WORK_OUTSTANDING, type ReadModelStore } from '#projections';
import type { AppConfig } from '#runtime';
import { systemContext } from '../../commands/command-context.js';
import { ChangeEnrolmentCommand } from './enrolment.handlers.js';
import { APP_CONFIG, CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';

const BATCH = 500;

/**
 * Closes enrolments whose deadline has passed with work outstanding (DeemedWithdrawn, or a
 * lapsed referral's fail). The read model finds candidates; the decider re-checks each against
 * its stream, so a stale read model can only cause a skipped candidate, never a wrong event.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalMs <= 0) return;
    this.timer = setInterval(() => this.schedule(), this.config.sweepIntervalMs);
    this.timer.unref();
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private schedule(): void {
    this.running = this.running.then(() => this.sweep()).catch((error) => this.logger.error('sweep failed', error));
  }

  /** One pass; returns how many enrolments it closed. */
  async sweep(): Promise<number> {
    const today = toIsoDate(this.clock.now());
    const context = systemContext('system:deadline-sweep', `sweep-${today}-${randomUUID()}`);
    let closed = 0;
    const due = await this.readModels.findDue<Enrolment>(COLLECTIONS.enrolments, WORK_OUTSTANDING, today, BATCH);
    for (const enrolment of due) {
      try {
        const command = { type: 'CloseLapsedEnrolment' as const, data: {} };
        await this.commands.execute(new ChangeEnrolmentCommand(enrolment.enrolmentId, command, context));
        closed++;
      } catch (error) {
        // Nothing outstanding (awaiting marks) or changed meanwhile: not for this sweep.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    if (closed > 0) this.logger.log(`closed ${closed} lapsed enrolment(s)`);
    return closed;
  }
}
