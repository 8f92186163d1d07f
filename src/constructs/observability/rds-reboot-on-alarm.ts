import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { ServiceRole } from '../security/service-role';

/** The AWS-owned Automation runbook that reboots an RDS DB instance (parameters InstanceId, AutomationAssumeRole). */
export const REBOOT_RDS_RUNBOOK = 'AWS-RebootRdsInstance';
/** Oldest alarm event that may still start a reboot; a late reboot is worse than none. */
const MAXIMUM_EVENT_AGE_SECONDS = 900;
const MAXIMUM_RETRY_ATTEMPTS = 3;

export interface RdsRebootOnAlarmProps extends ProviderScopedProps {
  /**
   * Name of the EventBridge rule (1-64 letters, digits, `.`, `-`, `_`), also the prefix of the two
   * role names, for example `<system>-<env>-db-reboot`.
   */
  readonly name: string;
  /** ARN of the CloudWatch alarm whose move to ALARM reboots the instance (same account and region). */
  readonly alarmArn: string;
  /**
   * DB instance to reboot: for Aurora, the writer instance's identifier (after a failover the named
   * instance may be a reader; rebooting it then does not touch the new writer).
   */
  readonly dbInstanceIdentifier: string;
  /** Account of the alarm, the rule and the instance. */
  readonly accountId: string;
  /** Region of the alarm, the rule and the instance, for example `us-east-1`. */
  readonly region: string;
  /**
   * Name of the role EventBridge assumes to start the runbook (at most 64 characters).
   * @default `${name}-events`
   */
  readonly eventsRoleName?: string;
  /**
   * Name of the role the runbook runs as (at most 64 characters).
   * @default `${name}-automation`
   */
  readonly automationRoleName?: string;
  /**
   * SQS queue that receives the event when the runbook cannot be started (its policy must let
   * `events.amazonaws.com` send from this rule).
   * @default - no dead-letter queue
   */
  readonly deadLetterQueueArn?: string;
  /**
   * Whether the rule acts; off keeps the wiring but stops reboots (maintenance, game days).
   * @default true
   */
  readonly enabled?: boolean;
}

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):(\d{12}):alarm:.+$/;
const DB_IDENTIFIER = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/;

/** The event pattern of one alarm entering ALARM (state change events fire on transitions only). */
export function alarmEntersAlarmPattern(alarmArn: string): Record<string, unknown> {
  return {
    source: ['aws.cloudwatch'],
    'detail-type': ['CloudWatch Alarm State Change'],
    resources: [alarmArn],
    detail: { state: { value: ['ALARM'] } },
  };
}

/**
 * The seed's "Restart RDS" alarm action. CloudWatch alarm actions cannot reboot RDS (they notify,
 * scale, or act on EC2), so an EventBridge rule on the alarm's `CloudWatch Alarm State Change` to
 * ALARM starts the AWS-owned SSM Automation runbook `AWS-RebootRdsInstance` (an SSM Automation
 * target: `arn:aws:ssm:<region>:<account>:automation-definition/AWS-RebootRdsInstance:$DEFAULT`)
 * with the instance identifier and an automation role. EventBridge starts it as a role trusted by
 * `events.amazonaws.com` from this rule only, allowed `ssm:StartAutomationExecution` on that runbook
 * and `iam:PassRole` of the automation role to SSM; the automation role, trusted by SSM Automation
 * executions of this account, may reboot and describe that one instance. The runbook skips an
 * instance that is already rebooting and waits for it to be available again. Retries stop after
 * 15 minutes so a stale alarm never reboots the database late.
 */
export class RdsRebootOnAlarm extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly target: CloudwatchEventTarget;
  readonly eventsRole: ServiceRole;
  readonly automationRole: ServiceRole;
  /** ARN of the runbook version the rule starts. */
  readonly automationDefinitionArn: string;

  constructor(scope: Construct, id: string, props: RdsRebootOnAlarmProps) {
    super(scope, id);
    const label = `RdsRebootOnAlarm ${props.name}`;
    const eventsRoleName = props.eventsRoleName ?? `${props.name}-events`;
    const automationRoleName = props.automationRoleName ?? `${props.name}-automation`;
    const enabled = props.enabled ?? true;

    if (!RULE_NAME.test(props.name)) throw new Error(`${label}: name is not 1-64 letters, digits, ".", "-" or "_" (an EventBridge rule name); rename it`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${label}: accountId "${props.accountId}" is not a 12-digit account ID`);
    if (!REGION.test(props.region)) throw new Error(`${label}: region "${props.region}" is not a region name such as us-east-1`);
    if (!Token.isUnresolved(props.alarmArn)) {
      const match = ALARM_ARN.exec(props.alarmArn);
      if (!match) throw new Error(`${label}: alarmArn "${props.alarmArn}" is not a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)`);
      if (match[1] !== props.region || match[2] !== props.accountId) {
        throw new Error(
          `${label}: alarm ${props.alarmArn} is not in ${props.accountId}/${props.region}; alarm events reach only the default bus of the alarm's own account and region, build this construct there`,
        );
      }
    }
    if (!Token.isUnresolved(props.dbInstanceIdentifier) && (!DB_IDENTIFIER.test(props.dbInstanceIdentifier) || props.dbInstanceIdentifier.endsWith('-'))) {
      throw new Error(`${label}: dbInstanceIdentifier "${props.dbInstanceIdentifier}" is not a DB instance identifier (1-63 letters, digits, single hyphens, starting with a letter); give the writer instance's identifier`);
    }
    for (const [field, roleName] of [['eventsRoleName', eventsRoleName], ['automationRoleName', automationRoleName]] as const) {
      if (roleName.length > 64) throw new Error(`${label}: ${field} "${roleName}" is longer than 64 characters; give a shorter one`);
    }

    const arn = (service: string, resource: string, account: string = props.accountId) => `arn:aws:${service}:${props.region}:${account}:${resource}`;
    const ruleArn = arn('events', `rule/${props.name}`);
    const instanceArn = arn('rds', `db:${props.dbInstanceIdentifier}`);
    this.automationDefinitionArn = arn('ssm', `automation-definition/${REBOOT_RDS_RUNBOOK}:$DEFAULT`);

    this.automationRole = new ServiceRole(this, 'automation-role', {
      roleName: automationRoleName,
      description: `SSM Automation ${REBOOT_RDS_RUNBOOK} on ${props.dbInstanceIdentifier}`,
      servicePrincipal: 'ssm.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: arn('ssm', 'automation-execution/*'),
      statements: [{ Sid: 'RebootThisInstance', Effect: 'Allow', Action: ['rds:DescribeDBInstances', 'rds:RebootDBInstance'], Resource: instanceArn }],
    });

    this.eventsRole = new ServiceRole(this, 'events-role', {
      roleName: eventsRoleName,
      description: `EventBridge rule ${props.name} starts ${REBOOT_RDS_RUNBOOK}`,
      servicePrincipal: 'events.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: ruleArn,
      statements: [
        {
          Sid: 'StartRebootRunbook',
          Effect: 'Allow',
          Action: 'ssm:StartAutomationExecution',
          // AWS-owned definitions are authorized with this account's ID or with an empty account field; both name this runbook only.
          Resource: [arn('ssm', `automation-definition/${REBOOT_RDS_RUNBOOK}:*`), arn('ssm', `automation-definition/${REBOOT_RDS_RUNBOOK}:*`, '')],
        },
        {
          Sid: 'PassAutomationRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: this.automationRole.arn,
          Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
        },
      ],
    });

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.name,
      description: `Reboot DB instance ${props.dbInstanceIdentifier} when its alarm enters ALARM`,
      eventPattern: JSON.stringify(alarmEntersAlarmPattern(props.alarmArn)),
      state: enabled ? 'ENABLED' : 'DISABLED',
    });

    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'reboot-rds-instance',
      arn: this.automationDefinitionArn,
      roleArn: this.eventsRole.arn,
      // Automation parameters are lists of strings.
      input: JSON.stringify({ InstanceId: [props.dbInstanceIdentifier], AutomationAssumeRole: [this.automationRole.arn] }),
      retryPolicy: { maximumEventAgeInSeconds: MAXIMUM_EVENT_AGE_SECONDS, maximumRetryAttempts: MAXIMUM_RETRY_ATTEMPTS },
      deadLetterConfig: props.deadLetterQueueArn ? { arn: props.deadLetterQueueArn } : undefined,
    });

    useProvider(this, props.provider);
  }

  get ruleArn(): string {
    return this.rule.arn;
  }
}
