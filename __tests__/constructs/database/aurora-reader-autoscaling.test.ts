import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AuroraProvisionedCluster, AuroraProvisionedClusterProps } from '../../../src/constructs/database/aurora-provisioned-cluster';
import { AuroraReaderAutoScaling, AuroraReaderAutoScalingProps } from '../../../src/constructs/database/aurora-reader-autoscaling';
import { evaluate } from '../../../src/policy/engine';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';

const ACCOUNT = '111111111111';
const key = (name: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${name}`;

/** The seed: 1-5 readers on 70 % reader CPU, scale-in cooldown 15 min, scale-out 5 min. */
const BASE: AuroraReaderAutoScalingProps = { clusterIdentifier: 'sys-dev-aurora', minReaders: 1, maxReaders: 5 };

const CLUSTER: AuroraProvisionedClusterProps = {
  clusterIdentifier: 'sys-dev-aurora',
  engineVersion: '16.4',
  instanceClass: 'db.t4g.medium',
  readerCount: 1,
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-db'],
  storageKmsKeyArn: key('storage'),
  secretKmsKeyArn: key('secret'),
  logsKmsKeyArn: key('logs'),
  logRetentionDays: 30,
  backupRetentionDays: 7,
  databaseName: 'app',
  accountId: ACCOUNT,
  protect: false,
};

function synth(change: Partial<AuroraReaderAutoScalingProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new AuroraReaderAutoScaling(scope, 'readers', { ...BASE, ...change })));
}

/** A stack with a small provisioned cluster and the autoscaling of its readers. */
function clusterStack(change: Partial<AuroraReaderAutoScalingProps> = {}, name = 'sys-dev-data'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const cluster = new AuroraProvisionedCluster(stack, 'db', CLUSTER);
  new AuroraReaderAutoScaling(stack, 'readers', {
    clusterIdentifier: cluster.identifier,
    minReaders: 1,
    maxReaders: 5,
    managedReaders: CLUSTER.readerCount,
    dependsOn: cluster.instances,
    ...change,
  });
  return stack;
}

describe('AuroraReaderAutoScaling', () => {
  test('a scalable target on the cluster\'s reader count with the min and max readers', () => {
    expect(onlyResource(synth(), 'aws_appautoscaling_target')).toEqual({
      service_namespace: 'rds',
      scalable_dimension: 'rds:cluster:ReadReplicaCount',
      resource_id: 'cluster:sys-dev-aurora',
      min_capacity: 1,
      max_capacity: 5,
    });
    expect(onlyResource(synth({ minReaders: 0, maxReaders: 15 }), 'aws_appautoscaling_target')).toMatchObject({ min_capacity: 0, max_capacity: 15 });
  });

  test('target tracking on the average reader CPU: 70 %, scale-in cooldown 900 s, scale-out 300 s by default', () => {
    const json = synth();
    const [[targetName]] = resourcesOf(json, 'aws_appautoscaling_target');
    expect(onlyResource(json, 'aws_appautoscaling_policy')).toEqual({
      name: 'sys-dev-aurora-reader-cpu',
      policy_type: 'TargetTrackingScaling',
      service_namespace: `\${aws_appautoscaling_target.${targetName}.service_namespace}`,
      scalable_dimension: `\${aws_appautoscaling_target.${targetName}.scalable_dimension}`,
      resource_id: `\${aws_appautoscaling_target.${targetName}.resource_id}`,
      target_tracking_scaling_policy_configuration: {
        target_value: 70,
        scale_in_cooldown: 900,
        scale_out_cooldown: 300,
        predefined_metric_specification: { predefined_metric_type: 'RDSReaderAverageCPUUtilization' },
      },
    });
  });

  test('target and cooldowns as given; a policy name as given', () => {
    const policy = onlyResource(synth({ targetCpuPercent: 60, scaleInCooldownSeconds: 600, scaleOutCooldownSeconds: 120, policyName: 'readers-cpu' }), 'aws_appautoscaling_policy');
    expect(policy.name).toBe('readers-cpu');
    expect(policy.target_tracking_scaling_policy_configuration).toMatchObject({ target_value: 60, scale_in_cooldown: 600, scale_out_cooldown: 120 });
  });

  test('on a cluster: the target references the cluster identifier and waits for the Terraform-managed instances', () => {
    const json = synthJson(clusterStack());
    const [[clusterName]] = resourcesOf(json, 'aws_rds_cluster');
    const target = onlyResource(json, 'aws_appautoscaling_target');
    expect(target.resource_id).toBe(`cluster:\${aws_rds_cluster.${clusterName}.cluster_identifier}`);
    expect(target.depends_on).toEqual(resourcesOf(json, 'aws_rds_cluster_instance').map(([name]) => `aws_rds_cluster_instance.${name}`));
    expect(onlyResource(json, 'aws_appautoscaling_policy').name).toBe(`\${aws_rds_cluster.${clusterName}.cluster_identifier}-reader-cpu`);
  });

  test('puts the target and the policy on the given provider', () => {
    const stack = stackOf('sys-dev-data');
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new AuroraReaderAutoScaling(stack, 'readers', { ...BASE, provider: west });
    const json = synthJson(stack);
    expect(onlyResource(json, 'aws_appautoscaling_target').provider).toBe('aws.us_west_2');
    expect(onlyResource(json, 'aws_appautoscaling_policy').provider).toBe('aws.us_west_2');
  });

  test.each<[Partial<AuroraReaderAutoScalingProps>, string]>([
    [{ minReaders: -1 }, 'AuroraReaderAutoScaling sys-dev-aurora: minReaders -1 is not a whole number in 0-15'],
    [{ minReaders: 1.5 }, 'minReaders 1.5 is not a whole number in 0-15'],
    [{ maxReaders: 16 }, 'maxReaders 16 is not a whole number in 1-15'],
    [{ maxReaders: 0, minReaders: 0 }, 'maxReaders 0 is not a whole number in 1-15'],
    [{ minReaders: 6 }, 'minReaders 6 is above maxReaders 5'],
    [{ managedReaders: 5 }, 'maxReaders 5 leaves no room above the 5 Terraform-managed readers'],
    [{ managedReaders: 16 }, 'managedReaders 16 is not a whole number in 0-15'],
    [{ targetCpuPercent: 0 }, 'targetCpuPercent 0 is not a utilization percentage'],
    [{ targetCpuPercent: 120 }, 'targetCpuPercent 120 is not a utilization percentage'],
    [{ scaleInCooldownSeconds: -1 }, 'scaleInCooldownSeconds -1 is not a whole number of seconds'],
    [{ scaleOutCooldownSeconds: 0.5 }, 'scaleOutCooldownSeconds 0.5 is not a whole number of seconds'],
    [{ policyName: '' }, 'policyName "" is not 1-256 printable characters'],
  ])('rejects %j', (change, message) => {
    expect(() => synth(change)).toThrow(message);
  });

  test('names the construct path in messages when the cluster identifier is a reference', () => {
    expect(() => clusterStack({ minReaders: 9, maxReaders: 8 })).toThrow('AuroraReaderAutoScaling sys-dev-data/readers: minReaders 9 is above maxReaders 8');
  });
});

describe('policy pack', () => {
  test('no open finding for a cluster with reader autoscaling, in dev and prod', () => {
    for (const name of ['sys-dev-data', 'sys-prod-data']) {
      const stack = stackOf(name);
      const cluster = new AuroraProvisionedCluster(stack, 'db', { ...CLUSTER, protect: true });
      new AuroraReaderAutoScaling(stack, 'readers', { clusterIdentifier: cluster.identifier, minReaders: 1, maxReaders: 5, managedReaders: 1, dependsOn: cluster.instances });
      // BAK-01 (prod: a backup plan selects the cluster) is the caller's: the plan lives in the data layer, beside the cluster.
      const open = evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed && f.ruleId !== 'BAK-01').map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
      expect({ name, open }).toEqual({ name, open: [] });
    }
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('reader autoscaling 1-5 on a small provisioned cluster', () => {
    expectOfflinePlan(synthJson(clusterStack()));
  });
});
