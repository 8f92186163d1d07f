import { Fail } from '../../src/config/layers/fail';
import { APPS, SITES } from '../../src/config/systems/lang-portal/apps';
import { EnvironmentConfig } from '../../src/config/types';
import { isImageModel } from './ai';

/**
 * lang-portal's cross-section checks: every app of apps.ts has its service sizing, repository,
 * security group, database, buckets, secrets and app client configured; the proxies and clusters
 * have their groups; the sites have their buckets; the HTTP API and an image model exist because
 * the apps use them.
 */
export function validateLangPortal(config: EnvironmentConfig, fail: Fail): void {
  const { network, data, compute, edge, ai } = config;
  const missing = (field: string, have: readonly string[], wanted: readonly string[], why: string) => {
    const absent = [...new Set(wanted)].filter((name) => !have.includes(name));
    if (absent.length > 0) fail(field, [...have], `lacks ${absent.map((n) => `"${n}"`).join(', ')}, which ${why}`, `add ${absent.join(', ')}`);
  };
  const apps = APPS.map((app) => app.name);
  const services = Object.keys(compute?.services ?? {});
  missing('compute.services', services, apps, 'the seed runs as ECS services');
  const extra = services.filter((name) => !apps.includes(name));
  if (extra.length > 0) fail('compute.services', services, `has ${extra.map((n) => `"${n}"`).join(', ')}, which is not an app of lang-portal`, `use only ${apps.join(', ')} (src/config/systems/lang-portal/apps.ts)`);
  missing('data.containerRepositories', data?.containerRepositories ?? [], apps, 'the services pull their images from');
  const databases = APPS.flatMap((app) => (app.database ? [app.database] : []));
  missing('data.databases', Object.keys(data?.databases ?? {}), databases, 'the APIs store their data in');
  // Options the shared config offers that lang-portal's layers do not build: refuse rather than ignore.
  for (const [name, db] of Object.entries(data?.databases ?? {})) {
    if (db.rdsProxy === false) fail(`data.databases.${name}.rdsProxy`, false, 'turns off the proxy the apps connect through (DATABASE_URL points at it)', 'remove rdsProxy');
    if (db.readerAutoScaling) fail(`data.databases.${name}.readerAutoScaling`, '(set)', 'is not built by lang-portal (readers are readerCount)', 'remove it and set readerCount');
    if (db.globalSecondary) fail(`data.databases.${name}.globalSecondary`, '(set)', 'is not built by lang-portal (a single-region system)', 'remove it');
  }
  if (data?.cache) fail('data.cache', '(set)', 'is not built by lang-portal', 'remove it');
  if (config.compute?.internalLoadBalancerTls !== undefined) fail('compute.internalLoadBalancerTls', config.compute.internalLoadBalancerTls, 'is not built by lang-portal (its load balancer listens on HTTPS already)', 'remove it');
  if (config.governance?.centralLogging) fail('governance.centralLogging', config.governance.centralLogging.bucketName, 'is not built by lang-portal (its load balancer and WAF logs would stay in the account)', 'remove it; bird-agent builds central logging');
  for (const [purpose, bucket] of Object.entries(data?.buckets ?? {})) {
    if (bucket.encryption !== undefined) fail(`data.buckets.${purpose}.encryption`, bucket.encryption, 'is decided by lang-portal (SSE-S3 for CloudFront-served buckets, the data key otherwise)', 'remove it');
  }
  const buckets = [...SITES.map((s) => s.bucket), ...APPS.flatMap((app) => (app.mediaBucket ? [app.mediaBucket] : [])), ...(edge?.delivery ? ['pipeline-artifacts'] : [])];
  missing('data.buckets', Object.keys(data?.buckets ?? {}), buckets, 'the sites, the media and the pipelines use');
  missing('data.secrets', (data?.secrets ?? []).map((s) => s.id), ['jwt_secret', 'lang_portal_api_key'], 'the apps read (jwt-secret, lang-portal-api-key)');
  const groups = [
    'alb',
    'api-vpc-link',
    ...APPS.map((app) => app.securityGroup),
    ...databases.flatMap((db) => [`${db}-aurora`, `${db}-rds-proxy`]),
  ];
  missing('network.securityGroups', Object.keys(network?.securityGroups ?? {}), groups, 'the ALB, the VPC link, the apps, the clusters and the proxies attach');
  if (!data?.userPool) fail('data.userPool', undefined, 'is required: every app signs in through Cognito', 'add a userPool section with appClients');
  missing('data.userPool.appClients', Object.keys(data!.userPool!.appClients ?? {}), SITES.map((s) => s.name), 'the HTTP APIs accept as JWT audiences');
  if (!compute?.httpApi) fail('compute.httpApi', undefined, 'is required: the lang-portal and haiku APIs are reached through API Gateway', 'add httpApi with a throttle');
  if (APPS.some((app) => app.capabilities.includes('bedrock-image')) && !(ai?.modelIds ?? []).some(isImageModel)) {
    fail('ai.modelIds', ai?.modelIds, 'has no image model, which the Lang Portal API uses for image generation', 'add stability.stable-image-core-v1:1 (or another Bedrock image model)');
  }
}
