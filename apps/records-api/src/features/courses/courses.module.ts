import { Module } from '@nestjs/common';
import { ChangeCourseHandler, DefineCourseHandler } from './course.handlers.js';
import { CoursesController } from './courses.controller.js';

/** Courses: definition, changes, tutors, withdrawal. */
@Module({
  controllers: [CoursesController],
  providers: [DefineCourseHandler, ChangeCourseHandler],
})
export class CoursesModule {}
