import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** Placement of tasks over on-demand FARGATE and FARGATE_SPOT. */
export interface CapacitySplit {
  /** Tasks always on on-demand FARGATE. */
  readonly onDemandBase: number;
  readonly onDemandWeight: number;
  readonly spotWeight: number;
}

/** The capacity provider strategy items for a split, FARGATE first. */
export function capacityStrategy(split: CapacitySplit): { capacityProvider: string; base?: number; weight: number }[] {
  const items: { capacityProvider: string; base?: number; weight: number }[] = [];
  if (split.onDemandWeight > 0 || split.onDemandBase > 0) items.push({ capacityProvider: 'FARGATE', base: split.onDemandBase, weight: split.onDemandWeight });
  if (split.spotWeight > 0) items.push({ capacityProvider: 'FARGATE_SPOT', weight: split.spotWeight });
  return items;
}

export interface FargateClusterProps {
  /** Cluster name, for example `<system>-prod`. */
  readonly clusterName: string;
  /**
   * Default placement of services that name no strategy.
   * @default { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 } - half on Spot
   */
  readonly capacity?: CapacitySplit;
  /**
   * Container Insights level.
   * @default 'enabled'
   */
  readonly containerInsights?: 'enabled' | 'enhanced';
  /**
   * Capacity providers the cluster offers besides FARGATE and FARGATE_SPOT, for example an EC2 GPU
   * provider (`GpuCapacityProvider.capacityProviderName`). They join the cluster's provider list only:
   * the default strategy stays on Fargate, and services name them in their own strategy.
   * @default [] - Fargate only
   */
  readonly extraCapacityProviders?: readonly string[];
}

/**
 * An ECS cluster with Container Insights and the FARGATE + FARGATE_SPOT capacity providers (plus any
 * `extraCapacityProviders`, such as an EC2 GPU provider).
 */
export class FargateCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly capacityProviders: EcsClusterCapacityProviders;
  readonly capacity: CapacitySplit;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: FargateClusterProps) {
    super(scope, id);
    this.capacity = props.capacity ?? { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 };
    const insights = props.containerInsights ?? 'enabled';
    const extraCapacityProviders = props.extraCapacityProviders ?? [];
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.clusterName)) throw new Error(`FargateCluster: clusterName "${props.clusterName}" must be 1-255 letters, digits, - or _`);
    const { onDemandBase, onDemandWeight, spotWeight } = this.capacity;
    if (onDemandBase < 0 || onDemandWeight < 0 || spotWeight < 0) throw new Error(`FargateCluster ${props.clusterName}: capacity ${JSON.stringify(this.capacity)} has a negative value`);
    if (onDemandWeight + spotWeight === 0) throw new Error(`FargateCluster ${props.clusterName}: capacity weights are both 0; give FARGATE or FARGATE_SPOT a weight`);
    const literalExtras = extraCapacityProviders.filter((name) => !Token.isUnresolved(name));
    for (const name of literalExtras) {
      if (name === 'FARGATE' || name === 'FARGATE_SPOT' || literalExtras.indexOf(name) !== literalExtras.lastIndexOf(name)) {
        throw new Error(`FargateCluster ${props.clusterName}: extraCapacityProviders repeats "${name}" (FARGATE and FARGATE_SPOT are always in); list each extra provider once`);
      }
    }

    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: insights }],
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT', ...extraCapacityProviders],
      defaultCapacityProviderStrategy: capacityStrategy(this.capacity),
    });
    this.name = this.cluster.name;
    this.arn = this.cluster.arn;
  }
}
