import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';
import { Guardrail } from '../../../src/constructs/ai/guardrail';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { SecureBucket } from '../../../src/constructs/storage/secure-bucket';
import { policyJson, serviceTrustPolicy } from '../../../src/core/iam/policy-document';
import { LayerContext, LayerStack } from '../../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../../src/core/samples';
import { GLOBAL_SERVICES_REGION } from '../../../src/config/types';

/** data: the events bucket and its key, replicated to a bucket and key in the secondary region. */
export class RelayDataStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const { accountId: account, region, protectStatefulResources: protect } = this.config;
    const secondary = this.config.secondaryRegion!;
    const dr = this.secondaryProvider;
    const key = new EncryptionKey(this, 'data-key', { alias: `${this.prefix}-data`, description: `${this.prefix} events`, accountId: account });
    const replicaKey = new EncryptionKey(this, 'replica-key', { alias: `${this.prefix}-data-replica`, description: `${this.prefix} events (DR copy)`, accountId: account, provider: dr });
    const replica = new SecureBucket(this, 'replica-bucket', { bucketName: `${this.prefix}-events-dr-${account}`, encryption: { kmsKeyArn: replicaKey.arn }, forceDestroy: !protect, provider: dr });
    const events = new SecureBucket(this, 'events-bucket', { bucketName: `${this.prefix}-events-${account}`, encryption: { kmsKeyArn: key.arn }, forceDestroy: !protect });

    const role = new IamRole(this, 'replication-role', {
      name: `${this.prefix}-replication`,
      assumeRolePolicy: serviceTrustPolicy('s3.amazonaws.com', account),
    });
    new IamRolePolicy(this, 'replication-policy', {
      role: role.name,
      policy: policyJson({
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: events.arn },
          { Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${events.arn}/*` },
          { Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${replica.arn}/*` },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key.arn, Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } } },
          { Effect: 'Allow', Action: 'kms:Encrypt', Resource: replicaKey.arn, Condition: { StringEquals: { 'kms:ViaService': `s3.${secondary}.amazonaws.com` } } },
        ],
      }),
    });
    new S3BucketReplicationConfigurationA(this, 'replication', {
      bucket: events.bucket.id,
      role: role.arn,
      dependsOn: [events.versioning, replica.versioning],
      rule: [
        {
          id: 'everything-to-dr',
          status: 'Enabled',
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: { bucket: replica.arn, encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn } },
        },
      ],
    });

    const keyArn = (r: string, name: string) => sampleArn({ service: 'kms', region: r, account, resource: `key/${sampleUuid(`${this.node.id}:${name}`)}` });
    this.publish('data_kms_key_arn', key.arn, { description: 'KMS key of the events bucket and queues', sample: keyArn(region, 'data') });
    this.publish('events_bucket_arn', events.arn, { description: 'ARN of the events bucket', sample: `arn:aws:s3:::${this.prefix}-events-${account}` });
    this.publish('replica_bucket_arn', replica.arn, { description: `ARN of the events bucket's replica in ${secondary}`, sample: `arn:aws:s3:::${this.prefix}-events-dr-${account}` });
  }
}

/** compute (before ai): the relay queue and its dead-letter queue, encrypted with the data key. */
export class RelayComputeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'compute', context);
    const { accountId: account, region } = this.config;
    const data = this.upstream('data');
    const keyArn = data.string('data_kms_key_arn');
    const dlq = new SqsQueue(this, 'dead-letters', { name: `${this.prefix}-dead-letters`, kmsMasterKeyId: keyArn, messageRetentionSeconds: 1209600 });
    const queue = new SqsQueue(this, 'events', {
      name: `${this.prefix}-events`,
      kmsMasterKeyId: keyArn,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
    });
    this.publish('events_queue_arn', queue.arn, { description: 'ARN of the events queue', sample: `arn:aws:sqs:${region}:${account}:${this.prefix}-events` });
    this.publish('events_queue_url', queue.url, { description: 'URL of the events queue', sample: `https://sqs.${region}.amazonaws.com/${account}/${this.prefix}-events` });
  }
}

/** ai (reads compute and data): a guardrail, and the queue it screens recorded next to it. */
export class RelayAiStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'ai', context);
    const { accountId: account, region } = this.config;
    const data = this.upstream('data');
    const compute = this.upstream('compute');
    const guardrail = new Guardrail(this, 'guardrail', { name: `${this.prefix}-guardrail`, description: `${this.prefix}: screens relayed events`, kmsKeyArn: data.string('data_kms_key_arn') });
    new SsmParameter(this, 'screened-queue', { name: `/${this.config.system}/${this.config.env}/screened-queue-url`, type: 'String', value: compute.string('events_queue_url') });
    this.publish('guardrail_arn', guardrail.arn, { description: 'ARN of the guardrail', sample: sampleArn({ service: 'bedrock', region, account, resource: 'guardrail/abcdef123456' }) });
  }
}

/** edge (reads compute): a CloudFront-scoped web ACL, which AWS only accepts in us-east-1. */
export class RelayEdgeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'edge', context);
    const compute = this.upstream('compute');
    const name = `${this.prefix}-cdn`;
    const acl = new Wafv2WebAcl(this, 'cdn-web-acl', {
      provider: this.providerFor(GLOBAL_SERVICES_REGION),
      name,
      description: `Guards the CloudFront distribution that fronts ${this.prefix}`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
      rule: [
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          // The provider types `statement` loosely: its blocks are written in Terraform's snake_case.
          statement: { managed_rule_group_statement: [{ name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' }] },
          visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
        },
      ],
      tags: { RelayQueue: compute.string('events_queue_arn') },
    });
    this.publish('cdn_web_acl_arn', acl.arn, { description: 'ARN of the CloudFront web ACL', sample: `arn:aws:wafv2:us-east-1:${this.config.accountId}:global/webacl/${name}/${sampleUuid(name)}` });
  }
}
