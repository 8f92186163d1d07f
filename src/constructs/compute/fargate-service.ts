import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CapacitySplit, capacityStrategy } from './fargate-cluster';

/** The parts of an ECS container definition this project writes (rendered with JSON.stringify). */
export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly cpu?: number;
  readonly memoryReservation?: number;
  readonly user?: string;
  readonly portMappings?: readonly { readonly containerPort: number; readonly protocol: 'tcp' | 'udp'; readonly name?: string; readonly appProtocol?: 'http' }[];
  readonly environment?: readonly { readonly name: string; readonly value: string }[];
  readonly secrets?: readonly { readonly name: string; readonly valueFrom: string }[];
  readonly readonlyRootFilesystem: boolean;
  readonly privileged: false;
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly: boolean }[];
  readonly linuxParameters?: { readonly initProcessEnabled?: boolean; readonly capabilities?: { readonly drop: readonly string[] } };
  readonly dependsOn?: readonly { readonly containerName: string; readonly condition: 'START' | 'HEALTHY' }[];
  readonly logConfiguration: {
    readonly logDriver: 'awslogs';
    readonly options: Readonly<Record<string, string>>;
  };
}

export interface AppContainerProps {
  /** Container name (also the load balancer's target container). */
  readonly name: string;
  /** Image URI with tag, for example `<registry>/<system>-frontend:latest`. */
  readonly image: string;
  /** Port the application listens on. */
  readonly port: number;
  /**
   * Plain (non-secret) environment variables.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Secrets injected by ECS: variable name -> Secrets Manager ARN (optionally `:json-key::`) or SSM parameter ARN.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /**
   * Mount the root filesystem read-only; `writablePaths` get ephemeral task volumes.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Paths that stay writable (scratch volumes) when the root filesystem is read-only.
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  /**
   * User the container runs as (`uid[:gid]` or a name the image defines).
   * @default - the image's user
   */
  readonly user?: string;
}

export interface FargateServiceProps {
  /** Service name and task definition family, for example `<system>-prod-frontend`. */
  readonly serviceName: string;
  readonly clusterArn: string;
  readonly region: string;
  /** Task CPU units and memory (MiB). */
  readonly cpu: number;
  readonly memory: number;
  readonly desiredCount: number;
  readonly container: AppContainerProps;
  /** Role the ECS agent uses (image pull, logs, secrets). Must differ from `taskRoleArn`. */
  readonly executionRoleArn: string;
  /** Role the application uses. */
  readonly taskRoleArn: string;
  /** Log group for every container of the task, for example `/aws/ecs/<system>-prod-frontend`. */
  readonly logGroupName: string;
  /**
   * @default 30
   */
  readonly logRetentionDays?: number;
  /** KMS key of the log group (its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
  /** Private subnets of the tasks (no public IPs). */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Target group the app container registers in. */
  readonly targetGroupArn: string;
  /**
   * Placement over FARGATE / FARGATE_SPOT.
   * @default { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 }
   */
  readonly capacity?: CapacitySplit;
  /**
   * Seconds the scheduler ignores failing load balancer health checks after a task starts.
   * @default 60
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * @default 50
   */
  readonly minimumHealthyPercent?: number;
  /**
   * @default 200
   */
  readonly maximumPercent?: number;
  /**
   * X-Ray daemon sidecar image; `false` builds no sidecar.
   * @default 'public.ecr.aws/xray/aws-xray-daemon:3.x'
   */
  readonly xrayDaemonImage?: string | false;
  /**
   * The CI/CD pipeline deploys new task definition revisions; Terraform ignores `task_definition` drift.
   * @default true
   */
  readonly ciOwnsTaskDefinition?: boolean;
  /**
   * Resources the service must wait for (the listener that forwards to its target group).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

export const XRAY_DAEMON_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.x';

/**
 * A Fargate service behind a target group: encrypted log group with retention, a task definition
 * (awsvpc, read-only root filesystem with scratch volumes, no privileges, secrets only through
 * `secrets`, every container logging with awslogs, an X-Ray daemon sidecar), and a service in private
 * subnets without public IPs, spread over FARGATE/FARGATE_SPOT, with a rolling deployment guarded by
 * the circuit breaker (automatic rollback).
 */
export class FargateService extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  /** The container definitions as written into the task definition. */
  readonly containers: readonly ContainerDefinition[];
  readonly name: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const logRetentionDays = props.logRetentionDays ?? 30;
    const grace = props.healthCheckGracePeriodSeconds ?? 60;
    const minimumHealthyPercent = props.minimumHealthyPercent ?? 50;
    const maximumPercent = props.maximumPercent ?? 200;
    const xrayImage = props.xrayDaemonImage ?? XRAY_DAEMON_IMAGE;
    const c = props.container;
    const environment = c.environment ?? {};
    const secrets = c.secrets ?? {};
    const readonlyRoot = c.readonlyRootFilesystem ?? true;
    const writablePaths = readonlyRoot ? c.writablePaths ?? ['/tmp'] : [];
    const where = `FargateService ${props.serviceName}`;

    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.serviceName)) throw new Error(`${where}: serviceName must be 1-255 letters, digits, - or _`);
    if (props.executionRoleArn === props.taskRoleArn) throw new Error(`${where}: executionRoleArn and taskRoleArn are the same role; give the application its own task role (ECS-05)`);
    if (!(c.port >= 1 && c.port <= 65535)) throw new Error(`${where}: container port ${c.port} is outside 1-65535`);
    const clash = Object.keys(environment).filter((k) => k in secrets);
    if (clash.length > 0) throw new Error(`${where}: ${clash.join(', ')} are both environment and secrets; keep secrets only in secrets`);
    const secretLooking = Object.keys(environment).filter((k) => /(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)/i.test(k));
    if (secretLooking.length > 0) throw new Error(`${where}: environment ${secretLooking.join(', ')} look like secrets; inject them through secrets (valueFrom) instead (ECS-04)`);
    if (props.desiredCount < 0 || !Number.isInteger(props.desiredCount)) throw new Error(`${where}: desiredCount ${props.desiredCount} is not a task count`);
    if (minimumHealthyPercent < 0 || minimumHealthyPercent > 100 || maximumPercent < 100 || maximumPercent > 200) {
      throw new Error(`${where}: deployment percents ${minimumHealthyPercent}/${maximumPercent} must be minimum 0-100, maximum 100-200`);
    }
    if (grace < 0 || grace > 2147483647) throw new Error(`${where}: healthCheckGracePeriodSeconds ${grace} is negative`);

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    const logConfiguration = (streamPrefix: string): ContainerDefinition['logConfiguration'] => ({
      logDriver: 'awslogs',
      options: { 'awslogs-group': props.logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': streamPrefix, mode: 'non-blocking', 'max-buffer-size': '4m' },
    });

    const volumes = writablePaths.map((path, i) => ({ name: `scratch-${i}`, path }));
    const xray: ContainerDefinition | undefined = xrayImage
      ? {
          name: 'xray-daemon',
          image: xrayImage,
          essential: false,
          cpu: 32,
          memoryReservation: 256,
          user: '1337',
          portMappings: [{ containerPort: 2000, protocol: 'udp' }],
          readonlyRootFilesystem: true,
          privileged: false,
          linuxParameters: { capabilities: { drop: ['ALL'] } },
          logConfiguration: logConfiguration('xray'),
        }
      : undefined;
    const app: ContainerDefinition = {
      name: c.name,
      image: c.image,
      essential: true,
      ...(c.user ? { user: c.user } : {}),
      portMappings: [{ containerPort: c.port, protocol: 'tcp', name: `${c.name}-http`, appProtocol: 'http' }],
      environment: Object.entries({ ...environment, ...(xray ? { AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' } : {}) })
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
      secrets: Object.entries(secrets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, valueFrom]) => ({ name, valueFrom })),
      readonlyRootFilesystem: readonlyRoot,
      privileged: false,
      mountPoints: volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.path, readOnly: false })),
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      ...(xray ? { dependsOn: [{ containerName: 'xray-daemon', condition: 'START' as const }] } : {}),
      logConfiguration: logConfiguration(c.name),
    };
    this.containers = xray ? [app, xray] : [app];

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.serviceName,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      volume: volumes.map((v) => ({ name: v.name })),
      containerDefinitions: JSON.stringify(this.containers),
    });

    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: capacityStrategy(props.capacity ?? { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 }),
      platformVersion: 'LATEST',
      networkConfiguration: { subnets: props.subnetIds, securityGroups: props.securityGroupIds, assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: c.name, containerPort: c.port }],
      healthCheckGracePeriodSeconds: grace,
      deploymentMinimumHealthyPercent: minimumHealthyPercent,
      deploymentMaximumPercent: maximumPercent,
      deploymentController: { type: 'ECS' },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: false,
      waitForSteadyState: false,
      // Application Auto Scaling owns the running count; with `ciOwnsTaskDefinition` the CI/CD
      // pipeline registers new revisions (immutable image tags) and Terraform does not roll them back.
      lifecycle: { ignoreChanges: props.ciOwnsTaskDefinition ?? true ? ['desired_count', 'task_definition'] : ['desired_count'] },
      dependsOn: props.dependsOn,
    });
    this.name = this.service.name;
  }
}
