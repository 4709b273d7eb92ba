import type { IsoDate } from '../shared/dates.js';

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
export const yearsBefore = (date: IsoDate, years: number): IsoDate => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const earlier = new Date(Date.UTC(year - years, month - 1, day));
  if (earlier.getUTCMonth() !== month - 1) earlier.setUTCDate(0);
  return earlier.toISOString().slice(0, 10);
};

/** Credit achieved exactly `years` ago still counts; a day older has expired. */
export const hasExpired = (achievedOn: IsoDate, today: IsoDate, years: number): boolean =>
  achievedOn < yearsBefore(today, years);
