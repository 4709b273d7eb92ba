import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { addDays, toIsoDate, type DefineCourse } from '#domain';
import type { EventStore } from '#event-store';
import { systemContext } from '../commands/command-context.js';
import { ConstituteBoardCommand } from '../features/boards/board.handlers.js';
import { DefineCourseCommand } from '../features/courses/course.handlers.js';
import { StartEnrolmentCommand } from '../features/enrolments/enrolment.handlers.js';
import { RegisterLearnerCommand } from '../features/learners/learner.handlers.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

type CourseInput = Omit<DefineCourse['data'], 'courseId'>;

const AWARDING_BODY = 'University of Northshire';
/** The default subject of `npm run token -- tutor`, so a local tutor can mark the sample courses. */
const SAMPLE_TUTORS = ['tutor-local'];

/** The sample courses were approved (validated) before they took enrolments. */
const SAMPLE_APPROVAL = {
  approvedBy: 'Academic Standards Committee',
  externalAdviser: 'Prof. Lena Ortiz (University of Eastmoor)',
  approvedOn: '2026-01-05',
};

export const SAMPLE_COURSES: CourseInput[] = [
  {
    code: 'DSE701',
    title: 'Data Ethics in Practice',
    awardingBody: AWARDING_BODY,
    credits: 15,
    level: { framework: 'FHEQ', level: 7 },
    hecosCodes: ['100366'],
    cahCode: 'CAH11-01-01',
    modeOfLearning: 'online',
    aims: 'Equip practitioners to recognise, analyse and resolve ethical questions in data-driven work.',
    learningOutcomes: [
      'Critically evaluate the ethical implications of a data project',
      'Apply UK data-protection law to organisational practice',
      'Justify a governance approach to a senior audience',
    ],
    components: [
      { id: 'essay', title: 'Critical essay (3,000 words)', weight: 60 },
      { id: 'exam', title: 'Online examination', weight: 40 },
    ],
    maxEngagementDays: 120,
    approval: SAMPLE_APPROVAL,
    tutorIds: SAMPLE_TUTORS,
    psrb: { body: 'British Computer Society', recognition: 'Recognised as CPD for Chartered IT Professional status' },
    assessmentType: 'Coursework essay and time-limited online examination',
  },
  {
    code: 'PMW601',
    title: 'Agile Project Leadership',
    awardingBody: AWARDING_BODY,
    credits: 20,
    level: { framework: 'FHEQ', level: 6 },
    hecosCodes: ['100812'],
    cahCode: 'CAH17-01-04',
    modeOfLearning: 'work-based',
    aims: 'Develop the practice of leading agile delivery teams in the workplace.',
    learningOutcomes: ['Plan and lead an iterative delivery', 'Reflect critically on team performance'],
    components: [
      { id: 'portfolio', title: 'Work-based portfolio', weight: 70 },
      { id: 'reflection', title: 'Reflective account', weight: 30 },
    ],
    maxEngagementDays: 180,
    approval: SAMPLE_APPROVAL,
    tutorIds: SAMPLE_TUTORS,
  },
  {
    code: 'NET501',
    title: 'Net Zero Fundamentals for Engineers',
    awardingBody: AWARDING_BODY,
    credits: 10,
    level: { framework: 'FHEQ', level: 5 },
    hecosCodes: ['100175'],
    cahCode: 'CAH10-01-01',
    modeOfLearning: 'blended',
    aims: 'Introduce the engineering principles behind decarbonisation.',
    learningOutcomes: ['Explain the sources of emissions in engineered systems', 'Estimate a simple carbon budget'],
    components: [{ id: 'report', title: 'Technical report', weight: 100 }],
    maxEngagementDays: 90,
    approval: SAMPLE_APPROVAL,
    tutorIds: SAMPLE_TUTORS,
  },
];

export const SAMPLE_LEARNERS = [
  { givenName: 'Amira', familyName: 'Okafor', email: 'amira.okafor@example.org' },
  { givenName: 'Tomasz', familyName: 'Nowak', email: 'tomasz.nowak@example.org' },
];

/** Loads a small catalogue through the normal commands, only into an empty store. */
export const loadSampleData = async (
  app: INestApplication,
): Promise<{ loaded: boolean; courses: string[]; learners: string[] }> => {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) > 0) return { loaded: false, courses: [], learners: [] };
  const commands = app.get(CommandBus);
  const context = systemContext('system:sample-data', 'sample-data');
  const courses = [];
  for (const course of SAMPLE_COURSES) {
    const state = await commands.execute(new DefineCourseCommand(course, context));
    if (state.status === 'defined') courses.push(state.courseId);
  }
  await commands.execute(
    new ConstituteBoardCommand(
      {
        name: 'Professional Skills Micro-board',
        courseIds: courses,
        members: [
          { memberId: 'chair-local', name: 'Prof. Samira Ahmed', role: 'chair' },
          { memberId: 'board-local', name: 'Dr Owen Lewis', role: 'internal' },
          { memberId: 'examiner-local', name: 'Dr Ruth Mensah', role: 'external' },
        ],
      },
      context,
    ),
  );
  const learners = [];
  for (const learner of SAMPLE_LEARNERS) {
    const state = await commands.execute(new RegisterLearnerCommand(learner, context));
    if (state.status === 'registered') learners.push(state.learnerId);
  }
  const today = toIsoDate(new Date());
  await commands.execute(new StartEnrolmentCommand(learners[0]!, courses[0]!, addDays(today, -14), context));
  await commands.execute(new StartEnrolmentCommand(learners[1]!, courses[1]!, today, context));
  return { loaded: true, courses, learners };
};
