import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';

export interface ImageScanAlertsProps {
  /** Name prefix of the EventBridge rules, for example `<system>-prod`. */
  readonly namePrefix: string;
  /** Repositories whose findings alert (names, not ARNs). */
  readonly repositoryNames: readonly string[];
  /** Topic for CRITICAL findings. */
  readonly criticalTopicArn: string;
  /** Topic for HIGH findings. */
  readonly warningTopicArn: string;
}

type Severity = 'CRITICAL' | 'HIGH';

/**
 * Image-scan findings to the alert topics, as the seed asks ("SNS notifications for HIGH/CRITICAL
 * vulnerabilities"): EventBridge rules on basic scans (`ECR Image Scan` events with a non-zero count)
 * and on enhanced scans (`Inspector2 Finding` events for images of these repositories). CRITICAL goes
 * to the critical topic, HIGH to the warning topic.
 */
export class ImageScanAlerts extends Construct {
  readonly rules: CloudwatchEventRule[] = [];

  constructor(scope: Construct, id: string, props: ImageScanAlertsProps) {
    super(scope, id);
    if (props.repositoryNames.length === 0) {
      throw new Error(`ImageScanAlerts ${props.namePrefix}: repositoryNames is empty; pass the repositories to watch`);
    }
    const repositories = [...props.repositoryNames];
    const topics: Record<Severity, string> = { CRITICAL: props.criticalTopicArn, HIGH: props.warningTopicArn };

    for (const severity of ['CRITICAL', 'HIGH'] as const) {
      const lower = severity.toLowerCase();
      this.watch(`basic-scan-${lower}`, topics[severity], `${props.namePrefix}-ecr-scan-${lower}`, `${severity} vulnerabilities found by an ECR basic scan`, {
        source: ['aws.ecr'],
        'detail-type': ['ECR Image Scan'],
        detail: {
          'scan-status': ['COMPLETE'],
          'repository-name': repositories,
          'finding-severity-counts': { [severity]: [{ numeric: ['>', 0] }] },
        },
      });
      this.watch(`enhanced-scan-${lower}`, topics[severity], `${props.namePrefix}-inspector-ecr-${lower}`, `${severity} vulnerabilities found by Inspector in an ECR image`, {
        source: ['aws.inspector2'],
        'detail-type': ['Inspector2 Finding'],
        detail: {
          severity: [severity],
          status: ['ACTIVE'],
          resources: { type: ['AWS_ECR_CONTAINER_IMAGE'], details: { awsEcrContainerImage: { repositoryName: repositories } } },
        },
      });
    }
  }

  private watch(id: string, topicArn: string, name: string, description: string, pattern: object): void {
    const rule = new CloudwatchEventRule(this, id, { name, description, eventPattern: JSON.stringify(pattern) });
    new CloudwatchEventTarget(this, `${id}-target`, { rule: rule.name, arn: topicArn, targetId: 'alert-topic' });
    this.rules.push(rule);
  }
}
