import { TerraformOutput, Testing } from 'cdktf';
import { DataStream, DataStreamProps, ShardLevelMetric } from '../../../src/constructs/streaming/data-stream';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/streams';
const BASE: DataStreamProps = { streamName: 'sys-dev-analytics', kmsKeyArn: KEY };

function stream(change: Partial<DataStreamProps> = {}): Json {
  return onlyResource(JSON.parse(Testing.synthScope((scope) => void new DataStream(scope, 's', { ...BASE, ...change }))), 'aws_kinesis_stream');
}

function rejects(change: Partial<DataStreamProps>, message: string): void {
  expect(() => stream(change)).toThrow(message);
}

describe('DataStream', () => {
  test('defaults: on-demand, KMS-encrypted with the given key, 24 hours, no shard-level metrics', () => {
    const s = stream();
    expect(s).toMatchObject({ name: 'sys-dev-analytics', stream_mode_details: { stream_mode: 'ON_DEMAND' }, retention_period: 24, encryption_type: 'KMS', kms_key_id: KEY });
    expect(s.shard_count).toBeUndefined();
    expect(s.shard_level_metrics).toBeUndefined();
  });

  test('provisioned shards, longer retention and enhanced metrics', () => {
    const metrics: ShardLevelMetric[] = ['IncomingRecords', 'IteratorAgeMilliseconds'];
    expect(stream({ shardCount: 4, retentionHours: 168, shardLevelMetrics: metrics })).toMatchObject({
      stream_mode_details: { stream_mode: 'PROVISIONED' },
      shard_count: 4,
      retention_period: 168,
      shard_level_metrics: metrics,
    });
  });

  test('outputs: arn and name', () => {
    const stack = stackOf('sys-dev-compute');
    const s = new DataStream(stack, 's', BASE);
    new TerraformOutput(stack, 'arn', { value: s.arn });
    new TerraformOutput(stack, 'name', { value: s.name });
    const json = synthJson(stack);
    const [id] = Object.keys(json.resource.aws_kinesis_stream);
    expect(json.output).toMatchObject({ arn: { value: `\${aws_kinesis_stream.${id}.arn}` }, name: { value: `\${aws_kinesis_stream.${id}.name}` } });
  });

  test('rejects a bad name, key, retention, shard count or metric', () => {
    rejects({ streamName: 'has space' }, 'DataStream has space: the stream name is not 1-128 letters, digits, "_", "." or "-"; rename it');
    rejects({ streamName: 'a'.repeat(129) }, 'the stream name is not 1-128');
    rejects({ kmsKeyArn: 'alias/aws/kinesis' }, 'DataStream sys-dev-analytics: kmsKeyArn "alias/aws/kinesis" is not a KMS key or alias ARN; give the ARN of a customer-managed key');
    rejects({ retentionHours: 23 }, 'retentionHours 23 is not a whole number of hours within 24-8760 (1 to 365 days)');
    rejects({ retentionHours: 8761 }, 'retentionHours 8761 is not');
    rejects({ shardCount: 0 }, 'shardCount 0 is not a whole number of shards (1 or more); leave it unset for on-demand capacity');
    rejects({ shardCount: 1.5 }, 'shardCount 1.5 is not');
    rejects({ shardLevelMetrics: ['ALL' as ShardLevelMetric] }, 'shard-level metric "ALL" is not one of IncomingBytes');
    rejects({ shardLevelMetrics: ['IncomingBytes', 'IncomingBytes'] }, 'shardLevelMetrics lists a metric twice');
  });

  test('policy pack: no open finding', () => {
    const stack = stackOf('sys-prod-compute');
    new DataStream(stack, 's', BASE);
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].findings).toEqual([]);
  });

  test('on-demand and provisioned streams pass terraform validate and an offline plan', () => {
    const stack = stackOf('sys-dev-compute');
    new DataStream(stack, 'on-demand', BASE);
    new DataStream(stack, 'provisioned', { ...BASE, streamName: 'sys-dev-clicks', shardCount: 2, retentionHours: 48, shardLevelMetrics: ['IncomingBytes'] });
    expectOfflinePlan(synthJson(stack));
  });
});
