import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement, denyInsecureTransport, policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** An AWS service that may send messages to the queue, from the given resources only. */
export interface QueueSender {
  /** Service principal, for example `events.amazonaws.com` (EventBridge rules) or `sns.amazonaws.com`. */
  readonly service: string;
  /**
   * ARNs of the resources that send (`aws:SourceArn`), for example EventBridge rule ARNs. Required:
   * a service allowed without a source is a confused deputy (any account's rule could send).
   */
  readonly sourceArns: readonly string[];
}

export interface MessageQueueProps extends ProviderScopedProps {
  /**
   * Queue name (1-80 letters, digits, `-`, `_`; FIFO names end in `.fifo`, which is appended when
   * missing), for example `<system>-<env>-messages`.
   */
  readonly queueName: string;
  /**
   * FIFO queue (ordered, exactly-once processing per message group).
   * @default - true when `queueName` ends in `.fifo`, false otherwise
   */
  readonly fifo?: boolean;
  /**
   * Deduplicate by a SHA-256 of the body instead of a producer-given deduplication ID (FIFO only).
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * High-throughput FIFO: deduplication and throughput limits per message group instead of per queue
   * (FIFO only).
   * @default false
   */
  readonly highThroughputFifo?: boolean;
  /**
   * Seconds a received message stays hidden from other consumers (0-43200). Set it to at least six
   * times the consumer's timeout when the consumer is a Lambda event source mapping.
   * @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Seconds a message is kept (60-1209600).
   * @default 345600 (4 days, the SQS default)
   */
  readonly messageRetentionSeconds?: number;
  /**
   * Seconds a ReceiveMessage call waits for messages (0-20); long polling saves empty receives.
   * @default 20
   */
  readonly receiveWaitTimeSeconds?: number;
  /**
   * Customer-managed KMS key (SSE-KMS) for the queue and its DLQ. Senders that are AWS services need
   * `kms:GenerateDataKey` and `kms:Decrypt` on it in the key policy.
   * @default - SSE-SQS (`sqs_managed_sse_enabled`)
   */
  readonly kmsKeyArn?: string;
  /**
   * Receives before a message moves to the dead-letter queue (1-1000).
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * Name of the dead-letter queue (same type as the queue; `.fifo` is appended to a FIFO DLQ when missing).
   * @default `<queueName without .fifo>-dlq` (plus `.fifo` for a FIFO queue)
   */
  readonly deadLetterQueueName?: string;
  /**
   * Seconds the dead-letter queue keeps a message (60-1209600, not shorter than the queue's: a moved
   * message keeps its original enqueue time).
   * @default 1209600 (14 days, the maximum)
   */
  readonly deadLetterRetentionSeconds?: number;
  /**
   * AWS services allowed to send (SendMessage) from the given resources. More can be added with
   * `allowSender` (an EventBus does so for its SQS targets).
   * @default []
   */
  readonly senders?: readonly QueueSender[];
}

export const QUEUE_LIMITS = {
  visibilityTimeoutSeconds: [0, 43200],
  messageRetentionSeconds: [60, 1209600],
  receiveWaitTimeSeconds: [0, 20],
  maxReceiveCount: [1, 1000],
} as const;
const FIFO_SUFFIX = '.fifo';
const MAX_NAME_LENGTH = 80;
const FOURTEEN_DAYS = 1209600;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

/**
 * Why `name` is not a valid SQS queue name for a standard (`fifo` false) or FIFO queue, or undefined.
 * Names are 1-80 letters, digits, `-` and `_`, and a FIFO name ends in `.fifo` (counted in the 80).
 */
export function queueNameProblem(name: string, fifo: boolean): string | undefined {
  const base = fifo ? name.slice(0, -FIFO_SUFFIX.length) : name;
  if (fifo && !name.endsWith(FIFO_SUFFIX)) return `"${name}" does not end in ${FIFO_SUFFIX}; a FIFO queue name must`;
  if (!fifo && name.endsWith(FIFO_SUFFIX)) return `"${name}" ends in ${FIFO_SUFFIX}, which only FIFO queues may; set fifo: true or rename it`;
  if (name.length > MAX_NAME_LENGTH) return `"${name}" has ${name.length} characters; SQS allows ${MAX_NAME_LENGTH}${fifo ? ` including ${FIFO_SUFFIX}` : ''}, shorten it`;
  if (!/^[A-Za-z0-9_-]+$/.test(base)) return `"${name}" is not 1-${MAX_NAME_LENGTH} letters, digits, "-" or "_"${fifo ? ` before ${FIFO_SUFFIX}` : ''}; rename it`;
  return undefined;
}

/** Throws unless `value` is a whole number within `[min, max]` of `unit`. */
export function checkRange(where: string, field: string, value: number, [min, max]: readonly [number, number], unit: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${where}: ${field} ${value} is not a whole number of ${unit} within ${min}-${max}`);
}

/** Throws unless the sender names a service principal and at least one source ARN. */
export function checkSender(where: string, sender: QueueSender): void {
  if (!SERVICE_PRINCIPAL.test(sender.service)) {
    throw new Error(`${where}: sender "${sender.service}" is not a service principal such as events.amazonaws.com; name the AWS service that sends`);
  }
  if (sender.sourceArns.length === 0) {
    throw new Error(`${where}: sender ${sender.service} has no sourceArns; give the ARNs of the resources that send (aws:SourceArn), or any account's resource could use the grant`);
  }
}

/**
 * The SendMessage grant of each service, one statement per service with its source ARNs
 * (`ArnLike` when an ARN has a wildcard, `ArnEquals` otherwise).
 */
export function senderStatements(resource: string, senders: ReadonlyMap<string, readonly string[]>): PolicyStatement[] {
  return [...senders].map(([service, arns]) => ({
    Sid: `Allow${pascal(service.split('.')[0])}SendMessage`,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sqs:SendMessage',
    Resource: resource,
    Condition: { [arns.some((a) => !Token.isUnresolved(a) && a.includes('*')) ? 'ArnLike' : 'ArnEquals']: { 'aws:SourceArn': [...arns] } },
  }));
}

function pascal(word: string): string {
  return word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * An SQS queue (standard or FIFO) with its dead-letter queue, as SQS-01..03 ask: encrypted (SSE-SQS
 * or a customer-managed key), failed messages redriven to a DLQ of the same type after
 * `maxReceiveCount` receives (the DLQ keeps them 14 days and only this queue may redrive to it), and
 * queue policies on both that deny non-TLS requests. The queue's policy also lets the named AWS
 * services send from their source resources only (EventBridge rules, SNS topics).
 */
export class MessageQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly policy: SqsQueuePolicy;
  readonly deadLetterPolicy: SqsQueuePolicy;
  /** Whether the queue is FIFO (a target of it then needs a message group ID). */
  readonly fifo: boolean;
  private readonly where: string;
  private readonly senders = new Map<string, string[]>();

  constructor(scope: Construct, id: string, props: MessageQueueProps) {
    super(scope, id);
    const fifo = props.fifo ?? props.queueName.endsWith(FIFO_SUFFIX);
    const queueName = fifo && !props.queueName.endsWith(FIFO_SUFFIX) ? `${props.queueName}${FIFO_SUFFIX}` : props.queueName;
    const baseName = fifo ? queueName.slice(0, -FIFO_SUFFIX.length) : queueName;
    const requestedDlqName = props.deadLetterQueueName ?? `${baseName}-dlq`;
    const deadLetterQueueName = fifo && !requestedDlqName.endsWith(FIFO_SUFFIX) ? `${requestedDlqName}${FIFO_SUFFIX}` : requestedDlqName;
    const contentBasedDeduplication = props.contentBasedDeduplication ?? false;
    const highThroughputFifo = props.highThroughputFifo ?? false;
    const visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 30;
    const messageRetentionSeconds = props.messageRetentionSeconds ?? 345600;
    const receiveWaitTimeSeconds = props.receiveWaitTimeSeconds ?? 20;
    const maxReceiveCount = props.maxReceiveCount ?? 3;
    const deadLetterRetentionSeconds = props.deadLetterRetentionSeconds ?? FOURTEEN_DAYS;
    const senders = props.senders ?? [];
    const where = `MessageQueue ${queueName}`;
    this.where = where;
    this.fifo = fifo;

    if (Token.isUnresolved(props.queueName)) throw new Error(`MessageQueue ${id}: queueName is a token; pass a literal name (it decides the FIFO suffix and the DLQ name)`);
    const nameProblem = queueNameProblem(queueName, fifo);
    if (nameProblem) throw new Error(`${where}: queueName ${nameProblem}`);
    const dlqProblem = queueNameProblem(deadLetterQueueName, fifo);
    if (dlqProblem) throw new Error(`${where}: dead-letter queue name ${dlqProblem}${props.deadLetterQueueName === undefined ? ' (pass a shorter deadLetterQueueName)' : ''}`);
    if (deadLetterQueueName === queueName) throw new Error(`${where}: deadLetterQueueName is the queue's own name; give the DLQ another name`);
    if (!fifo && contentBasedDeduplication) throw new Error(`${where}: contentBasedDeduplication needs a FIFO queue; set fifo: true or drop it`);
    if (!fifo && highThroughputFifo) throw new Error(`${where}: highThroughputFifo needs a FIFO queue; set fifo: true or drop it`);
    checkRange(where, 'visibilityTimeoutSeconds', visibilityTimeoutSeconds, QUEUE_LIMITS.visibilityTimeoutSeconds, 'seconds (12 hours at most)');
    checkRange(where, 'messageRetentionSeconds', messageRetentionSeconds, QUEUE_LIMITS.messageRetentionSeconds, 'seconds (1 minute to 14 days)');
    checkRange(where, 'receiveWaitTimeSeconds', receiveWaitTimeSeconds, QUEUE_LIMITS.receiveWaitTimeSeconds, 'seconds');
    checkRange(where, 'maxReceiveCount', maxReceiveCount, QUEUE_LIMITS.maxReceiveCount, 'receives');
    checkRange(where, 'deadLetterRetentionSeconds', deadLetterRetentionSeconds, QUEUE_LIMITS.messageRetentionSeconds, 'seconds (1 minute to 14 days)');
    if (deadLetterRetentionSeconds < messageRetentionSeconds) {
      // A moved message keeps its original enqueue timestamp, so a shorter DLQ retention drops it early.
      throw new Error(`${where}: deadLetterRetentionSeconds ${deadLetterRetentionSeconds} is shorter than messageRetentionSeconds ${messageRetentionSeconds}; a moved message keeps its enqueue time and would expire early, keep the DLQ at least as long (default 14 days)`);
    }
    if (props.kmsKeyArn !== undefined && !Token.isUnresolved(props.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(props.kmsKeyArn)) {
      throw new Error(`${where}: kmsKeyArn "${props.kmsKeyArn}" is not a KMS key or alias ARN; give the ARN of a customer-managed key, or leave it unset for SSE-SQS`);
    }
    for (const sender of senders) checkSender(where, sender);

    // SSE-SQS and a KMS key exclude each other in the provider.
    const encryption = props.kmsKeyArn !== undefined ? { kmsMasterKeyId: props.kmsKeyArn } : { sqsManagedSseEnabled: true };
    const fifoSettings = fifo
      ? {
          fifoQueue: true,
          contentBasedDeduplication,
          ...(highThroughputFifo ? { deduplicationScope: 'messageGroup', fifoThroughputLimit: 'perMessageGroupId' } : {}),
        }
      : {};

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: deadLetterQueueName,
      ...fifoSettings,
      messageRetentionSeconds: deadLetterRetentionSeconds,
      visibilityTimeoutSeconds,
      receiveWaitTimeSeconds,
      ...encryption,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: queueName,
      ...fifoSettings,
      visibilityTimeoutSeconds,
      messageRetentionSeconds,
      receiveWaitTimeSeconds,
      ...encryption,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount }),
    });
    // A separate resource: inline on the DLQ it would reference the queue that references the DLQ.
    new SqsQueueRedriveAllowPolicy(this, 'dead-letter-redrive-allow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [this.queue.arn] }),
    });
    this.deadLetterPolicy = new SqsQueuePolicy(this, 'dead-letter-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyJson({ Statement: [denyInsecureTransport('sqs:*', [this.deadLetterQueue.arn])] }),
    });
    this.policy = new SqsQueuePolicy(this, 'policy', { queueUrl: this.queue.url, policy: this.policyDocument() });
    for (const sender of senders) this.allowSender(sender);

    useProvider(this, props.provider);
  }

  /**
   * Lets `sender.service` send messages from `sender.sourceArns` (merged into one statement per
   * service). Call it before synthesis, for example when wiring the queue as an EventBridge target.
   */
  allowSender(sender: QueueSender): void {
    checkSender(this.where, sender);
    const arns = this.senders.get(sender.service) ?? [];
    for (const arn of sender.sourceArns) if (!arns.includes(arn)) arns.push(arn);
    this.senders.set(sender.service, arns);
    this.policy.policy = this.policyDocument();
  }

  private policyDocument(): string {
    return policyJson({ Statement: [denyInsecureTransport('sqs:*', [this.queue.arn]), ...senderStatements(this.queue.arn, this.senders)] });
  }

  get url(): string {
    return this.queue.url;
  }

  get arn(): string {
    return this.queue.arn;
  }

  get name(): string {
    return this.queue.name;
  }

  get deadLetterQueueArn(): string {
    return this.deadLetterQueue.arn;
  }

  get deadLetterQueueUrl(): string {
    return this.deadLetterQueue.url;
  }

  get deadLetterQueueName(): string {
    return this.deadLetterQueue.name;
  }
}
