import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { createHash } from 'crypto';
import { PolicyStatement, denyInsecureTransport, policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { QueueSender, queueNameProblem, senderStatements } from './queue';

/**
 * A content filter in an event pattern (EventBridge content filtering): prefix, suffix,
 * anything-but, numeric, exists, wildcard, equals-ignore-case or cidr.
 */
export type ContentFilter =
  | { readonly prefix: string | { readonly 'equals-ignore-case': string } }
  | { readonly suffix: string | { readonly 'equals-ignore-case': string } }
  | {
      readonly 'anything-but':
        | string
        | number
        | readonly (string | number)[]
        | { readonly prefix: string }
        | { readonly suffix: string }
        | { readonly wildcard: string | readonly string[] }
        | { readonly 'equals-ignore-case': string | readonly string[] };
    }
  | { readonly numeric: readonly (string | number)[] }
  | { readonly exists: boolean }
  | { readonly wildcard: string }
  | { readonly 'equals-ignore-case': string }
  | { readonly cidr: string };

/** One value an event field may match: an exact value or a content filter. */
export type PatternValue = string | number | boolean | null | ContentFilter;

/**
 * An event pattern: each field lists the values it may match (any of them), or nests a pattern for
 * an object field (`detail`); `$or` lists alternative patterns. Rendered to JSON in the given order.
 * Example: `{ source: ['bird.com'], 'detail-type': ['Message Received'] }`.
 */
export interface EventPattern {
  readonly [field: string]: readonly PatternValue[] | EventPattern | readonly EventPattern[];
}

/** How EventBridge retries a target before sending the event to the dead-letter queue. */
export interface TargetRetryPolicy {
  /**
   * Retries (0-185).
   * @default 185
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Seconds an event is retried for (60-86400).
   * @default 86400
   */
  readonly maximumEventAgeSeconds?: number;
}

interface TargetBase {
  /**
   * Retries of this target.
   * @default - the bus's `retryPolicy`
   */
  readonly retryPolicy?: TargetRetryPolicy;
}

/** A Lambda function or alias; the bus grants the rule `lambda:InvokeFunction` on it. */
export interface LambdaEventTarget extends TargetBase {
  readonly kind: 'lambda';
  /** ARN of the function or, better, of its alias (the permission is granted on what is named). */
  readonly functionArn: string;
}

/**
 * A queue the bus can grant itself SendMessage on; `MessageQueue` is one. The bus adds an
 * `events.amazonaws.com` sender scoped to the rule's ARN.
 */
export interface EventTargetQueue {
  readonly arn: string;
  readonly fifo: boolean;
  allowSender(sender: QueueSender): void;
}

/** An SQS queue. */
export interface SqsEventTarget extends TargetBase {
  readonly kind: 'sqs';
  /**
   * The queue: a construct the bus grants SendMessage on (`MessageQueue`), or the ARN of a queue whose
   * policy already lets `events.amazonaws.com` send from this rule. A KMS-encrypted queue's key must
   * let `events.amazonaws.com` use it.
   */
  readonly queue: EventTargetQueue | string;
  /**
   * Message group ID; required by a FIFO queue, not allowed on a standard one.
   * @default - none
   */
  readonly messageGroupId?: string;
}

/** A Step Functions state machine, started through the bus's target role. */
export interface StepFunctionsEventTarget extends TargetBase {
  readonly kind: 'step-functions';
  readonly stateMachineArn: string;
}

/** A Kinesis data stream, written through the bus's target role. */
export interface KinesisEventTarget extends TargetBase {
  readonly kind: 'kinesis';
  readonly streamArn: string;
  /**
   * JSON path in the event to the partition key, for example `$.detail.metricName`.
   * @default - the event ID (records spread evenly across shards)
   */
  readonly partitionKeyPath?: string;
  /**
   * Customer-managed key of the stream; the target role then gets `kms:GenerateDataKey` on it.
   * @default - none (the stream is not encrypted with a customer-managed key)
   */
  readonly streamKmsKeyArn?: string;
}

export type EventTarget = LambdaEventTarget | SqsEventTarget | StepFunctionsEventTarget | KinesisEventTarget;

export interface EventRule {
  /** Events the rule matches: a typed pattern, or its JSON text. */
  readonly pattern: EventPattern | string;
  /** Targets keyed by target ID (1-64 letters, digits, `. - _`); 1 to 5 per rule. */
  readonly targets: Readonly<Record<string, EventTarget>>;
  /**
   * Rule description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the rule delivers events.
   * @default true
   */
  readonly enabled?: boolean;
}

export interface EventArchiveProps {
  /** Archive name (1-48 letters, digits, `. - _`). */
  readonly name: string;
  /** Days events are kept (0 keeps them indefinitely). */
  readonly retentionDays: number;
  /**
   * Events to archive.
   * @default - every event on the bus
   */
  readonly pattern?: EventPattern | string;
  /**
   * Archive description.
   * @default - none
   */
  readonly description?: string;
}

export interface EventBusProps extends ProviderScopedProps {
  /** Bus name (1-256 letters, digits, `. - _`; not `default`, not starting with `aws.`), for example `<system>-<env>-events`. */
  readonly busName: string;
  /** Account of the environment (bus policy, `aws:SourceAccount` of the target role's trust). */
  readonly accountId: string;
  /**
   * Customer-managed KMS key that encrypts events on the bus (EVB-01). Its key policy must let
   * `events.amazonaws.com` call `kms:Decrypt` and `kms:GenerateDataKey` for this bus.
   */
  readonly kmsKeyArn: string;
  /**
   * Bus description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Rules keyed by rule name (1-64 letters, digits, `. - _`).
   * @default {}
   */
  readonly rules?: Readonly<Record<string, EventRule>>;
  /**
   * Archive of the bus's events (replayable). Provider 5.100 cannot set an archive key: archives are
   * encrypted with an AWS-owned key.
   * @default - no archive
   */
  readonly archive?: EventArchiveProps;
  /**
   * Accounts whose principals may put events on the bus (the bus policy, EVB-01).
   * @default [accountId]
   */
  readonly publisherAccountIds?: readonly string[];
  /**
   * Retries of every target that sets none.
   * @default { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86400 }
   */
  readonly retryPolicy?: TargetRetryPolicy;
  /**
   * Name of the dead-letter queue that receives events no target could take (and events the bus could
   * not encrypt or decrypt).
   * @default `<busName with "." as "-">-dlq`
   */
  readonly deadLetterQueueName?: string;
  /**
   * Customer-managed key of the dead-letter queue; its key policy must let `events.amazonaws.com` use it.
   * @default - SSE-SQS
   */
  readonly deadLetterQueueKmsKeyArn?: string;
  /**
   * Name of the IAM role EventBridge assumes for Step Functions and Kinesis targets (at most 64 characters).
   * @default `<busName>-targets`
   */
  readonly targetRoleName?: string;
}

const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;
const ARCHIVE_NAME = /^[.\-_A-Za-z0-9]{1,48}$/;
const MAX_TARGETS_PER_RULE = 5;
// The default EventBridge quota (adjustable to 4096).
const MAX_PATTERN_LENGTH = 2048;
const MAX_STATEMENT_ID_LENGTH = 100;
const FOURTEEN_DAYS = 1209600;
const EVENTS = 'events.amazonaws.com';
const FILTER_OPERATORS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'wildcard', 'equals-ignore-case', 'cidr'];
const NUMERIC_OPERATORS = ['<', '<=', '=', '>', '>='];
const ARN = {
  lambda: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/,
  sqs: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
  states: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/,
  kinesis: /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/,
  kms: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/,
};
const DEFAULT_RETRY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86400 } as const;

/**
 * A custom EventBridge bus encrypted with a customer-managed key, with a bus policy naming the
 * accounts that may publish (EVB-01), rules keyed by name whose targets (Lambda, SQS, Step
 * Functions, Kinesis) each retry and then fall back to one dead-letter queue of the bus, the grants
 * each target needs (Lambda permission or queue policy scoped to the rule; one target role for
 * Step Functions and Kinesis, scoped to their ARNs), and an optional archive.
 */
export class EventBus extends Construct {
  readonly bus: CloudwatchEventBus;
  readonly busPolicy: CloudwatchEventBusPolicy;
  /** Rules by rule name. */
  readonly rules: Readonly<Record<string, CloudwatchEventRule>>;
  /** Targets by `<rule name>/<target ID>`. */
  readonly targets: Readonly<Record<string, CloudwatchEventTarget>>;
  readonly deadLetterQueue: SqsQueue;
  readonly deadLetterPolicy: SqsQueuePolicy;
  /** The role EventBridge assumes for Step Functions and Kinesis targets, when a rule has one. */
  readonly targetRole?: IamRole;
  readonly archive?: CloudwatchEventArchive;

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    const busName = props.busName;
    const where = `EventBus ${busName}`;
    const rules = Object.entries(props.rules ?? {});
    const publisherAccountIds = props.publisherAccountIds ?? [props.accountId];
    const defaultRetry = { ...DEFAULT_RETRY, ...props.retryPolicy };
    const deadLetterQueueName = props.deadLetterQueueName ?? `${busName.replace(/\./g, '-')}-dlq`;
    const targetRoleName = props.targetRoleName ?? `${busName}-targets`;

    if (Token.isUnresolved(busName) || !BUS_NAME.test(busName)) {
      throw new Error(`EventBus ${id}: busName "${busName}" is not a literal of 1-256 letters, digits, ".", "-" or "_"; pass a name like <system>-<env>-events`);
    }
    if (busName === 'default' || busName.startsWith('aws.')) throw new Error(`${where}: "default" and names starting with "aws." are reserved for AWS buses; rename it`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    if (!Token.isUnresolved(props.kmsKeyArn) && !ARN.kms.test(props.kmsKeyArn)) {
      throw new Error(`${where}: kmsKeyArn "${props.kmsKeyArn}" is not a KMS key or alias ARN; give the ARN of a customer-managed key (EVB-01)`);
    }
    if (props.deadLetterQueueKmsKeyArn !== undefined && !Token.isUnresolved(props.deadLetterQueueKmsKeyArn) && !ARN.kms.test(props.deadLetterQueueKmsKeyArn)) {
      throw new Error(`${where}: deadLetterQueueKmsKeyArn "${props.deadLetterQueueKmsKeyArn}" is not a KMS key or alias ARN; give a customer-managed key or leave it unset for SSE-SQS`);
    }
    if (publisherAccountIds.length === 0) throw new Error(`${where}: publisherAccountIds is empty; list at least the environment's account (the bus policy names who may put events)`);
    for (const account of publisherAccountIds) {
      if (!/^\d{12}$/.test(account)) throw new Error(`${where}: publisherAccountIds has "${account}", which is not a 12-digit account ID`);
    }
    checkRetry(where, 'retryPolicy', defaultRetry);
    // The DLQ of EventBridge targets must be a standard queue.
    const dlqProblem = queueNameProblem(deadLetterQueueName, false);
    if (dlqProblem) throw new Error(`${where}: dead-letter queue name ${dlqProblem}${props.deadLetterQueueName === undefined ? ' (pass a shorter deadLetterQueueName)' : ''}`);
    for (const [name, rule] of rules) checkRule(where, name, rule);
    const roleTargets = rules.flatMap(([, rule]) => Object.values(rule.targets)).filter((t) => t.kind === 'step-functions' || t.kind === 'kinesis');
    if (roleTargets.length > 0 && targetRoleName.length > 64) {
      throw new Error(`${where}: target role name "${targetRoleName}" is longer than 64 characters; pass a shorter targetRoleName`);
    }
    if (props.archive) checkArchive(where, props.archive);

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: deadLetterQueueName,
      messageRetentionSeconds: FOURTEEN_DAYS,
      ...(props.deadLetterQueueKmsKeyArn !== undefined ? { kmsMasterKeyId: props.deadLetterQueueKmsKeyArn } : { sqsManagedSseEnabled: true }),
      // Only EventBridge writes here; no queue may use it as its redrive target.
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }),
    });
    this.bus = new CloudwatchEventBus(this, 'bus', {
      name: busName,
      description: props.description,
      kmsKeyIdentifier: props.kmsKeyArn,
      // Events the bus cannot encrypt or decrypt with its key go here instead of being dropped.
      deadLetterConfig: { arn: this.deadLetterQueue.arn },
    });
    this.busPolicy = new CloudwatchEventBusPolicy(this, 'bus-policy', {
      eventBusName: this.bus.name,
      policy: policyJson({
        Statement: [
          {
            Sid: 'AllowAccountsToPutEvents',
            Effect: 'Allow',
            Principal: { AWS: publisherAccountIds.map((account) => `arn:aws:iam::${account}:root`) },
            Action: 'events:PutEvents',
            Resource: this.bus.arn,
          },
        ],
      }),
    });

    const ruleResources: Record<string, CloudwatchEventRule> = {};
    for (const [name, rule] of rules) {
      ruleResources[name] = new CloudwatchEventRule(this, `rule-${name}`, {
        name,
        eventBusName: this.bus.name,
        description: rule.description,
        eventPattern: renderPattern(rule.pattern),
        state: (rule.enabled ?? true) ? 'ENABLED' : 'DISABLED',
      });
    }
    this.rules = ruleResources;
    const ruleArnsUsingRole = rules
      .filter(([, rule]) => Object.values(rule.targets).some((t) => t.kind === 'step-functions' || t.kind === 'kinesis'))
      .map(([name]) => ruleResources[name].arn);

    if (roleTargets.length > 0) {
      this.targetRole = new IamRole(this, 'target-role', {
        name: targetRoleName,
        description: `EventBridge targets of the ${busName} bus`,
        assumeRolePolicy: policyJson({
          Statement: [
            {
              Sid: 'EventBridgeRulesOfThisBus',
              Effect: 'Allow',
              Principal: { Service: EVENTS },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnEquals: { 'aws:SourceArn': ruleArnsUsingRole } },
            },
          ],
        }),
      });
      new IamRolePolicy(this, 'target-role-policy', {
        name: 'deliver-to-targets',
        role: this.targetRole.id,
        policy: policyJson({ Statement: roleStatements(roleTargets) }),
      });
    }

    const targetResources: Record<string, CloudwatchEventTarget> = {};
    for (const [ruleName, rule] of rules) {
      const ruleResource = ruleResources[ruleName];
      for (const [targetId, target] of Object.entries(rule.targets)) {
        const retry = { ...defaultRetry, ...target.retryPolicy };
        targetResources[`${ruleName}/${targetId}`] = new CloudwatchEventTarget(this, `rule-${ruleName}-target-${targetId}`, {
          rule: ruleResource.name,
          eventBusName: this.bus.name,
          targetId,
          arn: targetArn(target),
          roleArn: target.kind === 'step-functions' || target.kind === 'kinesis' ? this.targetRole!.arn : undefined,
          sqsTarget: target.kind === 'sqs' && target.messageGroupId !== undefined ? { messageGroupId: target.messageGroupId } : undefined,
          kinesisTarget: target.kind === 'kinesis' && target.partitionKeyPath !== undefined ? { partitionKeyPath: target.partitionKeyPath } : undefined,
          deadLetterConfig: { arn: this.deadLetterQueue.arn },
          retryPolicy: { maximumRetryAttempts: retry.maximumRetryAttempts, maximumEventAgeInSeconds: retry.maximumEventAgeSeconds },
        });
        if (target.kind === 'lambda') {
          new LambdaPermission(this, `rule-${ruleName}-target-${targetId}-permission`, {
            statementId: statementId(busName, ruleName, targetId),
            action: 'lambda:InvokeFunction',
            functionName: target.functionArn,
            principal: EVENTS,
            sourceArn: ruleResource.arn,
          });
        }
        if (target.kind === 'sqs' && typeof target.queue !== 'string') target.queue.allowSender({ service: EVENTS, sourceArns: [ruleResource.arn] });
      }
    }
    this.targets = targetResources;

    this.deadLetterPolicy = new SqsQueuePolicy(this, 'dead-letter-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyJson({
        Statement: [
          denyInsecureTransport('sqs:*', [this.deadLetterQueue.arn]),
          ...senderStatements(this.deadLetterQueue.arn, new Map([[EVENTS, [this.bus.arn, ...Object.values(ruleResources).map((r) => r.arn)]]])),
        ],
      }),
    });

    if (props.archive) {
      this.archive = new CloudwatchEventArchive(this, 'archive', {
        name: props.archive.name,
        eventSourceArn: this.bus.arn,
        retentionDays: props.archive.retentionDays,
        eventPattern: props.archive.pattern !== undefined ? renderPattern(props.archive.pattern) : undefined,
        description: props.archive.description,
      });
    }

    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.bus.arn;
  }

  get name(): string {
    return this.bus.name;
  }

  get deadLetterQueueArn(): string {
    return this.deadLetterQueue.arn;
  }

  /** ARN of the rule `name`. */
  ruleArn(name: string): string {
    const rule = this.rules[name];
    if (!rule) throw new Error(`EventBus ${this.node.id}: no rule "${name}" (has ${Object.keys(this.rules).join(', ') || 'none'})`);
    return rule.arn;
  }
}

function targetArn(target: EventTarget): string {
  switch (target.kind) {
    case 'lambda':
      return target.functionArn;
    case 'sqs':
      return typeof target.queue === 'string' ? target.queue : target.queue.arn;
    case 'step-functions':
      return target.stateMachineArn;
    case 'kinesis':
      return target.streamArn;
  }
}

/** Least privilege for the targets EventBridge reaches through the role, scoped to their ARNs. */
function roleStatements(targets: readonly EventTarget[]): PolicyStatement[] {
  const unique = (values: readonly string[]) => [...new Set(values)];
  const machines = unique(targets.flatMap((t) => (t.kind === 'step-functions' ? [t.stateMachineArn] : [])));
  const streams = unique(targets.flatMap((t) => (t.kind === 'kinesis' ? [t.streamArn] : [])));
  const streamKeys = unique(targets.flatMap((t) => (t.kind === 'kinesis' && t.streamKmsKeyArn !== undefined ? [t.streamKmsKeyArn] : [])));
  const statements: PolicyStatement[] = [];
  if (machines.length > 0) statements.push({ Sid: 'StartStateMachines', Effect: 'Allow', Action: 'states:StartExecution', Resource: machines });
  if (streams.length > 0) statements.push({ Sid: 'PutStreamRecords', Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: streams });
  if (streamKeys.length > 0) statements.push({ Sid: 'EncryptStreamRecords', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: streamKeys });
  return statements;
}

/** A Lambda statement ID (at most 100 of letters, digits, `-`, `_`) unique per bus, rule and target. */
function statementId(busName: string, ruleName: string, targetId: string): string {
  const full = `EventBridge-${busName}-${ruleName}-${targetId}`.replace(/[^A-Za-z0-9_-]/g, '_');
  if (full.length <= MAX_STATEMENT_ID_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 10);
  return `${full.slice(0, MAX_STATEMENT_ID_LENGTH - hash.length - 1)}-${hash}`;
}

function checkRetry(where: string, field: string, retry: TargetRetryPolicy): void {
  const attempts = retry.maximumRetryAttempts ?? DEFAULT_RETRY.maximumRetryAttempts;
  const age = retry.maximumEventAgeSeconds ?? DEFAULT_RETRY.maximumEventAgeSeconds;
  if (!Number.isInteger(attempts) || attempts < 0 || attempts > 185) throw new Error(`${where}: ${field}.maximumRetryAttempts ${attempts} is not a whole number within 0-185`);
  if (!Number.isInteger(age) || age < 60 || age > 86400) throw new Error(`${where}: ${field}.maximumEventAgeSeconds ${age} is not a whole number of seconds within 60-86400 (1 minute to 24 hours)`);
}

function checkRule(where: string, name: string, rule: EventRule): void {
  const at = `${where}: rule ${name}`;
  if (!RULE_NAME.test(name)) throw new Error(`${where}: rule name "${name}" is not 1-64 letters, digits, ".", "-" or "_"; rename it`);
  checkPattern(at, 'pattern', rule.pattern);
  const targets = Object.entries(rule.targets);
  if (targets.length === 0) throw new Error(`${at}: no targets; give 1-${MAX_TARGETS_PER_RULE} targets (a rule without targets delivers nothing)`);
  if (targets.length > MAX_TARGETS_PER_RULE) {
    throw new Error(`${at}: ${targets.length} targets exceed EventBridge's ${MAX_TARGETS_PER_RULE} per rule; split them over two rules with the same pattern`);
  }
  for (const [targetId, target] of targets) {
    const t = `${at} target ${targetId}`;
    if (!TARGET_ID.test(targetId)) throw new Error(`${at}: target ID "${targetId}" is not 1-64 letters, digits, ".", "-" or "_"; rename it`);
    if (target.retryPolicy) checkRetry(t, 'retryPolicy', target.retryPolicy);
    switch (target.kind) {
      case 'lambda':
        checkArn(t, 'functionArn', target.functionArn, ARN.lambda, 'a Lambda function or alias ARN');
        break;
      case 'sqs': {
        const arn = typeof target.queue === 'string' ? target.queue : target.queue.arn;
        checkArn(t, 'queue', arn, ARN.sqs, 'an SQS queue ARN');
        const fifo = typeof target.queue === 'string' ? (Token.isUnresolved(arn) ? undefined : arn.endsWith('.fifo')) : target.queue.fifo;
        if (fifo === true && (target.messageGroupId === undefined || target.messageGroupId.length === 0)) {
          throw new Error(`${t}: the queue is FIFO and needs a messageGroupId (events of one group are delivered in order); set one`);
        }
        if (fifo === false && target.messageGroupId !== undefined) throw new Error(`${t}: messageGroupId "${target.messageGroupId}" on a standard queue; only FIFO queues take one, drop it`);
        if (target.messageGroupId !== undefined && target.messageGroupId.length > 128) throw new Error(`${t}: messageGroupId is longer than 128 characters; shorten it`);
        break;
      }
      case 'step-functions':
        checkArn(t, 'stateMachineArn', target.stateMachineArn, ARN.states, 'a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)');
        break;
      case 'kinesis':
        checkArn(t, 'streamArn', target.streamArn, ARN.kinesis, 'a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)');
        if (target.streamKmsKeyArn !== undefined) checkArn(t, 'streamKmsKeyArn', target.streamKmsKeyArn, ARN.kms, 'a KMS key or alias ARN');
        if (target.partitionKeyPath !== undefined && !/^\$(\.[^.\s]+)+$/.test(target.partitionKeyPath)) {
          throw new Error(`${t}: partitionKeyPath "${target.partitionKeyPath}" is not a JSON path into the event such as $.detail.metricName`);
        }
        break;
      default:
        throw new Error(`${t}: kind "${(target as { kind: string }).kind}" is not lambda, sqs, step-functions or kinesis`);
    }
  }
}

function checkArn(where: string, field: string, arn: string, pattern: RegExp, what: string): void {
  if (!Token.isUnresolved(arn) && !pattern.test(arn)) throw new Error(`${where}: ${field} "${arn}" is not ${what}`);
}

function checkArchive(where: string, archive: EventArchiveProps): void {
  if (!ARCHIVE_NAME.test(archive.name)) throw new Error(`${where}: archive name "${archive.name}" is not 1-48 letters, digits, ".", "-" or "_"; rename it`);
  if (!Number.isInteger(archive.retentionDays) || archive.retentionDays < 0) {
    throw new Error(`${where}: archive retentionDays ${archive.retentionDays} is not a whole number of days (0 keeps events indefinitely)`);
  }
  if (archive.pattern !== undefined) checkPattern(`${where}: archive ${archive.name}`, 'pattern', archive.pattern);
}

/** The pattern's JSON text. */
export function renderPattern(pattern: EventPattern | string): string {
  return typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
}

/** Throws unless the pattern is a JSON object with at least one field whose values EventBridge accepts. */
export function checkPattern(where: string, field: string, pattern: EventPattern | string): void {
  let value: unknown = pattern;
  if (typeof pattern === 'string') {
    if (Token.isUnresolved(pattern)) return;
    try {
      value = JSON.parse(pattern);
    } catch (error) {
      throw new Error(`${where}: ${field} is not valid JSON (${(error as Error).message}); give a JSON object such as {"source":["my.app"]}`);
    }
  }
  const problem = patternProblem(value, '');
  if (problem) throw new Error(`${where}: ${field} ${problem}`);
  const text = renderPattern(pattern);
  if (!Token.isUnresolved(text) && text.length > MAX_PATTERN_LENGTH) {
    throw new Error(`${where}: ${field} has ${text.length} characters, over EventBridge's ${MAX_PATTERN_LENGTH}; match fewer values or split the rule`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function patternProblem(pattern: unknown, path: string): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  if (!isObject(pattern)) return `${at ? `${at.trim()} ` : ''}is not an object of fields; write it as {"field": [values]}`;
  const fields = Object.entries(pattern);
  if (fields.length === 0) return `${path === '' ? 'has no fields' : `has an empty object at ${path}`}; match at least one field (for example source)`;
  for (const [name, value] of fields) {
    const fieldPath = path === '' ? name : `${path}.${name}`;
    if (name === '$or') {
      if (!Array.isArray(value) || value.length < 2) return `has $or at ${fieldPath} without 2 or more alternative patterns`;
      for (const [i, alternative] of value.entries()) {
        const problem = patternProblem(alternative, `${fieldPath}[${i}]`);
        if (problem) return problem;
      }
    } else if (Array.isArray(value)) {
      if (value.length === 0) return `lists no values for ${fieldPath}; an empty list matches nothing, give values or drop the field`;
      for (const item of value) {
        const problem = valueProblem(item, fieldPath);
        if (problem) return problem;
      }
    } else if (isObject(value)) {
      const problem = patternProblem(value, fieldPath);
      if (problem) return problem;
    } else {
      return `has ${JSON.stringify(value)} at ${fieldPath}; a field takes a list of values or a nested object`;
    }
  }
  return undefined;
}

function valueProblem(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value) && value.includes('*')) {
      return `matches "${value}" at ${path} literally (EventBridge has no * in exact values); use {"wildcard": "${value}"} or {"prefix": "..."}`;
    }
    return undefined;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return undefined;
  if (!isObject(value)) return `has ${JSON.stringify(value)} at ${path}; values are strings, numbers, booleans, null or content filters`;
  const operators = Object.keys(value);
  if (operators.length !== 1 || !FILTER_OPERATORS.includes(operators[0])) {
    return `has the filter ${JSON.stringify(value)} at ${path}; a content filter has one of ${FILTER_OPERATORS.join(', ')}`;
  }
  const [operator] = operators;
  const operand = value[operator];
  if (operator === 'exists' && typeof operand !== 'boolean') return `has {"exists": ${JSON.stringify(operand)}} at ${path}; exists takes true or false`;
  if (operator === 'numeric') {
    if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) return `has a numeric filter at ${path} that is not pairs of operator and number, such as [">", 0, "<=", 5]`;
    for (let i = 0; i < operand.length; i += 2) {
      if (!NUMERIC_OPERATORS.includes(operand[i] as string) || typeof operand[i + 1] !== 'number') {
        return `has a numeric filter at ${path} that is not pairs of operator (${NUMERIC_OPERATORS.join(' ')}) and number`;
      }
    }
  }
  return undefined;
}
