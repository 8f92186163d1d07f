import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../src/core/samples';
import { addAurora } from './data-aurora';
import { addBackup } from './data-backup';
import { addBuckets } from './data-buckets';
import { DataKeys, DataScope, DrPlacement } from './data-scope';
import { addSecrets, addTablesAndCache } from './data-stores';

/** The seed's keys: name, what they encrypt, and the service their key policy admits ("service access"). */
const KEYS = [
  ['rds', 'Encryption key for RDS Aurora (also the DynamoDB tables, Redis and the backup vaults)', 'rds.amazonaws.com'],
  ['s3', 'Encryption key for S3 buckets', 's3.amazonaws.com'],
  ['secrets', 'Encryption key for Secrets Manager', 'secretsmanager.amazonaws.com'],
] as const;

/**
 * bird-agent data layer (the seed's "Storage Architecture", "Database Infrastructure", "KMS Key
 * Management", "Secrets Manager" and "Disaster Recovery and Backup"): the rds, s3 and secrets keys;
 * Aurora PostgreSQL with two readers and reader auto scaling, in prod an Aurora Global Database with
 * a secondary cluster in us-west-2 (data-aurora.ts); the three DynamoDB tables (global tables in
 * prod) and Redis (data-stores.ts); the media, logs and config buckets, replicated to `-west`
 * buckets in prod (data-buckets.ts); the seed's secrets; AWS Backup with cross-region copies
 * (data-backup.ts).
 */
export class BirdAgentDataStack extends LayerStack {
  readonly keys: DataKeys;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const { config } = this;
    const data = this.section('data');
    const network = this.upstream('network');
    const dr = data.replicateToSecondaryRegion ? { region: config.secondaryRegion!, provider: this.secondaryProvider } : undefined;
    this.keys = this.addKeys(dr);
    const at: DataScope = { stack: this, network, keys: this.keys, dr };

    const generates = (data.secrets ?? []).some((s) => s.generatedLength !== undefined) || Object.values(data.databases ?? {}).some((db) => db.globalSecondary);
    if (generates) new RandomProvider(this, 'random');
    const secrets = addSecrets(at);
    const aurora = addAurora(at);
    const tables = addTablesAndCache(at, secrets);
    const buckets = addBuckets(at);
    if (data.backup) addBackup(at, data.backup, { databases: aurora ? [aurora.arn] : [], tables: tables.map((t) => t.arn), buckets: buckets.map((b) => b.arn) });
  }

  /**
   * The three keys, rotated yearly, each with an explicit policy: the account administers it
   * through IAM (admin access, and application access through the roles' own policies) and its
   * service may use it for this account's resources (service access). Aliases are per environment
   * (`alias/bird-agent/<env>/rds`) so two environments can share an account.
   */
  private addKeys(dr: DrPlacement | undefined): DataKeys {
    const { config, prefix } = this;
    const account = config.accountId;
    const seed = this.node.id;
    const build = (label: '' | 'dr', region: string, provider?: TerraformProvider) =>
      Object.fromEntries(
        KEYS.map(([name, purpose, service]) => {
          const key = new EncryptionKey(this, label ? `dr-${name}-key` : `${name}-key`, {
            alias: `${config.system}/${config.env}/${name}`,
            description: `${prefix}-${name}-key: ${purpose}${label ? ` (${region} replicas)` : ''}`,
            accountId: account,
            services: [{ servicePrincipal: service, conditions: { StringEquals: { 'aws:SourceAccount': account } } }],
            provider,
          });
          const output = `${label ? 'dr_' : ''}${name}_kms_key_arn`;
          this.publish(output, key.arn, {
            description: `ARN of ${prefix}-${name}-key (${key.aliasName}) in ${region}`,
            sample: sampleArn({ service: 'kms', region, account, resource: `key/${sampleUuid(`${seed}:${label}${name}`)}` }),
          });
          return [name, key];
        }),
      ) as Record<(typeof KEYS)[number][0], EncryptionKey>;
    const primary = build('', config.region);
    return dr ? { ...primary, dr: build('dr', dr.region, dr.provider) } : primary;
  }
}
