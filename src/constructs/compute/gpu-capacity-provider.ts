import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/**
 * NVIDIA GPU instance families the ECS GPU-optimized AMI (x86_64) supports, with their sizes. AMD
 * (g4ad), Graviton (g5g), Inferentia/Trainium (inf*, trn*: the Neuron AMI) and retired families
 * (p2, g3) are left out on purpose. Add a family here when AWS adds one to the GPU AMI.
 */
export const GPU_INSTANCE_SIZES: Readonly<Record<string, readonly string[]>> = {
  g4dn: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', 'metal'],
  g5: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  g6: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  g6e: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  gr6: ['4xlarge', '8xlarge'],
  p3: ['2xlarge', '8xlarge', '16xlarge'],
  p3dn: ['24xlarge'],
  p4d: ['24xlarge'],
  p4de: ['24xlarge'],
  p5: ['4xlarge', '48xlarge'],
  p5e: ['48xlarge'],
  p5en: ['48xlarge'],
};

/** Why `instanceType` is not a supported GPU instance type, or undefined. */
export function gpuInstanceTypeProblem(instanceType: string): string | undefined {
  const families = Object.keys(GPU_INSTANCE_SIZES).join(', ');
  const match = /^([a-z0-9-]+)\.([a-z0-9]+)$/.exec(instanceType);
  const sizes = match ? GPU_INSTANCE_SIZES[match[1]] : undefined;
  if (!match || !sizes) {
    return `is not an NVIDIA GPU instance type the ECS GPU-optimized AMI supports; use a family of ${families} with a size, for example g5.xlarge`;
  }
  if (!sizes.includes(match[2])) return `has no size ${match[2]} in family ${match[1]}; use one of ${sizes.map((s) => `${match[1]}.${s}`).join(', ')}`;
  return undefined;
}

export interface GpuCapacityProviderProps extends ProviderScopedProps {
  /**
   * Name of the capacity provider, the launch template and the Auto Scaling group (3-128 letters,
   * digits, `-`, `_`; ECS refuses names starting with `aws`, `ecs` or `fargate`), for example
   * `<system>-<env>-gpu`.
   */
  readonly name: string;
  /**
   * ECS cluster the instances join (`ECS_CLUSTER` in the user data). Give the cluster's name from
   * config: the cluster construct takes this provider's name in its provider list, so it is built after.
   */
  readonly clusterName: string;
  /**
   * The ECS GPU-optimized AMI (`ami-...`), from config: pin the image ID published under
   * `/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id` (or the AL2 path)
   * at release time. No SSM lookup at plan time, so a new AMI is a reviewed config change.
   */
  readonly amiId: string;
  /** GPU instance type, for example `g5.xlarge` (see GPU_INSTANCE_SIZES). */
  readonly instanceType: string;
  /** Private subnets the instances run in (2+ AZs for resilience). No public IPs are assigned. */
  readonly subnetIds: string[];
  /** Security groups of the instances (awsvpc tasks have their own ENIs and groups). */
  readonly securityGroupIds: string[];
  /**
   * Customer-managed KMS key that encrypts the root volume. Its key policy must let the Auto Scaling
   * service-linked role (`AWSServiceRoleForAutoScaling`) use it (kms:CreateGrant, Decrypt,
   * GenerateDataKey*, ReEncrypt*, DescribeKey), or instances fail to launch.
   */
  readonly ebsKmsKeyArn: string;
  /** Most instances the group may run (ECS managed scaling moves the desired count between 0 and this). */
  readonly maxSize: number;
  /**
   * Name of the instance role and instance profile (at most 64 characters).
   * @default `${name}-instance`
   */
  readonly roleName?: string;
  /**
   * Root volume size in GiB (gp3). GPU images are large; the AMI's snapshot must fit.
   * @default 100
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Root device of the AMI.
   * @default '/dev/xvda' (ECS-optimized Amazon Linux 2 and 2023 AMIs)
   */
  readonly rootDeviceName?: string;
  /**
   * Managed scaling target: the share of the group's capacity tasks should use (100 = no spare instance).
   * @default 100
   */
  readonly targetCapacityPercent?: number;
  /**
   * Seconds a new instance needs before it counts toward the group's metrics.
   * @default 300
   */
  readonly instanceWarmupSeconds?: number;
  /**
   * Block awsvpc tasks from the instance metadata service (`ECS_AWSVPC_BLOCK_IMDS`), so a task cannot
   * take the instance role's credentials; tasks use their task role.
   * @default true
   */
  readonly blockTaskMetadataAccess?: boolean;
}

const NAME = /^[A-Za-z0-9_-]{3,128}$/;
const RESERVED_PREFIX = /^(aws|ecs|fargate)/i;
const AMI = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const MANAGED_POLICY = 'arn:aws:iam::aws:policy';
const INSTANCE_POLICIES: readonly [string, string][] = [
  // Register with the cluster, pull from ECR, write container logs: the ECS container instance role.
  ['ecs-instance-policy', `${MANAGED_POLICY}/service-role/AmazonEC2ContainerServiceforEC2Role`],
  // Session Manager instead of SSH: no key pair, no inbound port.
  ['ssm-core-policy', `${MANAGED_POLICY}/AmazonSSMManagedInstanceCore`],
];

/** The instance's /etc/ecs/ecs.config additions. */
export function gpuUserData(clusterName: string, blockTaskMetadataAccess: boolean): string {
  return [
    '#!/bin/bash',
    "cat <<'EOF' >> /etc/ecs/ecs.config",
    `ECS_CLUSTER=${clusterName}`,
    'ECS_ENABLE_GPU_SUPPORT=true',
    ...(blockTaskMetadataAccess ? ['ECS_AWSVPC_BLOCK_IMDS=true'] : []),
    'EOF',
    '',
  ].join('\n');
}

/**
 * An ECS capacity provider of GPU instances, for tasks Fargate cannot run (Fargate has no GPUs): a
 * launch template on the ECS GPU-optimized AMI given in config (IMDSv2 required with hop limit 2,
 * KMS-encrypted gp3 root volume, no public IP, the given security groups, detailed monitoring, user
 * data joining the cluster with GPU support), an instance profile whose role has the ECS container instance policy
 * and SSM core (Session Manager, no SSH), an Auto Scaling group over private subnets from 0 to
 * `maxSize` with scale-in protection and the `AmazonECSManaged` tag, and the capacity provider with
 * managed scaling (target 100 %), managed termination protection and managed draining, so ECS adds
 * instances when GPU tasks wait and removes them when they are empty.
 *
 * Join it to the cluster through FargateCluster's `extraCapacityProviders: [gpu.capacityProviderName]`
 * and place GPU services on it with a capacity provider strategy naming it (EC2 launch type, task
 * definitions with a `GPU` resource requirement). Private subnets need a NAT gateway or the ecs,
 * ecs-agent, ecs-telemetry, ecr and ssm endpoints for the agent to register.
 */
export class GpuCapacityProvider extends Construct {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup: AutoscalingGroup;
  readonly capacityProvider: EcsCapacityProvider;

  constructor(scope: Construct, id: string, props: GpuCapacityProviderProps) {
    super(scope, id);
    const label = `GpuCapacityProvider ${props.name}`;
    const roleName = props.roleName ?? `${props.name}-instance`;
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? 100;
    const rootDeviceName = props.rootDeviceName ?? '/dev/xvda';
    const targetCapacity = props.targetCapacityPercent ?? 100;
    const warmup = props.instanceWarmupSeconds ?? 300;
    const blockTaskMetadataAccess = props.blockTaskMetadataAccess ?? true;

    if (!NAME.test(props.name) || RESERVED_PREFIX.test(props.name)) {
      throw new Error(`${label}: name is not 3-128 letters, digits, "-" or "_" not starting with aws, ecs or fargate (ECS reserves them); rename it`);
    }
    if (!Token.isUnresolved(props.clusterName) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.clusterName)) {
      throw new Error(`${label}: clusterName "${props.clusterName}" is not an ECS cluster name (1-255 letters, digits, "-", "_")`);
    }
    if (!Token.isUnresolved(props.amiId) && !AMI.test(props.amiId)) {
      throw new Error(`${label}: amiId "${props.amiId}" is not an AMI ID (ami- and 8 or 17 hex digits); put the ECS GPU-optimized AMI's ID in config`);
    }
    if (!Token.isUnresolved(props.instanceType)) {
      const problem = gpuInstanceTypeProblem(props.instanceType);
      if (problem) throw new Error(`${label}: instanceType "${props.instanceType}" ${problem}`);
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 0) throw new Error(`${label}: subnetIds is empty; give the private app subnets`);
    if (!Token.isUnresolved(props.securityGroupIds) && props.securityGroupIds.length === 0) {
      throw new Error(`${label}: securityGroupIds is empty; give the instances a security group (the default group is not used)`);
    }
    if (!Token.isUnresolved(props.ebsKmsKeyArn) && !/^arn:aws[a-z-]*:kms:/.test(props.ebsKmsKeyArn)) {
      throw new Error(`${label}: ebsKmsKeyArn "${props.ebsKmsKeyArn}" is not a KMS key ARN; give the customer-managed key that encrypts the root volume`);
    }
    if (!Number.isInteger(props.maxSize) || props.maxSize < 1) throw new Error(`${label}: maxSize ${props.maxSize} is not a whole number of 1 or more`);
    if (roleName.length > 64) throw new Error(`${label}: role name "${roleName}" is longer than 64 characters; give a shorter roleName`);
    if (!Number.isInteger(rootVolumeSizeGiB) || rootVolumeSizeGiB < 30 || rootVolumeSizeGiB > 16384) {
      throw new Error(`${label}: rootVolumeSizeGiB ${rootVolumeSizeGiB} is outside 30-16384 (the GPU AMI's snapshot needs 30 GiB); use 100 or more for model images`);
    }
    if (!Number.isInteger(targetCapacity) || targetCapacity < 1 || targetCapacity > 100) {
      throw new Error(`${label}: targetCapacityPercent ${targetCapacity} is outside 1-100`);
    }
    if (!Number.isInteger(warmup) || warmup < 0 || warmup > 10000) throw new Error(`${label}: instanceWarmupSeconds ${warmup} is outside 0-10000`);

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `ECS GPU container instances of ${props.name}`,
      // EC2 sends no aws:SourceAccount/SourceArn for instance roles (IAM-02 exempts it).
      assumeRolePolicy: policyJson({ Statement: [{ Sid: 'Ec2AssumesRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    const attachments = INSTANCE_POLICIES.map(([attachmentId, policyArn]) => new IamRolePolicyAttachment(this, attachmentId, { role: this.role.name, policyArn }));
    this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', { name: roleName, role: this.role.name });

    const userData = gpuUserData(props.clusterName, blockTaskMetadataAccess);
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: props.name,
      description: `ECS GPU instances (${props.instanceType}) of cluster ${props.clusterName}`,
      imageId: props.amiId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      userData: Token.isUnresolved(userData) ? Fn.base64encode(userData) : Buffer.from(userData, 'utf8').toString('base64'),
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      // IMDSv2 only; hop limit 2 so containers behind the docker bridge still reach it.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2, instanceMetadataTags: 'disabled' },
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: props.securityGroupIds }],
      blockDeviceMappings: [
        { deviceName: rootDeviceName, ebs: { volumeSize: rootVolumeSizeGiB, volumeType: 'gp3', encrypted: 'true', kmsKeyId: props.ebsKmsKeyArn, deleteOnTermination: 'true' } },
      ],
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: 'instance', tags: { Name: props.name } },
        { resourceType: 'volume', tags: { Name: props.name } },
      ],
      // The first instance must find the role with its policies.
      dependsOn: attachments,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'asg', {
      name: props.name,
      minSize: 0,
      maxSize: props.maxSize,
      vpcZoneIdentifier: props.subnetIds,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      // Managed termination protection: ECS lifts an instance's protection once its tasks are gone.
      protectFromScaleIn: true,
      healthCheckType: 'EC2',
      tag: [{ key: 'AmazonECSManaged', value: 'true', propagateAtLaunch: true }],
      // ECS managed scaling owns the desired capacity.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });

    this.capacityProvider = new EcsCapacityProvider(this, 'capacity-provider', {
      name: props.name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: 'ENABLED',
        managedDraining: 'ENABLED',
        managedScaling: { status: 'ENABLED', targetCapacity, instanceWarmupPeriod: warmup },
      },
    });

    useProvider(this, props.provider);
  }

  /** Name of the capacity provider (a reference, so the cluster's provider list waits for it). */
  get capacityProviderName(): string {
    return this.capacityProvider.name;
  }

  get autoScalingGroupArn(): string {
    return this.autoScalingGroup.arn;
  }

  get instanceRoleArn(): string {
    return this.role.arn;
  }

  get instanceRoleName(): string {
    return this.role.name;
  }
}
