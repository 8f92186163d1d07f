import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

export interface LoadBalancerAlarmTarget {
  /** Short label used in alarm names, for example `external-alb`. */
  readonly label: string;
  /** `app/<name>/<id>` (the ALB's arn_suffix). */
  readonly arnSuffix: string;
  /** `targetgroup/<name>/<id>` of the target groups behind it. */
  readonly targetGroupArnSuffixes: string[];
}

export interface ServiceAlarmsProps {
  /** Prefix of alarm names (`<system>-<env>`). */
  readonly namePrefix: string;
  readonly loadBalancers: readonly LoadBalancerAlarmTarget[];
  readonly clusterName: string;
  readonly serviceNames: string[];
  readonly criticalTopicArn: string;
  readonly warningTopicArn: string;
  /**
   * ALB-generated 5xx responses in 5 minutes that page (seed: "10 errors in 5 minutes").
   * @default 10
   */
  readonly elb5xxThreshold?: number;
  /**
   * Average target response time (seconds) over 5 minutes that warns (seed: 2 seconds).
   * @default 2
   */
  readonly responseTimeSeconds?: number;
  /**
   * ECS CPU (%) over 5 minutes that warns (seed warning alarms: 80%).
   * @default 80
   */
  readonly cpuWarningPercent?: number;
  /**
   * ECS memory (%) over 5 minutes that warns (seed warning alarms: 85%).
   * @default 85
   */
  readonly memoryWarningPercent?: number;
}

/**
 * The seed's compute alarms: ALB 5xx (critical), target response time (warning), unhealthy targets
 * ("ECS service unhealthy", critical) per load balancer, and ECS CPU/memory high (warning) per service.
 * Every alarm notifies its SNS topic on ALARM and on OK.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const elb5xx = props.elb5xxThreshold ?? 10;
    const responseTime = props.responseTimeSeconds ?? 2;
    const cpu = props.cpuWarningPercent ?? 80;
    const memory = props.memoryWarningPercent ?? 85;
    if (!(elb5xx > 0)) throw new Error(`ServiceAlarms: elb5xxThreshold ${elb5xx} must be positive`);
    if (!(responseTime > 0)) throw new Error(`ServiceAlarms: responseTimeSeconds ${responseTime} must be positive`);
    for (const [n, v] of [['cpuWarningPercent', cpu], ['memoryWarningPercent', memory]] as const) {
      if (!(v > 0 && v <= 100)) throw new Error(`ServiceAlarms: ${n} ${v} is not a percentage (1-100)`);
    }
    if (props.loadBalancers.length === 0 && props.serviceNames.length === 0) throw new Error('ServiceAlarms: nothing to watch; give load balancers or services');

    const alarm = (alarmId: string, config: Omit<ConstructorParameters<typeof CloudwatchMetricAlarm>[2], 'alarmActions' | 'okActions' | 'treatMissingData'>, topic: string) => {
      this.alarms.push(new CloudwatchMetricAlarm(this, alarmId, { ...config, treatMissingData: 'notBreaching', alarmActions: [topic], okActions: [topic] }));
    };

    for (const lb of props.loadBalancers) {
      alarm(`${lb.label}-5xx`, {
        alarmName: `${props.namePrefix}-${lb.label}-high-5xx`,
        alarmDescription: `HighErrorRate: ${lb.label} returned more than ${elb5xx} 5xx responses in 5 minutes`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_ELB_5XX_Count',
        dimensions: { LoadBalancer: lb.arnSuffix },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: elb5xx,
        comparisonOperator: 'GreaterThanThreshold',
      }, props.criticalTopicArn);
      alarm(`${lb.label}-latency`, {
        alarmName: `${props.namePrefix}-${lb.label}-slow-responses`,
        alarmDescription: `ModerateLatency: ${lb.label} target response time above ${responseTime}s on average for 5 minutes`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: lb.arnSuffix },
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 1,
        threshold: responseTime,
        comparisonOperator: 'GreaterThanThreshold',
      }, props.warningTopicArn);
      lb.targetGroupArnSuffixes.forEach((tg, i) => {
        alarm(`${lb.label}-unhealthy-${i}`, {
          alarmName: `${props.namePrefix}-${lb.label}-tg${i}-unhealthy-targets`,
          alarmDescription: `ECS service unhealthy: ${lb.label} target group ${i} has unhealthy targets for 5 minutes`,
          namespace: 'AWS/ApplicationELB',
          metricName: 'UnHealthyHostCount',
          dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: tg },
          statistic: 'Maximum',
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 5,
          threshold: 0,
          comparisonOperator: 'GreaterThanThreshold',
        }, props.criticalTopicArn);
      });
    }

    props.serviceNames.forEach((service, i) => {
      for (const [metric, threshold, label] of [['CPUUtilization', cpu, 'cpu'], ['MemoryUtilization', memory, 'memory']] as const) {
        alarm(`service-${i}-${label}`, {
          alarmName: `${service}-${label}-high`,
          alarmDescription: `${service}: ${metric} above ${threshold}% for 5 minutes`,
          namespace: 'AWS/ECS',
          metricName: metric,
          dimensions: { ClusterName: props.clusterName, ServiceName: service },
          statistic: 'Average',
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 5,
          threshold,
          comparisonOperator: 'GreaterThanThreshold',
        }, props.warningTopicArn);
      }
    });
  }
}
