/** Maintenance and backup windows (UTC) of data services: shapes, lengths and overlaps. */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export interface Window {
  /** Minute the window starts (of the day for a daily window, of the week from Sunday 00:00 for a weekly one). */
  readonly start: number;
  /** Length in minutes. */
  readonly minutes: number;
}

/** Minute of the day of `hh:mm`, or undefined. */
function minuteOfDay(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Start and length in minutes of a daily `hh:mm-hh:mm` window, or undefined. */
export function dailyWindow(window: string): Window | undefined {
  const parts = String(window ?? '').split('-');
  const [start, end] = parts.map(minuteOfDay);
  if (parts.length !== 2 || start === undefined || end === undefined) return undefined;
  return { start, minutes: (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY };
}

/** Start (minute of the week, Sunday 00:00 = 0) and length in minutes of a weekly `ddd:hh:mm-ddd:hh:mm` window, or undefined. */
export function weeklyWindow(window: string): Window | undefined {
  const parts = String(window ?? '').toLowerCase().split('-');
  const at = (text: string) => {
    const match = /^([a-z]{3}):(\d\d:\d\d)$/.exec(text);
    const day = match ? DAYS.indexOf(match[1]) : -1;
    const minute = match ? minuteOfDay(match[2]) : undefined;
    return day < 0 || minute === undefined ? undefined : day * MINUTES_PER_DAY + minute;
  };
  const [start, end] = parts.map(at);
  if (parts.length !== 2 || start === undefined || end === undefined) return undefined;
  return { start, minutes: (end - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK };
}

/** Whether a daily window overlaps a weekly one on some day (windows that only touch do not). */
export function dailyOverlapsWeekly(daily: Window, weekly: Window): boolean {
  for (let day = 0; day < 7; day++) {
    const start = day * MINUTES_PER_DAY + daily.start;
    // Two intervals [a, a+n) and [b, b+m) on a circle of one week overlap if either starts inside the other.
    const inside = (point: number, from: number, length: number) => (point - from + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < length;
    if (inside(start, weekly.start, weekly.minutes) || inside(weekly.start, start % MINUTES_PER_WEEK, daily.minutes)) return true;
  }
  return false;
}
