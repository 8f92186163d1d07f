import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { Construct } from 'constructs';
import { ServiceRole } from '../security/service-role';

export interface KnowledgeBaseSyncProps {
  /** Schedule name (also names its role: `<name>-role`). */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;
  readonly dataSourceId: string;
  /**
   * EventBridge Scheduler expression, UTC.
   * @default 'cron(0 3 * * ? *)' - daily at 03:00 UTC
   */
  readonly scheduleExpression?: string;
  /**
   * Minutes the start may be delayed to spread load.
   * @default 30
   */
  readonly flexibleWindowMinutes?: number;
}

/** The universal target that calls bedrock-agent StartIngestionJob. */
export const START_INGESTION_TARGET = 'arn:aws:scheduler:::aws-sdk:bedrockagent:startIngestionJob';

/**
 * Scheduled knowledge-base sync: an EventBridge Scheduler schedule whose universal target starts an
 * ingestion job of one data source; its role may only call bedrock:StartIngestionJob on that KB.
 */
export class KnowledgeBaseSync extends Construct {
  readonly schedule: SchedulerSchedule;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: KnowledgeBaseSyncProps) {
    super(scope, id);
    const scheduleExpression = props.scheduleExpression ?? 'cron(0 3 * * ? *)';
    const flexibleWindowMinutes = props.flexibleWindowMinutes ?? 30;
    if (!/^(cron|rate)\(.+\)$/.test(scheduleExpression)) throw new Error(`KnowledgeBaseSync ${props.name}: "${scheduleExpression}" is not a cron() or rate() expression`);
    if (!Number.isInteger(flexibleWindowMinutes) || flexibleWindowMinutes < 0 || flexibleWindowMinutes > 1440) {
      throw new Error(`KnowledgeBaseSync ${props.name}: flexibleWindowMinutes ${flexibleWindowMinutes} is outside 0-1440`);
    }
    if (props.name.length > 64) throw new Error(`KnowledgeBaseSync: schedule name "${props.name}" is longer than 64 characters`);

    this.role = new ServiceRole(this, 'role', {
      roleName: `${props.name}-role`,
      description: `EventBridge Scheduler ${props.name}: starts ingestion jobs of one knowledge base`,
      servicePrincipal: 'scheduler.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:scheduler:${props.region}:${props.accountId}:schedule/default/${props.name}`,
      statements: [{ Sid: 'StartIngestionOfThisKnowledgeBase', Effect: 'Allow', Action: 'bedrock:StartIngestionJob', Resource: props.knowledgeBaseArn }],
    });

    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name: props.name,
      groupName: 'default',
      description: 'Syncs the knowledge base with its S3 data source',
      scheduleExpression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: flexibleWindowMinutes > 0 ? { mode: 'FLEXIBLE', maximumWindowInMinutes: flexibleWindowMinutes } : { mode: 'OFF' },
      target: {
        arn: START_INGESTION_TARGET,
        roleArn: this.role.arn,
        input: JSON.stringify({ KnowledgeBaseId: props.knowledgeBaseId, DataSourceId: props.dataSourceId }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
      dependsOn: [this.role.policy],
    });
  }
}
