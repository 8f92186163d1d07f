import { Fail } from '../../src/config/layers/fail';
import { PARTNER_FUNCTION_NAMES } from '../../src/config/systems/partner-mgmt/functions';
import { EnvironmentConfig } from '../../src/config/types';

/** What partner management's layers read from each other by name; each must be configured. */
const REQUIRED = {
  tables: ['analysis-results', 'user-sessions', 'analysis-history'],
  buckets: ['data-lake', 'athena-results', 'backups', 'frontend-site'],
  secrets: ['integration_credentials'],
  apiKeys: ['dashboard'],
} as const;

/**
 * Partner management's cross-section checks: the tables, buckets, secret and API key the layers
 * use by name, one function entry and one security group per function, and a consistent DR setup
 * (a standby needs the secondary VPC and replicated data).
 */
export function validatePartnerMgmt(config: EnvironmentConfig, fail: Fail): void {
  const { network, data, compute } = config;
  const missing = (field: string, have: readonly string[], wanted: readonly string[], why: string) => {
    const absent = wanted.filter((name) => !have.includes(name));
    if (absent.length > 0) fail(field, [...have], `lacks ${absent.map((n) => `"${n}"`).join(', ')}, which ${why}`, `add ${absent.join(', ')}`);
  };
  if (data?.cache) fail('data.cache', '(set)', 'is not built by partner-mgmt', 'remove it');
  if (config.compute?.internalLoadBalancerTls !== undefined) fail('compute.internalLoadBalancerTls', config.compute.internalLoadBalancerTls, 'is not built by partner-mgmt (it has no load balancer)', 'remove it');
  if (config.governance?.centralLogging) fail('governance.centralLogging', config.governance.centralLogging.bucketName, 'is not built by partner-mgmt (its load balancer and WAF logs would stay in the account)', 'remove it; bird-agent builds central logging');
  for (const [purpose, bucket] of Object.entries(data?.buckets ?? {})) {
    // partner-mgmt decides each bucket's encryption (SSE-S3 for the CloudFront site, the data key otherwise).
    if (bucket.encryption !== undefined) fail(`data.buckets.${purpose}.encryption`, bucket.encryption, 'is decided by partner-mgmt', 'remove it');
  }
  if (Object.keys(data?.databases ?? {}).length > 0) fail('data.databases', Object.keys(data!.databases!), 'are not built by partner-mgmt (a serverless system)', 'remove them');
  missing('data.tables', Object.keys(data?.tables ?? {}), REQUIRED.tables, 'the functions use');
  missing('data.buckets', Object.keys(data?.buckets ?? {}), REQUIRED.buckets, 'the functions, the backup plan and the dashboard use');
  missing('data.secrets', (data?.secrets ?? []).map((s) => s.id), REQUIRED.secrets, 'the analysis functions read');
  missing('compute.functions', Object.keys(compute?.functions ?? {}), PARTNER_FUNCTION_NAMES, 'the seed defines');
  missing('network.securityGroups', Object.keys(network?.securityGroups ?? {}), PARTNER_FUNCTION_NAMES, 'the functions attach (one per function role)');
  if (!data?.analytics) fail('data.analytics', undefined, 'is required: data-retrieval queries the lake with Athena', 'add an analytics section');
  if (!compute?.restApi) fail('compute.restApi', undefined, 'is required: the dashboard and integrations call the API', 'add a restApi section');
  missing('compute.restApi.apiKeys', compute!.restApi!.apiKeys, REQUIRED.apiKeys, 'CloudFront sends for the dashboard');
  if (!config.ai?.inferenceProfileIds?.length && !config.ai?.modelIds.length) fail('ai.modelIds', config.ai?.modelIds, 'is empty', 'list the Titan and Nova models of the seed');
  if (compute?.standbyInSecondaryRegion) {
    if (!network?.secondary) fail('network.secondary', undefined, 'is required by compute.standbyInSecondaryRegion: the standby functions run in the DR VPC', 'add network.secondary');
    if (!data?.replicateToSecondaryRegion) fail('data.replicateToSecondaryRegion', data?.replicateToSecondaryRegion, 'must be true with compute.standbyInSecondaryRegion: the standby reads the replicated tables', 'turn replication on');
  }
}
