import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadStateConfig } from '../../src/config/platform';

function backendFile(s3: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-'));
  const file = path.join(dir, 'backend.tf.json');
  fs.writeFileSync(file, JSON.stringify({ terraform: { backend: { s3 } } }));
  return file;
}

describe('state backend configuration', () => {
  test('reads backend.tf.json: bucket, region, lock table, encryption, KMS key', () => {
    const state = loadStateConfig({});
    const raw = JSON.parse(fs.readFileSync('backend.tf.json', 'utf8')).terraform.backend.s3;
    expect(state.kind).toBe('s3');
    expect(state.s3).toEqual({ bucket: raw.bucket, region: raw.region, dynamodbTable: raw.dynamodb_table, encrypt: true, kmsKeyId: raw.kms_key_id, locking: 'dynamodb' });
  });

  test('environment variables override the file per run', () => {
    const state = loadStateConfig({ TF_STATE_BUCKET: 'ci-state', TF_STATE_REGION: 'eu-west-1', TF_STATE_LOCK_TABLE: 'ci-locks', TF_STATE_LOCKING: 'both' });
    expect(state.s3).toMatchObject({ bucket: 'ci-state', region: 'eu-west-1', dynamodbTable: 'ci-locks', locking: 'both' });
  });

  test('use_lockfile in the file selects S3-native locking, with DynamoDB too when a table is named', () => {
    expect(loadStateConfig({}, backendFile({ bucket: 'b-state', region: 'us-east-1', use_lockfile: true })).s3.locking).toBe('lockfile');
    expect(loadStateConfig({}, backendFile({ bucket: 'b-state', region: 'us-east-1', use_lockfile: true, dynamodb_table: 't' })).s3.locking).toBe('both');
  });

  test('lockfile-only locking drops the DynamoDB table', () => {
    expect(loadStateConfig({ TF_STATE_LOCKING: 'lockfile' }).s3.dynamodbTable).toBeUndefined();
  });

  test('DynamoDB locking without a table is an error', () => {
    expect(() => loadStateConfig({}, backendFile({ bucket: 'b-state', region: 'us-east-1' }))).toThrow('dynamodb_table (TF_STATE_LOCK_TABLE) = (missing) is required for locking mode dynamodb');
  });

  test('an invalid bucket name is an error naming the value', () => {
    expect(() => loadStateConfig({ TF_STATE_BUCKET: 'Bad_Bucket' })).toThrow(
      'Invalid configuration for state backend: bucket (TF_STATE_BUCKET) = "Bad_Bucket" is not an S3 bucket name.',
    );
  });

  test('Terraform Cloud needs an organization', () => {
    expect(() => loadStateConfig({ STATE_BACKEND: 'cloud' })).toThrow('TF_CLOUD_ORGANIZATION = (missing) is required with STATE_BACKEND=cloud');
    expect(loadStateConfig({ STATE_BACKEND: 'cloud', TF_CLOUD_ORGANIZATION: 'acme', TF_CLOUD_PROJECT: 'platform' }).cloud).toEqual({
      organization: 'acme',
      project: 'platform',
      hostname: undefined,
    });
  });

  test('an unknown backend kind is an error', () => {
    expect(() => loadStateConfig({ STATE_BACKEND: 'consul' })).toThrow('STATE_BACKEND = "consul" is not a backend this project supports');
  });

  test('a KMS key that is not an ARN is an error', () => {
    expect(() => loadStateConfig({ TF_STATE_KMS_KEY_ID: 'alias/state' })).toThrow('kms_key_id (TF_STATE_KMS_KEY_ID) = "alias/state" is not a KMS key or alias ARN');
  });

  test('environment values that cannot work are one line each', () => {
    expect(() => loadStateConfig({ TF_STATE_REGION: 'us-east-9' })).toThrow('Invalid configuration for state backend: region (TF_STATE_REGION) = "us-east-9" is not an AWS region. Fix: use us-east-1.');
    expect(() => loadStateConfig({ STATE_BACKEND: 'cloud', TF_CLOUD_ORGANIZATION: 'acme', TF_CLOUD_HOSTNAME: 'https://app.terraform.io/' })).toThrow('TF_CLOUD_HOSTNAME = "https://app.terraform.io/" is not a host name');
    expect(() => loadStateConfig({ TF_LOCAL_STATE_DIR: '' })).toThrow('TF_LOCAL_STATE_DIR = "" would put state at the filesystem root');
    expect(loadStateConfig({ STATE_BACKEND: 'cloud', TF_CLOUD_ORGANIZATION: 'acme', TF_CLOUD_HOSTNAME: 'tfe.example.com' }).cloud?.hostname).toBe('tfe.example.com');
  });
});

describe('state bucket replica (disaster recovery for the loss of the state region)', () => {
  test('is on by default: the paired region of the state region, bucket <bucket>-<region>', () => {
    expect(loadStateConfig({}).replica).toEqual({ region: 'us-west-2', bucket: 'acme-platform-terraform-state-us-west-2' });
    expect(loadStateConfig({ TF_STATE_REGION: 'eu-west-1' }).replica?.region).toBe('eu-central-1');
  });

  test('TF_STATE_REPLICA_REGION / TF_STATE_REPLICA_BUCKET choose it, none turns it off', () => {
    expect(loadStateConfig({ TF_STATE_REPLICA_REGION: 'us-east-2', TF_STATE_REPLICA_BUCKET: 'acme-state-dr' }).replica).toEqual({ region: 'us-east-2', bucket: 'acme-state-dr' });
    expect(loadStateConfig({ TF_STATE_REPLICA_REGION: 'none' }).replica).toBeUndefined();
  });

  test('a replica in the state region, an unknown region, or a state region without a default is an error', () => {
    expect(() => loadStateConfig({ TF_STATE_REPLICA_REGION: 'us-east-1' })).toThrow(
      'TF_STATE_REPLICA_REGION = "us-east-1" is the state region; a replica there does not survive the loss of the region. Fix: choose another region (default for us-east-1: us-west-2), or none.',
    );
    expect(() => loadStateConfig({ TF_STATE_REPLICA_REGION: 'us-west-9' })).toThrow('TF_STATE_REPLICA_REGION = "us-west-9" is not an AWS region');
    expect(() => loadStateConfig({ TF_STATE_REGION: 'sa-east-1' })).toThrow('has no default for state region sa-east-1');
    expect(() => loadStateConfig({ TF_STATE_REPLICA_BUCKET: 'Bad_Name' })).toThrow('TF_STATE_REPLICA_BUCKET = "Bad_Name" is not an S3 bucket name');
  });
});
