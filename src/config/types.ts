import { EnvName, LayerName, SystemName } from '../core/names';

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
  /** Layers this system builds, in dependency order. */
  readonly layers: readonly LayerName[];
  readonly network: NetworkConfig;
  /** @default - the system has no Aurora database */
  readonly database?: DatabaseConfig;
  /** ECS services keyed by name. @default - no services */
  readonly services?: Readonly<Record<string, ServiceConfig>>;
  /** @default - the system has no public DNS */
  readonly edge?: EdgeConfig;
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
  | { readonly prefixList: 's3' };

export interface DatabaseConfig {
  /** Aurora PostgreSQL engine version, for example `16.4`. */
  readonly engineVersion: string;
  /** Minimum Aurora Serverless v2 capacity in ACU; 0 allows auto-pause. */
  readonly minCapacity: number;
  /** Maximum Aurora Serverless v2 capacity in ACU (at most 256). */
  readonly maxCapacity: number;
  /**
   * Seconds of inactivity before an Aurora Serverless v2 cluster pauses (needs `minCapacity` 0).
   * @default - no auto-pause
   */
  readonly autoPauseSeconds?: number;
  /** Number of cluster instances: one writer plus readers. */
  readonly instanceCount: number;
  /** Automated backup retention in days (1-35). */
  readonly backupRetentionDays: number;
}

export interface ServiceConfig {
  /** Fargate task CPU units (256, 512, 1024, 2048, 4096, ...). */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly desiredTasks: number;
}

export interface EdgeConfig {
  /** Apex domain of the system, for example `bidops.ai`. */
  readonly domainName: string;
  /**
   * Use an existing Route 53 hosted zone instead of creating one.
   * @default - a new public hosted zone for `domainName`
   */
  readonly hostedZoneId?: string;
}

/** A system: its description and its configuration per environment. */
export interface SystemDefinition {
  readonly name: SystemName;
  readonly description: string;
  readonly environments: Readonly<Partial<Record<EnvName, EnvironmentConfig>>>;
}
