import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { Definition } from './asl';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type StateMachineLogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

export interface StateMachineProps extends ProviderScopedProps {
  /**
   * Name of the state machine (1-80 letters, digits, `-`, `_`: Step Functions logging accepts no
   * other characters), for example `<system>-<env>-<workflow>`.
   */
  readonly name: string;
  /** The workflow, built with the `asl` builders; the role may call exactly what its tasks call. */
  readonly definition: Definition;
  /** Account of the state machine: the trust's `aws:SourceAccount` and the ARNs in conditions. */
  readonly accountId: string;
  /** Region of the state machine (the provider's region): the ARNs in conditions. */
  readonly region: string;
  /**
   * Customer-managed KMS key that encrypts the definition and execution data. The role gets
   * `kms:Decrypt`/`kms:GenerateDataKey` on it for this state machine only (encryption context); with
   * logging on, the key policy must also let `delivery.logs.amazonaws.com` use `kms:Decrypt`, and the
   * principal that applies Terraform needs `kms:DescribeKey` and `kms:GenerateDataKey`.
   */
  readonly kmsKeyArn: string;
  /**
   * Seconds Step Functions reuses a data key before asking KMS for a new one (60-900).
   * @default 300
   */
  readonly kmsDataKeyReusePeriodSeconds?: number;
  /**
   * STANDARD (exactly-once, up to a year, execution history kept by Step Functions) or EXPRESS
   * (at-least-once, up to 5 minutes, history only in the logs).
   * @default 'STANDARD'
   */
  readonly type?: StateMachineType;
  /**
   * What goes to the log group. OFF is refused for EXPRESS, whose logs are its only execution record;
   * anything but ALL with execution data is an SFN-01 finding.
   * @default 'ALL'
   */
  readonly logLevel?: StateMachineLogLevel;
  /**
   * Log the input and output of each state (SFN-01). Turn off only when payloads hold data the logs
   * must not keep.
   * @default true
   */
  readonly includeExecutionData?: boolean;
  /**
   * Name of the log group the construct creates. Names under `/aws/vendedlogs/` share one CloudWatch
   * Logs resource policy; other names each add to the account's resource policy (5120 characters).
   * @default '/aws/vendedlogs/states/<name>'
   */
  readonly logGroupName?: string;
  /**
   * Days the log group keeps events; one of LOG_RETENTION_DAYS.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * Key of the log group; its policy must let `logs.<region>.amazonaws.com` use it for this log group.
   * @default kmsKeyArn
   */
  readonly logKmsKeyArn?: string;
  /**
   * X-Ray tracing of executions (SFN-01).
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Name of the execution role (at most 64 characters).
   * @default '<name>-role'
   */
  readonly roleName?: string;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const LOG_GROUP_NAME = /^[A-Za-z0-9._/#-]{1,512}$/;
const EXPRESS_MAX_SECONDS = 300;

/**
 * Actions Step Functions needs to set up vended log delivery to CloudWatch Logs. None of them
 * supports resource-level permissions (Service Authorization Reference: no resource type), so
 * `Resource "*"` is the only option; they manage delivery configuration and account resource
 * policies and cannot read or write log events.
 */
export const LOG_DELIVERY_ACTIONS: readonly string[] = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/** What Step Functions needs to send trace segments to X-Ray (unscopable). */
export const TRACING_ACTIONS: readonly string[] = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

/**
 * A Step Functions state machine with a typed ASL definition (`./asl`), logging to a KMS-encrypted
 * log group it creates (level ALL with execution data by default), X-Ray tracing, encryption of
 * definition and execution data with a customer-managed key, and an execution role that only Step
 * Functions of this account, for this state machine, may assume (`aws:SourceAccount`,
 * `aws:SourceArn`), allowed exactly what the definition's tasks call: `lambda:InvokeFunction` on
 * their functions (and their versions and aliases), `sns:Publish` on their topics (with the topics'
 * keys through SNS), the state machine key for this state machine's data, log delivery and X-Ray.
 */
export class StateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  /** The log group, unless the log level is OFF. */
  readonly logGroup?: CloudwatchLogGroup;
  /** The rendered ASL definition. */
  readonly definitionJson: string;

  constructor(scope: Construct, id: string, props: StateMachineProps) {
    super(scope, id);
    const name = props.name;
    const type = props.type ?? 'STANDARD';
    const logLevel = props.logLevel ?? 'ALL';
    const includeExecutionData = props.includeExecutionData ?? true;
    const logGroupName = props.logGroupName ?? `/aws/vendedlogs/states/${name}`;
    const logRetentionDays = props.logRetentionDays ?? 30;
    const logKmsKeyArn = props.logKmsKeyArn ?? props.kmsKeyArn;
    const tracing = props.tracing ?? true;
    const roleName = props.roleName ?? `${name}-role`;
    const reusePeriod = props.kmsDataKeyReusePeriodSeconds ?? 300;
    const logging = logLevel !== 'OFF';

    if (Token.isUnresolved(name) || !NAME.test(name)) {
      throw new Error(`StateMachine ${id}: name "${name}" is not a literal of 1-80 letters, digits, - or _ (logging accepts no other characters); pass a name like <system>-<env>-<workflow>`);
    }
    const where = `StateMachine ${name}`;
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) throw new Error(`${where}: region "${props.region}" is not an AWS region name such as us-east-1`);
    if (!['STANDARD', 'EXPRESS'].includes(type)) throw new Error(`${where}: type "${type}" is not STANDARD or EXPRESS`);
    if (!['ALL', 'ERROR', 'FATAL', 'OFF'].includes(logLevel)) throw new Error(`${where}: logLevel "${logLevel}" is not ALL, ERROR, FATAL or OFF`);
    if (type === 'EXPRESS' && !logging) {
      throw new Error(`${where}: logLevel OFF on an EXPRESS state machine leaves no record of its executions (EXPRESS keeps no execution history); log ALL, or at least ERROR`);
    }
    if (!logging && includeExecutionData) {
      throw new Error(`${where}: includeExecutionData is true with logLevel OFF; nothing is logged, set includeExecutionData false or pick a log level`);
    }
    if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!Token.isUnresolved(logGroupName) && !LOG_GROUP_NAME.test(logGroupName)) {
      throw new Error(`${where}: logGroupName "${logGroupName}" is not 1-512 letters, digits, and . _ / # -`);
    }
    if (!Number.isInteger(reusePeriod) || reusePeriod < 60 || reusePeriod > 900) {
      throw new Error(`${where}: kmsDataKeyReusePeriodSeconds ${reusePeriod} is outside 60-900; use 300 unless KMS request volume says otherwise`);
    }
    if (roleName.length > 64) throw new Error(`${where}: role name "${roleName}" is longer than 64 characters; pass a shorter roleName`);
    const problems = props.definition.problems();
    if (problems.length > 0) throw new Error(`${where}: the definition is not valid: ${problems.join('; ')}`);
    const timeout = props.definition.timeoutSeconds;
    if (type === 'EXPRESS' && timeout !== undefined && timeout > EXPRESS_MAX_SECONDS) {
      throw new Error(`${where}: TimeoutSeconds ${timeout} exceeds the ${EXPRESS_MAX_SECONDS} seconds an EXPRESS execution may run; lower it or use STANDARD`);
    }

    const stateMachineArn = `arn:aws:states:${props.region}:${props.accountId}:stateMachine:${name}`;
    this.definitionJson = props.definition.render();

    if (logging) {
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: logRetentionDays, kmsKeyId: logKmsKeyArn });
    }

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `Execution role of Step Functions state machine ${name}`,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Sid: 'StepFunctionsAssumesRoleForThisStateMachine',
            Effect: 'Allow',
            Principal: { Service: 'states.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              // The state machine itself, and its versions and aliases (`<arn>:<qualifier>`).
              ArnLike: { 'aws:SourceArn': [stateMachineArn, `${stateMachineArn}:*`] },
            },
          },
        ],
      }),
    });

    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'execution',
      role: this.role.id,
      policy: policyJson({ Statement: this.statements(props, stateMachineArn, logging, tracing) }),
    });

    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name,
      type,
      roleArn: this.role.arn,
      definition: this.definitionJson,
      loggingConfiguration: this.logGroup
        ? {
            level: logLevel,
            includeExecutionData,
            // Vended log delivery takes the log group ARN with its stream wildcard.
            logDestination: `${this.logGroup.arn}:*`,
          }
        : { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: tracing },
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: reusePeriod },
      // CreateStateMachine checks that the role may set up log delivery and use the key.
      dependsOn: [this.policy],
    });
    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.stateMachine.arn;
  }

  get name(): string {
    return this.stateMachine.name;
  }

  get roleArn(): string {
    return this.role.arn;
  }

  private statements(props: StateMachineProps, stateMachineArn: string, logging: boolean, tracing: boolean): PolicyStatement[] {
    const functions = props.definition.lambdaFunctionArns();
    const topics = props.definition.snsTopics();
    const topicKeys = [...new Set(topics.flatMap((t) => (t.kmsKeyArn !== undefined ? [t.kmsKeyArn] : [])))];
    const statements: PolicyStatement[] = [];
    if (functions.length > 0) {
      statements.push({ Sid: 'InvokeTaskFunctions', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functions.flatMap((arn) => [arn, `${arn}:*`]) });
    }
    if (topics.length > 0) {
      statements.push({ Sid: 'PublishToTaskTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: topics.map((t) => t.topicArn) });
    }
    if (topicKeys.length > 0) {
      statements.push({
        Sid: 'EncryptTopicMessages',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: topicKeys,
        Condition: { StringEquals: { 'kms:ViaService': `sns.${props.region}.amazonaws.com` } },
      });
    }
    statements.push({
      Sid: 'EncryptStateMachineData',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: props.kmsKeyArn,
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': stateMachineArn } },
    });
    if (logging) {
      statements.push({
        Sid: 'EncryptDeliveredLogs',
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: props.kmsKeyArn,
        // The encryption context CloudWatch Logs delivery sets for this account's log groups (AWS's documented value).
        Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': `arn:aws:logs:${props.region}:${props.accountId}:*` } },
      });
      // AWS requires Resource "*": the log delivery actions have no resource-level permissions.
      statements.push({ Sid: 'SetUpLogDelivery', Effect: 'Allow', Action: [...LOG_DELIVERY_ACTIONS], Resource: '*' });
    }
    if (tracing) statements.push({ Sid: 'WriteTraces', Effect: 'Allow', Action: [...TRACING_ACTIONS], Resource: '*' });
    return statements;
  }
}
