import { TerraformProvider } from 'cdktf';
import { RegionalWebAcl, WebAclRuleSpec } from '../../src/constructs/edge/regional-web-acl';
import { LayerStack } from '../../src/core/layer-stack';

/** The seed's countries ("Block CN, RU, KP"), the default of `edge.wafBlockedCountries`. */
export const SEED_BLOCKED_COUNTRIES: readonly string[] = ['CN', 'RU', 'KP'];

/**
 * Priority of the Bird.com allowlist: after the managed rule groups (1, 2), before the rate limit
 * (10) and the geo block (20). The seed's 30 would come after both blocks, where an allow changes
 * nothing (the default action allows already): Bird.com relays every end user's messages from a
 * few addresses, so it is the caller most likely to hit a per-IP limit of 2000 per 5 minutes, and
 * it must never be geo-blocked. Before the managed groups it would also skip the core rule set
 * and known bad inputs, which inspect the end users' content Bird.com relays; so it sits between.
 */
export const ALLOWLIST_PRIORITY = 5;

/** The seed's web ACL rules with their priorities (docs/DEVIATIONS.md: the allowlist moves from 30 to 5). */
export function birdAgentWafRules(rateLimit: number, blockedCountries: readonly string[], allowedIps: readonly string[]): WebAclRuleSpec[] {
  return [
    { kind: 'managed', name: 'AWSManagedRulesCommonRuleSet', priority: 1 },
    { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 2 },
    ...(allowedIps.length > 0 ? [{ kind: 'ip-allow' as const, name: 'BirdComAllowlist', priority: ALLOWLIST_PRIORITY, addresses: allowedIps }] : []),
    { kind: 'rate-limit', name: 'RateLimitRule', limit: rateLimit, priority: 10 },
    ...(blockedCountries.length > 0 ? [{ kind: 'geo-block' as const, name: 'GeoBlockingRule', countryCodes: blockedCountries, priority: 20 }] : []),
  ];
}

/** One region's web ACL and the stage it protects. */
export interface BirdAgentWebAcl {
  readonly acl: RegionalWebAcl;
  /** Region of the ACL (the `Region` dimension of its metrics). */
  readonly region: string;
}

/**
 * The seed's `bird-agent-waf` as `<prefix>-waf`, REGIONAL, on the REST API stage; in prod the
 * same ACL in the DR region on the standby API's stage. Logs go to `aws-waf-logs-<prefix>` (WAF
 * only delivers to log groups named `aws-waf-logs-*`; the seed's `/aws/wafv2/...` is refused), KMS
 * encrypted with the region's logs key; with `governance.centralLogging.wafBucketName` the primary
 * ACL's logs go to that bucket in the logging account instead (the standby's stay in its log group).
 */
export function addWebAcls(stack: LayerStack, inputs: { readonly stageArn: string; readonly logsKmsKeyArn: string; readonly dr?: { readonly stageArn: string; readonly logsKmsKeyArn: string; readonly provider: TerraformProvider; readonly region: string } }): BirdAgentWebAcl[] {
  const { prefix, config } = stack;
  const edge = stack.section('edge');
  const rules = birdAgentWafRules(edge.wafRateLimit ?? 2000, edge.wafBlockedCountries ?? SEED_BLOCKED_COUNTRIES, edge.wafAllowedIps ?? []);
  // With a central logging account, the primary ACL's request logs go to its aws-waf-logs-* bucket.
  const wafBucket = config.governance?.centralLogging?.wafBucketName;
  const acl = (id: string, stageArn: string, logsKmsKeyArn: string, provider?: TerraformProvider, logBucketArn?: string) =>
    new RegionalWebAcl(stack, id, {
      name: `${prefix}-waf`,
      rules,
      associateWith: [stageArn],
      logGroupName: `aws-waf-logs-${prefix}`,
      logRetentionDays: edge.wafLogRetentionDays ?? 30,
      logsKmsKeyArn,
      logBucketArn,
      provider,
    });
  const acls: BirdAgentWebAcl[] = [{ acl: acl('waf', inputs.stageArn, inputs.logsKmsKeyArn, undefined, wafBucket && `arn:aws:s3:::${wafBucket}`), region: config.region }];
  if (inputs.dr) acls.push({ acl: acl('dr-waf', inputs.dr.stageArn, inputs.dr.logsKmsKeyArn, inputs.dr.provider), region: inputs.dr.region });
  return acls;
}
