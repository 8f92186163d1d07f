import { isIPv4, isIPv6 } from 'net';
import { isCountryCode } from '../aws-limits';
import { Fail, LOG_RETENTION_DAYS } from './fail';

/** Configuration of the edge layer (DNS, certificates, WAF, Shield). */
export interface EdgeLayerConfig {
  /** Apex domain of the system, for example `bidops.ai`. */
  readonly domainName: string;
  /**
   * Use an existing Route 53 hosted zone instead of creating one.
   * @default - a new public hosted zone for `domainName`
   */
  readonly hostedZoneId?: string;
  /**
   * Protect the external ALB with AWS Shield Advanced (about $3,000/month per organization plus data
   * transfer; needs an active Shield Advanced subscription).
   * @default false - Shield Standard only
   */
  readonly enableShieldAdvanced?: boolean;
  /**
   * WAF rate limit: requests per 5 minutes from one IP before it is blocked.
   * @default 2000
   */
  readonly wafRateLimit?: number;
  /**
   * ISO 3166 alpha-2 country codes the WAF blocks.
   * @default ['CN', 'RU', 'KP']
   */
  readonly wafBlockedCountries?: readonly string[];
  /**
   * Retention of the WAF log group in days.
   * @default 30
   */
  readonly wafLogRetentionDays?: number;
  /**
   * CIDR blocks (IPv4 and/or IPv6) of a trusted caller, for example the partner platform that
   * calls the API, allowed by an IP set rule of the regional WAF. Systems that use it say where the
   * rule sits among the blocks.
   * @default [] - no allowlist
   */
  readonly wafAllowedIps?: readonly string[];
  /**
   * The API's names: its regional endpoints and the public name Route 53 fails over between them
   * where the system runs a standby API in `secondaryRegion` (elsewhere the public name points at
   * the primary).
   * @default - none (systems that name their API otherwise)
   */
  readonly apiFailover?: ApiFailoverConfig;
  /**
   * CI/CD: CodePipeline pipelines from this GitHub repository (through a CodeStar connection an
   * administrator approves once) that build, test and deploy every app on a push to `branch`.
   * @default - no pipelines (deploys happen elsewhere)
   */
  readonly delivery?: DeliveryConfig;
}

/** Subdomains (single DNS labels under `domainName`) of a regional API with a standby. */
export interface ApiFailoverConfig {
  /** The public name clients call, for example `api`. */
  readonly subdomain: string;
  /** The primary region's endpoint, for example `api-east`. */
  readonly primarySubdomain: string;
  /** The secondary region's endpoint, for example `api-west`. */
  readonly secondarySubdomain: string;
}

export interface DeliveryConfig {
  /** GitHub `owner/name`. */
  readonly repository: string;
  readonly branch: string;
  /**
   * Retention of the build logs, in days.
   * @default 30
   */
  readonly buildLogRetentionDays?: number;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const SUBDOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Most addresses one WAF IP set holds (per address family). */
const MAX_WAF_IP_SET_ADDRESSES = 10000;

/** Whether `cidr` is an IPv4 or IPv6 block WAF accepts: prefix /1 or longer, IPv4 without host bits. */
function isWafCidr(cidr: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!match) return false;
  const prefix = Number(match[2]);
  if (isIPv6(match[1])) return prefix >= 1 && prefix <= 128;
  if (!isIPv4(match[1]) || prefix < 1 || prefix > 32) return false;
  const value = match[1].split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return value % 2 ** (32 - prefix) === 0;
}

export function validateEdgeConfig(edge: EdgeLayerConfig, fail: Fail): void {
  if (!edge.domainName || !DOMAIN.test(edge.domainName)) {
    fail('edge.domainName', edge.domainName, 'is not a domain name', 'give the apex domain in lower case, for example bidops.ai');
  }
  if (edge.hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(edge.hostedZoneId)) {
    fail('edge.hostedZoneId', edge.hostedZoneId, 'is not a Route 53 hosted zone ID', 'use the Z... ID or leave it unset to create a zone');
  }
  if (edge.enableShieldAdvanced !== undefined && typeof edge.enableShieldAdvanced !== 'boolean') {
    fail('edge.enableShieldAdvanced', edge.enableShieldAdvanced, 'is not a boolean', 'use true or false');
  }
  if (edge.wafRateLimit !== undefined && !(Number.isInteger(edge.wafRateLimit) && edge.wafRateLimit >= 10 && edge.wafRateLimit <= 2000000000)) {
    fail('edge.wafRateLimit', edge.wafRateLimit, 'is outside the WAF rate-based limit range 10-2000000000', 'use for example 2000 (requests per 5 minutes per IP)');
  }
  (edge.wafBlockedCountries ?? []).forEach((code, i) => {
    if (!isCountryCode(code)) fail(`edge.wafBlockedCountries[${i}]`, code, 'is not an ISO 3166 alpha-2 country code', 'use upper-case codes of real countries, such as CN, RU, KP');
  });
  if (edge.wafLogRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(edge.wafLogRetentionDays)) {
    fail('edge.wafLogRetentionDays', edge.wafLogRetentionDays, 'is not a CloudWatch Logs retention value', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (edge.wafAllowedIps !== undefined) {
    if (!Array.isArray(edge.wafAllowedIps)) fail('edge.wafAllowedIps', edge.wafAllowedIps, 'is not a list', 'list CIDR blocks, for example ["192.0.2.0/24"]');
    edge.wafAllowedIps.forEach((cidr, i) => {
      if (typeof cidr !== 'string' || !isWafCidr(cidr)) fail(`edge.wafAllowedIps[${i}]`, cidr, 'is not an IPv4 or IPv6 CIDR block WAF accepts', 'use a.b.c.d/n (n 1-32, no host bits set) or an IPv6 block such as 2001:db8::/32');
    });
    const repeated = edge.wafAllowedIps.find((cidr, i) => edge.wafAllowedIps!.indexOf(cidr) !== i);
    if (repeated !== undefined) fail('edge.wafAllowedIps', repeated, 'is listed twice', 'list each block once');
    const v4 = edge.wafAllowedIps.filter((cidr) => !cidr.includes(':')).length;
    const v6 = edge.wafAllowedIps.length - v4;
    if (Math.max(v4, v6) > MAX_WAF_IP_SET_ADDRESSES) fail('edge.wafAllowedIps', `${Math.max(v4, v6)} blocks of one family`, `exceeds the ${MAX_WAF_IP_SET_ADDRESSES} a WAF IP set holds`, 'merge them into wider blocks');
  }
  if (edge.apiFailover !== undefined) {
    const f = edge.apiFailover;
    for (const field of ['subdomain', 'primarySubdomain', 'secondarySubdomain'] as const) {
      if (typeof f[field] !== 'string' || !SUBDOMAIN.test(f[field])) fail(`edge.apiFailover.${field}`, f[field], 'is not a single lower-case DNS label', 'use for example api, api-east and api-west');
    }
    if (new Set([f.subdomain, f.primarySubdomain, f.secondarySubdomain]).size !== 3) {
      fail('edge.apiFailover', `${f.subdomain}, ${f.primarySubdomain}, ${f.secondarySubdomain}`, 'names a subdomain twice', 'give the public name and the two regional endpoints three different subdomains');
    }
  }
  if (edge.delivery) {
    const d = edge.delivery;
    if (!/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(d.repository ?? '')) fail('edge.delivery.repository', d.repository, 'is not a GitHub owner/name', 'use for example my-org/free-genai-bootcamp-2025');
    if (!d.branch || /\s|\.\.|^\/|\/$/.test(d.branch)) fail('edge.delivery.branch', d.branch, 'is not a git branch name', 'use for example main');
    if (d.buildLogRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(d.buildLogRetentionDays)) {
      fail('edge.delivery.buildLogRetentionDays', d.buildLogRetentionDays, 'is not a CloudWatch Logs retention value', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
  }
}
