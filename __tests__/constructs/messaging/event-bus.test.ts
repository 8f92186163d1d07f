import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { EventBus, EventBusProps, EventRule, EventTarget } from '../../../src/constructs/messaging/event-bus';
import { MessageQueue } from '../../../src/constructs/messaging/queue';
import { DataStream } from '../../../src/constructs/streaming/data-stream';
import { serviceTrustPolicy } from '../../../src/core/iam/policy-document';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '111122223333';
const BUS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/events`;
const STREAM_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/streams`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:sys-dev-processor:live`;
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:sys-dev-analysis`;
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/sys-dev-analytics`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:sys-dev-messages`;
const FIFO_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:sys-dev-ordered.fifo`;

const MESSAGE_PATTERN = { source: ['app.example'], 'detail-type': ['Message Received'] };

/** Three rules with literal target ARNs: Lambda + SQS, Step Functions + FIFO SQS, Kinesis. */
const RULES: Record<string, EventRule> = {
  'message-processing': {
    description: 'Messages to the processor and the queue',
    pattern: MESSAGE_PATTERN,
    targets: { processor: { kind: 'lambda', functionArn: FUNCTION }, queue: { kind: 'sqs', queue: QUEUE } },
  },
  'content-analysis': {
    pattern: { source: ['app.multimodal'], 'detail-type': ['Content Analysis Required'] },
    targets: { workflow: { kind: 'step-functions', stateMachineArn: MACHINE }, ordered: { kind: 'sqs', queue: FIFO_QUEUE, messageGroupId: 'content' } },
  },
  'performance-metrics': {
    pattern: { source: ['app.metrics'] },
    targets: { analytics: { kind: 'kinesis', streamArn: STREAM, partitionKeyPath: '$.detail.metricName', streamKmsKeyArn: STREAM_KEY } },
  },
};

const BASE: EventBusProps = {
  busName: 'sys-dev-events',
  accountId: ACCOUNT,
  kmsKeyArn: BUS_KEY,
  rules: RULES,
  archive: { name: 'sys-dev-events-archive', retentionDays: 30, pattern: { source: ['app.example', { prefix: 'app.' }] } },
};

function synth(change: Partial<EventBusProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new EventBus(scope, 'bus', { ...BASE, ...change })));
}

function withRule(rule: EventRule, change: Partial<EventBusProps> = {}): Partial<EventBusProps> {
  return { rules: { only: rule }, ...change };
}

function withTarget(target: EventTarget): Partial<EventBusProps> {
  return withRule({ pattern: MESSAGE_PATTERN, targets: { t: target } });
}

function rejects(change: Partial<EventBusProps>, message: string): void {
  expect(() => synth(change)).toThrow(message);
}

const idOf = (json: Json, type: string, pick: (body: Json) => boolean = () => true): string => resourcesOf(json, type).find(([, body]) => pick(body))![0];
const ruleId = (json: Json, name: string) => idOf(json, 'aws_cloudwatch_event_rule', (r) => r.name === name);
const ref = (type: string, id: string, attribute: string) => `\${${type}.${id}.${attribute}}`;
const targetOf = (json: Json, targetId: string): Json => resourcesOf(json, 'aws_cloudwatch_event_target').find(([, t]) => t.target_id === targetId)![1];

describe('EventBus', () => {
  const json = synth();
  const busId = idOf(json, 'aws_cloudwatch_event_bus');
  const dlqId = idOf(json, 'aws_sqs_queue');
  const busArn = ref('aws_cloudwatch_event_bus', busId, 'arn');
  const dlqArn = ref('aws_sqs_queue', dlqId, 'arn');

  test('a custom bus encrypted with the customer-managed key, its undecryptable events to the DLQ', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_bus')).toEqual({ name: 'sys-dev-events', kms_key_identifier: BUS_KEY, dead_letter_config: { arn: dlqArn } });
  });

  test('the bus policy lets the environment account (or the listed accounts) put events', () => {
    const policy = onlyResource(json, 'aws_cloudwatch_event_bus_policy');
    expect(policy.event_bus_name).toBe(ref('aws_cloudwatch_event_bus', busId, 'name'));
    expect(parsed(policy.policy).Statement).toEqual([
      { Sid: 'AllowAccountsToPutEvents', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, Action: 'events:PutEvents', Resource: busArn },
    ]);
    const partner = synth({ publisherAccountIds: [ACCOUNT, '444455556666'] });
    expect(parsed(onlyResource(partner, 'aws_cloudwatch_event_bus_policy').policy).Statement[0].Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, 'arn:aws:iam::444455556666:root'] });
  });

  test('rules on the bus with their patterns as JSON, enabled unless told otherwise', () => {
    const rules = resourcesOf(json, 'aws_cloudwatch_event_rule').map(([, r]) => r);
    expect(rules.map((r) => r.name).sort()).toEqual(['content-analysis', 'message-processing', 'performance-metrics']);
    for (const rule of rules) expect(rule).toMatchObject({ event_bus_name: ref('aws_cloudwatch_event_bus', busId, 'name'), state: 'ENABLED' });
    const messages = rules.find((r) => r.name === 'message-processing')!;
    expect(messages.description).toBe('Messages to the processor and the queue');
    expect(parsed(messages.event_pattern)).toEqual(MESSAGE_PATTERN);
    const disabled = synth(withRule({ pattern: MESSAGE_PATTERN, targets: { t: { kind: 'lambda', functionArn: FUNCTION } }, enabled: false }));
    expect(onlyResource(disabled, 'aws_cloudwatch_event_rule').state).toBe('DISABLED');
  });

  test('a pattern given as JSON text and content filters pass through unchanged', () => {
    const text = '{"source":["app.example"],"detail":{"size":[{"numeric":[">",0,"<=",5]}],"lang":[{"anything-but":["xx"]}],"$or":[{"a":[{"exists":true}]},{"b":[{"wildcard":"x*"}]}]}}';
    expect(onlyResource(synth(withRule({ pattern: text, targets: { t: { kind: 'lambda', functionArn: FUNCTION } } })), 'aws_cloudwatch_event_rule').event_pattern).toBe(text);
  });

  test('a Lambda target, with an invoke permission for that rule only', () => {
    const ruleArn = ref('aws_cloudwatch_event_rule', ruleId(json, 'message-processing'), 'arn');
    expect(targetOf(json, 'processor')).toMatchObject({ rule: ref('aws_cloudwatch_event_rule', ruleId(json, 'message-processing'), 'name'), event_bus_name: ref('aws_cloudwatch_event_bus', busId, 'name'), arn: FUNCTION });
    expect(targetOf(json, 'processor').role_arn).toBeUndefined();
    expect(onlyResource(json, 'aws_lambda_permission')).toEqual({
      statement_id: 'EventBridge-sys-dev-events-message-processing-processor',
      action: 'lambda:InvokeFunction',
      function_name: FUNCTION,
      principal: 'events.amazonaws.com',
      source_arn: ruleArn,
    });
  });

  test('long statement IDs are shortened with a stable hash to 100 characters', () => {
    const long = (): Partial<EventBusProps> => ({ rules: { ['r'.repeat(64)]: { pattern: MESSAGE_PATTERN, targets: { ['t'.repeat(64)]: { kind: 'lambda', functionArn: FUNCTION } } } } });
    const id = onlyResource(synth(long()), 'aws_lambda_permission').statement_id;
    expect(id).toMatch(/^EventBridge-sys-dev-events-r{62}-[0-9a-f]{10}$/);
    expect(onlyResource(synth(long()), 'aws_lambda_permission').statement_id).toBe(id);
  });

  test('SQS targets by ARN; a FIFO queue gets its message group', () => {
    expect(targetOf(json, 'queue')).toMatchObject({ arn: QUEUE });
    expect(targetOf(json, 'queue').sqs_target).toBeUndefined();
    expect(targetOf(json, 'ordered')).toMatchObject({ arn: FIFO_QUEUE, sqs_target: { message_group_id: 'content' } });
  });

  test('a MessageQueue target gets an events.amazonaws.com grant scoped to the rule', () => {
    const stack = stackOf('sys-dev-compute');
    const queue = new MessageQueue(stack, 'queue', { queueName: 'sys-dev-messages' });
    const fifo = new MessageQueue(stack, 'fifo', { queueName: 'sys-dev-ordered', fifo: true });
    new EventBus(stack, 'bus', {
      ...BASE,
      rules: {
        a: { pattern: MESSAGE_PATTERN, targets: { q: { kind: 'sqs', queue }, f: { kind: 'sqs', queue: fifo, messageGroupId: 'g' } } },
        b: { pattern: { source: ['app.other'] }, targets: { q: { kind: 'sqs', queue } } },
      },
    });
    const out = synthJson(stack);
    const queueId = idOf(out, 'aws_sqs_queue', (q) => q.name === 'sys-dev-messages');
    const [, policy] = resourcesOf(out, 'aws_sqs_queue_policy').find(([, p]) => p.queue_url === ref('aws_sqs_queue', queueId, 'url'))!;
    expect(parsed(policy.policy).Statement[1]).toEqual({
      Sid: 'AllowEventsSendMessage',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: ref('aws_sqs_queue', queueId, 'arn'),
      Condition: { ArnEquals: { 'aws:SourceArn': [ref('aws_cloudwatch_event_rule', ruleId(out, 'a'), 'arn'), ref('aws_cloudwatch_event_rule', ruleId(out, 'b'), 'arn')] } },
    });
    expect(() => new EventBus(stack, 'bus2', { ...BASE, busName: 'sys-dev-other', rules: { a: { pattern: MESSAGE_PATTERN, targets: { f: { kind: 'sqs', queue: fifo } } } } })).toThrow(
      'EventBus sys-dev-other: rule a target f: the queue is FIFO and needs a messageGroupId',
    );
  });

  test('Step Functions and Kinesis targets go through one target role, scoped to their ARNs and rules', () => {
    const roleId = idOf(json, 'aws_iam_role');
    const role = onlyResource(json, 'aws_iam_role');
    expect(targetOf(json, 'workflow')).toMatchObject({ arn: MACHINE, role_arn: ref('aws_iam_role', roleId, 'arn') });
    expect(targetOf(json, 'analytics')).toMatchObject({ arn: STREAM, role_arn: ref('aws_iam_role', roleId, 'arn'), kinesis_target: { partition_key_path: '$.detail.metricName' } });
    expect(role.name).toBe('sys-dev-events-targets');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'EventBridgeRulesOfThisBus',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          ArnEquals: { 'aws:SourceArn': [ref('aws_cloudwatch_event_rule', ruleId(json, 'content-analysis'), 'arn'), ref('aws_cloudwatch_event_rule', ruleId(json, 'performance-metrics'), 'arn')] },
        },
      },
    ]);
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy.role).toBe(ref('aws_iam_role', roleId, 'id'));
    expect(parsed(policy.policy).Statement).toEqual([
      { Sid: 'StartStateMachines', Effect: 'Allow', Action: 'states:StartExecution', Resource: [MACHINE] },
      { Sid: 'PutStreamRecords', Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: [STREAM] },
      { Sid: 'EncryptStreamRecords', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: [STREAM_KEY] },
    ]);
  });

  test('no target role when no target needs one; a custom role name', () => {
    const plain = synth(withTarget({ kind: 'lambda', functionArn: FUNCTION }));
    expect(resourcesOf(plain, 'aws_iam_role')).toEqual([]);
    expect(resourcesOf(plain, 'aws_iam_role_policy')).toEqual([]);
    expect(onlyResource(synth({ targetRoleName: 'custom-role' }), 'aws_iam_role').name).toBe('custom-role');
  });

  test('every target retries (185 times over 24 hours by default) and then goes to the bus DLQ', () => {
    const targets = resourcesOf(json, 'aws_cloudwatch_event_target').map(([, t]) => t);
    expect(targets).toHaveLength(5);
    for (const target of targets) {
      expect(target.dead_letter_config).toEqual({ arn: dlqArn });
      expect(target.retry_policy).toEqual({ maximum_retry_attempts: 185, maximum_event_age_in_seconds: 86400 });
    }
  });

  test('retry policies: a bus default, overridden per target', () => {
    const out = synth({
      retryPolicy: { maximumRetryAttempts: 10 },
      rules: { r: { pattern: MESSAGE_PATTERN, targets: { a: { kind: 'lambda', functionArn: FUNCTION }, b: { kind: 'sqs', queue: QUEUE, retryPolicy: { maximumEventAgeSeconds: 3600 } } } } },
    });
    expect(targetOf(out, 'a').retry_policy).toEqual({ maximum_retry_attempts: 10, maximum_event_age_in_seconds: 86400 });
    expect(targetOf(out, 'b').retry_policy).toEqual({ maximum_retry_attempts: 10, maximum_event_age_in_seconds: 3600 });
  });

  test('the DLQ: standard, 14 days, SSE-SQS, no queue may redrive into it, writable by EventBridge from this bus and its rules only', () => {
    expect(onlyResource(json, 'aws_sqs_queue')).toEqual({
      name: 'sys-dev-events-dlq',
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
      redrive_allow_policy: '{"redrivePermission":"denyAll"}',
    });
    const policy = onlyResource(json, 'aws_sqs_queue_policy');
    expect(policy.queue_url).toBe(ref('aws_sqs_queue', dlqId, 'url'));
    const ruleArns = ['message-processing', 'content-analysis', 'performance-metrics'].map((name) => ref('aws_cloudwatch_event_rule', ruleId(json, name), 'arn'));
    expect(parsed(policy.policy).Statement).toEqual([
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: [dlqArn], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'AllowEventsSendMessage', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: dlqArn, Condition: { ArnEquals: { 'aws:SourceArn': [busArn, ...ruleArns] } } },
    ]);
    const keyed = onlyResource(synth({ deadLetterQueueKmsKeyArn: BUS_KEY, deadLetterQueueName: 'events-dlq' }), 'aws_sqs_queue');
    expect(keyed).toMatchObject({ name: 'events-dlq', kms_master_key_id: BUS_KEY });
    expect(keyed.sqs_managed_sse_enabled).toBeUndefined();
    expect(onlyResource(synth({ busName: 'sys.dev.events' }), 'aws_sqs_queue').name).toBe('sys-dev-events-dlq');
  });

  test('an archive of the bus with its retention and pattern; none unless asked', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_archive')).toEqual({
      name: 'sys-dev-events-archive',
      event_source_arn: busArn,
      retention_days: 30,
      event_pattern: '{"source":["app.example",{"prefix":"app."}]}',
    });
    expect(resourcesOf(synth({ archive: undefined }), 'aws_cloudwatch_event_archive')).toEqual([]);
    expect(onlyResource(synth({ archive: { name: 'all', retentionDays: 0 } }), 'aws_cloudwatch_event_archive').event_pattern).toBeUndefined();
  });

  test('outputs: bus arn and name, rule ARNs, the DLQ ARN', () => {
    const stack = stackOf('sys-dev-compute');
    const bus = new EventBus(stack, 'bus', BASE);
    new TerraformOutput(stack, 'arn', { value: bus.arn });
    new TerraformOutput(stack, 'name', { value: bus.name });
    new TerraformOutput(stack, 'rule', { value: bus.ruleArn('content-analysis') });
    new TerraformOutput(stack, 'dlq', { value: bus.deadLetterQueueArn });
    const out = synthJson(stack);
    expect(out.output).toMatchObject({
      arn: { value: ref('aws_cloudwatch_event_bus', idOf(out, 'aws_cloudwatch_event_bus'), 'arn') },
      name: { value: ref('aws_cloudwatch_event_bus', idOf(out, 'aws_cloudwatch_event_bus'), 'name') },
      rule: { value: ref('aws_cloudwatch_event_rule', ruleId(out, 'content-analysis'), 'arn') },
      dlq: { value: ref('aws_sqs_queue', idOf(out, 'aws_sqs_queue'), 'arn') },
    });
    expect(Object.keys(bus.targets)).toEqual(['message-processing/processor', 'message-processing/queue', 'content-analysis/workflow', 'content-analysis/ordered', 'performance-metrics/analytics']);
    expect(() => bus.ruleArn('nope')).toThrow('EventBus bus: no rule "nope" (has message-processing, content-analysis, performance-metrics)');
  });

  describe('rejects', () => {
    test('bad bus, rule, target and archive names', () => {
      rejects({ busName: 'has space' }, 'EventBus bus: busName "has space" is not a literal of 1-256 letters, digits, ".", "-" or "_"');
      rejects({ busName: 'default' }, 'EventBus default: "default" and names starting with "aws." are reserved for AWS buses; rename it');
      rejects({ busName: 'aws.partner' }, 'are reserved for AWS buses');
      rejects({ rules: { ['r'.repeat(65)]: RULES['message-processing'] } }, `rule name "${'r'.repeat(65)}" is not 1-64 letters, digits, ".", "-" or "_"; rename it`);
      rejects({ rules: { 'a/b': RULES['message-processing'] } }, 'rule name "a/b" is not 1-64');
      rejects(withRule({ pattern: MESSAGE_PATTERN, targets: { 'bad id': { kind: 'lambda', functionArn: FUNCTION } } }), 'EventBus sys-dev-events: rule only: target ID "bad id" is not 1-64 letters');
      rejects({ archive: { name: 'a'.repeat(49), retentionDays: 30 } }, `archive name "${'a'.repeat(49)}" is not 1-48 letters`);
      rejects({ archive: { name: 'archive', retentionDays: -1 } }, 'archive retentionDays -1 is not a whole number of days (0 keeps events indefinitely)');
      rejects({ busName: 'b'.repeat(80) }, `dead-letter queue name "${'b'.repeat(80)}-dlq" has 84 characters; SQS allows 80, shorten it (pass a shorter deadLetterQueueName)`);
      rejects({ busName: 'b'.repeat(60) }, `target role name "${'b'.repeat(60)}-targets" is longer than 64 characters; pass a shorter targetRoleName`);
    });

    test('more than 5 targets, or none', () => {
      const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((id): [string, EventTarget] => [id, { kind: 'lambda', functionArn: FUNCTION }]));
      rejects(withRule({ pattern: MESSAGE_PATTERN, targets: six }), "EventBus sys-dev-events: rule only: 6 targets exceed EventBridge's 5 per rule; split them over two rules with the same pattern");
      rejects(withRule({ pattern: MESSAGE_PATTERN, targets: {} }), 'rule only: no targets; give 1-5 targets');
    });

    test('patterns that are not JSON objects with fields EventBridge accepts', () => {
      const rule = (pattern: any) => withRule({ pattern, targets: { t: { kind: 'lambda', functionArn: FUNCTION } } });
      rejects(rule('{"source": ['), 'EventBus sys-dev-events: rule only: pattern is not valid JSON');
      rejects(rule('[]'), 'rule only: pattern is not an object of fields');
      rejects(rule({}), 'rule only: pattern has no fields; match at least one field (for example source)');
      rejects(rule('{}'), 'pattern has no fields');
      rejects(rule({ source: [] }), 'pattern lists no values for source; an empty list matches nothing');
      rejects(rule({ detail: {} }), 'pattern has an empty object at detail');
      rejects(rule({ source: 'app' }), 'pattern has "app" at source; a field takes a list of values or a nested object');
      rejects(rule({ source: ['agent.*'] }), 'pattern matches "agent.*" at source literally (EventBridge has no * in exact values); use {"wildcard": "agent.*"} or {"prefix": "..."}');
      rejects(rule({ source: [{ startsWith: 'a' }] }), 'pattern has the filter {"startsWith":"a"} at source; a content filter has one of prefix, suffix');
      rejects(rule({ detail: { size: [{ numeric: ['>', 'x'] }] } }), 'pattern has a numeric filter at detail.size that is not pairs of operator');
      rejects(rule({ detail: { a: [{ exists: 'yes' }] } }), 'pattern has {"exists": "yes"} at detail.a; exists takes true or false');
      rejects(rule({ $or: [{ a: ['x'] }] }), 'pattern has $or at $or without 2 or more alternative patterns');
      rejects(rule({ source: ['x'.repeat(2100)] }), "pattern has 2115 characters, over EventBridge's 2048");
      rejects({ archive: { name: 'archive', retentionDays: 30, pattern: { source: ['agent.*'] } } }, 'EventBus sys-dev-events: archive archive: pattern matches "agent.*" at source literally');
    });

    test('FIFO and message groups', () => {
      rejects(withTarget({ kind: 'sqs', queue: FIFO_QUEUE }), 'rule only target t: the queue is FIFO and needs a messageGroupId (events of one group are delivered in order); set one');
      rejects(withTarget({ kind: 'sqs', queue: QUEUE, messageGroupId: 'g' }), 'rule only target t: messageGroupId "g" on a standard queue; only FIFO queues take one, drop it');
    });

    test('target ARNs of the wrong service', () => {
      rejects(withTarget({ kind: 'lambda', functionArn: QUEUE }), `rule only target t: functionArn "${QUEUE}" is not a Lambda function or alias ARN`);
      rejects(withTarget({ kind: 'sqs', queue: FUNCTION }), `queue "${FUNCTION}" is not an SQS queue ARN`);
      rejects(withTarget({ kind: 'step-functions', stateMachineArn: FUNCTION }), 'stateMachineArn');
      rejects(withTarget({ kind: 'kinesis', streamArn: MACHINE }), 'is not a Kinesis stream ARN');
      rejects(withTarget({ kind: 'kinesis', streamArn: STREAM, streamKmsKeyArn: 'key' }), 'streamKmsKeyArn "key" is not a KMS key or alias ARN');
      rejects(withTarget({ kind: 'kinesis', streamArn: STREAM, partitionKeyPath: 'detail.id' }), 'partitionKeyPath "detail.id" is not a JSON path into the event such as $.detail.metricName');
      rejects(withTarget({ kind: 'http', url: 'x' } as unknown as EventTarget), 'kind "http" is not lambda, sqs, step-functions or kinesis');
    });

    test('retries outside the EventBridge limits', () => {
      rejects({ retryPolicy: { maximumRetryAttempts: 186 } }, 'EventBus sys-dev-events: retryPolicy.maximumRetryAttempts 186 is not a whole number within 0-185');
      rejects(withTarget({ kind: 'lambda', functionArn: FUNCTION, retryPolicy: { maximumEventAgeSeconds: 59 } }), 'rule only target t: retryPolicy.maximumEventAgeSeconds 59 is not a whole number of seconds within 60-86400');
    });

    test('bad account, keys and publishers', () => {
      rejects({ accountId: '123' }, 'EventBus sys-dev-events: accountId "123" is not a 12-digit account ID');
      rejects({ kmsKeyArn: 'alias/events' }, 'kmsKeyArn "alias/events" is not a KMS key or alias ARN; give the ARN of a customer-managed key (EVB-01)');
      rejects({ deadLetterQueueKmsKeyArn: 'key' }, 'deadLetterQueueKmsKeyArn "key" is not a KMS key or alias ARN');
      rejects({ publisherAccountIds: [] }, 'publisherAccountIds is empty');
      rejects({ publisherAccountIds: ['x'] }, 'publisherAccountIds has "x", which is not a 12-digit account ID');
    });
  });

  test('policy pack: the bus, its rules, targets, role, DLQ and archive have no open finding (EVB-01, SQS-*, LAM-03, IAM-*)', () => {
    const stack = stackOf('sys-prod-compute');
    new EventBus(stack, 'bus', BASE);
    new EventBus(stack, 'bare', { busName: 'sys-prod-bare', accountId: ACCOUNT, kmsKeyArn: BUS_KEY });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].evaluated).toBeGreaterThanOrEqual(8);
    expect(report.stacks[0].findings).toEqual([]);
  });
});

describe('EventBus with real targets', () => {
  /** A bus with three rules (Lambda + SQS, Step Functions + FIFO SQS, Kinesis), the queues, a stream and an archive. */
  function eventStack(): TerraformStack {
    const stack = stackOf('sys-dev-compute');
    const lambdaRole = new IamRole(stack, 'processor-role', { name: 'sys-dev-processor', assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com', ACCOUNT) });
    const fn = new LambdaFunction(stack, 'processor', {
      functionName: 'sys-dev-processor',
      role: lambdaRole.arn,
      runtime: 'python3.12',
      handler: 'index.handler',
      s3Bucket: 'sys-dev-artifacts',
      s3Key: 'processor.zip',
      publish: true,
    });
    const alias = new LambdaAlias(stack, 'processor-alias', { name: 'live', functionName: fn.functionName, functionVersion: fn.version });
    const machineRole = new IamRole(stack, 'machine-role', { name: 'sys-dev-analysis', assumeRolePolicy: serviceTrustPolicy('states.amazonaws.com', ACCOUNT) });
    const logs = new CloudwatchLogGroup(stack, 'machine-logs', { name: '/aws/stepfunctions/sys-dev-analysis', retentionInDays: 7, kmsKeyId: BUS_KEY });
    const machine = new SfnStateMachine(stack, 'machine', {
      name: 'sys-dev-analysis',
      type: 'EXPRESS',
      roleArn: machineRole.arn,
      // A task on the function: the definition is then unknown at plan, so the provider does not call
      // ValidateStateMachineDefinition (which needs the network).
      definition: JSON.stringify({ StartAt: 'Classify', States: { Classify: { Type: 'Task', Resource: fn.arn, End: true } } }),
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, logDestination: `${logs.arn}:*` },
      tracingConfiguration: { enabled: true },
    });
    const messages = new MessageQueue(stack, 'messages', { queueName: 'sys-dev-messages', visibilityTimeoutSeconds: 60, messageRetentionSeconds: 1209600, deadLetterQueueName: 'sys-dev-messages-failed' });
    const ordered = new MessageQueue(stack, 'ordered', { queueName: 'sys-dev-ordered', fifo: true, contentBasedDeduplication: true, visibilityTimeoutSeconds: 300, maxReceiveCount: 2 });
    const stream = new DataStream(stack, 'analytics', { streamName: 'sys-dev-analytics', kmsKeyArn: STREAM_KEY });
    new EventBus(stack, 'bus', {
      ...BASE,
      rules: {
        'message-processing': { pattern: MESSAGE_PATTERN, targets: { processor: { kind: 'lambda', functionArn: alias.arn }, queue: { kind: 'sqs', queue: messages } } },
        'content-analysis': {
          pattern: { source: ['app.multimodal'], 'detail-type': ['Content Analysis Required'] },
          targets: { workflow: { kind: 'step-functions', stateMachineArn: machine.arn }, ordered: { kind: 'sqs', queue: ordered, messageGroupId: 'content' } },
        },
        'performance-metrics': { pattern: { source: ['app.metrics'] }, targets: { analytics: { kind: 'kinesis', streamArn: stream.arn, partitionKeyPath: '$.detail.metricName', streamKmsKeyArn: STREAM_KEY } } },
      },
      archive: { name: 'sys-dev-events-archive', retentionDays: 30, pattern: { source: ['app.example', { prefix: 'app.' }] } },
    });
    return stack;
  }

  test('wires the queue policies to the rules', () => {
    const out = synthJson(eventStack());
    const statements = resourcesOf(out, 'aws_sqs_queue_policy').map(([, p]) => parsed(p.policy).Statement);
    // Two target queues grant EventBridge, their DLQs only deny non-TLS, the bus DLQ grants EventBridge.
    expect(statements.filter((s) => s.some((st: Json) => st.Sid === 'AllowEventsSendMessage'))).toHaveLength(3);
    expect(statements.filter((s) => s.length === 1)).toHaveLength(2);
  });

  test('policy pack: findings only on the fixture function (LAM-04), none on the bus, queues or stream', () => {
    const stack = eventStack();
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].findings.map((f) => [f.ruleId, f.address])).toEqual([['LAM-04', 'aws_lambda_function.processor']]);
  });

  test('passes terraform validate and an offline plan', () => {
    expectOfflinePlan(synthJson(eventStack()));
  });
});
