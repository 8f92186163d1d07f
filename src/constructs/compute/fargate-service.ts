import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement } from '../../core/iam/policy-document';
import { CapacitySplit, capacityStrategy } from './fargate-cluster';

/** The parts of an ECS container definition this project writes (rendered with JSON.stringify). */
export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly cpu?: number;
  readonly memoryReservation?: number;
  readonly user?: string;
  readonly command?: readonly string[];
  readonly portMappings?: readonly { readonly containerPort: number; readonly protocol: 'tcp' | 'udp'; readonly name?: string; readonly appProtocol?: 'http' }[];
  readonly environment?: readonly { readonly name: string; readonly value: string }[];
  readonly secrets?: readonly { readonly name: string; readonly valueFrom: string }[];
  readonly readonlyRootFilesystem: boolean;
  readonly privileged: false;
  readonly mountPoints?: readonly { readonly sourceVolume: string; readonly containerPath: string; readonly readOnly: boolean }[];
  readonly linuxParameters?: { readonly initProcessEnabled?: boolean; readonly capabilities?: { readonly drop: readonly string[] } };
  readonly dependsOn?: readonly { readonly containerName: string; readonly condition: 'START' | 'HEALTHY' }[];
  readonly healthCheck?: {
    readonly command: readonly string[];
    readonly interval: number;
    readonly timeout: number;
    readonly retries: number;
    readonly startPeriod: number;
  };
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
  /**
   * Container health check run by ECS inside the container. An unhealthy essential container makes
   * the task unhealthy and the service replaces it; without a load balancer this is the only health
   * signal (and what Cloud Map's custom health check reports).
   * @default - none (the load balancer's target group health check only)
   */
  readonly healthCheck?: ContainerHealthCheck;
}

/** ECS container health check (ranges as ECS enforces them). */
export interface ContainerHealthCheck {
  /**
   * `['CMD-SHELL', '<shell command>']` (the image needs a shell and the tool it calls, e.g. curl) or
   * `['CMD', '<executable>', ...args]`; exit code 0 is healthy.
   */
  readonly command: readonly string[];
  /**
   * Seconds between checks, 5-300.
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds a check may take before it counts as failed, 2-60.
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the container is unhealthy, 1-10.
   * @default 3
   */
  readonly retries?: number;
  /**
   * Seconds after start during which failures do not count, 0-300 (boot time of the application).
   * @default 0
   */
  readonly startPeriodSeconds?: number;
}

/**
 * A TLS-terminating sidecar (images/tls-proxy: nginx that makes a self-signed certificate at start)
 * in front of the application container, so the load balancer reaches the task over HTTPS
 * (CKV_AWS_378) while the application keeps speaking plain HTTP on localhost. ALBs do not validate
 * target certificates, so a self-signed one is enough.
 */
export interface TlsProxyProps {
  /** Image URI with a pinned tag or digest, built from images/tls-proxy. */
  readonly image: string;
  /**
   * Port the proxy serves TLS on (the target group's port); 1024-65535 (the proxy runs without
   * root and without capabilities), not the application's port.
   * @default TLS_PROXY_PORT (8443)
   */
  readonly port?: number;
  /**
   * CPU units reserved for the proxy out of the task's.
   * @default 64
   */
  readonly cpu?: number;
  /**
   * Memory (MiB) reserved for the proxy out of the task's.
   * @default 64
   */
  readonly memoryReservation?: number;
}

/** Default TLS port of the tls-proxy sidecar. */
export const TLS_PROXY_PORT = 8443;
/** Name of the tls-proxy sidecar container (the load balancer's target container when it runs). */
export const TLS_PROXY_CONTAINER_NAME = 'tls-proxy';
/** Writable path of the tls-proxy (certificate, key, rendered nginx configuration, temp files). */
export const TLS_PROXY_RUN_PATH = '/run/tls-proxy';
// Ports of the tracing sidecars: the proxy must not take them.
const SIDECAR_PORTS = [2000, 4317, 4318];

/** Which tracing sidecar runs next to the application container. */
export type TracingSidecar = 'xray' | 'adot' | false;

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
  /**
   * Log group for every container of the task, for example `/aws/ecs/<system>-prod-frontend`. With
   * `createLogGroup: false` it names a group created elsewhere (pass its `.name` so Terraform creates
   * it first), which several services may share.
   */
  readonly logGroupName: string;
  /**
   * Build the log group here (retention, KMS). `false` writes to an existing group shared by several
   * services (for example `/ecs/<system>`, built once with retention and a KMS key by the caller);
   * `logRetentionDays` and `logsKmsKeyArn` are then unused.
   * @default true
   */
  readonly createLogGroup?: boolean;
  /**
   * Only with `createLogGroup`.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key of the log group (its policy must admit CloudWatch Logs); required with `createLogGroup`.
   * @default - none; an error when this construct builds the log group
   */
  readonly logsKmsKeyArn?: string;
  /**
   * awslogs stream prefix of every container of the task (streams are `<prefix>/<container>/<task id>`,
   * so containers stay apart under one prefix), for example `ecs` in a shared group.
   * @default - the app container's name for the app, `xray` for the X-Ray daemon, `aws-otel-collector` for ADOT
   */
  readonly logStreamPrefix?: string;
  /** Private subnets of the tasks (no public IPs). */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /**
   * Target group the app container registers in. A backend reached only through service discovery
   * (`serviceRegistryArn`) has none; a service with neither is reachable by nobody (a worker), which
   * is allowed.
   * @default - no load balancer
   */
  readonly targetGroupArn?: string;
  /**
   * Cloud Map discovery service (e.g. `PrivateDnsNamespace.serviceArns[name]`) the tasks register
   * in, so other services reach them as `<service>.<namespace>`; with SRV records also set
   * `registerContainerPort`.
   * @default - no service discovery
   */
  readonly serviceRegistryArn?: string;
  /**
   * Register the app container's name and port with the Cloud Map service
   * (`service_registries.container_name`/`container_port`), so ECS records each task's port
   * (AWS_INSTANCE_PORT) besides its address. Required when the discovery service has SRV records
   * (`PrivateDnsNamespace` `recordTypes` with 'SRV'), for example for an API Gateway HTTP API
   * private integration to the Cloud Map service. Only with `serviceRegistryArn`.
   * @default false - the task's address only (A records)
   */
  readonly registerContainerPort?: boolean;
  /**
   * Placement over FARGATE / FARGATE_SPOT.
   * @default { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 }
   */
  readonly capacity?: CapacitySplit;
  /**
   * Seconds the scheduler ignores failing load balancer and container health checks after a task
   * starts. Written only when some health check exists (a target group or a container health check).
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
   * X-Ray daemon sidecar image (with `tracingSidecar` 'xray'); `false` builds no sidecar (the same as
   * `tracingSidecar: false`).
   * @default 'public.ecr.aws/xray/aws-xray-daemon:3.x'
   */
  readonly xrayDaemonImage?: string | false;
  /**
   * Tracing sidecar: `'xray'` the X-Ray daemon (UDP 2000, non-essential); `'adot'` the AWS
   * Distro for OpenTelemetry collector with its ECS default configuration (OTLP 4317/4318, X-Ray UDP
   * 2000, EMF metrics), essential and health-checked; `false` none. With `'adot'` add
   * {@link adotCollectorTaskRoleStatements} to the task role.
   * @default - 'xray', or false when `xrayDaemonImage` is false
   */
  readonly tracingSidecar?: TracingSidecar;
  /**
   * ADOT collector image (with `tracingSidecar` 'adot'); pin a version tag.
   * @default ADOT_COLLECTOR_IMAGE
   */
  readonly adotCollectorImage?: string;
  /**
   * Terminate TLS in the task: an essential tls-proxy sidecar listens on `tlsProxy.port` and
   * forwards to `http://127.0.0.1:<container.port>`; the target group (use protocol HTTPS and the
   * proxy's port) registers the sidecar instead of the application container. The application may
   * then bind to 127.0.0.1 only; either way the task's security group should admit the load
   * balancer on the proxy's port only. Needs `targetGroupArn`.
   * @default - none: the target group reaches the application container directly (plain HTTP)
   */
  readonly tlsProxy?: TlsProxyProps;
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
/** AWS Distro for OpenTelemetry collector, pinned (bump deliberately; `latest` would change under a running service). */
export const ADOT_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0';
/** Name of the ADOT sidecar container. */
export const ADOT_CONTAINER_NAME = 'aws-otel-collector';
/** The ECS configuration shipped in the ADOT image: OTLP + X-Ray in, X-Ray traces and EMF metrics out. */
export const ADOT_ECS_DEFAULT_CONFIG = '/etc/ecs/ecs-default-config.yaml';
/**
 * Log group the ADOT ECS default configuration writes EMF metrics to (namespace
 * `ECS/AWSOTel/Application`), one per account and region whatever the service.
 */
export const ADOT_EMF_LOG_GROUP_NAME = '/aws/ecs/application/metrics';

export interface AdotStatementsProps {
  readonly region: string;
  readonly accountId: string;
  /**
   * EMF log group of the collector's configuration.
   * @default ADOT_EMF_LOG_GROUP_NAME
   */
  readonly metricsLogGroupName?: string;
  /** @default 'aws' */
  readonly partition?: string;
}

/**
 * What the task role needs for the ADOT sidecar with its ECS default configuration:
 * - X-Ray: PutTraceSegments (the awsxray exporter), PutTelemetryRecords (its optional telemetry),
 *   GetSamplingRules/GetSamplingTargets (the awsxray receiver proxies the SDKs' sampling calls on
 *   2000). X-Ray has no resource-level permissions, so `Resource: "*"` (allowed by IAM-01).
 * - CloudWatch Logs: CreateLogStream and PutLogEvents on the EMF log group only. The awsemf exporter
 *   sends metrics as EMF log events (CloudWatch extracts the metrics), so no `cloudwatch:PutMetricData`.
 *   No CreateLogGroup either: the exporter would create the group without retention or KMS key, so
 *   create `ADOT_EMF_LOG_GROUP_NAME` once per account and region with both (until it exists the
 *   collector drops metrics; traces are unaffected).
 */
export function adotCollectorTaskRoleStatements(props: AdotStatementsProps): PolicyStatement[] {
  const partition = props.partition ?? 'aws';
  const group = props.metricsLogGroupName ?? ADOT_EMF_LOG_GROUP_NAME;
  const groupArn = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:${group}`;
  return [
    {
      Sid: 'AdotXRayWrite',
      Effect: 'Allow',
      Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      Resource: '*',
    },
    {
      Sid: 'AdotEmfMetrics',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [groupArn, `${groupArn}:*`],
    },
  ];
}

const HEALTH_CHECK_RANGES = {
  intervalSeconds: [5, 300],
  timeoutSeconds: [2, 60],
  retries: [1, 10],
  startPeriodSeconds: [0, 300],
} as const;

/** The health check as ECS writes it, with every field explicit (ECS fills omitted ones, which would diff). */
function resolveHealthCheck(where: string, check: ContainerHealthCheck): NonNullable<ContainerDefinition['healthCheck']> {
  const resolved = {
    intervalSeconds: check.intervalSeconds ?? 30,
    timeoutSeconds: check.timeoutSeconds ?? 5,
    retries: check.retries ?? 3,
    startPeriodSeconds: check.startPeriodSeconds ?? 0,
  };
  const [kind, ...rest] = check.command;
  if (!((kind === 'CMD' || kind === 'CMD-SHELL') && rest.length > 0 && rest.every((part) => part.trim() !== ''))) {
    throw new Error(`${where}: healthCheck.command ${JSON.stringify(check.command)} must be ['CMD-SHELL', '<command>'] or ['CMD', '<executable>', ...args]`);
  }
  for (const [field, [min, max]] of Object.entries(HEALTH_CHECK_RANGES)) {
    const value = resolved[field as keyof typeof resolved];
    if (!(Number.isInteger(value) && value >= min && value <= max)) throw new Error(`${where}: healthCheck.${field} ${value} is outside ${min}-${max} (ECS limits)`);
  }
  return {
    command: [...check.command],
    interval: resolved.intervalSeconds,
    timeout: resolved.timeoutSeconds,
    retries: resolved.retries,
    startPeriod: resolved.startPeriodSeconds,
  };
}

/**
 * A Fargate service behind a target group and/or in Cloud Map: encrypted log group with retention
 * (or a shared one), a task definition (awsvpc, read-only root filesystem with scratch volumes, no
 * privileges, secrets only through `secrets`, every container logging with awslogs, optional
 * container health check, an X-Ray daemon or ADOT collector sidecar), and a service in private
 * subnets without public IPs, spread over FARGATE/FARGATE_SPOT, with a rolling deployment guarded by
 * the circuit breaker (automatic rollback).
 *
 * The ADOT collector is essential (as the seeds' task definitions list it): if it dies or its
 * health check fails, ECS replaces the whole task instead of letting the application run on with
 * traces and metrics silently lost. The application starts once the collector has started (not
 * waiting for it to be healthy, so a slow collector does not hold the application back) and gets
 * OTEL_EXPORTER_OTLP_ENDPOINT/OTEL_EXPORTER_OTLP_PROTOCOL (gRPC on 4317) and AWS_XRAY_DAEMON_ADDRESS;
 * its own `environment` may override them (e.g. `http/protobuf` on 4318). The collector's root
 * filesystem is read-only: its ECS default configuration keeps nothing on disk.
 *
 * With `tlsProxy` an essential nginx sidecar terminates TLS in the task (self-signed certificate
 * made at start) and forwards to the application on localhost: the load balancer's hop to the task
 * is encrypted although the application speaks HTTP.
 */
export class FargateService extends Construct {
  /** Only when this construct builds the log group (`createLogGroup`). */
  readonly logGroup?: CloudwatchLogGroup;
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  /** The container definitions as written into the task definition. */
  readonly containers: readonly ContainerDefinition[];
  readonly name: string;
  /** The tracing sidecar the task runs. */
  readonly tracingSidecar: TracingSidecar;
  /** Container port the load balancer reaches: the tls-proxy's with `tlsProxy`, else the application's. */
  readonly targetPort: number;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const logRetentionDays = props.logRetentionDays ?? 30;
    const grace = props.healthCheckGracePeriodSeconds ?? 60;
    const minimumHealthyPercent = props.minimumHealthyPercent ?? 50;
    const maximumPercent = props.maximumPercent ?? 200;
    const createLogGroup = props.createLogGroup ?? true;
    const sidecar: TracingSidecar = props.tracingSidecar ?? (props.xrayDaemonImage === false ? false : 'xray');
    const xrayImage = sidecar === 'xray' ? props.xrayDaemonImage || XRAY_DAEMON_IMAGE : false;
    const adotImage = props.adotCollectorImage ?? ADOT_COLLECTOR_IMAGE;
    const c = props.container;
    const environment = c.environment ?? {};
    const secrets = c.secrets ?? {};
    const readonlyRoot = c.readonlyRootFilesystem ?? true;
    const writablePaths = readonlyRoot ? c.writablePaths ?? ['/tmp'] : [];
    const registerContainerPort = props.registerContainerPort ?? false;
    const tlsProxy = props.tlsProxy;
    const tlsPort = tlsProxy?.port ?? TLS_PROXY_PORT;
    const tlsCpu = tlsProxy?.cpu ?? 64;
    const tlsMemory = tlsProxy?.memoryReservation ?? 64;
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
    if (sidecar !== false && sidecar !== 'xray' && sidecar !== 'adot') throw new Error(`${where}: tracingSidecar ${JSON.stringify(sidecar)} is not 'xray', 'adot' or false`);
    if (props.tracingSidecar !== undefined && props.xrayDaemonImage !== undefined && (sidecar === 'xray') !== (props.xrayDaemonImage !== false)) {
      throw new Error(`${where}: xrayDaemonImage ${JSON.stringify(props.xrayDaemonImage)} contradicts tracingSidecar ${JSON.stringify(sidecar)}; xrayDaemonImage only picks the image of the 'xray' sidecar, drop it`);
    }
    if (props.xrayDaemonImage === '') throw new Error(`${where}: xrayDaemonImage is empty; give an image or false for no sidecar`);
    if (props.adotCollectorImage !== undefined && sidecar !== 'adot') throw new Error(`${where}: adotCollectorImage is set but tracingSidecar is ${JSON.stringify(sidecar)}; use tracingSidecar 'adot' or drop the image`);
    if (createLogGroup && !props.logsKmsKeyArn) throw new Error(`${where}: logsKmsKeyArn is missing; the log group this construct builds is KMS-encrypted (LOG-01), or set createLogGroup false to use a shared group`);
    if (props.logStreamPrefix !== undefined && !/^[^:*]{1,512}$/.test(props.logStreamPrefix)) throw new Error(`${where}: logStreamPrefix "${props.logStreamPrefix}" must be 1-512 characters without : or *`);
    if (props.serviceRegistryArn !== undefined && !Token.isUnresolved(props.serviceRegistryArn) && !/^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-[a-z0-9]+$/.test(props.serviceRegistryArn)) {
      throw new Error(`${where}: serviceRegistryArn "${props.serviceRegistryArn}" is not a Cloud Map service ARN (arn:aws:servicediscovery:<region>:<account>:service/srv-...)`);
    }
    if (registerContainerPort && props.serviceRegistryArn === undefined) throw new Error(`${where}: registerContainerPort is true but there is no serviceRegistryArn; give the Cloud Map service or drop registerContainerPort`);
    if (tlsProxy) {
      if (props.targetGroupArn === undefined) throw new Error(`${where}: tlsProxy is set but there is no targetGroupArn; the proxy only fronts a load balancer target, drop tlsProxy or give the target group`);
      if (!tlsProxy.image || /\s/.test(tlsProxy.image) || !/[:@]/.test(tlsProxy.image.replace(/^[^/]*\//, ''))) {
        throw new Error(`${where}: tlsProxy.image "${tlsProxy.image}" is not an image URI with a pinned tag or digest; build images/tls-proxy and give <registry>/<repository>:<tag>`);
      }
      if (!(Number.isInteger(tlsPort) && tlsPort >= 1024 && tlsPort <= 65535)) throw new Error(`${where}: tlsProxy.port ${tlsPort} is outside 1024-65535 (the proxy runs without root); use for example 8443`);
      if (tlsPort === c.port || SIDECAR_PORTS.includes(tlsPort)) throw new Error(`${where}: tlsProxy.port ${tlsPort} is taken by the application or a tracing sidecar; use another port, for example ${TLS_PROXY_PORT}`);
      if (!(Number.isInteger(tlsCpu) && tlsCpu >= 0 && tlsCpu < props.cpu)) throw new Error(`${where}: tlsProxy.cpu ${tlsCpu} must be 0 or more and below the task's ${props.cpu} units`);
      if (!(Number.isInteger(tlsMemory) && tlsMemory >= 6 && tlsMemory < props.memory)) throw new Error(`${where}: tlsProxy.memoryReservation ${tlsMemory} must be 6 MiB or more (ECS minimum) and below the task's ${props.memory} MiB`);
      if (c.name === TLS_PROXY_CONTAINER_NAME) throw new Error(`${where}: container name ${c.name} is the tls-proxy sidecar's; rename the application container`);
    }
    const appHealthCheck = c.healthCheck ? resolveHealthCheck(where, c.healthCheck) : undefined;

    if (createLogGroup) {
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        name: props.logGroupName,
        retentionInDays: logRetentionDays,
        kmsKeyId: props.logsKmsKeyArn,
      });
    }
    const logConfiguration = (streamPrefix: string): ContainerDefinition['logConfiguration'] => ({
      logDriver: 'awslogs',
      options: { 'awslogs-group': props.logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': props.logStreamPrefix ?? streamPrefix, mode: 'non-blocking', 'max-buffer-size': '4m' },
    });

    const volumes = writablePaths.map((path, i) => ({ name: `scratch-${i}`, path }));
    const tlsVolume = tlsProxy ? { name: 'tls-proxy-run', path: TLS_PROXY_RUN_PATH } : undefined;
    // nginx from images/tls-proxy: uid 101 (the image's nginx user), read-only root filesystem with
    // one ephemeral volume for the self-signed key, certificate, rendered configuration and temp
    // files (a new key per task, never stored). The health check only asks whether the TLS port
    // listens; the target group's health check covers the path through to the application.
    const proxy: ContainerDefinition | undefined = tlsProxy
      ? {
          name: TLS_PROXY_CONTAINER_NAME,
          image: tlsProxy.image,
          essential: true,
          cpu: tlsCpu,
          memoryReservation: tlsMemory,
          user: '101:101',
          portMappings: [{ containerPort: tlsPort, protocol: 'tcp', name: `${TLS_PROXY_CONTAINER_NAME}-https` }],
          environment: [
            { name: 'APP_PORT', value: String(c.port) },
            { name: 'TLS_PORT', value: String(tlsPort) },
          ],
          readonlyRootFilesystem: true,
          privileged: false,
          mountPoints: [{ sourceVolume: tlsVolume!.name, containerPath: tlsVolume!.path, readOnly: false }],
          linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
          healthCheck: { command: ['CMD-SHELL', `nc -z 127.0.0.1 ${tlsPort} || exit 1`], interval: 15, timeout: 5, retries: 3, startPeriod: 10 },
          logConfiguration: logConfiguration(TLS_PROXY_CONTAINER_NAME),
        }
      : undefined;
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
    // The image runs as its own non-root user (aoc) and ships /healthcheck, which queries the
    // collector's health_check extension; the image has no shell, hence CMD, not CMD-SHELL.
    const adot: ContainerDefinition | undefined =
      sidecar === 'adot'
        ? {
            name: ADOT_CONTAINER_NAME,
            image: adotImage,
            essential: true,
            cpu: 128,
            memoryReservation: 256,
            command: [`--config=${ADOT_ECS_DEFAULT_CONFIG}`],
            portMappings: [
              { containerPort: 4317, protocol: 'tcp' },
              { containerPort: 4318, protocol: 'tcp' },
              { containerPort: 2000, protocol: 'udp' },
            ],
            readonlyRootFilesystem: true,
            privileged: false,
            linuxParameters: { capabilities: { drop: ['ALL'] } },
            healthCheck: { command: ['CMD', '/healthcheck'], interval: 15, timeout: 5, retries: 3, startPeriod: 10 },
            logConfiguration: logConfiguration(ADOT_CONTAINER_NAME),
          }
        : undefined;
    const sidecarContainer = xray ?? adot;
    // X-Ray: the daemon address wins over the caller's (as before); ADOT: the caller may override.
    const appEnvironment: Record<string, string> = adot
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000', ...environment }
      : { ...environment, ...(xray ? { AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' } : {}) };
    const app: ContainerDefinition = {
      name: c.name,
      image: c.image,
      essential: true,
      ...(c.user ? { user: c.user } : {}),
      portMappings: [{ containerPort: c.port, protocol: 'tcp', name: `${c.name}-http`, appProtocol: 'http' }],
      environment: Object.entries(appEnvironment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
      secrets: Object.entries(secrets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, valueFrom]) => ({ name, valueFrom })),
      readonlyRootFilesystem: readonlyRoot,
      privileged: false,
      mountPoints: volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.path, readOnly: false })),
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      ...(sidecarContainer ? { dependsOn: [{ containerName: sidecarContainer.name, condition: 'START' as const }] } : {}),
      ...(appHealthCheck ? { healthCheck: appHealthCheck } : {}),
      logConfiguration: logConfiguration(c.name),
    };
    if (sidecarContainer && sidecarContainer.name === c.name) throw new Error(`${where}: container name ${c.name} is the sidecar's; rename the application container`);
    this.containers = [app, ...(sidecarContainer ? [sidecarContainer] : []), ...(proxy ? [proxy] : [])];
    this.tracingSidecar = sidecar;
    this.targetPort = proxy ? tlsPort : c.port;

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.serviceName,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      volume: [...volumes, ...(tlsVolume ? [tlsVolume] : [])].map((v) => ({ name: v.name })),
      containerDefinitions: JSON.stringify(this.containers),
    });

    // The grace period only means something with a health check to ignore (and older ECS API
    // versions refused it on a service without a load balancer).
    const hasHealthCheck = props.targetGroupArn !== undefined || this.containers.some((d) => d.healthCheck !== undefined);
    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: capacityStrategy(props.capacity ?? { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 }),
      platformVersion: 'LATEST',
      networkConfiguration: { subnets: props.subnetIds, securityGroups: props.securityGroupIds, assignPublicIp: false },
      // With the tls-proxy the load balancer reaches the task through the proxy only.
      loadBalancer:
        props.targetGroupArn !== undefined
          ? [proxy ? { targetGroupArn: props.targetGroupArn, containerName: proxy.name, containerPort: tlsPort } : { targetGroupArn: props.targetGroupArn, containerName: c.name, containerPort: c.port }]
          : undefined,
      serviceRegistries:
        props.serviceRegistryArn === undefined
          ? undefined
          : registerContainerPort
            ? { registryArn: props.serviceRegistryArn, containerName: c.name, containerPort: c.port }
            : { registryArn: props.serviceRegistryArn },
      healthCheckGracePeriodSeconds: hasHealthCheck ? grace : undefined,
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
