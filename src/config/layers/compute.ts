import { gpuInstanceTypeProblem } from '../../constructs/compute/gpu-capacity-provider';
import { bedrockModelProblem } from '../aws-catalog';
import { FARGATE_MEMORY_BY_CPU, isTimeZone, nearest, scheduleProblem } from '../aws-limits';
import { Fail, LOG_RETENTION_DAYS } from './fail';

/** Configuration of the compute layer (ECS services or Lambda functions, APIs, CI/CD identity). */
export interface ComputeLayerConfig {
  /**
   * ECS services keyed by name.
   * @default {} - no container services
   */
  readonly services?: Readonly<Record<string, ServiceConfig>>;
  /**
   * GitHub repository and branch whose Actions workflow may deploy (OIDC, no long-lived keys).
   * @default - no GitHub deploy role
   */
  readonly github?: GithubDeployConfig;
  /**
   * Lambda functions keyed by name; each is `<system>-<env>-<name>`.
   * @default {}
   */
  readonly functions?: Readonly<Record<string, FunctionConfig>>;
  /** @default - no REST API */
  readonly restApi?: RestApiConfig;
  /**
   * How new function versions reach the `live` alias: a CodeDeploy predefined Lambda deployment
   * configuration (canary or linear with automatic rollback on alarms, or all at once).
   * @default 'CodeDeployDefault.LambdaAllAtOnce'
   */
  readonly lambdaDeploymentConfig?: LambdaDeploymentConfigName;
  /**
   * Deploy the functions and the API again in the environment's `secondaryRegion` as a warm standby
   * (disaster recovery behind DNS failover).
   * @default false
   */
  readonly standbyInSecondaryRegion?: boolean;
  /**
   * Serve the internal load balancer over HTTPS (443, the network's `*.<domain>` certificate, the
   * name `internal-api.<domain>` in the public zone resolving to its private addresses) instead of
   * plain HTTP on 80. ALBs do not validate target certificates, so the targets stay as they are.
   * @default false
   */
  readonly internalLoadBalancerTls?: boolean;
  /**
   * TLS from the load balancers to the tasks (CKV_AWS_378, LB-07): every load-balanced service runs
   * the tls-proxy sidecar (images/tls-proxy) and its target group speaks HTTPS to it.
   * @default - the target groups speak HTTP to the application containers
   */
  readonly targetTls?: TargetTlsConfig;
  /**
   * How tasks spread over FARGATE (on-demand) and FARGATE_SPOT.
   * @default { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 } - half on-demand, half Spot
   */
  readonly capacity?: CapacitySplitConfig;
  /**
   * Retention of the ECS application log groups, in days.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * Stop every service outside working hours and start it again (seed: "scheduled scaling for
   * predictable workloads"). Use in non-prod only.
   * @default - services run around the clock
   */
  readonly offHours?: OffHoursConfig;
  /**
   * An HTTP API (API Gateway v2) in front of the system's API services, reached over a VPC link,
   * with a Cognito JWT authorizer.
   * @default - no HTTP API
   */
  readonly httpApi?: { readonly throttle: { readonly rateLimit: number; readonly burstLimit: number } };
  /**
   * An EC2 capacity provider of GPU instances for the services that need a GPU (Fargate has none):
   * the listed services run there (EC2 launch type, a GPU resource requirement per task), the
   * others stay on Fargate.
   * @default - no GPU capacity: every service runs on Fargate
   */
  readonly gpuCapacity?: GpuCapacityConfig;
  /**
   * Bedrock foundation model IDs the container services may invoke (the task role's Bedrock
   * permission is scoped to their ARNs).
   * @default [] - no Bedrock access from the services
   */
  readonly bedrockModelIds?: readonly string[];
}

/** The tls-proxy sidecar of the load-balanced services (see images/tls-proxy/README.md). */
export interface TargetTlsConfig {
  /**
   * ECR repository of the tls-proxy image in the environment's account and region.
   * @default 'tls-proxy'
   */
  readonly repository?: string;
  /** Image tag pushed to that repository (tags are immutable; a new build gets a new tag). */
  readonly imageTag: string;
  /**
   * Port the proxy serves TLS on, 1024-65535, not an application port.
   * @default 8443
   */
  readonly port?: number;
}

/** The tls-proxy image URI, its repository's ARN (the execution role pulls it) and its port. */
export function targetTlsImage(tls: TargetTlsConfig, accountId: string, region: string): { image: string; repositoryArn: string; port: number } {
  const repository = tls.repository ?? 'tls-proxy';
  return {
    image: `${accountId}.dkr.ecr.${region}.amazonaws.com/${repository}:${tls.imageTag}`,
    repositoryArn: `arn:aws:ecr:${region}:${accountId}:repository/${repository}`,
    port: targetTlsPort(tls),
  };
}

/** The port the tls-proxy serves TLS on (the target groups' and the tasks' ingress port). */
export function targetTlsPort(tls: TargetTlsConfig): number {
  return tls.port ?? 8443;
}

/** EC2 GPU capacity for ECS services (the ECS GPU-optimized AMI pinned in config). */
export interface GpuCapacityConfig {
  /** ID of the ECS GPU-optimized AMI (`ami-...`) of the environment's region, pinned at release time. */
  readonly amiId: string;
  /** NVIDIA GPU instance type, for example `g5.xlarge`. */
  readonly instanceType: string;
  /** Most GPU instances the Auto Scaling group may run (1-100). */
  readonly maxInstances: number;
  /** Keys of `compute.services` that run on the GPU capacity. */
  readonly services: readonly string[];
  /**
   * GPUs each task of those services reserves.
   * @default 1
   */
  readonly gpusPerTask?: number;
}

/** CodeDeploy's predefined configurations for Lambda aliases. */
export const LAMBDA_DEPLOYMENT_CONFIGS = [
  'CodeDeployDefault.LambdaAllAtOnce',
  'CodeDeployDefault.LambdaCanary10Percent5Minutes',
  'CodeDeployDefault.LambdaCanary10Percent10Minutes',
  'CodeDeployDefault.LambdaCanary10Percent15Minutes',
  'CodeDeployDefault.LambdaCanary10Percent30Minutes',
  'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
  'CodeDeployDefault.LambdaLinear10PercentEvery2Minutes',
  'CodeDeployDefault.LambdaLinear10PercentEvery3Minutes',
  'CodeDeployDefault.LambdaLinear10PercentEvery10Minutes',
] as const;
export type LambdaDeploymentConfigName = (typeof LAMBDA_DEPLOYMENT_CONFIGS)[number];

/** One Lambda function's sizing and concurrency. */
export interface FunctionConfig {
  /** 1-900 seconds. */
  readonly timeoutSeconds: number;
  /** 128-10240 MB. */
  readonly memoryMb: number;
  /**
   * Concurrent executions reserved for (and capping) the function.
   * @default - unreserved (shares the account pool)
   */
  readonly reservedConcurrency?: number;
  /**
   * Pre-initialised environments on the `live` alias (no cold starts); at most reservedConcurrency.
   * @default - none
   */
  readonly provisionedConcurrency?: number;
  /**
   * Layer version ARNs published outside this repository (public layers such as Powertools for AWS
   * Lambda), attached before the layers the stack builds; in the function's region, at most 5 in all.
   * @default [] - only the layers the stack builds
   */
  readonly layerArns?: readonly string[];
}

/** A REST API in front of the functions. */
export interface RestApiConfig {
  /** Stage name, for example `v1`. */
  readonly stageName: string;
  /** Usage-plan throttling of every key: steady requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default - no quota */
  readonly quota?: { readonly limit: number; readonly period: 'DAY' | 'WEEK' | 'MONTH' };
  /**
   * Browser origins allowed by CORS (besides same-origin calls through the CDN).
   * @default []
   */
  readonly corsOrigins?: readonly string[];
  /** API keys by name (each gets a key in the usage plan); empty with `authorization: 'AWS_IAM'`. */
  readonly apiKeys: readonly string[];
  /**
   * How callers are authorized: API keys in a usage plan (`throttle` is then per key), or SigV4
   * (`AWS_IAM`, no keys; `throttle` is then the stage's limit for all callers together).
   * @default 'API_KEY'
   */
  readonly authorization?: 'API_KEY' | 'AWS_IAM';
  /**
   * Stage variables (name -> value) the backend can read.
   * @default {}
   */
  readonly stageVariables?: Readonly<Record<string, string>>;
  /**
   * A regional custom domain `<subdomain>.<edge.domainName>` mapped to the stage (and, with a
   * standby, `<secondarySubdomain>.<edge.domainName>` in the secondary region).
   * @default - the execute-api host only
   */
  readonly customDomain?: { readonly subdomain: string; readonly secondarySubdomain?: string };
}

export interface OffHoursConfig {
  /** When services stop, e.g. `cron(0 20 ? * MON-FRI *)`. */
  readonly stopSchedule: string;
  /** When they start again, e.g. `cron(0 7 ? * MON-FRI *)`. */
  readonly startSchedule: string;
  /** IANA time zone of both schedules. */
  readonly timezone: string;
}

export interface ServiceConfig {
  /** Fargate task CPU units (256, 512, 1024, 2048, 4096, ...). */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly desiredTasks: number;
  /**
   * Image tag of the first task definition revision (ECR tags are immutable; later revisions come from CI).
   * @default 'bootstrap'
   */
  readonly imageTag?: string;
  /**
   * ALB requests per target per minute that target tracking holds (seed: scale out above 1000/minute).
   * @default 1000
   */
  readonly requestsPerTarget?: number;
  /**
   * Target tracking and cooldowns of the service's autoscaling.
   * @default - the system's stack decides (ServiceAutoScaling: CPU 70 %, memory 80 %, out 300 s, in 600 s)
   */
  readonly scaling?: ServiceScalingConfig;
}

/** Autoscaling targets of one ECS service. */
export interface ServiceScalingConfig {
  /**
   * Average CPU utilization (%) target tracking holds.
   * @default 70
   */
  readonly cpuTarget?: number;
  /**
   * Average memory utilization (%) target tracking holds.
   * @default 80
   */
  readonly memoryTarget?: number;
  /**
   * Seconds after a scale-out before the next.
   * @default 300
   */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * Seconds after a scale-in before the next.
   * @default 600
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Visible messages per running task that target tracking holds on the queue the service
   * consumes (the seed's "custom metric: queue depth").
   * @default - no queue-depth policy
   */
  readonly queueBacklogPerTask?: number;
}

export interface GithubDeployConfig {
  /** `owner/name` of the repository whose workflows may assume the deploy role. */
  readonly repository: string;
  /** Branch whose workflows may deploy (the role's trust pins `ref:refs/heads/<branch>`). */
  readonly branch: string;
  /**
   * ARN of an existing `token.actions.githubusercontent.com` OIDC provider in the account (one per account).
   * @default - the compute layer creates the provider
   */
  readonly oidcProviderArn?: string;
}

export interface CapacitySplitConfig {
  /** Tasks always placed on on-demand FARGATE before weights apply. */
  readonly onDemandBase: number;
  /** Relative share of FARGATE beyond the base. */
  readonly onDemandWeight: number;
  /** Relative share of FARGATE_SPOT beyond the base. */
  readonly spotWeight: number;
}

const GITHUB_REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const GIT_BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$)[A-Za-z0-9._\/-]{1,200}$/;
const LAYER_VERSION_ARN = /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:layer:[A-Za-z0-9_-]{1,140}:[1-9]\d*$/;
const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

export function validateComputeConfig(compute: ComputeLayerConfig, fail: Fail, secondaryRegion?: string): void {
  validateFunctions(compute, fail);
  if (compute.restApi) validateRestApi(compute.restApi, fail);
  if (compute.lambdaDeploymentConfig !== undefined && !(LAMBDA_DEPLOYMENT_CONFIGS as readonly string[]).includes(compute.lambdaDeploymentConfig)) {
    fail('compute.lambdaDeploymentConfig', compute.lambdaDeploymentConfig, 'is not a CodeDeploy Lambda deployment configuration', `use one of ${LAMBDA_DEPLOYMENT_CONFIGS.join(', ')}`);
  }
  if (compute.standbyInSecondaryRegion && !secondaryRegion) fail('compute.standbyInSecondaryRegion', true, 'needs secondaryRegion', 'set secondaryRegion, or turn the standby off');
  if (compute.restApi?.customDomain?.secondarySubdomain !== undefined && !compute.standbyInSecondaryRegion) {
    fail('compute.restApi.customDomain.secondarySubdomain', compute.restApi.customDomain.secondarySubdomain, 'names the standby API, but standbyInSecondaryRegion is off', 'turn the standby on, or drop secondarySubdomain');
  }
  if (compute.httpApi) {
    const { rateLimit, burstLimit } = compute.httpApi.throttle ?? ({} as { rateLimit?: number; burstLimit?: number });
    // API Gateway's default account quota per region: 10,000 requests per second, burst 5,000.
    if (!(typeof rateLimit === 'number' && rateLimit > 0 && rateLimit <= 10000)) fail('compute.httpApi.throttle.rateLimit', rateLimit, 'is outside the 1-10000 requests per second of the default account quota', 'use for example 100');
    if (!(Number.isInteger(burstLimit) && burstLimit! > 0 && burstLimit! <= 5000)) fail('compute.httpApi.throttle.burstLimit', burstLimit, 'is outside the 1-5000 burst of the default account quota', 'use for example 200');
  }
  for (const [name, svc] of Object.entries(compute.services ?? {})) {
    const field = `compute.services.${name}`;
    const memories = FARGATE_MEMORY_BY_CPU[svc.cpu];
    if (!memories) fail(`${field}.cpu`, svc.cpu, 'is not a Fargate CPU size', `use one of ${Object.keys(FARGATE_MEMORY_BY_CPU).join(', ')}`);
    if (!memories.includes(svc.memory)) {
      const low = memories[0];
      const high = memories[memories.length - 1];
      fail(`${field}.memory`, svc.memory, `is not a Fargate memory size for cpu ${svc.cpu}`, `use ${memories.length <= 4 ? memories.join(', ') : `${low} to ${high} in steps of ${memories[1] - low}`} MiB`);
    }
    if (!Number.isInteger(svc.minTasks) || svc.minTasks < 0) fail(`${field}.minTasks`, svc.minTasks, 'is not a task count', 'use 0 or more');
    if (svc.minTasks > svc.maxTasks) fail(`${field}.minTasks`, svc.minTasks, `is greater than ${field}.maxTasks (${svc.maxTasks})`, 'make minTasks <= maxTasks');
    if (svc.desiredTasks < svc.minTasks || svc.desiredTasks > svc.maxTasks) {
      fail(`${field}.desiredTasks`, svc.desiredTasks, `is outside minTasks-maxTasks (${svc.minTasks}-${svc.maxTasks})`, 'pick a desired count inside the scaling range');
    }
    if (svc.imageTag !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(svc.imageTag)) {
      fail(`${field}.imageTag`, svc.imageTag, 'is not a Docker image tag', 'use letters, digits, _ . - (at most 128)');
    }
    if (svc.requestsPerTarget !== undefined && !(Number.isInteger(svc.requestsPerTarget) && svc.requestsPerTarget > 0)) {
      fail(`${field}.requestsPerTarget`, svc.requestsPerTarget, 'is not a positive whole number of requests', 'use for example 1000');
    }
    if (svc.scaling) validateScaling(`${field}.scaling`, svc.scaling, fail);
    if (svc.scaling?.queueBacklogPerTask !== undefined && svc.minTasks < 1) {
      fail(`${field}.minTasks`, svc.minTasks, 'is 0, but queue-depth scaling divides the backlog by the running tasks', 'keep at least 1 task, or drop scaling.queueBacklogPerTask');
    }
  }
  if (compute.gpuCapacity) validateGpuCapacity(compute, compute.gpuCapacity, fail);
  (compute.bedrockModelIds ?? []).forEach((id, i) => {
    const problem = bedrockModelProblem(id);
    if (problem) fail(`compute.bedrockModelIds[${i}]`, id, problem, 'list foundation model IDs such as anthropic.claude-3-5-sonnet-20240620-v1:0');
  });
  const gh = compute.github;
  if (gh) {
    if (!GITHUB_REPO.test(gh.repository ?? '')) fail('compute.github.repository', gh.repository, 'is not a GitHub owner/name', 'use for example bidops-ai/bidops');
    if (!GIT_BRANCH.test(gh.branch ?? '') || gh.branch.includes('*')) fail('compute.github.branch', gh.branch, 'is not a single branch name', 'name one branch, for example main (no wildcards)');
    if (gh.oidcProviderArn !== undefined && !OIDC_ARN.test(gh.oidcProviderArn)) {
      fail('compute.github.oidcProviderArn', gh.oidcProviderArn, 'is not the ARN of the GitHub Actions OIDC provider', 'use arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com or leave it unset');
    }
  }
  const cap = compute.capacity;
  if (cap) {
    if (!Number.isInteger(cap.onDemandBase) || cap.onDemandBase < 0 || cap.onDemandBase > 100000) fail('compute.capacity.onDemandBase', cap.onDemandBase, 'is not a task count from 0 to 100000', 'use for example 2');
    for (const key of ['onDemandWeight', 'spotWeight'] as const) {
      if (!Number.isInteger(cap[key]) || cap[key] < 0 || cap[key] > 1000) fail(`compute.capacity.${key}`, cap[key], 'is not a weight from 0 to 1000', 'use for example 1');
    }
    if (cap.onDemandWeight + cap.spotWeight === 0) fail('compute.capacity', cap, 'has both weights 0', 'give at least one capacity provider a weight above 0');
  }
  if (compute.offHours) {
    for (const key of ['stopSchedule', 'startSchedule'] as const) {
      const schedule = compute.offHours[key];
      if (!/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(schedule ?? '')) {
        fail(`compute.offHours.${key}`, schedule, 'is not a six-field cron() expression', 'use for example cron(0 20 ? * MON-FRI *)');
      }
      const problem = scheduleProblem(schedule, false);
      if (problem) fail(`compute.offHours.${key}`, schedule, problem, 'use for example cron(0 20 ? * MON-FRI *)');
    }
    const zone = compute.offHours.timezone ?? '';
    if (!isTimeZone(zone)) {
      fail('compute.offHours.timezone', zone, 'is not an IANA time zone', `use ${/^[A-Z][A-Za-z_]+\//.test(zone) ? nearest(zone, Intl.supportedValuesOf('timeZone')) : 'for example UTC or Europe/Berlin'}`);
    }
  }
  if (compute.targetTls) validateTargetTls(compute.targetTls, fail);
  if (compute.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(compute.logRetentionDays)) {
    fail('compute.logRetentionDays', compute.logRetentionDays, 'is not a CloudWatch Logs retention value', 'use for example 30');
  }
}

function validateTargetTls(tls: TargetTlsConfig, fail: Fail): void {
  if (tls.repository !== undefined && !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(tls.repository)) {
    fail('compute.targetTls.repository', tls.repository, 'is not an ECR repository name', 'use lower-case letters, digits and . _ - /, for example tls-proxy');
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tls.imageTag ?? '') || tls.imageTag === 'latest') {
    fail('compute.targetTls.imageTag', tls.imageTag, 'is not a pinned Docker image tag', 'push images/tls-proxy with a version tag such as 1.0.0 and name it here');
  }
  const port = tls.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1024 && port <= 65535)) {
    fail('compute.targetTls.port', port, 'is outside 1024-65535 (the proxy runs without root)', 'use for example 8443');
  }
}

// CloudWatch's practical range for a scaling cooldown: up to a day.
const MAX_COOLDOWN_SECONDS = 86400;

function validateScaling(field: string, scaling: ServiceScalingConfig, fail: Fail): void {
  for (const key of ['cpuTarget', 'memoryTarget'] as const) {
    const value = scaling[key];
    // ServiceAutoScaling adds a CPU burst step above 90 %, so the CPU target stays below it.
    const max = key === 'cpuTarget' ? 89 : 100;
    if (value !== undefined && !(Number.isInteger(value) && value >= 10 && value <= max)) {
      fail(`${field}.${key}`, value, `is not a utilization percentage from 10 to ${max}`, key === 'cpuTarget' ? 'use for example 70 (the CPU burst step acts above 90)' : 'use for example 80');
    }
  }
  for (const key of ['scaleOutCooldownSeconds', 'scaleInCooldownSeconds'] as const) {
    const value = scaling[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= MAX_COOLDOWN_SECONDS)) {
      fail(`${field}.${key}`, value, `is not a cooldown from 0 to ${MAX_COOLDOWN_SECONDS} seconds`, 'use for example 300');
    }
  }
  const backlog = scaling.queueBacklogPerTask;
  if (backlog !== undefined && !(Number.isInteger(backlog) && backlog >= 1 && backlog <= 10000)) {
    fail(`${field}.queueBacklogPerTask`, backlog, 'is not a whole number of messages per task from 1 to 10000', 'use for example 10');
  }
}

function validateGpuCapacity(compute: ComputeLayerConfig, gpu: GpuCapacityConfig, fail: Fail): void {
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(gpu.amiId ?? '')) {
    fail('compute.gpuCapacity.amiId', gpu.amiId, 'is not an AMI ID', 'pin the ECS GPU-optimized AMI of the region (ami- and 8 or 17 hex digits, from /aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id)');
  }
  const typeProblem = gpuInstanceTypeProblem(String(gpu.instanceType ?? ''));
  if (typeProblem) fail('compute.gpuCapacity.instanceType', gpu.instanceType, typeProblem.replace(/; use .*$/, ''), typeProblem.replace(/^.*; use /, 'use '));
  if (!(Number.isInteger(gpu.maxInstances) && gpu.maxInstances >= 1 && gpu.maxInstances <= 100)) {
    fail('compute.gpuCapacity.maxInstances', gpu.maxInstances, 'is not a whole number of instances from 1 to 100', 'use for example 4');
  }
  const services = gpu.services ?? [];
  if (services.length === 0) fail('compute.gpuCapacity.services', services, 'is empty', 'name the keys of compute.services that need a GPU, or drop gpuCapacity');
  services.forEach((name, i) => {
    if (!compute.services?.[name]) fail(`compute.gpuCapacity.services[${i}]`, name, 'is not a key of compute.services', `use one of ${Object.keys(compute.services ?? {}).join(', ') || '(no services configured)'}`);
  });
  const gpus = gpu.gpusPerTask;
  if (gpus !== undefined && !(Number.isInteger(gpus) && gpus >= 1 && gpus <= 8)) fail('compute.gpuCapacity.gpusPerTask', gpus, 'is not a whole number of GPUs from 1 to 8', 'use 1');
}

function validateFunctions(compute: ComputeLayerConfig, fail: Fail): void {
  for (const [name, fn] of Object.entries(compute.functions ?? {})) {
    const f = `compute.functions.${name}`;
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) fail('compute.functions', name, 'is not a function key (lower-case letters, digits, dashes; at most 40)', 'use a name such as opportunity-analysis');
    if (!(Number.isInteger(fn.timeoutSeconds) && fn.timeoutSeconds >= 1 && fn.timeoutSeconds <= 900)) {
      fail(`${f}.timeoutSeconds`, fn.timeoutSeconds, 'is outside the 1-900 seconds Lambda allows', 'use at most 900 (15 minutes); longer work belongs in Step Functions');
    }
    if (!(Number.isInteger(fn.memoryMb) && fn.memoryMb >= 128 && fn.memoryMb <= 10240)) fail(`${f}.memoryMb`, fn.memoryMb, 'is outside the 128-10240 MB Lambda allows', 'use for example 512 or 1024');
    if (fn.reservedConcurrency !== undefined && !(Number.isInteger(fn.reservedConcurrency) && fn.reservedConcurrency >= 1)) {
      fail(`${f}.reservedConcurrency`, fn.reservedConcurrency, 'is not a positive whole number', 'use for example 10');
    }
    if (fn.provisionedConcurrency !== undefined) {
      if (!(Number.isInteger(fn.provisionedConcurrency) && fn.provisionedConcurrency >= 1)) fail(`${f}.provisionedConcurrency`, fn.provisionedConcurrency, 'is not a positive whole number', 'use for example 2');
      if (fn.reservedConcurrency !== undefined && fn.provisionedConcurrency > fn.reservedConcurrency) {
        fail(`${f}.provisionedConcurrency`, fn.provisionedConcurrency, `exceeds reservedConcurrency (${fn.reservedConcurrency})`, 'keep provisioned concurrency within the reserved concurrency');
      }
    }
    if (fn.layerArns !== undefined) {
      if (!Array.isArray(fn.layerArns) || fn.layerArns.length > 5) fail(`${f}.layerArns`, fn.layerArns, 'is not a list of at most 5 layer version ARNs (Lambda attaches at most 5 layers)', 'list at most 5');
      fn.layerArns.forEach((arn, i) => {
        if (!LAYER_VERSION_ARN.test(arn ?? '')) {
          fail(`${f}.layerArns[${i}]`, arn, 'is not a Lambda layer version ARN', 'use arn:aws:lambda:<region>:<account>:layer:<name>:<version>, e.g. the Powertools ARN from its documentation');
        }
      });
    }
  }
}

function validateRestApi(api: RestApiConfig, fail: Fail): void {
  if (!/^[A-Za-z0-9_]{1,128}$/.test(api.stageName ?? '')) fail('compute.restApi.stageName', api.stageName, 'is not a stage name', 'use letters, digits and underscores, for example v1');
  const { rateLimit, burstLimit } = api.throttle ?? ({} as RestApiConfig['throttle']);
  if (!(rateLimit > 0 && rateLimit <= 10000)) fail('compute.restApi.throttle.rateLimit', rateLimit, 'is outside 1-10000 requests per second (the default account limit)', 'use for example 50');
  if (!(Number.isInteger(burstLimit) && burstLimit >= 1 && burstLimit <= 5000)) fail('compute.restApi.throttle.burstLimit', burstLimit, 'is outside 1-5000 (the default account burst)', 'use for example 100');
  if (api.quota && !(Number.isInteger(api.quota.limit) && api.quota.limit >= 1 && ['DAY', 'WEEK', 'MONTH'].includes(api.quota.period))) {
    fail('compute.restApi.quota', api.quota, 'is not a positive limit per DAY, WEEK or MONTH', "use for example { limit: 100000, period: 'MONTH' }");
  }
  (api.corsOrigins ?? []).forEach((origin, i) => {
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) fail(`compute.restApi.corsOrigins[${i}]`, origin, 'is not an https origin', 'use https://host without a path');
  });
  const authorization = api.authorization ?? 'API_KEY';
  if (authorization !== 'API_KEY' && authorization !== 'AWS_IAM') fail('compute.restApi.authorization', authorization, 'is not API_KEY or AWS_IAM', "use 'API_KEY' (keys in a usage plan) or 'AWS_IAM' (SigV4)");
  if (authorization === 'AWS_IAM' && api.apiKeys?.length) fail('compute.restApi.apiKeys', api.apiKeys, 'names keys, but AWS_IAM authorization has no usage plan to hold them', "use apiKeys: [] with AWS_IAM, or authorization 'API_KEY'");
  if (authorization === 'API_KEY' && !api.apiKeys?.length) fail('compute.restApi.apiKeys', api.apiKeys, 'is empty', 'name at least one key, for example dashboard');
  for (const [name, value] of Object.entries(api.stageVariables ?? {})) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) fail('compute.restApi.stageVariables', name, 'is not a stage variable name', 'use letters, digits and underscores');
    if (!/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(String(value))) fail(`compute.restApi.stageVariables.${name}`, value, 'has characters API Gateway refuses in a stage variable', 'use letters, digits and - . _ ~ : / ? # & = , (at most 512)');
  }
  if (api.customDomain) {
    for (const key of ['subdomain', 'secondarySubdomain'] as const) {
      const label = api.customDomain[key];
      if ((key === 'subdomain' || label !== undefined) && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label ?? '')) {
        fail(`compute.restApi.customDomain.${key}`, label, 'is not one DNS label', 'use lower-case letters, digits and dashes, for example api-east');
      }
    }
    if (api.customDomain.secondarySubdomain === api.customDomain.subdomain) fail('compute.restApi.customDomain.secondarySubdomain', api.customDomain.secondarySubdomain, 'is the primary subdomain', 'give the standby its own name, for example api-west');
  }
  (api.apiKeys ?? []).forEach((key, i) => {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(key)) fail(`compute.restApi.apiKeys[${i}]`, key, 'is not a key name', 'use lower-case letters, digits and dashes');
  });
}
