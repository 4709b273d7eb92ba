import { Module } from '@nestjs/common';
import { DeadlineSweep } from './deadline-sweep.js';
import { ChangeEnrolmentHandler, StartEnrolmentHandler } from './enrolment.handlers.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { ModerateMarkHandler } from './moderate-mark.handler.js';

/** Enrolments: start, marks, moderation, mitigation, withdrawal, and the sweep that closes missed deadlines. */
@Module({
  controllers: [EnrolmentsController],
  providers: [StartEnrolmentHandler, ChangeEnrolmentHandler, ModerateMarkHandler, DeadlineSweep],
})
export class EnrolmentsModule {}
