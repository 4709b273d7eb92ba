import { Global, Module } from '@nestjs/common';
import { DeciderRunner } from './decider-runner.js';

/** The one write path every feature's command handlers share. */
@Global()
@Module({ providers: [DeciderRunner], exports: [DeciderRunner] })
export class CommandsModule {}
