import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

export interface ServiceAutoScalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly minTasks: number;
  readonly maxTasks: number;
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
   * @default 300
   */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * @default 600
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * CPU (%) above which the step policy adds `burstTasks` at once.
   * @default 90
   */
  readonly burstCpuThreshold?: number;
  /**
   * Tasks added by the step policy.
   * @default 2
   */
  readonly burstTasks?: number;
  /**
   * Minutes CPU must stay above `burstCpuThreshold` (one datapoint a minute).
   * @default 5
   */
  readonly burstEvaluationMinutes?: number;
  /**
   * Request-count target tracking: `<alb arn suffix>/<target group arn suffix>` and requests per target per minute.
   * @default - no request-count policy
   */
  readonly requestCount?: { readonly resourceLabel: string; readonly requestsPerTarget: number };
  /**
   * Extra alarm actions for the burst alarm (an SNS topic), besides the step policy.
   * @default []
   */
  readonly burstAlarmNotify?: string[];
  /**
   * Scale to zero outside working hours (predictable workloads, non-prod cost): at `stopSchedule`
   * min and max become 0; at `startSchedule` they return to `minTasks`/`maxTasks`.
   * @default - always on
   */
  readonly offHours?: OffHoursSchedule;
}

export interface OffHoursSchedule {
  /** Application Auto Scaling schedule that stops the service, e.g. `cron(0 20 ? * MON-FRI *)`. */
  readonly stopSchedule: string;
  /** Schedule that starts it again, e.g. `cron(0 7 ? * MON-FRI *)`. */
  readonly startSchedule: string;
  /** IANA time zone of both schedules, e.g. `Europe/Berlin`. */
  readonly timezone: string;
}

/**
 * Application Auto Scaling of an ECS service: target tracking on CPU and memory (and optionally ALB
 * requests per target) with asymmetric cooldowns, plus a step policy that adds tasks at once when CPU
 * stays above a burst threshold (its own CloudWatch alarm), and optionally scheduled scale-to-zero
 * outside working hours.
 */
export class ServiceAutoScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly cpuPolicy: AppautoscalingPolicy;
  readonly memoryPolicy: AppautoscalingPolicy;
  readonly burstPolicy: AppautoscalingPolicy;
  readonly burstAlarm: CloudwatchMetricAlarm;
  readonly requestPolicy?: AppautoscalingPolicy;
  readonly offHoursActions: AppautoscalingScheduledAction[] = [];

  constructor(scope: Construct, id: string, props: ServiceAutoScalingProps) {
    super(scope, id);
    const cpuTarget = props.cpuTarget ?? 70;
    const memoryTarget = props.memoryTarget ?? 80;
    const scaleOut = props.scaleOutCooldownSeconds ?? 300;
    const scaleIn = props.scaleInCooldownSeconds ?? 600;
    const burstThreshold = props.burstCpuThreshold ?? 90;
    const burstTasks = props.burstTasks ?? 2;
    const burstMinutes = props.burstEvaluationMinutes ?? 5;
    const where = `ServiceAutoScaling ${props.serviceName}`;
    if (!(Number.isInteger(props.minTasks) && props.minTasks >= 0 && props.minTasks <= props.maxTasks)) {
      throw new Error(`${where}: minTasks ${props.minTasks} / maxTasks ${props.maxTasks} must be whole numbers with 0 <= min <= max`);
    }
    for (const [name, value] of [['cpuTarget', cpuTarget], ['memoryTarget', memoryTarget], ['burstCpuThreshold', burstThreshold]] as const) {
      if (!(value > 0 && value <= 100)) throw new Error(`${where}: ${name} ${value} is not a utilization percentage (1-100)`);
    }
    if (burstThreshold <= cpuTarget) throw new Error(`${where}: burstCpuThreshold ${burstThreshold} must be above cpuTarget ${cpuTarget}`);
    if (scaleOut < 0 || scaleIn < 0) throw new Error(`${where}: cooldowns must not be negative`);
    if (!(Number.isInteger(burstTasks) && burstTasks > 0)) throw new Error(`${where}: burstTasks ${burstTasks} must be a positive whole number`);
    if (props.requestCount && !(props.requestCount.requestsPerTarget > 0)) throw new Error(`${where}: requestsPerTarget ${props.requestCount.requestsPerTarget} must be positive`);

    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
    });
    const scaling = {
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
    };
    const tracking = (policyId: string, name: string, metric: string, targetValue: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, policyId, {
        name: `${props.serviceName}-${name}`,
        policyType: 'TargetTrackingScaling',
        ...scaling,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          scaleOutCooldown: scaleOut,
          scaleInCooldown: scaleIn,
          predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
        },
      });
    this.cpuPolicy = tracking('cpu', 'cpu-target', 'ECSServiceAverageCPUUtilization', cpuTarget);
    this.memoryPolicy = tracking('memory', 'memory-target', 'ECSServiceAverageMemoryUtilization', memoryTarget);
    if (props.requestCount) {
      this.requestPolicy = tracking('requests', 'requests-target', 'ALBRequestCountPerTarget', props.requestCount.requestsPerTarget, props.requestCount.resourceLabel);
    }

    if (props.offHours) {
      const { stopSchedule, startSchedule, timezone } = props.offHours;
      for (const [name, schedule] of [['stop', stopSchedule], ['start', startSchedule]] as const) {
        if (!/^(cron|rate|at)\(.+\)$/.test(schedule)) throw new Error(`${where}: offHours ${name} schedule "${schedule}" is not cron(...), rate(...) or at(...)`);
      }
      const action = (name: 'stop' | 'start', schedule: string, min: number, max: number) =>
        new AppautoscalingScheduledAction(this, `off-hours-${name}`, {
          name: `${props.serviceName}-off-hours-${name}`,
          ...scaling,
          schedule,
          timezone,
          scalableTargetAction: { minCapacity: String(min), maxCapacity: String(max) },
        });
      this.offHoursActions.push(action('stop', stopSchedule, 0, 0), action('start', startSchedule, props.minTasks, props.maxTasks));
    }

    this.burstPolicy = new AppautoscalingPolicy(this, 'cpu-burst', {
      name: `${props.serviceName}-cpu-burst`,
      policyType: 'StepScaling',
      ...scaling,
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        cooldown: scaleOut,
        metricAggregationType: 'Average',
        stepAdjustment: [{ metricIntervalLowerBound: '0', scalingAdjustment: burstTasks }],
      },
    });
    this.burstAlarm = new CloudwatchMetricAlarm(this, 'cpu-burst-alarm', {
      alarmName: `${props.serviceName}-cpu-above-${burstThreshold}`,
      alarmDescription: `${props.serviceName}: CPU above ${burstThreshold}% for ${burstMinutes} minutes; adds ${burstTasks} tasks`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
      statistic: 'Average',
      period: 60,
      evaluationPeriods: burstMinutes,
      datapointsToAlarm: burstMinutes,
      threshold: burstThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [this.burstPolicy.arn, ...(props.burstAlarmNotify ?? [])],
    });
  }
}
