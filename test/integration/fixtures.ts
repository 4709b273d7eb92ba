import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMetadata, NewEvent, RecordedEvent } from '#event-store';
import type { AwardInformation } from '#domain';

export const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: 'board-runner',
  role: 'board',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
  ...overrides,
});

const GRADES = ['Pass', 'Merit', 'Distinction'] as const;

/** A realistic award information set (FHEQ 7, 15 CATS micro-credential). */
export const awardInformation = (
  learnerId: string,
  n = 1,
  overrides: Partial<AwardInformation> = {},
): AwardInformation => ({
  awardId: randomUUID(),
  learnerId,
  learnerName: `Amira Okafor ${learnerId.slice(0, 4)}`,
  enrolmentId: randomUUID(),
  courseId: randomUUID(),
  courseCode: `DSE${7000 + (n % 100)}`,
  title: 'Data Ethics in Practice',
  awardingBody: 'University of Northshire',
  issuedOn: '2026-06-30',
  credits: { cats: 15, ects: 7.5 },
  level: { framework: 'FHEQ', level: 7 },
  modeOfLearning: 'online',
  aims: 'Equip practitioners to resolve ethical questions in data-driven work.',
  learningOutcomes: ['Critically evaluate the ethics of a data project', 'Apply UK data-protection law'],
  result: { weightedMark: 50 + (n % 40), grade: GRADES[n % 3]! },
  cahCode: 'CAH11-01-01',
  hecosCodes: ['100366'],
  psrb: n % 2 === 0 ? { body: 'BCS, The Chartered Institute for IT', recognition: 'Accredited towards CITP' } : null,
  issuerCountry: 'GB',
  assessmentType: 'Coursework and online examination',
  formOfParticipation: 'Online, part-time',
  qualityAssurance: 'QAA-reviewed UK higher education provider',
  startDate: '2026-02-02',
  completedOn: '2026-06-12',
  boardId: 'board-data-ethics',
  caseId: randomUUID(),
  ...overrides,
});

export const awardIssued = (learnerId: string, n = 1, overrides: Partial<AwardInformation> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'AwardIssued',
  data: awardInformation(learnerId, n, overrides),
  metadata: metadata(),
});

export const awardRevoked = (learnerId: string, awardId: string): NewEvent => ({
  id: randomUUID(),
  type: 'AwardRevoked',
  data: {
    awardId,
    learnerId,
    reason: 'Academic misconduct found on appeal',
    revokedBy: 'registry-7',
    revokedAt: new Date().toISOString(),
  },
  metadata: metadata({ actor: 'registry-7', role: 'registry' }),
});

/** An event that is not part of the integration contract. */
export const markRecorded = (): NewEvent => ({
  id: randomUUID(),
  type: 'MarkRecorded',
  data: {
    enrolmentId: randomUUID(),
    componentId: 'essay',
    attempt: 1,
    mark: 64,
    markerId: 'tutor-3',
    markedAt: new Date().toISOString(),
  },
  metadata: metadata({ actor: 'tutor-3', role: 'tutor' }),
});

/** A RecordedEvent as the store would return it (for pure mapping tests). */
export const recorded = (event: NewEvent, position: number, streamId = `award-${position}`): RecordedEvent => ({
  id: event.id ?? randomUUID(),
  streamId,
  streamVersion: 1,
  position,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  recordedAt: new Date().toISOString(),
});

export const tempDir = async (prefix = 'credence-integration-') => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, path: (name: string) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until true or the deadline; returns whether it became true. */
export const eventually = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
};
