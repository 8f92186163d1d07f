/**
 * Scheduled scaling (e.g. dev services stopped at night and at weekends) turned into the average
 * number of running tasks over a week. Only the simple cron form AWS Application Auto Scaling uses
 * for such schedules is understood: `cron(<minute> <hour> ? * <days-of-week> *)` (or `*` for the days);
 * anything else returns undefined and the service is priced around the clock.
 */

export interface ScheduledCapacity {
  /** `cron(...)` expression of the scheduled action. */
  readonly schedule: string;
  readonly min?: number;
  readonly max?: number;
}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const HOURS_PER_WEEK = 168;

function day(token: string): number | undefined {
  const upper = token.toUpperCase();
  if (DAYS.includes(upper)) return DAYS.indexOf(upper);
  // AWS cron numbers the days 1 (SUN) to 7 (SAT).
  return /^[1-7]$/.test(token) ? Number(token) - 1 : undefined;
}

/** Days of the week (0 = Sunday) a day-of-week field selects, or undefined if not understood. */
function daysOf(field: string): number[] | undefined {
  if (field === '*' || field === '?') return [0, 1, 2, 3, 4, 5, 6];
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [from, to] = part.split('-');
    const start = day(from);
    const end = to === undefined ? start : day(to);
    if (start === undefined || end === undefined) return undefined;
    for (let d = start; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === end) break;
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Hours of the week (0 = Sunday 00:00) at which a cron expression fires, or undefined. */
export function cronHoursOfWeek(expression: string): number[] | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  if (!/^\d+$/.test(minute) || !/^\d+$/.test(hour) || Number(hour) > 23) return undefined;
  if (!['?', '*'].includes(dayOfMonth) || month !== '*') return undefined;
  const days = daysOf(dayOfWeek);
  // Minutes are rounded down to the hour: a schedule at 07:30 counts from 07:00.
  return days?.map((d) => d * 24 + Number(hour));
}

/**
 * Average tasks over a week for a service whose desired count is `desired`, under the scheduled
 * actions (each sets min/max capacity from the hour it fires until the next one). Undefined when a
 * schedule is not understood or there are none.
 */
export function averageScheduledTasks(desired: number, actions: readonly ScheduledCapacity[]): number | undefined {
  if (actions.length === 0) return undefined;
  const events: { hour: number; min?: number; max?: number; order: number }[] = [];
  for (const [order, action] of actions.entries()) {
    const hours = cronHoursOfWeek(action.schedule);
    if (!hours) return undefined;
    for (const hour of hours) events.push({ hour, min: action.min, max: action.max, order });
  }
  events.sort((a, b) => a.hour - b.hour || a.order - b.order);
  let total = 0;
  for (let hour = 0; hour < HOURS_PER_WEEK; hour++) {
    // The latest action at or before this hour; before the first one, the week's last (it wraps).
    const current = [...events].reverse().find((e) => e.hour <= hour) ?? events[events.length - 1];
    let tasks = desired;
    if (current.min !== undefined) tasks = Math.max(tasks, current.min);
    if (current.max !== undefined) tasks = Math.min(tasks, current.max);
    total += tasks;
  }
  return total / HOURS_PER_WEEK;
}
