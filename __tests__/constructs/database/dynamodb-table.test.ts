import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AppTable, AppTableProps } from '../../../src/constructs/database/dynamodb-table';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { evaluate } from '../../../src/policy';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/primary';
const WEST_KEY = 'arn:aws:kms:us-west-2:111122223333:key/replica';

const BASE: AppTableProps = {
  tableName: 'partners-dev-analysis-results',
  partitionKey: { name: 'opportunityId', type: 'S' },
  sortKey: { name: 'analysisType', type: 'S' },
  kmsKeyArn: KEY,
};

function synth(change: Partial<AppTableProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new AppTable(scope, 't', { ...BASE, ...change })));
}

const table = (change: Partial<AppTableProps> = {}): Json => onlyResource(synth(change), 'aws_dynamodb_table');

describe('AppTable', () => {
  test('on-demand, customer-managed KMS, PITR 35 days and deletion protection by default; keys from the props', () => {
    expect(table()).toMatchObject({
      name: 'partners-dev-analysis-results',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'opportunityId',
      range_key: 'analysisType',
      server_side_encryption: { enabled: true, kms_key_arn: KEY },
      point_in_time_recovery: { enabled: true, recovery_period_in_days: 35 },
      deletion_protection_enabled: true,
      stream_enabled: false,
    });
    const plain = table();
    for (const absent of ['ttl', 'stream_view_type', 'read_capacity', 'write_capacity', 'replica', 'global_secondary_index']) expect(plain[absent]).toBeUndefined();
    expect(table({ deletionProtection: false }).deletion_protection_enabled).toBe(false);
    expect(table({ sortKey: undefined }).range_key).toBeUndefined();
  });

  test('attribute definitions are derived from the table and index keys, once each, in order of first use', () => {
    const t = table({
      ttlAttribute: 'expiresAt',
      globalSecondaryIndexes: {
        'customerId-timestamp-index': { partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'timestamp', type: 'N' } },
        'type-index': { partitionKey: { name: 'analysisType', type: 'S' }, sortKey: { name: 'timestamp', type: 'N' }, projection: 'KEYS_ONLY' },
        'opportunity-index': { partitionKey: { name: 'opportunityId', type: 'S' }, projection: ['summary', 'score'] },
      },
    });
    expect(t.attribute).toEqual([
      { name: 'opportunityId', type: 'S' },
      { name: 'analysisType', type: 'S' },
      { name: 'customerId', type: 'S' },
      { name: 'timestamp', type: 'N' },
    ]);
    // The TTL attribute is not a key, so it is not defined.
    expect(t.attribute.map((a: Json) => a.name)).not.toContain('expiresAt');
    expect(t.global_secondary_index).toEqual([
      { name: 'customerId-timestamp-index', hash_key: 'customerId', range_key: 'timestamp', projection_type: 'ALL' },
      { name: 'type-index', hash_key: 'analysisType', range_key: 'timestamp', projection_type: 'KEYS_ONLY' },
      { name: 'opportunity-index', hash_key: 'opportunityId', projection_type: 'INCLUDE', non_key_attributes: ['summary', 'score'] },
    ]);
  });

  test('TTL on the given attribute', () => {
    expect(table({ ttlAttribute: 'expiresAt' }).ttl).toEqual({ attribute_name: 'expiresAt', enabled: true });
  });

  test('stream with the given view type', () => {
    expect(table({ streamViewType: 'NEW_IMAGE' })).toMatchObject({ stream_enabled: true, stream_view_type: 'NEW_IMAGE' });
  });

  test('provisioned capacity for the table and its indexes (an index may override it)', () => {
    const t = table({
      capacity: { read: 10, write: 5 },
      globalSecondaryIndexes: {
        UserIndex: { partitionKey: { name: 'userId', type: 'S' } },
        HotIndex: { partitionKey: { name: 'hot', type: 'S' }, capacity: { read: 20, write: 10 } },
      },
    });
    expect(t).toMatchObject({ billing_mode: 'PROVISIONED', read_capacity: 10, write_capacity: 5 });
    expect(t.global_secondary_index.map((i: Json) => [i.name, i.read_capacity, i.write_capacity])).toEqual([
      ['UserIndex', 10, 5],
      ['HotIndex', 20, 10],
    ]);
  });

  test('replicas make a global table: each replica with its own KMS key, PITR and tags; stream NEW_AND_OLD_IMAGES', () => {
    const t = table({ replicas: [{ region: 'us-west-2', kmsKeyArn: WEST_KEY }] });
    expect(t.replica).toEqual([{ region_name: 'us-west-2', kms_key_arn: WEST_KEY, point_in_time_recovery: true, propagate_tags: true }]);
    expect(t).toMatchObject({ stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES' });
  });

  test('puts the table on the given provider; exposes name, ARN and stream ARN', () => {
    const stack = stackOf('partners-dev-data');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const appTable = new AppTable(stack, 't', { ...BASE, kmsKeyArn: WEST_KEY, provider: west });
    new TerraformOutput(stack, 'name', { value: appTable.name });
    new TerraformOutput(stack, 'arn', { value: appTable.arn });
    new TerraformOutput(stack, 'stream', { value: appTable.streamArn });
    const json = JSON.parse(Testing.synth(stack));
    expect(onlyResource(json, 'aws_dynamodb_table').provider).toBe('aws.us_west_2');
    expect(json.output.name.value).toMatch(/^\$\{aws_dynamodb_table\.t_table_\w+\.name\}$/);
    expect(json.output.arn.value).toMatch(/^\$\{aws_dynamodb_table\.t_table_\w+\.arn\}$/);
    expect(json.output.stream.value).toMatch(/^\$\{aws_dynamodb_table\.t_table_\w+\.stream_arn\}$/);
  });

  describe('rejects', () => {
    const rejects = (change: Partial<AppTableProps>, message: string) => expect(() => synth(change)).toThrow(message);

    test('a GSI key typed differently from the table key', () => {
      rejects(
        { globalSecondaryIndexes: { 'analysisType-index': { partitionKey: { name: 'analysisType', type: 'N' } } } },
        `AppTable partners-dev-analysis-results: attribute "analysisType" is S as the table's sort key and N as index analysisType-index's partition key; an attribute has one type, make them agree`,
      );
    });

    test('two indexes typing one attribute differently', () => {
      rejects(
        {
          globalSecondaryIndexes: {
            'customer-index': { partitionKey: { name: 'customerId', type: 'S' } },
            'region-index': { partitionKey: { name: 'region', type: 'S' }, sortKey: { name: 'customerId', type: 'B' } },
          },
        },
        'attribute "customerId" is S as index customer-index\'s partition key and B as index region-index\'s sort key',
      );
    });

    test('one attribute as both partition and sort key', () => {
      rejects({ sortKey: { name: 'opportunityId', type: 'S' } }, 'the table uses "opportunityId" as both partition and sort key');
    });

    test('a TTL attribute that is a non-Number key', () => {
      rejects({ ttlAttribute: 'analysisType' }, 'TTL attribute "analysisType" is a key of type S; TTL reads epoch seconds from a Number attribute');
    });

    test('an invalid table or index name', () => {
      rejects({ tableName: 'bad name!' }, 'AppTable bad name!: the table name is not 3-255 letters');
      rejects({ globalSecondaryIndexes: { 'x y': { partitionKey: { name: 'k', type: 'S' } } } }, 'index name "x y" is not 3-255 letters');
    });

    test('more than 20 indexes', () => {
      const indexes = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`index-${i}`, { partitionKey: { name: `k${i}`, type: 'S' as const } }]));
      rejects({ globalSecondaryIndexes: indexes }, "21 global secondary indexes exceed DynamoDB's 20");
    });

    test('PITR days outside 1-35', () => {
      rejects({ pointInTimeRecoveryDays: 36 }, 'pointInTimeRecoveryDays 36 is outside 1-35');
    });

    test('index capacity on an on-demand table, and zero capacity', () => {
      rejects({ globalSecondaryIndexes: { UserIndex: { partitionKey: { name: 'userId', type: 'S' }, capacity: { read: 1, write: 1 } } } }, 'index UserIndex has a capacity but the table is on-demand');
      rejects({ capacity: { read: 0, write: 5 } }, 'capacity.read is 0; give a whole number of capacity units');
    });

    test('replicas with provisioned capacity or another stream view type', () => {
      const replicas = [{ region: 'us-west-2', kmsKeyArn: WEST_KEY }];
      rejects({ replicas, capacity: { read: 5, write: 5 } }, 'replicas need on-demand capacity');
      rejects({ replicas, streamViewType: 'KEYS_ONLY' }, 'streamViewType KEYS_ONLY with replicas; global tables replicate through a NEW_AND_OLD_IMAGES stream');
    });

    test('a replica keyed in another region, a duplicate replica region, a bad region', () => {
      rejects({ replicas: [{ region: 'us-west-2', kmsKeyArn: KEY }] }, 'replica us-west-2 is encrypted with a key in us-east-1; KMS keys are regional, give a key in us-west-2');
      rejects({ replicas: [{ region: 'us-west-2', kmsKeyArn: WEST_KEY }, { region: 'us-west-2', kmsKeyArn: WEST_KEY }] }, 'two replicas in us-west-2');
      rejects({ replicas: [{ region: 'oregon', kmsKeyArn: WEST_KEY }] }, 'replica region "oregon" is not a region name');
      rejects({ replicas: [{ region: 'us-west-2', kmsKeyArn: 'alias/x' }] }, 'replica us-west-2 kmsKeyArn "alias/x" is not a KMS key ARN');
    });
  });

  test('policy pack: a prod global table with its keys has no open finding (DDB-01, KMS-01, KMS-02)', () => {
    const stack = stackOf('partners-prod-data');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const key = new EncryptionKey(stack, 'key', { alias: 'partners-prod-data', description: 'data', accountId: '111122223333' });
    const westKey = new EncryptionKey(stack, 'key-west', { alias: 'partners-prod-data', description: 'data (DR)', accountId: '111122223333', provider: west });
    new AppTable(stack, 'results', {
      ...BASE,
      tableName: 'partners-prod-analysis-results',
      kmsKeyArn: key.arn,
      ttlAttribute: 'expiresAt',
      globalSecondaryIndexes: { 'customerId-timestamp-index': { partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'timestamp', type: 'N' } } },
      replicas: [{ region: 'us-west-2', kmsKeyArn: westKey.arn }],
    });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].evaluated).toBeGreaterThan(0);
    expect(report.stacks[0].findings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('policy pack: DDB-01 fires in prod when deletion protection is turned off', () => {
    const stack = stackOf('partners-prod-data');
    new AppTable(stack, 'results', { ...BASE, deletionProtection: false });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].findings.map((f) => [f.ruleId, f.attribute])).toEqual([['DDB-01', 'deletion_protection_enabled']]);
  });
});

/** The seed's configurations table: provisioned 10 RCU / 5 WCU, autoscaling 5-200 at 70 %. */
const SCALED: Partial<AppTableProps> = {
  tableName: 'sys-dev-configurations',
  capacity: { read: 10, write: 5, autoScaling: { minCapacity: 5, maxCapacity: 200, targetUtilizationPercent: 70 } },
};

/** Scalable targets as [resource_id, dimension, min, max] and policies as [name, dimension, metric, target], for comparison. */
function scalingOf(json: Json): { targets: unknown[]; policies: unknown[] } {
  const targetsByName = Object.fromEntries(resourcesOf(json, 'aws_appautoscaling_target'));
  const targets = Object.values(targetsByName).map((t) => [t.resource_id, t.scalable_dimension, t.min_capacity, t.max_capacity]);
  const policies = resourcesOf(json, 'aws_appautoscaling_policy').map(([, p]) => {
    const targetName = /^\$\{aws_appautoscaling_target\.([^.]+)\.resource_id\}$/.exec(p.resource_id)?.[1] ?? '';
    expect(p.scalable_dimension).toBe(`\${aws_appautoscaling_target.${targetName}.scalable_dimension}`);
    expect(p.service_namespace).toBe(`\${aws_appautoscaling_target.${targetName}.service_namespace}`);
    const config = p.target_tracking_scaling_policy_configuration;
    return [p.name, p.policy_type, targetsByName[targetName].scalable_dimension, config.predefined_metric_specification.predefined_metric_type, config.target_value];
  });
  return { targets: targets.sort(), policies: policies.sort() };
}

describe('AppTable capacity auto scaling', () => {
  test('without autoScaling: no scaling resources and no lifecycle (the output is as before)', () => {
    const json = synth({ capacity: { read: 10, write: 5 } });
    expect(resourcesOf(json, 'aws_appautoscaling_target')).toEqual([]);
    expect(resourcesOf(json, 'aws_appautoscaling_policy')).toEqual([]);
    expect(onlyResource(json, 'aws_dynamodb_table').lifecycle).toBeUndefined();
  });

  test('read and write targets on the table with target tracking at the utilization; the initial capacity is provisioned', () => {
    const json = synth(SCALED);
    expect(onlyResource(json, 'aws_dynamodb_table')).toMatchObject({ billing_mode: 'PROVISIONED', read_capacity: 10, write_capacity: 5 });
    const [[tableName]] = resourcesOf(json, 'aws_dynamodb_table');
    const resourceId = `table/\${aws_dynamodb_table.${tableName}.name}`;
    expect(resourcesOf(json, 'aws_appautoscaling_target').map(([, t]) => t.service_namespace)).toEqual(['dynamodb', 'dynamodb']);
    expect(scalingOf(json)).toEqual({
      targets: [
        [resourceId, 'dynamodb:table:ReadCapacityUnits', 5, 200],
        [resourceId, 'dynamodb:table:WriteCapacityUnits', 5, 200],
      ],
      policies: [
        ['sys-dev-configurations-read-utilization', 'TargetTrackingScaling', 'dynamodb:table:ReadCapacityUnits', 'DynamoDBReadCapacityUtilization', 70],
        ['sys-dev-configurations-write-utilization', 'TargetTrackingScaling', 'dynamodb:table:WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization', 70],
      ],
    });
  });

  test('Terraform ignores the capacity the scaler changes: the table\'s, and the index block when there are indexes', () => {
    expect(onlyResource(synth(SCALED), 'aws_dynamodb_table').lifecycle).toEqual({ ignore_changes: ['read_capacity', 'write_capacity'] });
    const withIndex = synth({ ...SCALED, globalSecondaryIndexes: { UserIndex: { partitionKey: { name: 'userId', type: 'S' } } } });
    expect(onlyResource(withIndex, 'aws_dynamodb_table').lifecycle).toEqual({ ignore_changes: ['read_capacity', 'write_capacity', 'global_secondary_index'] });
  });

  test('indexes scale too, with the table\'s bounds unless the index gives its own', () => {
    const json = synth({
      ...SCALED,
      globalSecondaryIndexes: {
        UserIndex: { partitionKey: { name: 'userId', type: 'S' } },
        HotIndex: { partitionKey: { name: 'hot', type: 'S' }, capacity: { read: 50, write: 20, autoScaling: { minCapacity: 10, maxCapacity: 1000, targetUtilizationPercent: 50 } } },
      },
    });
    const [[tableName]] = resourcesOf(json, 'aws_dynamodb_table');
    const table = `table/\${aws_dynamodb_table.${tableName}.name}`;
    expect(scalingOf(json)).toEqual({
      targets: [
        [table, 'dynamodb:table:ReadCapacityUnits', 5, 200],
        [table, 'dynamodb:table:WriteCapacityUnits', 5, 200],
        [`${table}/index/HotIndex`, 'dynamodb:index:ReadCapacityUnits', 10, 1000],
        [`${table}/index/HotIndex`, 'dynamodb:index:WriteCapacityUnits', 10, 1000],
        [`${table}/index/UserIndex`, 'dynamodb:index:ReadCapacityUnits', 5, 200],
        [`${table}/index/UserIndex`, 'dynamodb:index:WriteCapacityUnits', 5, 200],
      ],
      policies: [
        ['sys-dev-configurations-HotIndex-read-utilization', 'TargetTrackingScaling', 'dynamodb:index:ReadCapacityUnits', 'DynamoDBReadCapacityUtilization', 50],
        ['sys-dev-configurations-HotIndex-write-utilization', 'TargetTrackingScaling', 'dynamodb:index:WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization', 50],
        ['sys-dev-configurations-UserIndex-read-utilization', 'TargetTrackingScaling', 'dynamodb:index:ReadCapacityUnits', 'DynamoDBReadCapacityUtilization', 70],
        ['sys-dev-configurations-UserIndex-write-utilization', 'TargetTrackingScaling', 'dynamodb:index:WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization', 70],
        ['sys-dev-configurations-read-utilization', 'TargetTrackingScaling', 'dynamodb:table:ReadCapacityUnits', 'DynamoDBReadCapacityUtilization', 70],
        ['sys-dev-configurations-write-utilization', 'TargetTrackingScaling', 'dynamodb:table:WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization', 70],
      ],
    });
    // The index capacities themselves are synthesized as before.
    expect(onlyResource(json, 'aws_dynamodb_table').global_secondary_index.map((i: Json) => [i.name, i.read_capacity, i.write_capacity])).toEqual([
      ['UserIndex', 10, 5],
      ['HotIndex', 50, 20],
    ]);
  });

  test('the scaling resources follow the table onto its provider and expose targets and policies', () => {
    const stack = stackOf('sys-dev-data');
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    const appTable = new AppTable(stack, 't', { ...BASE, ...SCALED, kmsKeyArn: WEST_KEY, provider: west });
    expect(appTable.scalingTargets).toHaveLength(2);
    expect(appTable.scalingPolicies).toHaveLength(2);
    const json = synthJson(stack);
    for (const type of ['aws_appautoscaling_target', 'aws_appautoscaling_policy']) {
      for (const [, body] of resourcesOf(json, type)) expect(body.provider).toBe('aws.us_west_2');
    }
  });

  describe('rejects', () => {
    const scaled = (autoScaling: Partial<{ minCapacity: number; maxCapacity: number; targetUtilizationPercent: number }>, read = 10, write = 5): Partial<AppTableProps> => ({
      tableName: 'sys-dev-configurations',
      capacity: { read, write, autoScaling: { minCapacity: 5, maxCapacity: 200, targetUtilizationPercent: 70, ...autoScaling } },
    });
    const cases: [Partial<AppTableProps>, string][] = [
      [scaled({ minCapacity: 0 }), 'AppTable sys-dev-configurations: capacity.autoScaling.minCapacity is 0; give a whole number of capacity units in 1-40000'],
      [scaled({ maxCapacity: 40001 }), 'capacity.autoScaling.maxCapacity is 40001; give a whole number of capacity units in 1-40000'],
      [scaled({ minCapacity: 2.5 }), 'capacity.autoScaling.minCapacity is 2.5'],
      [scaled({ minCapacity: 300 }), 'capacity.autoScaling.minCapacity 300 is above maxCapacity 200'],
      [scaled({}, 300), 'capacity.read 300 is outside autoScaling 5-200; the initial capacity must lie within the scaling bounds'],
      [scaled({}, 10, 2), 'capacity.write 2 is outside autoScaling 5-200'],
      [scaled({ targetUtilizationPercent: 10 }), 'capacity.autoScaling.targetUtilizationPercent 10 is outside 20-90'],
      [scaled({ targetUtilizationPercent: 95 }), 'capacity.autoScaling.targetUtilizationPercent 95 is outside 20-90'],
      [
        { ...scaled({}), globalSecondaryIndexes: { HotIndex: { partitionKey: { name: 'hot', type: 'S' }, capacity: { read: 500, write: 5 } } } },
        'index HotIndex capacity.read 500 is outside autoScaling 5-200',
      ],
      [
        { capacity: { read: 10, write: 5 }, globalSecondaryIndexes: { HotIndex: { partitionKey: { name: 'hot', type: 'S' }, capacity: { read: 10, write: 5, autoScaling: { minCapacity: 5, maxCapacity: 20, targetUtilizationPercent: 70 } } } } },
        "index HotIndex has capacity.autoScaling but the table's capacity has none",
      ],
      [{ ...scaled({}), replicas: [{ region: 'us-west-2', kmsKeyArn: WEST_KEY }] }, 'replicas need on-demand capacity'],
      [{ ...scaled({}), tableName: 't'.repeat(250) }, `scaling policy name "${'t'.repeat(250)}-read-utilization" is longer than 256 characters`],
    ];
    test.each(cases.map(([change, message]) => [message, change] as const))('%s', (message, change) => {
      expect(() => synth(change)).toThrow(message);
    });
  });

  test('policy pack: a prod provisioned table with autoscaling has no open finding', () => {
    const stack = stackOf('sys-prod-data');
    new AppTable(stack, 't', { ...BASE, ...SCALED, tableName: 'sys-prod-configurations', globalSecondaryIndexes: { UserIndex: { partitionKey: { name: 'userId', type: 'S' } } } });
    const report = evaluate([doc(stack)]);
    expect(report.stacks[0].findings.filter((f) => !f.suppressed)).toEqual([]);
  });

  test('offline terraform validate and plan: a provisioned table with an index and autoscaling', () => {
    const stack = new TerraformStack(Testing.app(), 'sys-dev-data');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new AppTable(stack, 't', {
      ...BASE,
      ...SCALED,
      deletionProtection: false,
      globalSecondaryIndexes: { UserIndex: { partitionKey: { name: 'userId', type: 'S' } } },
    });
    expectOfflinePlan(synthJson(stack));
  });
});
