import { addDays, type IsoDate } from '../shared/dates.js';

/** Deadline = start + maximum engagement + days suspended + extensions granted (design §2). */
export const deadlineOf = (
  startDate: IsoDate,
  maxEngagementDays: number,
  suspendedDays: number,
  extensionDays: number,
): IsoDate => addDays(startDate, maxEngagementDays + suspendedDays + extensionDays);
