import { addDays, type IsoDate } from '../shared/dates.js';

/** Deadline = start + maximum engagement + days suspended + extensions granted (design §2). */
export const deadlineOf = (
  startDate: IsoDate,
  maxEngagementDays: number,
  suspendedDays: number,
  extensionDays: number,
): IsoDate => addDays(startDate, maxEngagementDays + suspendedDays + extensionDays);

/** The most days one extension (or one reasonable adjustment) adds to the deadline. */
export const MAX_EXTENSION_DAYS = 365;
