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
   * CI/CD: CodePipeline pipelines from this GitHub repository (through a CodeStar connection an
   * administrator approves once) that build, test and deploy every app on a push to `branch`.
   * @default - no pipelines (deploys happen elsewhere)
   */
  readonly delivery?: DeliveryConfig;
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
  if (edge.delivery) {
    const d = edge.delivery;
    if (!/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(d.repository ?? '')) fail('edge.delivery.repository', d.repository, 'is not a GitHub owner/name', 'use for example my-org/free-genai-bootcamp-2025');
    if (!d.branch || /\s|\.\.|^\/|\/$/.test(d.branch)) fail('edge.delivery.branch', d.branch, 'is not a git branch name', 'use for example main');
    if (d.buildLogRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(d.buildLogRetentionDays)) {
      fail('edge.delivery.buildLogRetentionDays', d.buildLogRetentionDays, 'is not a CloudWatch Logs retention value', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
  }
}
