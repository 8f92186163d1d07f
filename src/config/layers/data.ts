import { RecoveryClass } from '../recovery-classes';
import { MONITORING_INTERVALS, MonitoringInterval } from '../../constructs/database/aurora-common';
import { OPENSEARCH_INSTANCE_TYPES, OPENSEARCH_VERSIONS, auroraPostgresVersionProblem, instanceTypeProblem } from '../aws-catalog';
import { nearest } from '../aws-limits';
import { AnalyticsConfig, validateAnalytics } from './analytics';
import { BackupConfig, validateBackup } from './backup';
import { Fail, LOG_RETENTION_DAYS } from './fail';
import { TableConfig, validateTables } from './tables';
import { ProvisionedDatabaseConfig, validateDatabases } from './databases';
import { CacheConfig, validateCache } from './cache';

/** Configuration of the data layer (databases, search, buckets, identity, registries, secrets). */
export interface DataLayerConfig {
  /** @default - the system has no Aurora database */
  readonly aurora?: AuroraConfig;
  /** @default - the system has no OpenSearch domain */
  readonly search?: SearchDomainConfig;
  /**
   * Application buckets by purpose (lower-case, dashes), besides the always-present `logs` bucket.
   * Each is named `<system>-<env>-<purpose>-<accountId>` and published as `<purpose>_bucket_name/arn`
   * (dashes become underscores).
   * @default {}
   */
  readonly buckets?: Readonly<Record<string, BucketLifecycleConfig>>;
  /**
   * Days the logs bucket (ALB and S3 server access logs) keeps objects.
   * @default 90
   */
  readonly logsBucketExpirationDays?: number;
  /**
   * Move log objects to GLACIER (Flexible Retrieval) after this many days (at least 60: from 60
   * days of retention they sit in STANDARD_IA from day 30), before `logsBucketExpirationDays`.
   * @default - no Glacier transition
   */
  readonly logsBucketGlacierAfterDays?: number;
  /** @default - the system has no Cognito user pool */
  readonly userPool?: UserPoolConfig;
  /**
   * ECR repositories to create, by short name; each is `<system>-<env>-<name>`.
   * @default []
   */
  readonly containerRepositories?: readonly string[];
  /**
   * How many images of each tag family the ECR lifecycle keeps.
   * @default { prodImagesKept: 10, devImagesKept: 5, untaggedExpiryDays: 1 }
   */
  readonly containerImageRetention?: ContainerImageRetentionConfig;
  /**
   * Turn on Amazon Inspector enhanced (continuous) scanning for this env's repositories. A
   * registry-wide setting: the account must be dedicated to the environment.
   * @default false - basic scan on push only
   */
  readonly enhancedImageScanning?: boolean;
  /**
   * Application secrets in Secrets Manager, named `<system>/<env>/<name>`.
   * @default []
   */
  readonly secrets?: readonly AppSecretConfig[];
  /**
   * Retention of the data layer's CloudWatch log groups (Aurora, OpenSearch).
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * DynamoDB tables keyed by name; each is `<system>-<env>-<name>`.
   * @default {}
   */
  readonly tables?: Readonly<Record<string, TableConfig>>;
  /**
   * Replicate every table (DynamoDB global tables) and every bucket marked `replicate` into the
   * environment's `secondaryRegion`.
   * @default false
   */
  readonly replicateToSecondaryRegion?: boolean;
  /** @default - no Athena workgroup or Glue catalog */
  readonly analytics?: AnalyticsConfig;
  /** @default - no AWS Backup plan */
  readonly backup?: BackupConfig;
  /**
   * Provisioned Aurora PostgreSQL clusters keyed by name, each behind an RDS Proxy; named
   * `<system>-<env>-<name>` and published as `<name>_cluster_*`, `<name>_proxy_*` (dashes become underscores).
   * @default {}
   */
  readonly databases?: Readonly<Record<string, ProvisionedDatabaseConfig>>;
  /** @default - no Redis */
  readonly cache?: CacheConfig;
}

export interface AuroraConfig {
  /** Aurora PostgreSQL engine version, for example `16.4`. */
  readonly engineVersion: string;
  /** Minimum Aurora Serverless v2 capacity in ACU; 0 allows auto-pause. */
  readonly minCapacity: number;
  /** Maximum Aurora Serverless v2 capacity in ACU (at most 256). */
  readonly maxCapacity: number;
  /**
   * Seconds of inactivity before an Aurora Serverless v2 cluster pauses (needs `minCapacity` 0).
   * @default - no auto-pause
   */
  readonly autoPauseSeconds?: number;
  /** Number of cluster instances: one writer plus readers. */
  readonly instanceCount: number;
  /** Automated backup retention in days (1-35). */
  readonly backupRetentionDays: number;
  /**
   * Name of the initial database.
   * @default - the system name
   */
  readonly databaseName?: string;
  /**
   * Master user name (its password is generated and rotated by RDS in Secrets Manager).
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /**
   * Days between rotations of the RDS-managed master user secret (1-365).
   * @default 7 (the RDS default)
   */
  readonly masterPasswordRotationDays?: number;
  /**
   * Alarm when DatabaseConnections exceeds this (per instance, 5-minute average).
   * @default 500
   */
  readonly connectionsAlarmThreshold?: number;
  /**
   * Alarm when ReadLatency exceeds this many seconds (5-minute average; the seed's DatabaseSlowQueries).
   * @default 0.2
   */
  readonly readLatencyAlarmSeconds?: number;
  /**
   * Enhanced Monitoring granularity in seconds: 0 (off), 1, 5, 10, 15, 30 or 60 (the policy pack's
   * RDS-07 requires it in prod).
   * @default 0
   */
  readonly monitoringIntervalSeconds?: MonitoringInterval;
}

export interface SearchDomainConfig {
  /** Engine version, for example `OpenSearch_2.19`. */
  readonly engineVersion: string;
  /** Data node instance type, for example `t3.small.search`. */
  readonly instanceType: string;
  /** Data nodes; 2 or more spreads them over zones (zone awareness). */
  readonly instanceCount: number;
  /** gp3 EBS volume per node, in GiB (10-1024 here). */
  readonly volumeSizeGb: number;
  /**
   * Create the account's OpenSearch service-linked role (VPC domains need it; one per account).
   * @default false - the account already has it
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * Who may assume the domain's admin (fine-grained access control master) role: role ARNs of the
   * environment's account, `*` wildcards as in ArnLike.
   * @default - the account's IAM Identity Center AdministratorAccess roles:
   * `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_AdministratorAccess_*`
   */
  readonly adminPrincipalArns?: readonly string[];
  /**
   * Dedicated master nodes (3 or 5; needs 3+ data nodes so they spread over 3 AZs).
   * @default - none (data nodes are master-eligible)
   */
  readonly dedicatedMasters?: { readonly instanceType: string; readonly count: number };
}

export interface BucketLifecycleConfig {
  /**
   * Move current objects to STANDARD_IA after this many days (30 or more).
   * @default - no transition
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Delete current objects after this many days.
   * @default - never
   */
  readonly expireAfterDays?: number;
  /**
   * Move objects to S3 Intelligent-Tiering on day 0 (access-pattern driven tiering).
   * @default false
   */
  readonly intelligentTiering?: boolean;
  /**
   * Replicate the bucket into the environment's `secondaryRegion` wherever the environment sets
   * `replicateToSecondaryRegion` (so one bucket list serves every environment).
   * @default false
   */
  readonly replicate?: boolean;
  /**
   * What losing the bucket costs (src/config/recovery-classes.ts), written as its `RecoveryClass`
   * tag; prod `critical` buckets must replicate (policy rule S3-09).
   * @default - no tag
   */
  readonly recoveryClass?: RecoveryClass;
  /**
   * Move current objects to GLACIER (Flexible Retrieval) after this many days (30 or more after
   * `infrequentAccessAfterDays` when both are set).
   * @default - no Glacier transition
   */
  readonly glacierAfterDays?: number;
  /**
   * Abort incomplete multipart uploads after this many days (1-7). Every bucket already aborts
   * them after 7 days; a lower value adds a stricter rule.
   * @default 7
   */
  readonly abortIncompleteUploadsAfterDays?: number;
  /**
   * Delete current objects under a key prefix sooner than the rest, for example `{ 'temp/': 7 }`.
   * @default {}
   */
  readonly prefixExpirations?: Readonly<Record<string, number>>;
  /**
   * Default encryption: `KMS` (the layer's customer-managed bucket key) or `S3_MANAGED` (SSE-S3,
   * AES-256) where a reader cannot use the key or a seed asks for it.
   * @default - the layer's choice: KMS, SSE-S3 for buckets CloudFront serves
   */
  readonly encryption?: BucketEncryptionChoice;
}

export type BucketEncryptionChoice = 'KMS' | 'S3_MANAGED';

export type AdvancedSecurityMode = 'ENFORCED' | 'AUDIT' | 'OFF';

export interface UserPoolConfig {
  /**
   * Cognito threat protection. ENFORCED or AUDIT need the PLUS feature plan (chosen automatically).
   * @default 'ENFORCED'
   */
  readonly advancedSecurityMode?: AdvancedSecurityMode;
  /** RBAC groups (Cognito groups) users are put in; the app maps them to roles. */
  readonly groups: readonly UserGroupConfig[];
  /**
   * Subdomain of `edge.domainName` that serves the app; callback and logout URLs live there.
   * @default 'app'
   */
  readonly appSubdomain?: string;
  /**
   * Serve the hosted UI on `<hostedUiSubdomain>.<edge.domainName>` (a Cognito custom domain with a
   * us-east-1 certificate), so every app of the domain shares one sign-in session.
   * @default - the Cognito prefix domain only
   */
  readonly hostedUiSubdomain?: string;
  /**
   * One app client per app, keyed by name, each with the subdomain of `edge.domainName` that serves
   * it (callback `https://<subdomain>.<domain>/auth/callback`).
   * @default - one client for `appSubdomain`
   */
  readonly appClients?: Readonly<Record<string, { readonly subdomain: string }>>;
  /** @default 60 */
  readonly accessTokenValidityMinutes?: number;
  /** @default 60 */
  readonly idTokenValidityMinutes?: number;
  /** @default 30 */
  readonly refreshTokenValidityDays?: number;
  /**
   * Let users remember a device (it then stands in for the MFA code on that device).
   * @default false
   */
  readonly rememberDevices?: boolean;
  /**
   * A Cognito identity pool over the app clients (AWS credentials for signed-in users; guests when allowed).
   * @default - no identity pool
   */
  readonly identityPool?: { readonly allowUnauthenticatedIdentities: boolean };
}

export interface UserGroupConfig {
  /** Group name: lower-case letters, digits and dashes. */
  readonly name: string;
  readonly description: string;
  /** Lower wins when a user is in several groups (0 or more, unique). */
  readonly precedence: number;
}

export interface ContainerImageRetentionConfig {
  /** Images tagged `prod*` kept. */
  readonly prodImagesKept: number;
  /** Images tagged `dev*` kept. */
  readonly devImagesKept: number;
  /** Days an untagged image is kept. */
  readonly untaggedExpiryDays: number;
}

export interface AppSecretConfig {
  /** Output key: the secret's ARN is published as `<id>_secret_arn`. snake_case. */
  readonly id: string;
  /** Name under `<system>/<env>/`, for example `api/jwt-secret`. */
  readonly name: string;
  readonly description: string;
  /**
   * Generate the value (random_password of this many characters) and store it as a version.
   * @default - no version: the value is set out of band
   */
  readonly generatedLength?: number;
}

const PURPOSE = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const GROUP = /^[a-z][a-z0-9-]{0,62}$/;
const SECRET_ID = /^[a-z][a-z0-9_]*$/;
const SECRET_NAME = /^[a-z0-9][a-z0-9/_-]{0,200}[a-z0-9]$/;

export function validateDataConfig(data: DataLayerConfig, fail: Fail, secondaryRegion?: string): void {
  validateAurora(data.aurora, fail);
  validateSearch(data.search, fail);
  validateBuckets(data, fail);
  validateUserPool(data.userPool, fail);
  validateRegistries(data, fail);
  validateSecrets(data.secrets ?? [], fail);
  if (data.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(data.logRetentionDays)) {
    fail('data.logRetentionDays', data.logRetentionDays, 'is not a retention CloudWatch Logs accepts', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  validateTables(data.tables ?? {}, fail);
  if (data.replicateToSecondaryRegion && !secondaryRegion) fail('data.replicateToSecondaryRegion', true, 'needs secondaryRegion', 'set secondaryRegion, or turn replication off');
  for (const [purpose, bucket] of Object.entries(data.buckets ?? {})) {
    if (bucket.intelligentTiering && bucket.infrequentAccessAfterDays !== undefined) {
      fail(`data.buckets.${purpose}.intelligentTiering`, true, 'conflicts with infrequentAccessAfterDays', 'choose Intelligent-Tiering or a fixed STANDARD_IA transition');
    }
  }
  if (data.analytics) validateAnalytics(data.analytics, Object.keys(data.buckets ?? {}), fail);
  if (data.backup) validateBackup(data.backup, secondaryRegion !== undefined, fail);
  validateDatabases(data.databases ?? {}, fail, secondaryRegion !== undefined);
  if (data.replicateToSecondaryRegion) {
    for (const [name, table] of Object.entries(data.tables ?? {})) {
      if (table.capacity !== undefined) {
        fail(`data.tables.${name}.capacity`, table.capacity, 'is provisioned, but replicateToSecondaryRegion makes every table a global table, which is on demand here', 'drop capacity where tables are replicated (on demand), or turn replication off');
      }
    }
  }
  if (data.cache) validateCache(data.cache, data.secrets ?? [], fail);
}

function validateAurora(db: AuroraConfig | undefined, fail: Fail): void {
  if (!db) return;
  const f = 'data.aurora';
  if (db.monitoringIntervalSeconds !== undefined && !MONITORING_INTERVALS.includes(db.monitoringIntervalSeconds)) {
    fail(`${f}.monitoringIntervalSeconds`, db.monitoringIntervalSeconds, 'is not an Enhanced Monitoring interval', `use one of ${MONITORING_INTERVALS.join(', ')} (0 turns it off)`);
  }
  const version = auroraPostgresVersionProblem(db.engineVersion);
  if (version) fail(`${f}.engineVersion`, db.engineVersion, version, 'use an offered major.minor, for example 16.4');
  if (!(db.minCapacity >= 0 && db.minCapacity <= 256 && (db.minCapacity * 2) % 1 === 0)) {
    fail(`${f}.minCapacity`, db.minCapacity, 'is not an ACU value from 0 to 256 in steps of 0.5', 'use 0, 0.5, 1, ...');
  }
  if (!(db.maxCapacity >= 1 && db.maxCapacity <= 256 && (db.maxCapacity * 2) % 1 === 0)) {
    fail(`${f}.maxCapacity`, db.maxCapacity, 'is not an ACU value from 1 to 256 in steps of 0.5', 'use 1, 1.5, 2, ...');
  }
  if (db.minCapacity > db.maxCapacity) {
    fail(`${f}.minCapacity`, db.minCapacity, `is greater than ${f}.maxCapacity (${db.maxCapacity})`, 'make minCapacity <= maxCapacity');
  }
  if (db.autoPauseSeconds !== undefined) {
    if (db.minCapacity !== 0) fail(`${f}.autoPauseSeconds`, db.autoPauseSeconds, `needs ${f}.minCapacity 0 (it is ${db.minCapacity})`, 'set minCapacity to 0 or drop autoPauseSeconds');
    if (!Number.isInteger(db.autoPauseSeconds) || db.autoPauseSeconds < 300 || db.autoPauseSeconds > 86400) fail(`${f}.autoPauseSeconds`, db.autoPauseSeconds, 'is outside 300-86400 seconds', 'use at least 300 (5 minutes)');
    const major = Number((db.engineVersion ?? '').split('.')[0]);
    if (major < 16) fail(`${f}.engineVersion`, db.engineVersion, 'cannot auto-pause (Aurora PostgreSQL auto-pause needs 16.3+, 15.7+, 14.12+ or 13.15+; use 16.x here)', 'use 16.4 or drop autoPauseSeconds');
  }
  if (!Number.isInteger(db.instanceCount) || db.instanceCount < 1 || db.instanceCount > 16) fail(`${f}.instanceCount`, db.instanceCount, 'is not 1 to 16 instances', 'use a writer plus readers');
  if (!Number.isInteger(db.backupRetentionDays) || db.backupRetentionDays < 1 || db.backupRetentionDays > 35) fail(`${f}.backupRetentionDays`, db.backupRetentionDays, 'is outside 1-35 days', 'use 7 or more');
  if (db.databaseName !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(db.databaseName)) {
    fail(`${f}.databaseName`, db.databaseName, 'is not a PostgreSQL database name', 'use lower-case letters, digits and underscores, starting with a letter');
  }
  if (db.masterUsername !== undefined && (!/^[a-z][a-z0-9_]{0,15}$/.test(db.masterUsername) || db.masterUsername === 'rdsadmin')) {
    fail(`${f}.masterUsername`, db.masterUsername, 'is not an allowed master user name', 'use 1-16 lower-case letters, digits, underscores (not rdsadmin)');
  }
  if (db.masterPasswordRotationDays !== undefined && (!Number.isInteger(db.masterPasswordRotationDays) || db.masterPasswordRotationDays < 1 || db.masterPasswordRotationDays > 365)) {
    fail(`${f}.masterPasswordRotationDays`, db.masterPasswordRotationDays, 'is outside 1-365 days', 'use 30 (or 7, the RDS default)');
  }
  if (db.connectionsAlarmThreshold !== undefined && !(Number.isInteger(db.connectionsAlarmThreshold) && db.connectionsAlarmThreshold > 0)) {
    fail(`${f}.connectionsAlarmThreshold`, db.connectionsAlarmThreshold, 'is not a positive whole number of connections', 'use for example 500');
  }
  if (db.readLatencyAlarmSeconds !== undefined && !(db.readLatencyAlarmSeconds > 0 && db.readLatencyAlarmSeconds <= 10)) {
    fail(`${f}.readLatencyAlarmSeconds`, db.readLatencyAlarmSeconds, 'is not a latency in seconds (0-10]', 'use for example 0.2 (200 ms)');
  }
}

function validateSearch(search: SearchDomainConfig | undefined, fail: Fail): void {
  if (!search) return;
  const f = 'data.search';
  if (!OPENSEARCH_VERSIONS.includes(search.engineVersion)) {
    fail(`${f}.engineVersion`, search.engineVersion, 'is not an OpenSearch version offered for new domains', `use ${nearest(String(search.engineVersion), OPENSEARCH_VERSIONS)} (offered: ${OPENSEARCH_VERSIONS.join(', ')})`);
  }
  const type = instanceTypeProblem(search.instanceType, OPENSEARCH_INSTANCE_TYPES, { prefix: '', suffix: '.search' });
  if (type) fail(`${f}.instanceType`, search.instanceType, `${type} (encryption at rest and fine-grained access control need a current generation)`, 'use a type such as t3.small.search or r7g.large.search');
  if (!Number.isInteger(search.instanceCount) || search.instanceCount < 1 || search.instanceCount > 10) {
    fail(`${f}.instanceCount`, search.instanceCount, 'is not 1 to 10 data nodes', 'use 2 (one per zone) or more');
  }
  if (!Number.isInteger(search.volumeSizeGb) || search.volumeSizeGb < 10 || search.volumeSizeGb > 1024) {
    fail(`${f}.volumeSizeGb`, search.volumeSizeGb, 'is not 10 to 1024 GiB', 'use for example 20');
  }
  (search.adminPrincipalArns ?? []).forEach((arn, i) => {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(String(arn))) fail(`${f}.adminPrincipalArns[${i}]`, arn, 'is not an IAM role ARN', 'use arn:aws:iam::<account>:role/<path/name> (ArnLike * wildcards allowed)');
  });
  if (search.adminPrincipalArns !== undefined && search.adminPrincipalArns.length === 0) fail(`${f}.adminPrincipalArns`, search.adminPrincipalArns, 'is empty', 'name at least one admin role, or leave it unset for the Identity Center AdministratorAccess roles');
  const masters = search.dedicatedMasters;
  if (masters) {
    const masterType = instanceTypeProblem(masters.instanceType, OPENSEARCH_INSTANCE_TYPES, { prefix: '', suffix: '.search' });
    if (masterType) fail(`${f}.dedicatedMasters.instanceType`, masters.instanceType, masterType, 'use for example m6g.large.search');
    if (masters.count !== 3 && masters.count !== 5) fail(`${f}.dedicatedMasters.count`, masters.count, 'is not 3 or 5', 'use 3 (a quorum that survives one loss)');
    if (Number.isInteger(search.instanceCount) && search.instanceCount < 3) fail(`${f}.dedicatedMasters`, masters, `spreads over ${search.instanceCount} zone(s) with ${search.instanceCount} data node(s), which loses quorum with one AZ`, 'use 3 or more data nodes (3 zones), or no dedicated masters');
  }
  if (search.createServiceLinkedRole !== undefined && typeof search.createServiceLinkedRole !== 'boolean') {
    fail(`${f}.createServiceLinkedRole`, search.createServiceLinkedRole, 'is not true or false', 'set true only when the account has no OpenSearch service-linked role yet');
  }
}

function validateBuckets(data: DataLayerConfig, fail: Fail): void {
  for (const [purpose, rules] of Object.entries(data.buckets ?? {})) {
    const f = `data.buckets.${purpose}`;
    if (!PURPOSE.test(purpose)) fail('data.buckets', purpose, 'is not a bucket purpose (3-32 lower-case letters, digits, dashes)', 'use a name such as documents');
    if (purpose === 'logs') fail('data.buckets', purpose, 'is reserved: the logs bucket always exists', 'set data.logsBucketExpirationDays instead');
    const ia = rules.infrequentAccessAfterDays;
    const exp = rules.expireAfterDays;
    if (ia !== undefined && (!Number.isInteger(ia) || ia < 30)) fail(`${f}.infrequentAccessAfterDays`, ia, 'is below the 30 days S3 requires before STANDARD_IA', 'use 30 or more');
    if (exp !== undefined && (!Number.isInteger(exp) || exp < 1)) fail(`${f}.expireAfterDays`, exp, 'is not a positive whole number of days', 'use for example 90');
    if (ia !== undefined && exp !== undefined && exp <= ia) fail(`${f}.expireAfterDays`, exp, `is not after infrequentAccessAfterDays (${ia})`, 'expire later than the transition, or drop the transition');
    const glacier = rules.glacierAfterDays;
    if (glacier !== undefined) {
      if (!Number.isInteger(glacier) || glacier < 1) fail(`${f}.glacierAfterDays`, glacier, 'is not a positive whole number of days', 'use for example 90');
      if (ia !== undefined && glacier < ia + 30) fail(`${f}.glacierAfterDays`, glacier, `is less than 30 days after infrequentAccessAfterDays (${ia}), the least S3 keeps objects in STANDARD_IA`, `use ${ia + 30} or more`);
      if (exp !== undefined && exp <= glacier) fail(`${f}.expireAfterDays`, exp, `is not after glacierAfterDays (${glacier})`, 'expire later than the transition, or drop the transition');
    }
    const abort = rules.abortIncompleteUploadsAfterDays;
    if (abort !== undefined && !(Number.isInteger(abort) && abort >= 1 && abort <= 7)) {
      fail(`${f}.abortIncompleteUploadsAfterDays`, abort, 'is not 1 to 7 days (every bucket already aborts incomplete uploads after 7)', 'use 7, or fewer days');
    }
    for (const [prefix, days] of Object.entries(rules.prefixExpirations ?? {})) {
      if (!/^[A-Za-z0-9!_.*'()\/-]{1,255}$/.test(prefix) || prefix.startsWith('/')) {
        fail(`${f}.prefixExpirations`, prefix, 'is not an S3 key prefix', 'use a prefix such as temp/');
      }
      if (!Number.isInteger(days) || days < 1) fail(`${f}.prefixExpirations.${prefix}`, days, 'is not a positive whole number of days', 'use for example 7');
      if (exp !== undefined && days >= exp) fail(`${f}.prefixExpirations.${prefix}`, days, `is not sooner than the bucket's expireAfterDays (${exp})`, 'expire the prefix sooner, or drop it');
    }
    if (rules.encryption !== undefined && !['KMS', 'S3_MANAGED'].includes(rules.encryption)) {
      fail(`${f}.encryption`, rules.encryption, 'is not a bucket encryption', "use 'KMS' or 'S3_MANAGED'");
    }
  }
  const logs = data.logsBucketExpirationDays;
  if (logs !== undefined && (!Number.isInteger(logs) || logs < 1 || logs > 3653)) {
    fail('data.logsBucketExpirationDays', logs, 'is outside 1-3653 days', 'use for example 90');
  }
  const logsGlacier = data.logsBucketGlacierAfterDays;
  if (logsGlacier !== undefined) {
    const expiry = logs ?? 90;
    if (!(Number.isInteger(logsGlacier) && logsGlacier >= 60 && logsGlacier < expiry)) {
      fail('data.logsBucketGlacierAfterDays', logsGlacier, `is not 60 days or more and before logsBucketExpirationDays (${expiry}); logs sit in STANDARD_IA from day 30 and must stay there 30 days`, 'use for example 180');
    }
  }
}

function validateUserPool(pool: UserPoolConfig | undefined, fail: Fail): void {
  if (!pool) return;
  const f = 'data.userPool';
  if (pool.advancedSecurityMode !== undefined && !['ENFORCED', 'AUDIT', 'OFF'].includes(pool.advancedSecurityMode)) {
    fail(`${f}.advancedSecurityMode`, pool.advancedSecurityMode, 'is not ENFORCED, AUDIT or OFF', 'use ENFORCED (AUDIT in dev)');
  }
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  if (pool.hostedUiSubdomain !== undefined && !label.test(pool.hostedUiSubdomain)) fail(`${f}.hostedUiSubdomain`, pool.hostedUiSubdomain, 'is not a DNS label', 'use for example auth');
  for (const [name, client] of Object.entries(pool.appClients ?? {})) {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(name)) fail(`${f}.appClients`, name, 'is not a client key (lower-case letters, digits, dashes)', 'use the app name');
    if (!label.test(client.subdomain ?? '')) fail(`${f}.appClients.${name}.subdomain`, client.subdomain, 'is not a DNS label', 'use the subdomain that serves the app');
  }
  for (const field of ['accessTokenValidityMinutes', 'idTokenValidityMinutes'] as const) {
    const v = pool[field];
    if (v !== undefined && !(Number.isInteger(v) && v >= 5 && v <= 1440)) fail(`${f}.${field}`, v, 'is outside the 5-1440 minutes Cognito allows', 'use 60 (one hour)');
  }
  const refresh = pool.refreshTokenValidityDays;
  if (refresh !== undefined && !(Number.isInteger(refresh) && refresh >= 1 && refresh <= 3650)) fail(`${f}.refreshTokenValidityDays`, refresh, 'is outside the 1-3650 days Cognito allows', 'use 30');
  if (pool.appSubdomain !== undefined && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(pool.appSubdomain)) {
    fail(`${f}.appSubdomain`, pool.appSubdomain, 'is not a DNS label', 'use for example app');
  }
  const groups = pool.groups ?? [];
  if (groups.length === 0) fail(`${f}.groups`, groups, 'is empty', 'list the RBAC groups of the app');
  const names = new Set<string>();
  const precedences = new Set<number>();
  groups.forEach((g, i) => {
    if (!GROUP.test(g.name ?? '')) fail(`${f}.groups[${i}].name`, g.name, 'is not a group name', 'use lower-case letters, digits and dashes');
    if (names.has(g.name)) fail(`${f}.groups[${i}].name`, g.name, 'repeats a group', 'name each group once');
    if (!g.description) fail(`${f}.groups[${i}].description`, g.description, 'is empty', 'describe what the group may do');
    if (!Number.isInteger(g.precedence) || g.precedence < 0) fail(`${f}.groups[${i}].precedence`, g.precedence, 'is not a whole number 0 or more', 'use 0 for the most privileged group');
    if (precedences.has(g.precedence)) fail(`${f}.groups[${i}].precedence`, g.precedence, 'repeats a precedence', 'give each group its own precedence');
    names.add(g.name);
    precedences.add(g.precedence);
  });
}

function validateRegistries(data: DataLayerConfig, fail: Fail): void {
  const repos = data.containerRepositories ?? [];
  repos.forEach((name, i) => {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(name ?? '')) fail(`data.containerRepositories[${i}]`, name, 'is not a repository short name', 'use lower-case letters, digits and dashes');
  });
  if (new Set(repos).size !== repos.length) fail('data.containerRepositories', repos, 'repeats a repository', 'list each repository once');
  if (data.enhancedImageScanning !== undefined && typeof data.enhancedImageScanning !== 'boolean') {
    fail('data.enhancedImageScanning', data.enhancedImageScanning, 'is not true or false', 'set true for production');
  }
  const r = data.containerImageRetention;
  if (!r) return;
  for (const key of ['prodImagesKept', 'devImagesKept', 'untaggedExpiryDays'] as const) {
    if (!Number.isInteger(r[key]) || r[key] < 1 || r[key] > 1000) fail(`data.containerImageRetention.${key}`, r[key], 'is not 1 to 1000', 'use for example 10 (prod), 5 (dev), 1 (untagged days)');
  }
}

function validateSecrets(secrets: readonly AppSecretConfig[], fail: Fail): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  secrets.forEach((s, i) => {
    const f = `data.secrets[${i}]`;
    if (!SECRET_ID.test(s.id ?? '')) fail(`${f}.id`, s.id, 'is not snake_case', 'use for example jwt');
    if (ids.has(s.id)) fail(`${f}.id`, s.id, 'repeats a secret id', 'give each secret its own id');
    if (!SECRET_NAME.test(s.name ?? '') || s.name.includes('//')) fail(`${f}.name`, s.name, 'is not a secret name under <system>/<env>/', 'use lower-case path segments, for example api/jwt-secret');
    if (names.has(s.name)) fail(`${f}.name`, s.name, 'repeats a secret name', 'name each secret once');
    if (!s.description) fail(`${f}.description`, s.description, 'is empty', 'say what the secret holds and who sets it');
    if (s.generatedLength !== undefined && (!Number.isInteger(s.generatedLength) || s.generatedLength < 32 || s.generatedLength > 4096)) {
      fail(`${f}.generatedLength`, s.generatedLength, 'is not 32 to 4096 characters', 'use 64 for a signing key');
    }
    ids.add(s.id);
    names.add(s.name);
  });
}
