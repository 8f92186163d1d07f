import { TerraformOutput, Testing } from 'cdktf';
import { MessageQueue, MessageQueueProps } from '../../../src/constructs/messaging/queue';
import { evaluate } from '../../../src/policy';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/queues`;
const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/sys-dev-events/messages`;
const BASE: MessageQueueProps = { queueName: 'sys-dev-messages' };

function synth(change: Partial<MessageQueueProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new MessageQueue(scope, 'q', { ...BASE, ...change })));
}

/** The queue and its DLQ, told apart by the redrive policy. */
function queues(json: Json): { queue: Json; dlq: Json; queueName: string; dlqName: string } {
  const all = resourcesOf(json, 'aws_sqs_queue');
  const [queueName, queue] = all.find(([, q]) => q.redrive_policy !== undefined)!;
  const [dlqName, dlq] = all.find(([, q]) => q.redrive_policy === undefined)!;
  return { queue, dlq, queueName, dlqName };
}

function policyOf(json: Json, queueName: string): Json {
  const [, policy] = resourcesOf(json, 'aws_sqs_queue_policy').find(([, p]) => p.queue_url === `\${aws_sqs_queue.${queueName}.url}`)!;
  return parsed(policy.policy);
}

function rejects(change: Partial<MessageQueueProps>, message: string): void {
  expect(() => synth(change)).toThrow(message);
}

describe('MessageQueue', () => {
  test('defaults: standard queue, SSE-SQS, 30 s visibility, 4 days retention, long polling, redrive after 3 receives to a 14-day DLQ', () => {
    const json = synth();
    const { queue, dlq, dlqName } = queues(json);
    expect(queue).toMatchObject({
      name: 'sys-dev-messages',
      visibility_timeout_seconds: 30,
      message_retention_seconds: 345600,
      receive_wait_time_seconds: 20,
      sqs_managed_sse_enabled: true,
    });
    expect(parsed(queue.redrive_policy)).toEqual({ deadLetterTargetArn: `\${aws_sqs_queue.${dlqName}.arn}`, maxReceiveCount: 3 });
    expect(dlq).toMatchObject({ name: 'sys-dev-messages-dlq', message_retention_seconds: 1209600, sqs_managed_sse_enabled: true });
    for (const absent of ['fifo_queue', 'content_based_deduplication', 'kms_master_key_id']) {
      expect(queue[absent]).toBeUndefined();
      expect(dlq[absent]).toBeUndefined();
    }
  });

  test('the seed-style queue: visibility 60 s, retention 14 days, a named DLQ, max receive 3', () => {
    const { queue, dlq } = queues(synth({ queueName: 'message-processing-queue', visibilityTimeoutSeconds: 60, messageRetentionSeconds: 1209600, deadLetterQueueName: 'message-processing-dlq' }));
    expect(queue).toMatchObject({ name: 'message-processing-queue', visibility_timeout_seconds: 60, message_retention_seconds: 1209600 });
    expect(parsed(queue.redrive_policy).maxReceiveCount).toBe(3);
    expect(dlq.name).toBe('message-processing-dlq');
  });

  test('FIFO: .fifo appended to the queue and its DLQ, content-based deduplication on both', () => {
    const { queue, dlq } = queues(synth({ queueName: 'multimodal-processing-queue', fifo: true, contentBasedDeduplication: true, maxReceiveCount: 2, visibilityTimeoutSeconds: 300 }));
    expect(queue).toMatchObject({ name: 'multimodal-processing-queue.fifo', fifo_queue: true, content_based_deduplication: true, visibility_timeout_seconds: 300 });
    expect(parsed(queue.redrive_policy).maxReceiveCount).toBe(2);
    expect(dlq).toMatchObject({ name: 'multimodal-processing-queue-dlq.fifo', fifo_queue: true, content_based_deduplication: true });
  });

  test('a name ending in .fifo makes a FIFO queue; high-throughput FIFO sets per-group limits', () => {
    const { queue, dlq } = queues(synth({ queueName: 'high-priority-processing-queue.fifo', highThroughputFifo: true }));
    expect(queue).toMatchObject({ name: 'high-priority-processing-queue.fifo', fifo_queue: true, content_based_deduplication: false, deduplication_scope: 'messageGroup', fifo_throughput_limit: 'perMessageGroupId' });
    expect(dlq.name).toBe('high-priority-processing-queue-dlq.fifo');
  });

  test('a KMS key replaces SSE-SQS on the queue and the DLQ', () => {
    const { queue, dlq } = queues(synth({ kmsKeyArn: KEY }));
    for (const q of [queue, dlq]) {
      expect(q.kms_master_key_id).toBe(KEY);
      expect(q.sqs_managed_sse_enabled).toBeUndefined();
    }
  });

  test('only this queue may redrive to the DLQ', () => {
    const json = synth();
    const { queueName, dlqName } = queues(json);
    const [, allow] = resourcesOf(json, 'aws_sqs_queue_redrive_allow_policy')[0];
    expect(allow.queue_url).toBe(`\${aws_sqs_queue.${dlqName}.url}`);
    expect(parsed(allow.redrive_allow_policy)).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [`\${aws_sqs_queue.${queueName}.arn}`] });
  });

  test('both queue policies deny non-TLS requests; the DLQ grants nothing else', () => {
    const json = synth();
    const { queueName, dlqName } = queues(json);
    for (const name of [queueName, dlqName]) {
      expect(policyOf(json, name).Statement).toEqual([
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: [`\${aws_sqs_queue.${name}.arn}`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]);
    }
  });

  test('senders get SendMessage scoped to their source ARNs, one statement per service, merged by allowSender', () => {
    const otherRule = `arn:aws:events:us-east-1:${ACCOUNT}:rule/sys-dev-events/other`;
    const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const q = new MessageQueue(scope, 'q', { ...BASE, senders: [{ service: 'events.amazonaws.com', sourceArns: [RULE] }] });
        q.allowSender({ service: 'events.amazonaws.com', sourceArns: [otherRule, RULE] });
        q.allowSender({ service: 'sns.amazonaws.com', sourceArns: [topic] });
      }),
    );
    const { queueName } = queues(json);
    const arn = `\${aws_sqs_queue.${queueName}.arn}`;
    expect(policyOf(json, queueName).Statement.slice(1)).toEqual([
      { Sid: 'AllowEventsSendMessage', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn, Condition: { ArnEquals: { 'aws:SourceArn': [RULE, otherRule] } } },
      { Sid: 'AllowSnsSendMessage', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn, Condition: { ArnEquals: { 'aws:SourceArn': [topic] } } },
    ]);
  });

  test('a wildcard source ARN uses ArnLike', () => {
    const json = synth({ senders: [{ service: 'events.amazonaws.com', sourceArns: [`arn:aws:events:us-east-1:${ACCOUNT}:rule/sys-dev-events/*`] }] });
    expect(policyOf(json, queues(json).queueName).Statement[1].Condition).toEqual({ ArnLike: { 'aws:SourceArn': [`arn:aws:events:us-east-1:${ACCOUNT}:rule/sys-dev-events/*`] } });
  });

  test('outputs: url, arn, name and the DLQ', () => {
    const stack = stackOf('sys-dev-compute');
    const q = new MessageQueue(stack, 'q', BASE);
    for (const attribute of ['url', 'arn', 'name', 'deadLetterQueueArn', 'deadLetterQueueUrl', 'deadLetterQueueName'] as const) new TerraformOutput(stack, attribute, { value: q[attribute] });
    const json = synthJson(stack);
    const { queueName, dlqName } = queues(json);
    expect(json.output).toMatchObject({
      url: { value: `\${aws_sqs_queue.${queueName}.url}` },
      arn: { value: `\${aws_sqs_queue.${queueName}.arn}` },
      name: { value: `\${aws_sqs_queue.${queueName}.name}` },
      deadLetterQueueArn: { value: `\${aws_sqs_queue.${dlqName}.arn}` },
      deadLetterQueueUrl: { value: `\${aws_sqs_queue.${dlqName}.url}` },
      deadLetterQueueName: { value: `\${aws_sqs_queue.${dlqName}.name}` },
    });
    expect(q.fifo).toBe(false);
  });

  describe('rejects', () => {
    test('bad names', () => {
      rejects({ queueName: 'has space' }, 'MessageQueue has space: queueName "has space" is not 1-80 letters, digits, "-" or "_"; rename it');
      rejects({ queueName: 'a'.repeat(81) }, 'has 81 characters; SQS allows 80, shorten it');
      rejects({ queueName: `${'a'.repeat(76)}`, fifo: true }, `queueName "${'a'.repeat(76)}.fifo" has 81 characters; SQS allows 80 including .fifo`);
      rejects({ queueName: 'orders.fifo', fifo: false }, 'queueName "orders.fifo" ends in .fifo, which only FIFO queues may; set fifo: true or rename it');
      rejects({ queueName: 'a'.repeat(78) }, `dead-letter queue name "${'a'.repeat(78)}-dlq" has 82 characters; SQS allows 80, shorten it (pass a shorter deadLetterQueueName)`);
      rejects({ deadLetterQueueName: 'sys-dev-messages' }, "deadLetterQueueName is the queue's own name");
    });

    test('FIFO-only settings on a standard queue', () => {
      rejects({ contentBasedDeduplication: true }, 'MessageQueue sys-dev-messages: contentBasedDeduplication needs a FIFO queue; set fifo: true or drop it');
      rejects({ highThroughputFifo: true }, 'highThroughputFifo needs a FIFO queue');
    });

    test('values outside the SQS limits', () => {
      rejects({ visibilityTimeoutSeconds: 43201 }, 'MessageQueue sys-dev-messages: visibilityTimeoutSeconds 43201 is not a whole number of seconds (12 hours at most) within 0-43200');
      rejects({ visibilityTimeoutSeconds: -1 }, 'visibilityTimeoutSeconds -1 is not a whole number');
      rejects({ messageRetentionSeconds: 59 }, 'messageRetentionSeconds 59 is not a whole number of seconds (1 minute to 14 days) within 60-1209600');
      rejects({ messageRetentionSeconds: 1209601 }, 'messageRetentionSeconds 1209601 is not');
      rejects({ maxReceiveCount: 0 }, 'maxReceiveCount 0 is not a whole number of receives within 1-1000');
      rejects({ maxReceiveCount: 1001 }, 'maxReceiveCount 1001 is not');
      rejects({ maxReceiveCount: 2.5 }, 'maxReceiveCount 2.5 is not');
      rejects({ receiveWaitTimeSeconds: 21 }, 'receiveWaitTimeSeconds 21 is not a whole number of seconds within 0-20');
    });

    test('a DLQ that keeps messages shorter than the queue', () => {
      rejects({ messageRetentionSeconds: 1209600, deadLetterRetentionSeconds: 604800 }, 'deadLetterRetentionSeconds 604800 is shorter than messageRetentionSeconds 1209600; a moved message keeps its enqueue time and would expire early');
    });

    test('a bad key, and senders without a service principal or source', () => {
      rejects({ kmsKeyArn: 'alias/queues' }, 'kmsKeyArn "alias/queues" is not a KMS key or alias ARN');
      rejects({ senders: [{ service: 'events', sourceArns: [RULE] }] }, 'sender "events" is not a service principal such as events.amazonaws.com');
      rejects({ senders: [{ service: 'events.amazonaws.com', sourceArns: [] }] }, 'sender events.amazonaws.com has no sourceArns; give the ARNs of the resources that send (aws:SourceArn)');
    });
  });

  test('policy pack: standard and FIFO queues with their DLQs have no open finding (SQS-01..03)', () => {
    const stack = stackOf('sys-prod-compute');
    new MessageQueue(stack, 'standard', { ...BASE, senders: [{ service: 'events.amazonaws.com', sourceArns: [RULE] }] });
    new MessageQueue(stack, 'fifo', { queueName: 'sys-prod-ordered', fifo: true, contentBasedDeduplication: true, kmsKeyArn: KEY });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].evaluated).toBeGreaterThanOrEqual(12);
    expect(report.stacks[0].findings).toEqual([]);
  });

  test('a standard and a FIFO queue pass terraform validate and an offline plan', () => {
    const stack = stackOf('sys-dev-compute');
    new MessageQueue(stack, 'standard', { ...BASE, senders: [{ service: 'events.amazonaws.com', sourceArns: [RULE] }] });
    new MessageQueue(stack, 'fifo', { queueName: 'sys-dev-ordered', fifo: true, contentBasedDeduplication: true, kmsKeyArn: KEY, highThroughputFifo: true });
    expectOfflinePlan(synthJson(stack));
  });
});
