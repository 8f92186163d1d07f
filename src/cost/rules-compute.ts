import { qty, unitPrice } from './money';
import { assumed, blockOf, blocksOf, hourly, monthly, notEstimated, num, perUnit, plus } from './rule-helpers';
import { averageScheduledTasks } from './schedule';
import { ResourceRef } from './stack-model';
import { CostPart, CostRule, RuleContext, RuleResult } from './types';

interface Strategy {
  readonly provider: string;
  readonly base: number;
  readonly weight: number;
}

function strategyOf(value: unknown): Strategy[] {
  return blocksOf(value).map((s) => ({ provider: String(s.capacity_provider), base: num(s.base, 0), weight: num(s.weight, 0) }));
}

/**
 * Expected tasks per capacity provider: `base` tasks first, the rest split by weight (ECS places
 * whole tasks; the split is the long-run share).
 */
export function splitTasks(tasks: number, strategy: readonly Strategy[]): Map<string, number> {
  const out = new Map<string, number>();
  if (strategy.length === 0) return out.set('FARGATE', tasks);
  let remaining = tasks;
  for (const s of strategy) {
    const placed = Math.min(s.base, remaining);
    if (placed > 0) out.set(s.provider, (out.get(s.provider) ?? 0) + placed);
    remaining -= placed;
  }
  const weight = strategy.reduce((w, s) => w + s.weight, 0);
  if (remaining > 0) {
    // With all weights 0 only base tasks would run; the rest goes to the first provider.
    const shares = weight > 0 ? strategy.map((s) => [s.provider, (remaining * s.weight) / weight] as const) : [[strategy[0].provider, remaining] as const];
    for (const [provider, share] of shares) if (share > 0) out.set(provider, (out.get(provider) ?? 0) + share);
  }
  return out;
}

/** Capacity provider strategy of a service: its own, else its cluster's default. */
function serviceStrategy(ctx: RuleContext): Strategy[] {
  const own = strategyOf(ctx.body.capacity_provider_strategy);
  if (own.length > 0 || ctx.body.launch_type) return own;
  const cluster = ctx.stack.ref(ctx.body.cluster);
  if (!cluster) return [];
  const providers = ctx.stack.referrers('aws_ecs_cluster_capacity_providers', cluster, 'cluster_name')[0];
  return providers ? strategyOf(providers.body.default_capacity_provider_strategy) : [];
}

/** Desired tasks, clamped to the auto scaling range, averaged over the week's scheduled actions. */
function serviceTasks(ctx: RuleContext): { tasks: number; notes: string[] } {
  const notes: string[] = [];
  let tasks = num(ctx.body.desired_count, 0);
  const self: ResourceRef = { type: ctx.type, name: ctx.name, body: ctx.body };
  const target = ctx.stack.referrers('aws_appautoscaling_target', self, 'resource_id')[0];
  if (!target) return { tasks, notes };
  const min = num(target.body.min_capacity, tasks);
  const max = num(target.body.max_capacity, tasks);
  if (tasks < min || tasks > max) {
    notes.push(`desired_count ${tasks} outside the auto scaling range ${min}-${max}; ${Math.min(Math.max(tasks, min), max)} used`);
    tasks = Math.min(Math.max(tasks, min), max);
  }
  notes.push(`auto scaling may run up to ${max} tasks under load (priced at ${qty(tasks)})`);
  const actions = ctx.stack.referrers('aws_appautoscaling_scheduled_action', target, 'resource_id').map((a) => {
    const action = blockOf(a.body.scalable_target_action) ?? {};
    return { schedule: String(a.body.schedule ?? ''), min: action.min_capacity === undefined ? undefined : num(action.min_capacity, 0), max: action.max_capacity === undefined ? undefined : num(action.max_capacity, 0) };
  });
  if (actions.length > 0) {
    const average = averageScheduledTasks(tasks, actions);
    if (average === undefined) notes.push('scheduled scaling not understood; priced around the clock');
    else {
      notes.push(`scheduled scaling: ${qty(Number(average.toFixed(4)))} tasks on average over the week (${qty(tasks)} when running)`);
      tasks = average;
    }
  }
  return { tasks, notes };
}

function fargateService(ctx: RuleContext): RuleResult {
  const launchType = ctx.body.launch_type;
  if (launchType === 'EC2' || launchType === 'EXTERNAL') return { free: `${launchType} launch type: the tasks run on capacity priced with its instances` };
  const taskDefinition = ctx.stack.ref(ctx.body.task_definition);
  if (!taskDefinition) return { fixed: { monthly: 0, detail: 'task definition not in this stack' }, notes: ['task definition not found; not priced'] };
  const td = taskDefinition.body;
  const vcpu = num(td.cpu, 256) / 1024;
  const gb = num(td.memory, 512) / 1024;
  const arm = String(blockOf(td.runtime_platform)?.cpu_architecture ?? 'X86_64') === 'ARM64';
  const extraStorage = Math.max(0, num(blockOf(td.ephemeral_storage)?.size_in_gib, 20) - 20);
  const { tasks, notes } = serviceTasks(ctx);
  const split = splitTasks(tasks, serviceStrategy(ctx));
  const hours = ctx.assumptions.hoursPerMonth;
  const parts: CostPart[] = [];
  for (const [provider, count] of [...split.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const spot = provider === 'FARGATE_SPOT';
    if (spot && arm) notes.push('Fargate Spot on ARM priced at the ARM on-demand rate (no Spot ARM price in the table)');
    const prefix = spot && !arm ? 'fargate.spot.x86' : arm ? 'fargate.arm' : 'fargate.x86';
    const vcpuPrice = ctx.price(`${prefix}.vcpu-hour`);
    const gbPrice = ctx.price(`${prefix}.gb-hour`);
    const storagePrice = extraStorage > 0 ? ctx.price('fargate.ephemeral-storage.gb-hour') : 0;
    const rate = vcpu * vcpuPrice + gb * gbPrice + extraStorage * storagePrice;
    const storage = extraStorage > 0 ? ` + ${qty(extraStorage)} GB x ${unitPrice(storagePrice)}` : '';
    parts.push({
      monthly: count * hours * rate,
      detail: `${qty(Number(count.toFixed(4)))} ${spot ? 'Spot' : 'on-demand'} tasks x ${qty(hours)} h x (${qty(vcpu)} vCPU x ${unitPrice(vcpuPrice)} + ${qty(gb)} GB x ${unitPrice(gbPrice)}${storage})`,
    });
  }
  if (blockOf(ctx.body.network_configuration)?.assign_public_ip === true) {
    // Each task holds a public IPv4 address while it runs.
    parts.push({ ...hourly(ctx, 'vpc.public-ipv4.hour', tasks, 'public IPv4'), detail: `${qty(Number(tasks.toFixed(4)))} public IPv4 x ${qty(hours)} h x ${unitPrice(ctx.price('vpc.public-ipv4.hour'))}/h` });
  }
  return { fixed: plus(...parts) ?? { monthly: 0, detail: '0 tasks' }, notes };
}

function lambdaMemoryGb(body: Readonly<Record<string, any>>): number {
  return num(body.memory_size, 128) / 1024;
}

function lambdaArch(body: Readonly<Record<string, any>>): 'arm' | 'x86' {
  return Array.isArray(body.architectures) && body.architectures.includes('arm64') ? 'arm' : 'x86';
}

export const COMPUTE_RULES: Record<string, CostRule> = {
  aws_ecs_service: { class: 'priced', kind: 'Fargate tasks', estimate: fargateService },
  aws_lambda_function: {
    class: 'usage',
    kind: 'Lambda invocations',
    estimate: (ctx) => {
      const a = ctx.assumptions;
      const gb = lambdaMemoryGb(ctx.body);
      const arch = lambdaArch(ctx.body);
      const provisioned = ctx.stack.referrers('aws_lambda_provisioned_concurrency_config', { type: ctx.type, name: ctx.name, body: ctx.body }, 'function_name').length > 0;
      const durationId = provisioned ? `lambda.provisioned-duration.${arch}.gb-second` : `lambda.${arch}.gb-second`;
      const gbSeconds = a.lambdaInvocations * (a.lambdaAverageMs / 1000) * gb;
      return {
        usage: assumed(
          `${qty(a.lambdaInvocations)} invocations of ${a.lambdaAverageMs} ms at ${qty(gb * 1024)} MB ${arch}`,
          plus(perUnit(ctx, 'lambda.requests.million', a.lambdaInvocations, 'requests', 1e6), perUnit(ctx, durationId, gbSeconds, 'GB-s', 1, 'GB-s'))!,
        ),
      };
    },
  },
  aws_lambda_provisioned_concurrency_config: {
    class: 'priced',
    kind: 'Lambda provisioned concurrency',
    estimate: (ctx) => {
      const fn = ctx.stack.ref(ctx.body.function_name);
      const notes = fn ? [] : ['function not in this stack; 128 MB x86 assumed'];
      const gb = fn ? lambdaMemoryGb(fn.body) : 0.125;
      const arch = fn ? lambdaArch(fn.body) : 'x86';
      const concurrency = num(ctx.body.provisioned_concurrent_executions, 0);
      const seconds = ctx.assumptions.hoursPerMonth * 3600;
      const price = ctx.price(`lambda.provisioned.${arch}.gb-second`);
      return { fixed: { monthly: concurrency * gb * seconds * price, detail: `${qty(concurrency)} environments x ${qty(gb)} GB x ${qty(seconds)} s x ${unitPrice(price)}/GB-s` }, notes };
    },
  },
  aws_sfn_state_machine: {
    class: 'usage',
    kind: 'Step Functions',
    estimate: (ctx) => {
      const a = ctx.assumptions;
      if (String(ctx.body.type ?? 'STANDARD') === 'EXPRESS') {
        const executions = a.stepFunctionsExpressExecutionMillions * 1e6;
        const gbSeconds = executions * a.stepFunctionsExpressSeconds * a.stepFunctionsExpressMemoryGb;
        return {
          usage: assumed(
            `${qty(executions)} express executions of ${a.stepFunctionsExpressSeconds} s at ${qty(a.stepFunctionsExpressMemoryGb * 1024)} MB`,
            plus(perUnit(ctx, 'stepfunctions.express.million-requests', executions, 'requests', 1e6), perUnit(ctx, 'stepfunctions.express.gb-second', gbSeconds, 'GB-s'))!,
          ),
        };
      }
      const transitions = a.stepFunctionsStandardTransitionsThousands * 1000;
      return { usage: assumed(`${qty(transitions)} state transitions`, perUnit(ctx, 'stepfunctions.standard.thousand-transitions', transitions, 'transitions', 1000)) };
    },
  },
  aws_kinesis_stream: {
    class: 'priced',
    kind: 'Kinesis data stream',
    estimate: (ctx) => {
      const a = ctx.assumptions;
      const mode = String(blockOf(ctx.body.stream_mode_details)?.stream_mode ?? 'PROVISIONED');
      const notes = num(ctx.body.retention_period, 24) > 24 ? ['retention above 24 h is billed extra (not included)'] : [];
      if (mode === 'ON_DEMAND') {
        return {
          fixed: hourly(ctx, 'kinesis.on-demand.stream-hour', 1, 'stream'),
          usage: assumed(`${a.kinesisIngestGb} GB ingested`, perUnit(ctx, 'kinesis.on-demand.ingest.gb', a.kinesisIngestGb, 'GB')),
          notes,
        };
      }
      const shards = num(ctx.body.shard_count, 1);
      return {
        fixed: hourly(ctx, 'kinesis.shard-hour', shards, 'shard'),
        usage: assumed(`${a.kinesisPutMillions}M PUT payload units`, perUnit(ctx, 'kinesis.put-units.million', a.kinesisPutMillions * 1e6, 'units', 1e6)),
        notes,
      };
    },
  },
  aws_codebuild_project: {
    class: 'usage',
    kind: 'CodeBuild minutes',
    estimate: (ctx) => {
      const compute = String(blockOf(ctx.body.environment)?.compute_type ?? 'BUILD_GENERAL1_SMALL').toLowerCase().replace(/^build_/, '').replace('_', '.');
      const minutes = ctx.assumptions.codebuildMinutesPerProject;
      return { usage: assumed(`${minutes} build minutes`, perUnit(ctx, `codebuild.${compute}.minute`, minutes, 'min')) };
    },
  },
  aws_codepipeline: {
    class: 'priced',
    kind: 'CodePipeline',
    estimate: (ctx) => {
      if (String(ctx.body.pipeline_type ?? 'V1') === 'V1') return { kind: 'CodePipeline (V1)', fixed: monthly(ctx, 'codepipeline.v1.month', 1, 'active pipeline') };
      const minutes = ctx.assumptions.pipelineActionMinutes;
      return { kind: 'CodePipeline (V2)', usage: assumed(`${minutes} action minutes`, perUnit(ctx, 'codepipeline.v2.action-minute', minutes, 'min')) };
    },
  },
  aws_ecr_repository: {
    class: 'usage',
    kind: 'ECR storage',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.ecrGbPerRepository} GB of images`, perUnit(ctx, 'ecr.storage.gb-month', ctx.assumptions.ecrGbPerRepository, 'GB')) }),
  },
  aws_ecr_registry_scanning_configuration: {
    class: 'usage',
    kind: 'ECR enhanced scanning',
    estimate: (ctx) => {
      if (String(ctx.body.scan_type ?? 'BASIC') !== 'ENHANCED') return { free: 'basic scanning is free' };
      const scans = ctx.assumptions.ecrImageScans;
      return { usage: assumed(`${scans} images scanned on push`, perUnit(ctx, 'inspector.ecr.image-scan', scans, 'images', 1, 'image')) };
    },
  },
  aws_serverlessapplicationrepository_cloudformation_stack: {
    class: 'usage',
    kind: 'Serverless application',
    estimate: () => ({ usage: notEstimated('use of what the application deploys (e.g. rotation Lambda invocations)') }),
  },
  aws_ecs_cluster: {
    class: 'usage',
    kind: 'ECS Container Insights',
    estimate: (ctx) => {
      const insights = blocksOf(ctx.body.setting).find((s) => s.name === 'containerInsights')?.value;
      if (insights !== 'enabled' && insights !== 'enhanced') return { free: 'ECS clusters are free; Container Insights off' };
      const gb = ctx.assumptions.containerInsightsGbPerCluster;
      return { usage: assumed(`${gb} GB of Container Insights performance logs`, perUnit(ctx, 'cloudwatch.logs.ingest.gb', gb, 'GB')) };
    },
  },
};
