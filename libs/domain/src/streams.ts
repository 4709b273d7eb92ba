/** Stream names are `<category>-<id>` (design §1). */
export const streams = {
  course: (id: string) => `course-${id}`,
  learner: (id: string) => `learner-${id}`,
  enrolment: (id: string) => `enrolment-${id}`,
  board: (id: string) => `board-${id}`,
  /**
   * A case's own stream under its board's prefix: deciding a case folds the board's constitution
   * and that one case, never every case the board has heard; the board's minutes are still one
   * prefix read (`board-<boardId>`).
   */
  boardCase: (boardId: string, caseId: string) => `board-${boardId}.case-${caseId}`,
  award: (id: string) => `award-${id}`,
  /** A learner's lifelong credit ledger: the boundary that lets a credit count towards one award only. */
  ledger: (learnerId: string) => `ledger-${learnerId}`,
  pathway: (id: string) => `pathway-${id}`,
  /** Retry requests for one parked stream of one consumer (the parking's id). */
  parkedStream: (parkedId: string) => `parked-${parkedId}`,
  /** A downstream system's webhook endpoint. */
  webhookSubscription: (id: string) => `webhook-${id}`,
  /** An academic appeal against one board decision. */
  appeal: (id: string) => `appeal-${id}`,
  /** A learner's place on a course: which of their enrolments holds it (one active at a time). */
  coursePlace: (learnerId: string, courseId: string) => `place-${learnerId}.${courseId}`,
  /** One issuer's revocation status list: which credential holds which index. */
  statusList: (issuerSlug: string) => `credentialstatus-${issuerSlug}`,
} as const;

export const categoryOf = (stream: string): string => stream.slice(0, stream.indexOf('-'));
export const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);
