import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

export interface AuroraReaderAutoScalingProps extends ProviderScopedProps {
  /**
   * Identifier of the Aurora cluster, preferably a reference such as
   * `AuroraProvisionedCluster.identifier` (the target then waits for the cluster).
   */
  readonly clusterIdentifier: string;
  /** Fewest readers (0-15). Counts every reader, the Terraform-managed ones included. */
  readonly minReaders: number;
  /** Most readers (1-15, at least `minReaders`). Counts every reader, the Terraform-managed ones included. */
  readonly maxReaders: number;
  /**
   * Readers Terraform manages in the cluster (for example `readerCount` of AuroraProvisionedCluster);
   * only checked against `maxReaders`, which must leave room to add readers.
   * @default 0
   */
  readonly managedReaders?: number;
  /**
   * Average reader CPU utilization (%) the policy holds (`RDSReaderAverageCPUUtilization`).
   * @default 70
   */
  readonly targetCpuPercent?: number;
  /**
   * Seconds after a scale-in before another scale-in.
   * @default 900
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds after a scale-out before another scale-out.
   * @default 300
   */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * Name of the target tracking policy.
   * @default `${clusterIdentifier}-reader-cpu`
   */
  readonly policyName?: string;
  /**
   * Resources the scalable target waits for, typically the cluster's instances
   * (`AuroraProvisionedCluster.instances`): registered earlier, Auto Scaling could add readers to
   * reach `minReaders` while Terraform is still creating its own.
   * @default [] - only the implicit dependency on `clusterIdentifier`
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const MAX_READERS = 15;

/**
 * Aurora Auto Scaling of the readers of a provisioned cluster: an Application Auto Scaling target
 * (`rds:cluster:ReadReplicaCount` of `cluster:<id>`) with a target tracking policy on the average
 * reader CPU (`RDSReaderAverageCPUUtilization`), with separate scale-in and scale-out cooldowns.
 *
 * How it meets the Terraform-managed instances:
 * - Readers that Auto Scaling adds are created by AWS outside Terraform (named
 *   `application-autoscaling-<uuid>`, the writer's instance class): they are in no state, no plan
 *   shows them, and drift detection ignores them.
 * - `minReaders` and `maxReaders` count all readers. Scale-in only removes readers Auto Scaling
 *   created, never Terraform's, so the floor is in effect `max(minReaders, managed readers)` and Auto
 *   Scaling adds at most `maxReaders - managed readers`.
 * - Terraform cannot delete a cluster that still has autoscaled readers (RDS refuses to delete a
 *   cluster with instances): before destroying it, set `maxReaders` to the managed reader count and
 *   wait for the scale-in, or delete the `application-autoscaling-*` instances.
 * - Autoscaled readers take their settings from AWS (the writer's instance class and the cluster's
 *   parameter group), not from the arguments Terraform gives its own instances (Performance
 *   Insights, Enhanced Monitoring, promotion tier): check them before relying on them.
 */
export class AuroraReaderAutoScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly policy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: AuroraReaderAutoScalingProps) {
    super(scope, id);
    const cluster = props.clusterIdentifier;
    const where = `AuroraReaderAutoScaling ${Token.isUnresolved(cluster) ? this.node.path : cluster}`;
    const managedReaders = props.managedReaders ?? 0;
    const targetCpu = props.targetCpuPercent ?? 70;
    const scaleIn = props.scaleInCooldownSeconds ?? 900;
    const scaleOut = props.scaleOutCooldownSeconds ?? 300;
    const policyName = props.policyName ?? `${cluster}-reader-cpu`;
    const { minReaders, maxReaders } = props;

    if (!Number.isInteger(minReaders) || minReaders < 0 || minReaders > MAX_READERS) {
      throw new Error(`${where}: minReaders ${minReaders} is not a whole number in 0-${MAX_READERS}; Aurora has at most ${MAX_READERS} readers`);
    }
    if (!Number.isInteger(maxReaders) || maxReaders < 1 || maxReaders > MAX_READERS) {
      throw new Error(`${where}: maxReaders ${maxReaders} is not a whole number in 1-${MAX_READERS}; Aurora has at most ${MAX_READERS} readers`);
    }
    if (minReaders > maxReaders) throw new Error(`${where}: minReaders ${minReaders} is above maxReaders ${maxReaders}; lower minReaders or raise maxReaders`);
    if (!Number.isInteger(managedReaders) || managedReaders < 0 || managedReaders > MAX_READERS) {
      throw new Error(`${where}: managedReaders ${managedReaders} is not a whole number in 0-${MAX_READERS}`);
    }
    if (maxReaders <= managedReaders) {
      throw new Error(`${where}: maxReaders ${maxReaders} leaves no room above the ${managedReaders} Terraform-managed readers (maxReaders counts them), so Auto Scaling could never add one; raise maxReaders above ${managedReaders}`);
    }
    if (!(targetCpu > 0 && targetCpu <= 100)) throw new Error(`${where}: targetCpuPercent ${targetCpu} is not a utilization percentage (above 0, at most 100); use for example 70`);
    for (const [what, seconds] of [['scaleInCooldownSeconds', scaleIn], ['scaleOutCooldownSeconds', scaleOut]] as const) {
      if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`${where}: ${what} ${seconds} is not a whole number of seconds (0 or more)`);
    }
    if (!Token.isUnresolved(policyName) && !/^[^\p{C}]{1,256}$/u.test(policyName)) {
      throw new Error(`${where}: policyName "${policyName}" is not 1-256 printable characters; rename it`);
    }

    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'rds',
      scalableDimension: 'rds:cluster:ReadReplicaCount',
      resourceId: `cluster:${cluster}`,
      minCapacity: minReaders,
      maxCapacity: maxReaders,
      dependsOn: props.dependsOn === undefined || props.dependsOn.length === 0 ? undefined : [...props.dependsOn],
    });
    this.policy = new AppautoscalingPolicy(this, 'cpu', {
      name: policyName,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: targetCpu,
        scaleInCooldown: scaleIn,
        scaleOutCooldown: scaleOut,
        predefinedMetricSpecification: { predefinedMetricType: 'RDSReaderAverageCPUUtilization' },
      },
    });
    useProvider(this, props.provider);
  }
}
