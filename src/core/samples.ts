import { createHash } from 'crypto';

/**
 * Realistic, deterministic placeholder values for published outputs. The offline verification
 * writes them into stub states so a downstream layer plans before its upstream exists; they are
 * shaped like the real thing because the provider validates many attributes (ARNs, IDs) at plan.
 */
function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** An EC2-style ID such as `vpc-0a1b2c3d4e5f60718`. */
export function sampleId(prefix: string, seed: string): string {
  return `${prefix}-0${hex(`${prefix}:${seed}`, 16)}`;
}

export function sampleIds(prefix: string, seed: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => sampleId(prefix, `${seed}:${i}`));
}

/** A UUID-shaped value (KMS key IDs and the like). */
export function sampleUuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface ArnParts {
  readonly service: string;
  readonly region?: string;
  readonly account?: string;
  readonly resource: string;
  readonly partition?: string;
}

export function sampleArn(parts: ArnParts): string {
  return `arn:${parts.partition ?? 'aws'}:${parts.service}:${parts.region ?? ''}:${parts.account ?? ''}:${parts.resource}`;
}

/** A deterministic lower-case alphanumeric token (or mixed case): hostnames, Cognito IDs, secret suffixes. */
export function sampleToken(seed: string, length: number, mixedCase = false): string {
  const alphabet = mixedCase ? 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' : 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from({ length }, (_, i) => alphabet[bytes[i % bytes.length] % alphabet.length]).join('');
}
