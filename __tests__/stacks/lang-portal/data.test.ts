import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalConfigError, langPortalStacks } from './helpers';

const clusters = (json: Json) => Object.fromEntries(resourcesOf(json, 'aws_rds_cluster').map(([, c]) => [c.cluster_identifier, c]));

describe('lang-portal data layer', () => {
  const devStacks = langPortalStacks('dev', 'data');
  const dev = synthJson(devStacks.data);
  const prod = synthJson(langPortalStacks('prod', 'data').data);

  test('two Aurora PostgreSQL clusters, encrypted, 7+ days of backups, log exports, managed master secrets', () => {
    for (const json of [dev, prod]) {
      const env = json === dev ? 'dev' : 'prod';
      const all = clusters(json);
      expect(Object.keys(all).sort()).toEqual([`lang-portal-${env}-haiku`, `lang-portal-${env}-lang-portal`]);
      for (const c of Object.values<Json>(all)) {
        expect(c.engine).toBe('aurora-postgresql');
        expect(c.storage_encrypted).toBe(true);
        expect(c.backup_retention_period).toBeGreaterThanOrEqual(7);
        expect(c.enabled_cloudwatch_logs_exports).toEqual(['postgresql']);
        expect(c.manage_master_user_password).toBe(true);
        expect(c.iam_database_authentication_enabled).toBe(true);
        expect(c.deletion_protection).toBe(env === 'prod');
      }
    }
  });

  test('db.r6g.large writer plus a reader in prod, one small writer in dev; Performance Insights and enhanced monitoring on', () => {
    const instances = (json: Json) => resourcesOf(json, 'aws_rds_cluster_instance').map(([, i]) => i);
    expect(instances(prod).map((i) => i.instance_class)).toEqual(Array(4).fill('db.r6g.large'));
    expect(instances(dev).map((i) => i.instance_class)).toEqual(Array(2).fill('db.t4g.medium'));
    for (const i of [...instances(dev), ...instances(prod)]) {
      expect(i.performance_insights_enabled).toBe(true);
      expect(i.monitoring_interval).toBe(60);
    }
  });

  test('an RDS Proxy per cluster: IAM auth required, TLS required, pooling, and a read-only endpoint in prod', () => {
    const proxies = resourcesOf(prod, 'aws_db_proxy').map(([, p]) => p);
    expect(proxies.map((p) => p.name).sort()).toEqual(['lang-portal-prod-haiku', 'lang-portal-prod-lang-portal']);
    for (const p of proxies) {
      expect(p.require_tls).toBe(true);
      expect(p.auth[0].iam_auth).toBe('REQUIRED');
    }
    const pools = resourcesOf(prod, 'aws_db_proxy_default_target_group').map(([, g]) => g.connection_pool_config);
    expect(pools.every((c) => c.max_connections_percent === 90)).toBe(true);
    expect(resourcesOf(prod, 'aws_db_proxy_endpoint').map(([, e]) => [e.db_proxy_endpoint_name, e.target_role]).sort()).toEqual([
      ['lang-portal-prod-haiku-read-only', 'READ_ONLY'],
      ['lang-portal-prod-lang-portal-read-only', 'READ_ONLY'],
    ]);
    expect(resourcesOf(dev, 'aws_db_proxy_endpoint')).toEqual([]);
    expect(prod.output.lang_portal_proxy_read_only_endpoint).toBeDefined();
  });

  test('DATABASE_URL secrets point at the proxy with TLS and hold no password', () => {
    const versions = resourcesOf(dev, 'aws_secretsmanager_secret_version').map(([, v]) => v.secret_string).filter((s) => String(s).startsWith('postgresql://'));
    expect(versions.sort()).toEqual([
      'postgresql://postgres@${aws_db_proxy.haiku-proxy_5E4487F9.endpoint}:5432/haiku?sslmode=require',
      'postgresql://postgres@${aws_db_proxy.lang-portal-proxy_8E6DE65F.endpoint}:5432/lang_portal?sslmode=require',
    ]);
  });

  test('buckets: frontends and haiku media readable by CloudFront only, every bucket private and TLS-only', () => {
    const names = resourcesOf(dev, 'aws_s3_bucket').map(([, b]) => b.bucket).sort();
    expect(names).toEqual(['haiku-frontend', 'haiku-media', 'lang-portal-frontend', 'lang-portal-media', 'logs', 'pipeline-artifacts'].map((p) => `lang-portal-dev-${p}-701000000001`));
    for (const [, block] of resourcesOf(dev, 'aws_s3_bucket_public_access_block')) expect(block.restrict_public_buckets).toBe(true);
    const policies = resourcesOf(dev, 'aws_s3_bucket_policy').map(([, p]) => JSON.parse(p.policy));
    expect(policies.every((p) => p.Statement.some((s: Json) => s.Sid === 'DenyInsecureTransport'))).toBe(true);
    const cloudFront = policies.filter((p) => p.Statement.some((s: Json) => s.Principal?.Service === 'cloudfront.amazonaws.com')).length;
    expect(cloudFront).toBe(3);
  });

  test('Cognito: an app client per app on the shared domain, 1 h tokens, 30-day refresh, remembered devices, audit mode', () => {
    const pool = onlyResource(dev, 'aws_cognito_user_pool');
    expect(pool.user_pool_add_ons.advanced_security_mode).toBe('AUDIT');
    expect(pool.device_configuration).toEqual({ challenge_required_on_new_device: true, device_only_remembered_on_user_prompt: true });
    const clients = resourcesOf(dev, 'aws_cognito_user_pool_client').map(([, c]) => c);
    expect(clients.map((c) => c.callback_urls[0]).sort()).toEqual(['haiku', 'lang-portal', 'vocab', 'writing'].map((s) => `https://${s}.dev.app-dw.net/auth/callback`));
    for (const c of clients) {
      expect([c.access_token_validity, c.id_token_validity, c.refresh_token_validity]).toEqual([1, 1, 30]);
      expect(c.token_validity_units).toEqual([{ access_token: 'hours', id_token: 'hours', refresh_token: 'days' }]);
    }
    const identities = onlyResource(dev, 'aws_cognito_identity_pool');
    expect(identities.allow_unauthenticated_identities).toBe(false);
    expect(identities.cognito_identity_providers).toHaveLength(4);
  });

  test('five ECR repositories', () => {
    expect(resourcesOf(dev, 'aws_ecr_repository').map(([, r]) => r.name).sort()).toEqual(
      ['haiku-api', 'lang-portal-api', 'vocab-generator-backend', 'vocab-generator-frontend', 'writing-practice'].map((n) => `lang-portal-dev-${n}`),
    );
  });

  test.each([
    [(c: any) => (c.data.databases.haiku.instanceClass = 'db.r6g.huge'), 'data.databases.haiku.instanceClass = "db.r6g.huge" has no size huge in family r6g'],
    [(c: any) => (c.data.databases.haiku.readerCount = 16), 'data.databases.haiku.readerCount = 16 is not 0 to 15 readers'],
    [(c: any) => (c.data.databases.haiku.readOnlyProxyEndpoint = true), 'data.databases.haiku.readOnlyProxyEndpoint = true needs a reader'],
    [(c: any) => (c.data.databases.haiku.performanceInsightsRetentionDays = 30), 'is not a Performance Insights retention'],
    [(c: any) => delete c.data.databases.haiku, 'data.databases = ["lang-portal"] lacks "haiku", which the APIs store their data in'],
    [(c: any) => (c.data.userPool.refreshTokenValidityDays = 0), 'data.userPool.refreshTokenValidityDays = 0 is outside the 1-3650 days Cognito allows'],
    [(c: any) => (c.data.userPool.hostedUiSubdomain = 'Auth!'), 'data.userPool.hostedUiSubdomain = "Auth!" is not a DNS label'],
    [(c: any) => delete c.data.userPool.appClients.haiku, 'data.userPool.appClients = ["lang-portal","vocab","writing"] lacks "haiku"'],
    [(c: any) => (c.network.networkAcls.databasePorts = [70000]), 'network.networkAcls.databasePorts[0] = 70000 is not a port'],
    [(c: any) => (c.compute.httpApi.throttle.burstLimit = 6000), 'compute.httpApi.throttle.burstLimit = 6000 is outside the 1-5000 burst'],
    [(c: any) => (c.compute.services['haiku-apii'] = c.compute.services['haiku-api']), 'has "haiku-apii", which is not an app of lang-portal'],
    [(c: any) => (c.edge.delivery.repository = 'not a repo'), 'edge.delivery.repository = "not a repo" is not a GitHub owner/name'],
    [(c: any) => (c.ai.modelIds = ['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.titan-embed-text-v2:0']), 'ai.modelIds = ["anthropic.claude-3-5-haiku-20241022-v1:0","amazon.titan-embed-text-v2:0"] has no image model'],
  ])('bad configuration is one clear line (%#)', (change, message) => {
    const error = langPortalConfigError(change);
    expect(error).toContain(message);
    expect(error.split('\n')).toHaveLength(1);
  });

  test('prod: one AWS Backup plan (daily 35 days, monthly 365) selects both clusters, its vault under the data key; none in dev', () => {
    const selection = onlyResource(prod, 'aws_backup_selection');
    expect(selection.resources.sort()).toEqual(Object.keys(prod.resource.aws_rds_cluster).map((name) => `\${aws_rds_cluster.${name}.arn}`).sort());
    expect(selection.resources).toHaveLength(2);
    const plan = onlyResource(prod, 'aws_backup_plan');
    expect(plan.rule.map((r: Json) => [r.rule_name, r.schedule, r.lifecycle.delete_after])).toEqual([
      ['daily', 'cron(0 5 ? * * *)', 35],
      ['monthly', 'cron(0 7 1 * ? *)', 365],
    ]);
    expect(onlyResource(prod, 'aws_backup_vault').kms_key_arn).toMatch(/^\$\{aws_kms_key\.data-key_\w+\.arn\}$/);
    expect(resourcesOf(dev, 'aws_backup_plan')).toEqual([]);
  });

  test('plans offline against the real provider', () => {
    expectOfflinePlan(dev, [devStacks.network]);
  }, 300_000);
});

describe('lang-portal refuses shared options its layers do not build', () => {
  test.each([
    [(c: any) => { c.data.databases.haiku.rdsProxy = false; delete c.data.databases.haiku.readOnlyProxyEndpoint; }, 'data.databases.haiku.rdsProxy = false turns off the proxy the apps connect through'],
    [(c: any) => (c.data.databases.haiku.readerAutoScaling = { minReaders: 1, maxReaders: 2 }), 'data.databases.haiku.readerAutoScaling = "(set)" is not built by lang-portal'],
    [(c: any) => (c.data.buckets['haiku-media'].encryption = 'KMS'), 'data.buckets.haiku-media.encryption = "KMS" is decided by lang-portal'],
  ])('%#', (change, message) => {
    expect(langPortalConfigError(change)).toContain(message);
  });
});

describe('lang-portal data layer: recovery classes and cross-region replication', () => {
  const dev = synthJson(langPortalStacks('dev', 'data').data);
  const prod = synthJson(langPortalStacks('prod', 'data').data);
  const byName = (json: Json) => Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([id, b]) => [b.bucket, { id, bucket: b }]));
  const CLASSES: Record<string, string> = {
    'lang-portal-frontend': 'rebuildable',
    'haiku-frontend': 'rebuildable',
    'lang-portal-media': 'critical',
    'haiku-media': 'critical',
    'pipeline-artifacts': 'rebuildable',
    logs: 'log',
  };

  test('every bucket carries its RecoveryClass tag, in dev as in prod', () => {
    for (const [json, env, account] of [[dev, 'dev', '701000000001'], [prod, 'prod', '701000000003']] as const) {
      for (const [purpose, cls] of Object.entries(CLASSES)) expect(byName(json)[`lang-portal-${env}-${purpose}-${account}`].bucket.tags).toEqual({ RecoveryClass: cls });
    }
  });

  test('prod: the two media buckets replicate into us-west-2 replicas (DR key, DR logs bucket); dev replicates nothing', () => {
    const buckets = byName(prod);
    const configs = resourcesOf(prod, 'aws_s3_bucket_replication_configuration').map(([, c]) => c);
    expect(configs).toHaveLength(2);
    for (const purpose of ['lang-portal-media', 'haiku-media']) {
      const source = buckets[`lang-portal-prod-${purpose}-701000000003`];
      const replica = buckets[`lang-portal-prod-${purpose}-dr-701000000003`];
      expect(replica.bucket).toMatchObject({ provider: 'aws.us_west_2', tags: { RecoveryClass: 'critical' } });
      const config = configs.find((c) => c.bucket === `\${aws_s3_bucket.${source.id}.bucket}`)!;
      expect(config.rule[0].destination.bucket).toBe(`\${aws_s3_bucket.${replica.id}.arn}`);
    }
    expect(buckets['lang-portal-prod-dr-logs-701000000003'].bucket).toMatchObject({ provider: 'aws.us_west_2', tags: { RecoveryClass: 'log' } });
    expect(resourcesOf(dev, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
  });
});
