import * as fs from 'fs';
import * as path from 'path';
import { REGION_ZONES, nearest } from './aws-limits';
import { ConfigError } from './errors';

export type StateBackendKind = 's3' | 'cloud' | 'local';
export type StateLocking = 'dynamodb' | 'lockfile' | 'both';

/** S3 remote-state settings, read from backend.tf.json and overridable per run. */
export interface S3StateSettings {
  readonly bucket: string;
  readonly region: string;
  /** DynamoDB lock table; used when locking is `dynamodb` or `both`. */
  readonly dynamodbTable?: string;
  readonly encrypt: boolean;
  /** KMS key (ARN) for state objects. @default - bucket default encryption */
  readonly kmsKeyId?: string;
  readonly locking: StateLocking;
}

export interface TerraformCloudSettings {
  readonly organization: string;
  /** @default - the organization's default project */
  readonly project?: string;
  /** @default 'app.terraform.io' */
  readonly hostname?: string;
}

/** Where every stack keeps its state. */
export interface StateConfig {
  readonly kind: StateBackendKind;
  readonly s3: S3StateSettings;
  /** Only with kind `cloud`. */
  readonly cloud?: TerraformCloudSettings;
  /** Directory, relative to a stack's working directory, for kind `local` and the bootstrap's local state. */
  readonly localDir: string;
  /**
   * Where the bootstrap stack keeps its own state: `local` (under `localDir`, outside the synth
   * output, so no synth can delete it) until the bucket exists, then `s3` (in the bucket it created,
   * key `bootstrap/terraform.tfstate`) after `terraform init -migrate-state`.
   */
  readonly bootstrapBackend: 'local' | 's3';
  /**
   * Cross-region replica of the state bucket, built by the bootstrap stack (the state of every stack
   * is unrecoverable, so it is on unless turned off with TF_STATE_REPLICA_REGION=none).
   * @default - on: `STATE_REPLICA_REGIONS[region]`, bucket `<bucket>-<replica region>`
   */
  readonly replica?: StateReplicaSettings;
}

/** Where the bootstrap replicates the state bucket to (disaster recovery for the loss of a region). */
export interface StateReplicaSettings {
  readonly region: string;
  readonly bucket: string;
}

/**
 * Default replica region per state region (same continent/jurisdiction, different geography); a
 * state region not listed needs TF_STATE_REPLICA_REGION (or `none`).
 */
export const STATE_REPLICA_REGIONS: Readonly<Record<string, string>> = {
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-1': 'us-east-1',
  'us-west-2': 'us-east-1',
  'ca-central-1': 'us-east-1',
  'eu-west-1': 'eu-central-1',
  'eu-west-2': 'eu-west-1',
  'eu-west-3': 'eu-central-1',
  'eu-central-1': 'eu-west-1',
  'eu-north-1': 'eu-central-1',
  'ap-southeast-1': 'ap-northeast-1',
  'ap-southeast-2': 'ap-southeast-1',
  'ap-northeast-1': 'ap-southeast-1',
  'ap-south-1': 'ap-southeast-1',
};

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/;

/**
 * Resolves the state configuration: backend.tf.json, then environment overrides
 * (STATE_BACKEND, TF_STATE_BUCKET, TF_STATE_REGION, TF_STATE_LOCK_TABLE, TF_STATE_KMS_KEY_ID,
 * TF_STATE_LOCKING, TF_STATE_REPLICA_REGION, TF_STATE_REPLICA_BUCKET, TF_CLOUD_ORGANIZATION,
 * TF_CLOUD_PROJECT, TF_CLOUD_HOSTNAME).
 */
export function loadStateConfig(vars: Readonly<Record<string, string | undefined>>, backendFile = defaultBackendFile(vars)): StateConfig {
  const fail = (field: string, value: unknown, problem: string, fix: string): never => {
    throw new ConfigError('state backend', field, value, problem, fix);
  };
  let raw: Record<string, unknown>;
  try {
    const parsed = JSON.parse(fs.readFileSync(backendFile, 'utf8'));
    raw = parsed?.terraform?.backend?.s3;
  } catch (error) {
    return fail(backendFile, String((error as Error).message), 'cannot be read as Terraform JSON', 'restore backend.tf.json');
  }
  if (!raw || typeof raw !== 'object') {
    return fail(`${path.basename(backendFile)}: terraform.backend.s3`, raw, 'is missing', 'keep the S3 settings under terraform.backend.s3');
  }

  const kind = (vars.STATE_BACKEND ?? 's3') as StateBackendKind;
  if (!['s3', 'cloud', 'local'].includes(kind)) fail('STATE_BACKEND', kind, 'is not a backend this project supports', 'use s3, cloud or local');

  const bucket = vars.TF_STATE_BUCKET ?? (raw.bucket as string);
  const region = vars.TF_STATE_REGION ?? (raw.region as string);
  const dynamodbTable = vars.TF_STATE_LOCK_TABLE ?? (raw.dynamodb_table as string | undefined);
  const kmsKeyId = vars.TF_STATE_KMS_KEY_ID ?? (raw.kms_key_id as string | undefined);
  const fileLocking: StateLocking = raw.use_lockfile === true ? (dynamodbTable ? 'both' : 'lockfile') : 'dynamodb';
  const locking = (vars.TF_STATE_LOCKING ?? fileLocking) as StateLocking;

  if (!bucket || !BUCKET.test(bucket)) fail('bucket (TF_STATE_BUCKET)', bucket, 'is not an S3 bucket name', 'use 3-63 lower-case letters, digits, dots and dashes');
  if (!region || !REGION_ZONES[region]) fail('region (TF_STATE_REGION)', region, 'is not an AWS region', `use ${region && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region) ? nearest(region, Object.keys(REGION_ZONES)) : 'a region such as us-east-1'}`);
  if (!['dynamodb', 'lockfile', 'both'].includes(locking)) fail('TF_STATE_LOCKING', locking, 'is not a locking mode', 'use dynamodb, lockfile or both');
  if (locking !== 'lockfile' && !dynamodbTable) fail('dynamodb_table (TF_STATE_LOCK_TABLE)', dynamodbTable, `is required for locking mode ${locking}`, 'name the lock table or use TF_STATE_LOCKING=lockfile');
  if (kmsKeyId && !KMS_KEY.test(kmsKeyId)) fail('kms_key_id (TF_STATE_KMS_KEY_ID)', kmsKeyId, 'is not a KMS key or alias ARN', 'use arn:aws:kms:<region>:<account>:alias/<name>');

  const bootstrapBackend = (vars.BOOTSTRAP_STATE ?? 'local') as 'local' | 's3';
  if (!['local', 's3'].includes(bootstrapBackend)) fail('BOOTSTRAP_STATE', bootstrapBackend, 'is not a bootstrap state location', 'use local (before the bucket exists) or s3 (after migrating into it)');

  const replica = stateReplica(vars, bucket, region, fail);

  let cloud: TerraformCloudSettings | undefined;
  if (kind === 'cloud') {
    const organization = vars.TF_CLOUD_ORGANIZATION;
    if (!organization) fail('TF_CLOUD_ORGANIZATION', organization, 'is required with STATE_BACKEND=cloud', 'set the Terraform Cloud organization');
    const hostname = vars.TF_CLOUD_HOSTNAME;
    if (hostname && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/i.test(hostname)) {
      fail('TF_CLOUD_HOSTNAME', hostname, 'is not a host name', 'give the host only, for example app.terraform.io (no scheme, no path)');
    }
    cloud = { organization: organization as string, project: vars.TF_CLOUD_PROJECT || undefined, hostname: hostname || undefined };
  }

  return {
    kind,
    s3: { bucket, region, dynamodbTable: locking === 'lockfile' ? undefined : dynamodbTable, encrypt: raw.encrypt !== false, kmsKeyId: kmsKeyId || undefined, locking },
    cloud,
    localDir: localStateDir(vars.TF_LOCAL_STATE_DIR, fail),
    bootstrapBackend,
    replica,
  };
}

/** The state bucket's replica: TF_STATE_REPLICA_REGION (`none` turns it off), else the paired region. */
function stateReplica(
  vars: Readonly<Record<string, string | undefined>>,
  bucket: string,
  region: string,
  fail: (field: string, value: unknown, problem: string, fix: string) => never,
): StateReplicaSettings | undefined {
  const chosen = vars.TF_STATE_REPLICA_REGION;
  if (chosen === 'none') return undefined;
  const replicaRegion = chosen ?? STATE_REPLICA_REGIONS[region];
  if (!replicaRegion) fail('TF_STATE_REPLICA_REGION', replicaRegion, `has no default for state region ${region}`, 'name the region that holds the replica of the state bucket, or none to go without one');
  if (!REGION_ZONES[replicaRegion]) fail('TF_STATE_REPLICA_REGION', replicaRegion, 'is not an AWS region', `use ${/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(replicaRegion) ? nearest(replicaRegion, Object.keys(REGION_ZONES)) : 'a region such as us-west-2'}, or none`);
  if (replicaRegion === region) fail('TF_STATE_REPLICA_REGION', replicaRegion, 'is the state region; a replica there does not survive the loss of the region', `choose another region (default for ${region}: ${STATE_REPLICA_REGIONS[region] ?? 'none'}), or none`);
  const replicaBucket = vars.TF_STATE_REPLICA_BUCKET ?? `${bucket}-${replicaRegion}`;
  if (!BUCKET.test(replicaBucket)) fail('TF_STATE_REPLICA_BUCKET', replicaBucket, 'is not an S3 bucket name (3-63 lower-case letters, digits, dots and dashes)', 'name the replica bucket with TF_STATE_REPLICA_BUCKET');
  if (replicaBucket === bucket) fail('TF_STATE_REPLICA_BUCKET', replicaBucket, 'is the state bucket itself', 'give the replica its own name');
  return { region: replicaRegion, bucket: replicaBucket };
}

/** Where local state goes, relative to a stack's directory; an empty value would mean the filesystem root. */
function localStateDir(value: string | undefined, fail: (field: string, value: unknown, problem: string, fix: string) => never): string {
  if (value === undefined) return '../../../terraform-state';
  if (value.trim() === '' || value.trim() === '/') fail('TF_LOCAL_STATE_DIR', value, 'would put state at the filesystem root', 'unset it (terraform-state/ at the project root) or give a directory');
  return value;
}

function defaultBackendFile(vars: Readonly<Record<string, string | undefined>>): string {
  return path.resolve(vars.BACKEND_CONFIG_FILE ?? path.join(process.cwd(), 'backend.tf.json'));
}

/** Project-wide facts that are the same for every system. */
export interface PlatformConfig {
  /** The `Project` default tag. */
  readonly project: string;
  /** Account that holds the remote state (bucket, lock table, key); the bootstrap stack's account. */
  readonly stateAccountId: string;
  /** Owner tag for shared resources (bootstrap). */
  readonly owner: string;
  readonly costCenter: string;
}

export const PLATFORM: PlatformConfig = {
  project: 'aws-reference-platform',
  stateAccountId: '111111111111',
  owner: 'platform-team',
  costCenter: 'platform',
};
