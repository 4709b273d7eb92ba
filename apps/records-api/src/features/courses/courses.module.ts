import { Module } from '@nestjs/common';
import { AssignTutorHandler } from './assign-tutor.handler.js';
import { ChangeCourseHandler, DefineCourseHandler } from './course.handlers.js';
import { CoursesController } from './courses.controller.js';

/** Courses: definition, changes, tutors, withdrawal. */
@Module({
  controllers: [CoursesController],
  providers: [DefineCourseHandler, ChangeCourseHandler, AssignTutorHandler],
})
export class CoursesModule {}
