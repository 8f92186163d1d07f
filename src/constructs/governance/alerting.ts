import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { ConditionBlock, PolicyStatement, denyInsecureTransport, policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { EncryptionKey } from '../security/kms-key';

/** Service principals that may publish to the alert topics (each constrained to this account). */
export const ALERT_PUBLISHERS = [
  'cloudwatch.amazonaws.com',
  'budgets.amazonaws.com',
  'costalerts.amazonaws.com',
  // EventBridge rules (ECR image-scan findings) and RDS event subscriptions (failover, failure).
  'events.amazonaws.com',
  'events.rds.amazonaws.com',
] as const;

/** Where each publisher's requests come from: the topic policy requires this source ARN. */
function sourceArnPattern(service: string, region: string, accountId: string): string | undefined {
  switch (service) {
    case 'cloudwatch.amazonaws.com':
      return `arn:aws:cloudwatch:${region}:${accountId}:alarm:*`;
    case 'events.amazonaws.com':
      return `arn:aws:events:${region}:${accountId}:rule/*`;
    case 'events.rds.amazonaws.com':
      return `arn:aws:rds:${region}:${accountId}:es:*`;
    default:
      return undefined;
  }
}

/** Alert severities, one topic each. */
export type AlertLevel = 'critical' | 'warning' | 'info';

export interface AlertTopicsProps extends ProviderScopedProps {
  /** Name prefix: topics are `<prefix>-critical` and `<prefix>-warning`. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** The topics' region (the provider's): publishers' source ARNs are pinned to it. */
  readonly region: string;
  /**
   * Email address subscribed to both topics (AWS sends a confirmation mail).
   * @default - no subscription
   */
  readonly subscriptionEmail?: string;
  /**
   * A third, `info` topic (dashboards and reports, answered within the hour) beside critical and warning.
   * @default false
   */
  readonly includeInfo?: boolean;
  /**
   * The levels to build instead, for a region that needs only some (a standby's); not together with `includeInfo`.
   * @default - critical and warning, and info with `includeInfo`
   */
  readonly levels?: readonly AlertLevel[];
}

/**
 * The environment's alert topics (`critical`, `warning`, optionally `info`), encrypted with a dedicated KMS key that
 * CloudWatch alarms, AWS Budgets, Cost Anomaly Detection, EventBridge rules and RDS event
 * subscriptions may use; topic policies deny non-TLS
 * requests and let those services publish only on behalf of this account (`aws:SourceAccount`).
 */
export class AlertTopics extends Construct {
  readonly key: EncryptionKey;
  private readonly topics = new Map<AlertLevel, SnsTopic>();

  constructor(scope: Construct, id: string, props: AlertTopicsProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9-]{0,200}$/.test(props.namePrefix)) {
      throw new Error(`${this.node.path}: namePrefix "${props.namePrefix}" must be lower-case letters, digits and dashes`);
    }
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${this.node.path}: accountId "${props.accountId}" is not a 12-digit account ID`);
    if (props.subscriptionEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(props.subscriptionEmail)) {
      throw new Error(`${this.node.path}: subscriptionEmail "${props.subscriptionEmail}" is not an email address`);
    }
    if (props.levels && (props.includeInfo !== undefined || props.levels.length === 0 || new Set(props.levels).size !== props.levels.length)) {
      throw new Error(`${this.node.path}: levels [${props.levels.join(', ')}] must name each level once, at least one, and replaces includeInfo (drop it)`);
    }
    const levels: readonly AlertLevel[] = props.levels ?? ['critical', 'warning', ...(props.includeInfo ? (['info'] as const) : [])];

    this.key = new EncryptionKey(this, 'key', {
      alias: `${props.namePrefix}-alerts`,
      description: `${props.namePrefix} SNS alert topics (CloudWatch alarms, Budgets, Cost Anomaly Detection, EventBridge, RDS events)`,
      accountId: props.accountId,
      // Publishing services need GenerateDataKey/Decrypt on the topic key; they do not send
      // aws:SourceAccount to KMS, so the account constraint sits on the topic policies.
      services: ALERT_PUBLISHERS.map((servicePrincipal) => ({ servicePrincipal })),
    });

    for (const level of levels) this.topics.set(level, this.topic(level, props));
    useProvider(this, props.provider);
  }

  get critical(): SnsTopic {
    return this.topicOf('critical');
  }

  get warning(): SnsTopic {
    return this.topicOf('warning');
  }

  /** Only with `includeInfo` (or `info` in `levels`). */
  get info(): SnsTopic | undefined {
    return this.topics.get('info');
  }

  /** The topic of `level`; throws when it was not built. */
  topicOf(level: AlertLevel): SnsTopic {
    const topic = this.topics.get(level);
    if (!topic) throw new Error(`${this.node.path}: no ${level} topic was built (levels ${[...this.topics.keys()].join(', ')}); add '${level}' to levels`);
    return topic;
  }

  private topic(severity: AlertLevel, props: AlertTopicsProps): SnsTopic {
    const topic = new SnsTopic(this, severity, {
      name: `${props.namePrefix}-${severity}`,
      displayName: `${props.namePrefix} ${severity} alerts`,
      kmsMasterKeyId: this.key.arn,
    });
    const publishers: PolicyStatement[] = ALERT_PUBLISHERS.map((service): PolicyStatement => {
      const sourceArn = sourceArnPattern(service, props.region, props.accountId);
      const condition: ConditionBlock = sourceArn
        ? { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnLike: { 'aws:SourceArn': sourceArn } }
        : { StringEquals: { 'aws:SourceAccount': props.accountId } };
      return {
        Sid: `Allow${service.replace('.amazonaws.com', '').split('.').map((p) => p.replace(/^./, (c) => c.toUpperCase())).join('')}Publish`,
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sns:Publish',
        Resource: topic.arn,
        Condition: condition,
      };
    });
    new SnsTopicPolicy(this, `${severity}-policy`, {
      arn: topic.arn,
      policy: policyJson({ Statement: [denyInsecureTransport('sns:Publish', [topic.arn]), ...publishers] }),
    });
    if (props.subscriptionEmail) {
      new SnsTopicSubscription(this, `${severity}-email`, { topicArn: topic.arn, protocol: 'email', endpoint: props.subscriptionEmail });
    }
    return topic;
  }
}
