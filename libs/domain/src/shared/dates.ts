/**
 * Calendar dates are ISO `YYYY-MM-DD` strings in UTC: enrolment windows are counted in whole days,
 * and strings compare correctly with `<`.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** The shape of a calendar date; `isIsoDate` also checks that the day exists. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_DATE_RULE = 'must be a date as YYYY-MM-DD';

export const isIsoDate = (value: unknown): value is IsoDate => {
  if (typeof value !== 'string' || !ISO_DATE_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

export const toIsoDate = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);

export const addDays = (date: IsoDate, days: number): IsoDate =>
  toIsoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
