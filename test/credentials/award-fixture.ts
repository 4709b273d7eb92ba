import type { IssuedAward } from '#domain';
import type { IssuerProfile } from '#credentials';

export const BASE_URL = 'https://records.northshire.example';
export const ISSUER: IssuerProfile = {
  id: `${BASE_URL}/v1/credentials/issuer`,
  type: ['Profile'],
  name: 'University of Northshire',
  address: { type: ['Address'], addressCountryCode: 'GB' },
};

/** An issued award as the projection holds it (the learner's name already opened), with overrides. */
type OpenedAward = IssuedAward & { learnerName: string };
export const issuedAward = (overrides: Partial<OpenedAward> = {}): OpenedAward => ({
  status: 'issued',
  revoked: null,
  shareLink: null,
  awardId: '0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10',
  learnerId: '5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f',
  learnerName: 'Amira Okafor',
  enrolmentId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  courseId: 'e9a8b7c6-d5e4-4f3a-8b2c-1d0e9f8a7b6c',
  courseCode: 'DSE101',
  title: 'Data Ethics in Practice',
  awardingBody: 'University of Northshire',
  issuedOn: '2026-11-23',
  credits: { cats: 15, ects: 7.5 },
  level: { framework: 'FHEQ', level: 7 },
  modeOfLearning: 'online',
  aims: 'Equip practitioners to resolve ethical questions in data-driven work, from the design of a data project to the publication of its results.',
  learningOutcomes: [
    'Critically evaluate the ethics of a data project against recognised frameworks',
    'Apply UK data-protection law to the collection, sharing and retention of personal data',
    'Communicate ethical risks and their mitigation to technical and non-technical audiences',
  ],
  result: { weightedMark: 65, grade: 'Merit' },
  cahCode: 'CAH11-01-01',
  hecosCodes: ['100366', '100367'],
  psrb: {
    body: 'BCS, The Chartered Institute for IT',
    recognition: 'Counts towards Chartered IT Professional (CITP) CPD',
  },
  issuerCountry: 'GB',
  assessmentType: 'Critical essay (60%) and online examination (40%)',
  formOfParticipation: 'Online',
  qualityAssurance: 'Internal QA under the OfS conditions of registration; external examiner',
  startDate: '2026-09-07',
  completedOn: '2026-11-20',
  boardId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
  caseId: 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d',
  ...overrides,
});
