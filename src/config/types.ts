import { EnvName, SystemName } from '../core/names';
import { AiLayerConfig } from './layers/ai';
import { ComputeLayerConfig } from './layers/compute';
import { DataLayerConfig } from './layers/data';
import { EdgeLayerConfig } from './layers/edge';
import type { PolicySuppression } from '../policy/suppressions';
import type { AccountSingleton } from './baseline';
import { GovernanceConfig } from './layers/governance';

/** Region of global services' control planes: CloudFront certificates and WAF, Route 53 health metrics. */
export const GLOBAL_SERVICES_REGION = 'us-east-1';

/**
 * Typed configuration of one system in one environment. Everything a stack needs comes from here,
 * so synth never asks AWS for a value (AZ names, account IDs) and plans are reproducible offline.
 */
export interface EnvironmentConfig {
  readonly system: SystemName;
  readonly env: EnvName;
  /** AWS account the environment deploys into: 12 digits. */
  readonly accountId: string;
  /** AWS region, for example `us-east-1`. */
  readonly region: string;
  /**
   * Second region of the environment (disaster recovery: replication destinations, standby
   * functions, global-database secondaries). Stacks get an aliased provider for it.
   * @default - none: the environment lives in one region
   */
  readonly secondaryRegion?: string;
  /**
   * Account-wide singletons (CloudTrail, budget, GitHub OIDC provider, model invocation logging, ...)
   * this environment's stacks create. Two environments of one account may not claim the same one.
   * @default - resolved: the first system x environment configured in the account owns every
   *   singleton nobody claims; the others create none
   */
  readonly accountSingletons?: readonly AccountSingleton[];
  /**
   * IAM role Terraform assumes in `accountId` (the seeds use one account per environment).
   * @default - none: the caller's credentials must already be in `accountId`
   */
  readonly deployRoleArn?: string;
  /**
   * The `Project` default tag.
   * @default - the system name
   */
  readonly project?: string;
  /** Team that owns the environment; the `Owner` default tag. */
  readonly owner: string;
  /** Cost allocation; the `CostCenter` default tag. */
  readonly costCenter: string;
  /**
   * Protect stateful resources: deletion protection, final snapshots, `prevent_destroy`.
   * Must be true in prod.
   */
  readonly protectStatefulResources: boolean;
  /** @default - no network layer (a serverless system without a VPC) */
  readonly network?: NetworkConfig;
  /** @default - no data layer */
  readonly data?: DataLayerConfig;
  /** @default - no ai layer */
  readonly ai?: AiLayerConfig;
  /** @default - no compute layer */
  readonly compute?: ComputeLayerConfig;
  /** @default - no edge layer (required when `layers` includes edge) */
  readonly edge?: EdgeLayerConfig;
  /**
   * Environment-wide policy-pack suppressions (rule, written reason, optional layer and resource
   * pattern); recorded in each stack's synthesized JSON. Never-suppress rules are rejected.
   * @default [] - every finding is reported
   */
  readonly policySuppressions?: readonly PolicySuppression[];
  /**
   * Account/environment governance built in the network layer (budget, anomaly detection, alert email).
   * @default - alert topics and CloudTrail only; no budget, no anomaly monitor, no email subscriptions
   */
  readonly governance?: GovernanceConfig;
}

export interface NetworkConfig {
  /** IPv4 CIDR of the VPC, prefix /16 to /24. */
  readonly vpcCidr: string;
  /** Availability zone names, one subnet of each tier per zone; at least two. */
  readonly availabilityZones: readonly string[];
  /** Public subnets (load balancers, NAT gateways), one per AZ in the same order. */
  readonly publicSubnetCidrs: readonly string[];
  /** Private application subnets (ECS tasks, agents), one per AZ. */
  readonly privateAppSubnetCidrs: readonly string[];
  /** Private data subnets (databases, search), one per AZ; no route to the internet. */
  readonly privateDataSubnetCidrs: readonly string[];
  /**
   * Give the private application subnets a route to the internet through NAT.
   * @default true
   */
  readonly enableNatGateway?: boolean;
  /**
   * One NAT gateway shared by every AZ (cheaper, one AZ of failure) instead of one per AZ.
   * @default false
   */
  readonly singleNatGateway?: boolean;
  /**
   * Interface endpoints to create, by AWS service name (`bedrock-runtime`, `ecr.api`, ...).
   * @default []
   */
  readonly interfaceEndpoints?: readonly string[];
  /** Security groups keyed by name; rules reference each other by these names. */
  readonly securityGroups: Readonly<Record<string, SecurityGroupSpec>>;
  /**
   * Security group (by name in `securityGroups`) attached to the interface endpoints.
   * @default - required when `interfaceEndpoints` is not empty
   */
  readonly endpointSecurityGroup?: string;
  /** Retention of the VPC flow log group, in days. */
  readonly flowLogRetentionDays: number;
  /**
   * A DynamoDB gateway endpoint on the private route tables, its policy scoped to this
   * environment's tables (`<system>-<env>-*`); security group rules may then name `{ prefixList: 'dynamodb' }`.
   * @default false
   */
  readonly dynamodbGatewayEndpoint?: boolean;
  /**
   * The VPC of the environment's `secondaryRegion` (standby functions for disaster recovery), built
   * by the same network layer on the secondary region's provider and published with a `dr_` prefix.
   * @default - no network in the secondary region
   */
  readonly secondary?: Omit<NetworkConfig, 'secondary'>;
  /**
   * Stateless network ACLs per subnet tier under the security groups: the data tier admits only
   * the private app subnets on `databasePorts` (and answers only them); the public and private
   * tiers admit what the load balancers, NAT and their return traffic need.
   * @default - the VPC's default network ACL on every subnet
   */
  readonly networkAcls?: NetworkAclsConfig;
}

export interface NetworkAclsConfig {
  /** Ports the data tier serves to the app tier (5432 PostgreSQL, 6379 Redis, ...). */
  readonly databasePorts: readonly number[];
  /**
   * Administrators' network, admitted on SSH (22) to the public tier where a system's ACLs allow it.
   * @default - no SSH rule
   */
  readonly managementCidr?: string;
}

export interface SecurityGroupSpec {
  readonly description: string;
  /** @default [] */
  readonly ingress?: readonly SecurityGroupRuleSpec[];
  /** @default [] - no egress at all (Terraform removes AWS's default allow-all rule) */
  readonly egress?: readonly SecurityGroupRuleSpec[];
}

export interface SecurityGroupRuleSpec {
  /** First port of the range. */
  readonly port: number;
  /** @default - same as `port` */
  readonly toPort?: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /** Exactly one of: another group by name, an IPv4 CIDR, or the S3 prefix list. */
  readonly peer: SecurityGroupPeer;
  readonly description: string;
}

export type SecurityGroupPeer =
  | { readonly securityGroup: string }
  | { readonly cidr: string }
  | { readonly prefixList: 's3' | 'dynamodb' };

/** The configuration sections of an environment that a layer can need. */
export type ConfigSection = 'network' | 'data' | 'ai' | 'compute' | 'edge' | 'governance';

/** A system's values: its description and its configuration per environment. */
export interface SystemDefinition {
  readonly name: SystemName;
  readonly description: string;
  readonly environments: Readonly<Partial<Record<EnvName, EnvironmentConfig>>>;
}
