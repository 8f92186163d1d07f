import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { BucketReplication, BucketReplicationProps } from '../../../src/constructs/storage/bucket-replication';
import { SecureBucket } from '../../../src/constructs/storage/secure-bucket';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf } from '../../helpers';
import { stackOf } from '../../policy/harness';

const ACCOUNT = '111122223333';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/source';
const WEST_KEY = 'arn:aws:kms:us-west-2:111122223333:key/replica';

/** A source bucket here and a DR bucket on the us-west-2 provider, as a system's data layer builds them. */
function buckets(stack: TerraformStack) {
  const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
  const source = new SecureBucket(stack, 'docs', { bucketName: `partners-dev-docs-${ACCOUNT}`, encryption: { kmsKeyArn: KEY } });
  const replica = new SecureBucket(stack, 'docs-dr', { bucketName: `partners-dev-docs-dr-${ACCOUNT}`, encryption: { kmsKeyArn: WEST_KEY }, provider: west });
  return { west, source, replica };
}

function synth(change: Partial<BucketReplicationProps> = {}): Json {
  const stack = stackOf('partners-dev-data');
  const { source, replica } = buckets(stack);
  new BucketReplication(stack, 'replication', {
    source,
    sourceKmsKeyArn: KEY,
    sourceRegion: 'us-east-1',
    destination: replica,
    destinationKmsKeyArn: WEST_KEY,
    destinationRegion: 'us-west-2',
    accountId: ACCOUNT,
    roleName: 'partners-dev-docs-replication',
    ...change,
  });
  return JSON.parse(Testing.synth(stack));
}

const address = (json: Json, type: string, id: string) => `${type}.${resourcesOf(json, type).find(([name]) => name.startsWith(id))![0]}`;

describe('BucketReplication', () => {
  test('the role trusts only S3 acting for this account', () => {
    const role = onlyResource(synth(), 'aws_iam_role');
    expect(role.name).toBe('partners-dev-docs-replication');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      { Sid: 'S3ReplicatesForThisAccount', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
  });

  test('the policy is scoped to the two buckets and the two keys, each key only through S3 in its region', () => {
    const json = synth();
    const policy = onlyResource(json, 'aws_iam_role_policy');
    const sourceArn = `\${${address(json, 'aws_s3_bucket', 'docs_bucket')}.arn}`;
    const replicaArn = `\${${address(json, 'aws_s3_bucket', 'docs-dr_bucket')}.arn}`;
    expect(policy.role).toBe(`\${${address(json, 'aws_iam_role', 'replication_role')}.id}`);
    expect(parsed(policy.policy).Statement).toEqual([
      { Sid: 'ReadSourceConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: sourceArn },
      { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${sourceArn}/*` },
      { Sid: 'ReplicateIntoDestination', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${replicaArn}/*` },
      {
        Sid: 'DecryptSourceObjects',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: KEY,
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': [sourceArn, `${sourceArn}/*`] } },
      },
      {
        Sid: 'EncryptReplicas',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: WEST_KEY,
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': [replicaArn, `${replicaArn}/*`] } },
      },
    ]);
  });

  test('one rule: every object and delete marker, SSE-KMS objects selected, replicas encrypted with the destination key', () => {
    const json = synth();
    const configuration = onlyResource(json, 'aws_s3_bucket_replication_configuration');
    expect(configuration.bucket).toBe(`\${${address(json, 'aws_s3_bucket', 'docs_bucket')}.bucket}`);
    expect(configuration.role).toBe(`\${${address(json, 'aws_iam_role', 'replication_role')}.arn}`);
    expect(configuration.rule).toEqual([
      {
        id: 'replicate-all',
        status: 'Enabled',
        filter: {},
        delete_marker_replication: { status: 'Enabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: { bucket: `\${${address(json, 'aws_s3_bucket', 'docs-dr_bucket')}.arn}`, encryption_configuration: { replica_kms_key_id: WEST_KEY } },
      },
    ]);
  });

  test('depends on the versioning of both buckets and on the role policy', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_s3_bucket_replication_configuration').depends_on).toEqual([
      address(json, 'aws_s3_bucket_versioning', 'docs_versioning'),
      address(json, 'aws_s3_bucket_versioning', 'docs-dr_versioning'),
      address(json, 'aws_iam_role_policy', 'replication_policy'),
    ]);
  });

  test('replication time control (15 minutes) with metrics, and the replicas storage class', () => {
    const { destination } = onlyResource(synth({ replicationTimeControl: true, storageClass: 'INTELLIGENT_TIERING', ruleId: 'to-dr' }), 'aws_s3_bucket_replication_configuration').rule[0];
    expect(destination).toMatchObject({
      storage_class: 'INTELLIGENT_TIERING',
      replication_time: { status: 'Enabled', time: { minutes: 15 } },
      metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
    });
  });

  test('lives on the source region provider when given one (the destination stays where it is)', () => {
    const stack = stackOf('partners-dev-data');
    const { west, source, replica } = buckets(stack);
    new BucketReplication(stack, 'back', {
      source: replica,
      sourceKmsKeyArn: WEST_KEY,
      sourceRegion: 'us-west-2',
      destination: source,
      destinationKmsKeyArn: KEY,
      destinationRegion: 'us-east-1',
      accountId: ACCOUNT,
      roleName: 'partners-dev-docs-failback',
      provider: west,
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(onlyResource(json, 'aws_s3_bucket_replication_configuration').provider).toBe('aws.us_west_2');
    expect(onlyResource(json, 'aws_iam_role').provider).toBe('aws.us_west_2');
  });

  describe('rejects', () => {
    test('the same region twice, a bad region, a bad account, a long role name', () => {
      expect(() => synth({ destinationRegion: 'us-east-1' })).toThrow(
        'BucketReplication partners-dev-docs-replication: source and destination are both in us-east-1; this construct replicates across regions, put the destination in the DR region',
      );
      expect(() => synth({ destinationRegion: 'oregon' })).toThrow('destinationRegion "oregon" is not a region name such as us-west-2');
      expect(() => synth({ accountId: '1234' })).toThrow('accountId "1234" is not a 12-digit account ID');
      expect(() => synth({ roleName: 'r'.repeat(65) })).toThrow('is longer than 64 characters; shorten it');
    });

    test('the same bucket as source and destination', () => {
      const bucket = { name: 'b', arn: 'arn:aws:s3:::b', versioning: { fqn: 'x' } };
      expect(() =>
        Testing.synthScope(
          (scope) =>
            new BucketReplication(scope, 'r', {
              source: bucket,
              destination: bucket,
              sourceKmsKeyArn: KEY,
              destinationKmsKeyArn: WEST_KEY,
              sourceRegion: 'us-east-1',
              destinationRegion: 'us-west-2',
              accountId: ACCOUNT,
              roleName: 'r',
            }),
        ),
      ).toThrow('BucketReplication r: source and destination are the same bucket (arn:aws:s3:::b)');
    });
  });

  test('policy pack: source, DR bucket (each logging to its region log bucket), keys and replication have no open finding', () => {
    const stack = stackOf('partners-prod-data');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const key = new EncryptionKey(stack, 'key', { alias: 'partners-prod-data', description: 'data', accountId: ACCOUNT });
    const westKey = new EncryptionKey(stack, 'key-west', { alias: 'partners-prod-data', description: 'data (DR)', accountId: ACCOUNT, provider: west });
    const logBucket = (id: string, name: string, provider?: AwsProvider) =>
      new SecureBucket(stack, id, {
        bucketName: name,
        encryption: 'S3_MANAGED',
        recoveryClass: 'log',
        provider,
        policyStatements: [{ Sid: 'S3ServerAccessLogs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}/*`, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
      });
    const logs = logBucket('logs', `partners-prod-logs-${ACCOUNT}`);
    const westLogs = logBucket('logs-west', `partners-prod-logs-dr-${ACCOUNT}`, west);
    // Prod: S3-09 reads the recovery class; the critical source passes through this replication.
    const source = new SecureBucket(stack, 'docs', { bucketName: `partners-prod-docs-${ACCOUNT}`, encryption: { kmsKeyArn: key.arn }, accessLogBucket: { bucket: logs.name, prefix: 'docs/' }, recoveryClass: 'critical' });
    const replica = new SecureBucket(stack, 'docs-dr', {
      bucketName: `partners-prod-docs-dr-${ACCOUNT}`,
      recoveryClass: 'critical',
      encryption: { kmsKeyArn: westKey.arn },
      accessLogBucket: { bucket: westLogs.name, prefix: 'docs-dr/' },
      provider: west,
    });
    new BucketReplication(stack, 'replication', {
      source,
      sourceKmsKeyArn: key.arn,
      sourceRegion: 'us-east-1',
      destination: replica,
      destinationKmsKeyArn: westKey.arn,
      destinationRegion: 'us-west-2',
      accountId: ACCOUNT,
      roleName: 'partners-prod-docs-replication',
      replicationTimeControl: true,
    });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    const open = report.stacks[0].findings.filter((f) => !f.suppressed);
    expect(open).toEqual([]);
    // The only suppressions are SecureBucket's own (S3-05 on the log buckets, which cannot log into themselves).
    expect(report.stacks[0].findings.map((f) => f.ruleId)).toEqual(['S3-05', 'S3-05']);
    expect(report.passed).toBe(true);
  });
});
