import { Module } from '@nestjs/common';
import { DeadlineSweep } from './deadline-sweep.js';
import { ChangeEnrolmentHandler, StartEnrolmentHandler } from './enrolment.handlers.js';
import { EnrolmentsController } from './enrolments.controller.js';

/** Enrolments: start, marks, moderation, mitigation, withdrawal, and the sweep that closes missed deadlines. */
@Module({
  controllers: [EnrolmentsController],
  providers: [StartEnrolmentHandler, ChangeEnrolmentHandler, DeadlineSweep],
})
export class EnrolmentsModule {}
