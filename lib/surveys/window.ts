import * as z from 'zod';

export const WindowSchema = z.enum(['7d', '30d', '90d']);
export type Window = z.infer<typeof WindowSchema>;

export const WINDOW_DAYS: Record<Window, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** A UTC calendar day as YYYY-MM-DD. */
export type Day = string;

export const dayOf = (instant: Date): Day => instant.toISOString().slice(0, 10);

export const addDays = (day: Day, days: number): Day => {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return dayOf(date);
};

/** The trailing calendar days of a window in UTC, today included: 7d on a Sunday is Monday to Sunday. */
export const windowDays = (window: Window, now: Date): { from: Day; to: Day } => {
  const to = dayOf(now);
  return { from: addDays(to, 1 - WINDOW_DAYS[window]), to };
};

/** Whole UTC days from `from` to `to`, both included. */
const lengthOf = (from: Day, to: Day): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The window of the same number of days that ends the day before `from`: what a comparison reads. */
export const previousWindowOf = (from: Day, to: Day): { from: Day; to: Day } => {
  const previousTo = addDays(from, -1);
  return { from: addDays(previousTo, 1 - lengthOf(from, to)), to: previousTo };
};
