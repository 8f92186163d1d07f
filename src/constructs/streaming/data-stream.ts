import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** Enhanced (shard-level) CloudWatch metrics of a Kinesis data stream. */
export type ShardLevelMetric =
  | 'IncomingBytes'
  | 'IncomingRecords'
  | 'OutgoingBytes'
  | 'OutgoingRecords'
  | 'WriteProvisionedThroughputExceeded'
  | 'ReadProvisionedThroughputExceeded'
  | 'IteratorAgeMilliseconds';

export const SHARD_LEVEL_METRICS: readonly ShardLevelMetric[] = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
];

export interface DataStreamProps extends ProviderScopedProps {
  /** Stream name (1-128 letters, digits, `_ . -`), for example `<system>-<env>-analytics`. */
  readonly streamName: string;
  /**
   * Customer-managed KMS key (ARN, or alias ARN) that encrypts the records. Producers need
   * `kms:GenerateDataKey` and consumers `kms:Decrypt` on it.
   */
  readonly kmsKeyArn: string;
  /**
   * Shards of a provisioned stream (1 MB/s or 1000 records/s in per shard).
   * @default - on-demand capacity (scales with traffic, no shard count)
   */
  readonly shardCount?: number;
  /**
   * Hours a record is kept (24-8760; beyond 24 hours costs extra).
   * @default 24
   */
  readonly retentionHours?: number;
  /**
   * Enhanced shard-level metrics to publish (each costs per shard-hour).
   * @default [] (stream-level metrics only)
   */
  readonly shardLevelMetrics?: readonly ShardLevelMetric[];
}

const NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;
const MIN_RETENTION_HOURS = 24;
const MAX_RETENTION_HOURS = 8760;

/**
 * A Kinesis data stream encrypted with a customer-managed KMS key, on-demand unless a shard count
 * is given, with its retention and optional enhanced shard-level metrics.
 */
export class DataStream extends Construct {
  readonly stream: KinesisStream;

  constructor(scope: Construct, id: string, props: DataStreamProps) {
    super(scope, id);
    const where = `DataStream ${props.streamName}`;
    const retentionHours = props.retentionHours ?? MIN_RETENTION_HOURS;
    const shardLevelMetrics = props.shardLevelMetrics ?? [];
    const shardCount = props.shardCount;

    if (!Token.isUnresolved(props.streamName) && !NAME.test(props.streamName)) {
      throw new Error(`${where}: the stream name is not 1-128 letters, digits, "_", "." or "-"; rename it`);
    }
    if (!Token.isUnresolved(props.kmsKeyArn) && !KEY_ARN.test(props.kmsKeyArn)) {
      throw new Error(`${where}: kmsKeyArn "${props.kmsKeyArn}" is not a KMS key or alias ARN; give the ARN of a customer-managed key`);
    }
    if (!Number.isInteger(retentionHours) || retentionHours < MIN_RETENTION_HOURS || retentionHours > MAX_RETENTION_HOURS) {
      throw new Error(`${where}: retentionHours ${retentionHours} is not a whole number of hours within ${MIN_RETENTION_HOURS}-${MAX_RETENTION_HOURS} (1 to 365 days)`);
    }
    if (shardCount !== undefined && (!Number.isInteger(shardCount) || shardCount < 1)) {
      throw new Error(`${where}: shardCount ${shardCount} is not a whole number of shards (1 or more); leave it unset for on-demand capacity`);
    }
    for (const metric of shardLevelMetrics) {
      if (!SHARD_LEVEL_METRICS.includes(metric)) throw new Error(`${where}: shard-level metric "${metric}" is not one of ${SHARD_LEVEL_METRICS.join(', ')}`);
    }
    if (new Set(shardLevelMetrics).size !== shardLevelMetrics.length) throw new Error(`${where}: shardLevelMetrics lists a metric twice; list each once`);

    this.stream = new KinesisStream(this, 'stream', {
      name: props.streamName,
      streamModeDetails: { streamMode: shardCount === undefined ? 'ON_DEMAND' : 'PROVISIONED' },
      shardCount,
      retentionPeriod: retentionHours,
      encryptionType: 'KMS',
      kmsKeyId: props.kmsKeyArn,
      shardLevelMetrics: shardLevelMetrics.length > 0 ? [...shardLevelMetrics] : undefined,
    });
    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.stream.arn;
  }

  get name(): string {
    return this.stream.name;
  }
}
