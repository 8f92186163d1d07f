/**
 * Values AWS itself accepts, kept in one place with their sources, so configuration is checked
 * against what an apply would accept rather than against a shape.
 */

/**
 * Fargate task sizes: memory (MiB) allowed for each CPU value.
 * Source: Amazon ECS Developer Guide, "Task CPU and memory" (Fargate, Linux).
 */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/**
 * Commercial regions and the availability-zone letters they have.
 * Source: AWS General Reference, "Regions and Availability Zones" (zone names as listed there; the
 * mapping of letters to physical zones differs per account, their existence does not).
 */
export const REGION_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'sa-east-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ap-east-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'af-south-1': 'abc',
  'il-central-1': 'abc',
  'us-gov-west-1': 'abc',
  'us-gov-east-1': 'abc',
};

/** Characters AWS accepts in a security group rule description (EC2 API, at most 255). */
export const SECURITY_GROUP_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** IANA time zones the runtime knows (EventBridge Scheduler and Application Auto Scaling use IANA names). */
export function isTimeZone(name: string): boolean {
  return name === 'UTC' || (Intl.supportedValuesOf('timeZone') as string[]).includes(name);
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** ISO 3166-1 alpha-2 code of a real country or territory (what WAF geo match accepts). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  return REGION_NAMES.of(code) !== code;
}

/** The known name closest to `value` (edit distance), for "did you mean" fixes. */
export function nearest(value: string, candidates: readonly string[]): string {
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(value, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The six fields of an EventBridge cron: name, range, names, and the extra tokens AWS allows. */
const CRON_FIELDS: readonly { name: string; min: number; max: number; names?: readonly string[]; extra: RegExp }[] = [
  { name: 'minutes', min: 0, max: 59, extra: /^$/ },
  { name: 'hours', min: 0, max: 23, extra: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, extra: /^(\?|L|LW|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS, extra: /^$/ },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, extra: /^(\?|L|\d#[1-5]|[A-Z]{3}#[1-5]|\dL|[A-Z]{3}L)$/ },
  { name: 'year', min: 1970, max: 2199, extra: /^$/ },
];

function cronValue(text: string, field: (typeof CRON_FIELDS)[number]): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1; // JAN = 1, SUN = 1
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Why an EventBridge (and EventBridge Scheduler) schedule expression would be rejected, or
 * undefined: `rate(<n> <unit>)` with a singular unit for 1, or `cron(...)` with six fields in range
 * and `?` in exactly one of day-of-month and day-of-week.
 * Source: Amazon EventBridge User Guide, "Schedule expressions" (cron and rate).
 */
export function scheduleProblem(expression: string, allowRate = true): string | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) return 'has a rate below 1';
    if ((n === 1) !== !rate[2].endsWith('s')) return `needs the ${n === 1 ? 'singular' : 'plural'} unit for ${n}`;
    return allowRate ? undefined : 'is a rate(); this schedule takes a cron() expression';
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return `is neither cron(...) nor ${allowRate ? 'rate(...)' : 'a supported expression'}`;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} cron fields; EventBridge cron has 6 (minutes hours day-of-month month day-of-week year)`;
  for (let i = 0; i < 6; i++) {
    const spec = CRON_FIELDS[i];
    for (const part of fields[i].split(',')) {
      if (part === '*' || spec.extra.test(part.toUpperCase())) continue;
      const [range, step] = part.split('/');
      if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `has an invalid step "${part}" in the ${spec.name} field`;
      if (range === '*') continue;
      const bounds = range.split('-');
      if (bounds.length > 2) return `has an invalid ${spec.name} value "${part}"`;
      for (const bound of bounds) {
        const value = cronValue(bound, spec);
        if (value === undefined || value < spec.min || value > spec.max) {
          return `has ${spec.name} "${bound}" outside ${spec.min}-${spec.max}${spec.names ? ` (or ${spec.names[0]}-${spec.names[spec.names.length - 1]})` : ''}`;
        }
      }
    }
  }
  if ((fields[2] === '?') === (fields[4] === '?')) return 'needs "?" in exactly one of day-of-month (3rd field) and day-of-week (5th field)';
  return undefined;
}
