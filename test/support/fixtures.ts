/** The subject of `api.token('tutor')`: assigned to every course courseBody() defines. */
export const TUTOR = 'tutor-1';

/** A valid course body (FHEQ 7, 15 credits, essay 60 / exam 40, tutor TUTOR), with overrides. */
export const courseBody = (overrides: Record<string, unknown> = {}) => ({
  code: `DSE${Math.floor(Math.random() * 1e6)}`,
  title: 'Data Ethics in Practice',
  awardingBody: 'University of Northshire',
  credits: 15,
  level: { framework: 'FHEQ', level: 7 },
  hecosCodes: ['100366'],
  cahCode: 'CAH11-01-01',
  modeOfLearning: 'online',
  aims: 'Equip practitioners to resolve ethical questions in data-driven work.',
  learningOutcomes: ['Critically evaluate the ethics of a data project', 'Apply UK data-protection law'],
  components: [
    { id: 'essay', title: 'Critical essay', weight: 60 },
    { id: 'exam', title: 'Online examination', weight: 40 },
  ],
  maxEngagementDays: 120,
  tutorIds: [TUTOR],
  approval: {
    approvedBy: 'Academic Standards Committee',
    externalAdviser: 'Prof. Lena Ortiz',
    approvedOn: '2026-01-05',
  },
  ...overrides,
});

/** Each body has an email of its own: a second learner with an email already registered is refused (409). */
export const learnerBody = (overrides: Record<string, unknown> = {}) => ({
  givenName: 'Amira',
  familyName: 'Okafor',
  email: `amira.okafor.${Math.floor(Math.random() * 1e9)}@example.org`,
  ...overrides,
});

export const CHAIR = 'prof-ahmed';
export const INTERNAL = 'dr-lewis';
export const EXTERNAL = 'dr-external';

export const boardBody = (courseIds: string[], overrides: Record<string, unknown> = {}) => ({
  name: 'Digital Skills Micro-board',
  courseIds,
  members: [
    { memberId: CHAIR, name: 'Prof. Samira Ahmed', role: 'chair' },
    { memberId: INTERNAL, name: 'Dr Owen Lewis', role: 'internal' },
    { memberId: EXTERNAL, name: 'Dr Ruth Mensah', role: 'external' },
  ],
  ...overrides,
});
