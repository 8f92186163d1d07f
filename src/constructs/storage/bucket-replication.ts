import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  S3BucketReplicationConfigurationA,
  S3BucketReplicationConfigurationRuleDestination,
} from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { PolicyStatement, policyJson, serviceTrustPolicy } from '../../core/iam/policy-document';

export type ReplicaStorageClass = 'STANDARD' | 'INTELLIGENT_TIERING' | 'STANDARD_IA' | 'ONEZONE_IA' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';

/** The bucket replicated from; a `SecureBucket` fits. */
export interface ReplicationSource {
  /** Bucket name. */
  readonly name: string;
  readonly arn: string;
  /** The bucket's versioning resource: S3 refuses a replication configuration before versioning is on. */
  readonly versioning: ITerraformDependable;
}

/** The bucket replicated to, in the other region; a `SecureBucket` fits. */
export interface ReplicationDestination {
  readonly arn: string;
  /**
   * The bucket's versioning resource, when it is built in the same stack.
   * @default - none to wait for (the bucket is versioned elsewhere)
   */
  readonly versioning?: ITerraformDependable;
}

export interface BucketReplicationProps extends ProviderScopedProps {
  /** Source bucket (in the provider's region). */
  readonly source: ReplicationSource;
  /** KMS key that encrypts the source bucket's objects. */
  readonly sourceKmsKeyArn: string;
  /** Region of the source bucket (kms:ViaService of the decrypt grant). */
  readonly sourceRegion: string;
  /** Destination bucket (in `destinationRegion`). */
  readonly destination: ReplicationDestination;
  /** KMS key in the destination region that encrypts the replicas. */
  readonly destinationKmsKeyArn: string;
  /** Region of the destination bucket (kms:ViaService of the encrypt grant). */
  readonly destinationRegion: string;
  /** Account that owns both buckets (`aws:SourceAccount` of the role's trust policy). */
  readonly accountId: string;
  /** Name of the replication role (at most 64 characters). */
  readonly roleName: string;
  /**
   * Replication rule ID.
   * @default 'replicate-all'
   */
  readonly ruleId?: string;
  /**
   * S3 Replication Time Control: 99.99% of objects replicated within 15 minutes, with replication
   * metrics and events (an RPO commitment; billed per GB).
   * @default false
   */
  readonly replicationTimeControl?: boolean;
  /**
   * Storage class of the replicas.
   * @default - the source object's storage class
   */
  readonly storageClass?: ReplicaStorageClass;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const RULE_ID = /^.{1,255}$/;
const RTC_MINUTES = 15;

/**
 * S3 cross-region replication of a KMS-encrypted bucket: a role only S3 of this account may assume,
 * a least-privilege policy (read the source's versions, replicate into the destination, decrypt with
 * the source key through S3 in the source region, encrypt with the destination key through S3 in
 * the destination region), and one rule that replicates every object and delete marker, including
 * SSE-KMS objects, re-encrypted with the destination key.
 */
export class BucketReplication extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const ruleId = props.ruleId ?? 'replicate-all';
    const replicationTimeControl = props.replicationTimeControl ?? false;
    const storageClass = props.storageClass;
    const label = `BucketReplication ${props.roleName}`;

    if (props.roleName.length > 64) throw new Error(`${label}: role name "${props.roleName}" is longer than 64 characters; shorten it`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${label}: accountId "${props.accountId}" is not a 12-digit account ID`);
    for (const [field, region] of [['sourceRegion', props.sourceRegion], ['destinationRegion', props.destinationRegion]] as const) {
      if (!REGION.test(region)) throw new Error(`${label}: ${field} "${region}" is not a region name such as us-west-2`);
    }
    if (props.sourceRegion === props.destinationRegion) {
      throw new Error(`${label}: source and destination are both in ${props.sourceRegion}; this construct replicates across regions, put the destination in the DR region`);
    }
    if (!RULE_ID.test(ruleId)) throw new Error(`${label}: ruleId "${ruleId}" is not 1-255 characters`);
    if (!Token.isUnresolved(props.source.arn) && !Token.isUnresolved(props.destination.arn) && props.source.arn === props.destination.arn) {
      throw new Error(`${label}: source and destination are the same bucket (${props.source.arn}); give the DR bucket as destination`);
    }

    const source = props.source.arn;
    const destination = props.destination.arn;
    // With S3 Bucket Keys the encryption context is the bucket ARN, without them the object ARN.
    const context = (bucket: string) => ({ 'kms:EncryptionContext:aws:s3:arn': [bucket, `${bucket}/*`] });
    const statements: PolicyStatement[] = [
      { Sid: 'ReadSourceConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source },
      { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${source}/*` },
      { Sid: 'ReplicateIntoDestination', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${destination}/*` },
      {
        Sid: 'DecryptSourceObjects',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: props.sourceKmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `s3.${props.sourceRegion}.amazonaws.com` }, StringLike: context(source) },
      },
      {
        Sid: 'EncryptReplicas',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: props.destinationKmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `s3.${props.destinationRegion}.amazonaws.com` }, StringLike: context(destination) },
      },
    ];

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `S3 replication to ${props.destinationRegion}`,
      assumeRolePolicy: serviceTrustPolicy('s3.amazonaws.com', props.accountId, 'S3ReplicatesForThisAccount'),
    });
    this.policy = new IamRolePolicy(this, 'policy', { name: 'replication', role: this.role.id, policy: policyJson({ Statement: statements }) });

    const rtc: Partial<S3BucketReplicationConfigurationRuleDestination> = replicationTimeControl
      ? {
          replicationTime: { status: 'Enabled', time: { minutes: RTC_MINUTES } },
          metrics: { status: 'Enabled', eventThreshold: { minutes: RTC_MINUTES } },
        }
      : {};
    this.configuration = new S3BucketReplicationConfigurationA(this, 'configuration', {
      bucket: props.source.name,
      role: this.role.arn,
      // S3 rejects the configuration until versioning is on, and without the policy the first
      // replications fail.
      dependsOn: [props.source.versioning, ...(props.destination.versioning ? [props.destination.versioning] : []), this.policy],
      rule: [
        {
          id: ruleId,
          status: 'Enabled',
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: destination,
            storageClass,
            encryptionConfiguration: { replicaKmsKeyId: props.destinationKmsKeyArn },
            ...rtc,
          },
        },
      ],
    });
    useProvider(this, props.provider);
  }
}
