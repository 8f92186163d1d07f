import { qty } from './money';
import { assumed, blocksOf, monthly, num, perUnit, plus } from './rule-helpers';
import { CostRule } from './types';

/** Metrics an alarm is billed for: one, or the metrics of its math expression; an anomaly band counts 3. */
export function alarmMetrics(body: Readonly<Record<string, any>>): { metrics: number; highResolution: boolean } {
  const queries = blocksOf(body.metric_query);
  const periods = [body.period, ...queries.map((q) => blocksOf(q.metric)[0]?.period)].filter((p) => p !== undefined).map((p) => num(p, 60));
  const highResolution = periods.some((p) => p < 60);
  if (queries.length === 0) return { metrics: 1, highResolution };
  const metrics = queries.filter((q) => blocksOf(q.metric).length > 0).length;
  const bands = queries.filter((q) => String(q.expression ?? '').includes('ANOMALY_DETECTION_BAND')).length;
  return { metrics: Math.max(1, metrics + 2 * bands), highResolution };
}

export const OBSERVABILITY_RULES: Record<string, CostRule> = {
  aws_cloudwatch_metric_alarm: {
    class: 'priced',
    kind: 'CloudWatch alarms',
    estimate: (ctx) => {
      const { metrics, highResolution } = alarmMetrics(ctx.body);
      return { fixed: monthly(ctx, highResolution ? 'cloudwatch.alarm.high-resolution.metric.month' : 'cloudwatch.alarm.metric.month', metrics, highResolution ? 'high-resolution alarm metrics' : 'alarm metrics') };
    },
  },
  aws_cloudwatch_composite_alarm: {
    class: 'priced',
    kind: 'CloudWatch alarms',
    estimate: (ctx) => ({ fixed: monthly(ctx, 'cloudwatch.composite-alarm.month', 1, 'composite alarm') }),
  },
  aws_cloudwatch_dashboard: {
    class: 'priced',
    kind: 'CloudWatch dashboards',
    estimate: (ctx) => ({ fixed: monthly(ctx, 'cloudwatch.dashboard.month', 1, 'dashboard') }),
  },
  aws_cloudwatch_log_group: {
    class: 'usage',
    kind: 'CloudWatch Logs',
    estimate: (ctx) => {
      const gb = ctx.assumptions.logGbPerGroup;
      const infrequent = ctx.body.log_group_class === 'INFREQUENT_ACCESS';
      const retention = num(ctx.body.retention_in_days, 0);
      // At steady state a group holds `retention` worth of logs; never-expiring groups capped at a year.
      const months = retention > 0 ? Math.min(retention / 30, 12) : 12;
      const stored = Number((gb * months).toFixed(2));
      return {
        usage: assumed(
          `${qty(gb)} GB ingested, ${qty(stored)} GB stored (${retention > 0 ? `${retention} days` : 'no expiry, 1 year'} retention)`,
          plus(perUnit(ctx, infrequent ? 'cloudwatch.logs.infrequent.ingest.gb' : 'cloudwatch.logs.ingest.gb', gb, 'GB'), perUnit(ctx, 'cloudwatch.logs.storage.gb-month', stored, 'GB stored', 1, 'GB-month'))!,
        ),
      };
    },
  },
  aws_cloudwatch_log_metric_filter: {
    class: 'usage',
    kind: 'Custom metrics',
    estimate: (ctx) => ({ usage: assumed('the filter publishes its metric', perUnit(ctx, 'cloudwatch.custom-metric.month', ctx.assumptions.metricFilterMetrics, 'metric')) }),
  },
  aws_cloudwatch_log_delivery: {
    class: 'usage',
    kind: 'Vended logs',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.vendedLogGb} GB delivered`, perUnit(ctx, 'cloudwatch.vended-logs.gb', ctx.assumptions.vendedLogGb, 'GB')) }),
  },
  aws_wafv2_web_acl_logging_configuration: {
    class: 'usage',
    kind: 'Vended logs',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.vendedLogGb} GB of WAF logs`, perUnit(ctx, 'cloudwatch.vended-logs.gb', ctx.assumptions.vendedLogGb, 'GB')) }),
  },
  aws_xray_sampling_rule: {
    class: 'usage',
    kind: 'X-Ray traces',
    estimate: (ctx) => ({ usage: assumed(`${qty(ctx.assumptions.xrayTraceMillions * 1e6)} traces recorded`, perUnit(ctx, 'xray.traces.million', ctx.assumptions.xrayTraceMillions * 1e6, 'traces', 1e6)) }),
  },
  aws_cloudtrail: {
    class: 'usage',
    kind: 'CloudTrail',
    estimate: (ctx) => {
      const selectors = JSON.stringify([ctx.body.event_selector ?? [], ctx.body.advanced_event_selector ?? []]);
      const dataEvents = selectors.includes('data_resource') || /"Data"/.test(selectors);
      if (!dataEvents) return { usage: { monthly: 0, detail: 'management events only (the first copy in an account is free)' } };
      const events = ctx.assumptions.cloudtrailDataEventsPerTrail;
      return { usage: assumed(`${qty(events)} data events`, perUnit(ctx, 'cloudtrail.data-events.100k', events, 'events', 100_000)) };
    },
  },
  aws_cloudwatch_event_bus: {
    class: 'usage',
    kind: 'EventBridge events',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.eventBusEventMillions}M custom events`, perUnit(ctx, 'eventbridge.custom-events.million', ctx.assumptions.eventBusEventMillions * 1e6, 'events', 1e6)) }),
  },
  aws_cloudwatch_event_archive: {
    class: 'usage',
    kind: 'EventBridge archive',
    estimate: (ctx) => ({
      usage: assumed(`${ctx.assumptions.eventArchiveGb} GB archived and stored`, plus(perUnit(ctx, 'eventbridge.archive.gb', ctx.assumptions.eventArchiveGb, 'GB'), perUnit(ctx, 's3.standard.gb-month', ctx.assumptions.eventArchiveGb, 'GB stored', 1, 'GB-month'))!),
    }),
  },
  aws_scheduler_schedule: {
    class: 'usage',
    kind: 'EventBridge Scheduler',
    estimate: () => ({ usage: { monthly: 0, detail: 'within the 14M free invocations per month ($1.00 per 1M above)' } }),
  },
  aws_sns_topic: {
    class: 'usage',
    kind: 'SNS publishes',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.snsPublishMillions}M publishes`, perUnit(ctx, 'sns.publish.million', ctx.assumptions.snsPublishMillions * 1e6, 'publishes', 1e6)) }),
  },
  aws_sqs_queue: {
    class: 'usage',
    kind: 'SQS requests',
    estimate: (ctx) => {
      const fifo = ctx.body.fifo_queue === true;
      return { usage: assumed(`${ctx.assumptions.sqsRequestMillions}M requests`, perUnit(ctx, fifo ? 'sqs.fifo.million' : 'sqs.standard.million', ctx.assumptions.sqsRequestMillions * 1e6, 'requests', 1e6)) };
    },
  },
  aws_kms_key: {
    class: 'priced',
    kind: 'KMS keys',
    estimate: (ctx) => ({
      fixed: monthly(ctx, 'kms.key.month', 1, 'key'),
      usage: assumed(`${qty(ctx.assumptions.kmsRequests)} requests`, perUnit(ctx, 'kms.requests.10k', ctx.assumptions.kmsRequests, 'requests', 10_000)),
      notes: ctx.body.enable_key_rotation === true ? ['each yearly rotation adds $1/month for the first two rotations (not included)'] : [],
    }),
  },
  aws_kms_replica_key: {
    class: 'priced',
    kind: 'KMS keys',
    estimate: (ctx) => ({ fixed: monthly(ctx, 'kms.key.month', 1, 'replica key') }),
  },
  aws_secretsmanager_secret: {
    class: 'priced',
    kind: 'Secrets Manager secrets',
    estimate: (ctx) => {
      const replicas = blocksOf(ctx.body.replica).length;
      return {
        fixed: monthly(ctx, 'secretsmanager.secret.month', 1 + replicas, replicas ? `secret + ${replicas} replica(s)` : 'secret'),
        usage: assumed(`${qty(ctx.assumptions.secretApiCalls)} API calls`, perUnit(ctx, 'secretsmanager.api.10k', ctx.assumptions.secretApiCalls, 'calls', 10_000)),
      };
    },
  },
  aws_ssm_parameter: {
    class: 'priced',
    kind: 'SSM parameters',
    estimate: (ctx) => (String(ctx.body.tier ?? 'Standard') === 'Advanced' ? { fixed: monthly(ctx, 'ssm.parameter.advanced.month', 1, 'advanced parameter') } : { free: 'standard parameters are free' }),
  },
};
