import { Fail, LOG_RETENTION_DAYS } from './fail';

/** Configuration of the compute layer (ECS services, load balancers, CI/CD identity). */
export interface ComputeLayerConfig {
  /** ECS services keyed by name (the stack builds `frontend` and `backend`). */
  readonly services: Readonly<Record<string, ServiceConfig>>;
  /** GitHub repository and branch whose Actions workflow may deploy (OIDC, no long-lived keys). */
  readonly github: GithubDeployConfig;
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

const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];
const GITHUB_REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const GIT_BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$)[A-Za-z0-9._\/-]{1,200}$/;
const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

export function validateComputeConfig(compute: ComputeLayerConfig, fail: Fail): void {
  for (const [name, svc] of Object.entries(compute.services ?? {})) {
    const field = `compute.services.${name}`;
    if (!FARGATE_CPU.includes(svc.cpu)) fail(`${field}.cpu`, svc.cpu, 'is not a Fargate CPU size', `use one of ${FARGATE_CPU.join(', ')}`);
    if (!(svc.memory >= svc.cpu * 2 && svc.memory <= svc.cpu * 8) || svc.memory % 512 !== 0) {
      fail(`${field}.memory`, svc.memory, `is not a Fargate memory size for cpu ${svc.cpu}`, 'use 2x to 8x the CPU units, in MiB, a multiple of 512');
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
  }
  const gh = compute.github;
  if (!gh) {
    fail('compute.github', gh, 'is missing', "add github: { repository: 'org/repo', branch: 'main' } (the CI/CD deploy role trusts only it)");
  } else {
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
    }
    if (!/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+)+)$/.test(compute.offHours.timezone ?? '')) {
      fail('compute.offHours.timezone', compute.offHours.timezone, 'is not an IANA time zone', 'use for example UTC or Europe/Berlin');
    }
  }
  if (compute.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(compute.logRetentionDays)) {
    fail('compute.logRetentionDays', compute.logRetentionDays, 'is not a CloudWatch Logs retention value', 'use for example 30');
  }
}
