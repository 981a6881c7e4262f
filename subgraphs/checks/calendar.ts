/**
 * Calendar arithmetic for the prerequisite rules, on ISO dates (YYYY-MM-DD) in UTC so that a
 * rule's outcome depends on the dates alone, never on the machine's time zone.
 *
 * Periods in years follow the Finnish Act on the Calculation of Statutory Time Limits
 * (150/1930): a period ends on the day with the same number, and when the month has no such
 * day (29 February in a common year), on the month's last day. So a person born on 29 February
 * turns 18 on 28 February of a common year.
 */
import type { IsoDate } from '../../contracts/xroad.js';

const DAY_MS = 86_400_000;

function utc(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function iso(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return iso(utc(date) + days * DAY_MS);
}

/** The same day `years` years later (earlier when negative), or the month's last day when it has none. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7)) - 1;
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return iso(Date.UTC(year, month, Math.min(Number(date.slice(8, 10)), lastDayOfMonth)));
}

/** Days from `from` to `to`, counting both ends: a stay from 1 to 3 June is 3 days. 0 when `to` is before `from`. */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return Math.max(0, Math.round((utc(to) - utc(from)) / DAY_MS) + 1);
}

/** Whether at least `years` full years have passed from `from` to `on`. */
export function yearsHavePassed(from: IsoDate, years: number, on: IsoDate): boolean {
  return addYears(from, years) <= on;
}

/** Full years from `from` to `on`: an age. */
export function fullYears(from: IsoDate, on: IsoDate): number {
  let years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  if (!yearsHavePassed(from, years, on)) years -= 1;
  return years;
}

/** Today's date in Finland, where the cases are decided (a check at 00:30 Helsinki time is already tomorrow's). */
export function todayInFinland(now: Date = new Date()): IsoDate {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
