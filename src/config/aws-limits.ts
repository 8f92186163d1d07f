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
