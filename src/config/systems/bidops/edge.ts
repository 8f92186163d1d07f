import { EnvName } from '../../../core/names';
import { EdgeLayerConfig } from '../../layers/edge';

/**
 * BidOps.ai edge: prod serves bidops.ai; dev and staging get their own delegated subdomains. WAF per the
 * seed's "AWS WAF Configuration (Detailed)"; Shield Advanced stays off (seed: $3,000/month, "enabled: false").
 */
export function bidopsEdge(env: EnvName): EdgeLayerConfig {
  return {
    domainName: env === 'prod' ? 'bidops.ai' : `${env}.bidops.ai`,
    enableShieldAdvanced: false,
    wafRateLimit: 2000,
    wafBlockedCountries: ['CN', 'RU', 'KP'],
    // WAF logs are security-class (src/config/retention-classes.ts): a year in prod.
    wafLogRetentionDays: env === 'prod' ? 365 : 30,
  };
}
