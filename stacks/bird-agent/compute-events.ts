import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { FunctionConfig } from '../../src/config/layers/compute';
import { BIRD_AGENT_FUNCTIONS, BIRD_AGENT_FUNCTION_NAMES, BirdAgentFunctionName } from '../../src/config/systems/bird-agent/functions';
import { LambdaFunction } from '../../src/constructs/compute/lambda-function';
import { LambdaLayer } from '../../src/constructs/compute/lambda-layer';
import { EventBus } from '../../src/constructs/messaging/event-bus';
import { MessageQueue } from '../../src/constructs/messaging/queue';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { DataStream } from '../../src/constructs/streaming/data-stream';
import { StateMachine } from '../../src/constructs/workflow/state-machine';
import { denyInsecureTransport, policyJson } from '../../src/core/iam/policy-document';
import { LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../src/core/samples';
import { functionAccess } from './compute-events-access';
import { ComputeReads, computeReads } from './compute-events-reads';
import { multimodalWorkflow } from './compute-events-workflow';

/** Runtime of every function: the newest Python the provider (5.100) accepts; the seed's 3.11 leaves standard support first. */
export const PYTHON_RUNTIME = 'python3.13';
/** The seed's x86_64 (the OpenCV wheels and the Powertools layer are built for it). */
export const ARCHITECTURE = 'x86_64';
/** Alias callers, the rules and the workflow invoke. */
export const LIVE_ALIAS = 'live';
/** The seed's `/aws/lambda/event-processor` retention, for every function. */
export const FUNCTION_LOG_RETENTION_DAYS = 14;
/** The seed's `/aws/stepfunctions/multimodal-analysis` retention. */
export const WORKFLOW_LOG_RETENTION_DAYS = 7;
/** The seed's custom metric namespace. */
export const METRICS_NAMESPACE = 'BirdAgent';
/** Message group of the high-priority queue's producers (the seed's "Message Group ID: priority-group"). */
export const HIGH_PRIORITY_MESSAGE_GROUP = 'priority-group';
const DAY = 86400;

/**
 * The custom metrics the performance-metrics rule turns into CloudWatch metrics (namespace
 * BirdAgent, dimension Service): an `agent.metrics` event carries
 * `detail: { metricName, value, service }`; these are the seed's "BirdAgent-Performance" widgets.
 */
export const PERFORMANCE_METRICS = [
  { name: 'ResponseTime', unit: 'Milliseconds' },
  { name: 'MessagesProcessed', unit: 'Count' },
  { name: 'ProcessingErrors', unit: 'Count' },
  { name: 'ModelCostUsd', unit: 'None' },
] as const;

/**
 * Names of the event-processing resources of one environment (`<system>-<env>-...`, the seed's
 * names as suffixes). Literal, so the services and the edge can write ARNs and metric dimensions
 * without reading them from the stack.
 */
export function eventProcessingNames(prefix: string) {
  return {
    key: `${prefix}-events`,
    bus: `${prefix}-events`,
    archive: `${prefix}-agent-events-archive`,
    notificationsTopic: `${prefix}-notifications`,
    processingCompleteTopic: `${prefix}-processing-complete`,
    stateMachine: `${prefix}-multimodal-analysis-sm`,
    workflowLogGroup: `/aws/stepfunctions/${prefix}-multimodal-analysis`,
    stream: `${prefix}-analytics-stream`,
    metricsLogGroup: `/aws/events/${prefix}-performance-metrics`,
    queues: {
      messageProcessing: `${prefix}-message-processing-queue`,
      multimodalProcessing: `${prefix}-multimodal-processing-queue.fifo`,
      highPriority: `${prefix}-high-priority-processing-queue.fifo`,
    },
    deadLetterQueues: {
      messageProcessing: `${prefix}-message-processing-dlq`,
      multimodalProcessing: `${prefix}-multimodal-processing-dlq.fifo`,
      highPriority: `${prefix}-high-priority-processing-dlq.fifo`,
    },
    function: (name: BirdAgentFunctionName) => `${prefix}-${name}`,
    /** The seed's BirdAgentLambdaExecutionRole, one per function (at most 64 characters). */
    role: (name: BirdAgentFunctionName) => `${prefix}-${name}-LambdaExecutionRole`,
  };
}

/** What addEventProcessing built, for the rest of the compute layer (the services consume the queues). */
export interface EventProcessing {
  readonly key: EncryptionKey;
  readonly functions: Readonly<Record<BirdAgentFunctionName, LambdaFunction>>;
  readonly queues: { readonly messageProcessing: MessageQueue; readonly multimodalProcessing: MessageQueue; readonly highPriority: MessageQueue };
  readonly notificationsTopic: SnsTopic;
  readonly processingCompleteTopic: SnsTopic;
  readonly stateMachine: StateMachine;
  readonly bus: EventBus;
  readonly stream: DataStream;
}

/**
 * bird-agent's event-driven processing in the compute layer: the events key, the seed's three
 * queues with their DLQs, the notifications and processing-complete topics, the event-processor,
 * multimodal-analysis (with the Powertools, OpenCV and custom-models layers) and the five workflow
 * task functions in the private app subnets, the EXPRESS multimodal-analysis state machine, the
 * analytics stream, and the event bus with the seed's rules, DLQ and archive. The
 * performance-metrics rule also writes to a log group whose metric filters publish the BirdAgent
 * custom metrics (EventBridge has no CloudWatch-metrics target).
 */
export function addEventProcessing(stack: LayerStack, reads: ComputeReads = computeReads(stack)): EventProcessing {
  const { config, prefix } = stack;
  const { accountId: account, region } = config;
  const compute = stack.section('compute');
  const names = eventProcessingNames(prefix);
  const { network, data } = reads;
  const logsKey = network.string('logs_kms_key_arn');
  const vpc = { subnetIds: network.list('private_app_subnet_ids'), securityGroupIds: [network.string('lambda_security_group_id')] };
  const busArn = `arn:aws:events:${region}:${account}:event-bus/${names.bus}`;
  const sizing = functionSizing(stack, compute.functions ?? {});

  // --- One key for the event data: bus, its DLQ, topics, functions' environment and DLQs, the
  // state machine's data and the stream. EventBridge and log delivery use it directly.
  const key = new EncryptionKey(stack, 'events-key', {
    alias: names.key,
    description: `${prefix} event processing: event bus, queues, topics, function environments, workflow data, analytics stream`,
    accountId: account,
    services: [
      { servicePrincipal: 'events.amazonaws.com', conditions: { StringEquals: { 'aws:SourceAccount': account } } },
      // Step Functions' log delivery decrypts execution data it writes to the workflow's log group.
      { servicePrincipal: 'delivery.logs.amazonaws.com', conditions: { StringEquals: { 'aws:SourceAccount': account } } },
    ],
  });

  // --- The seed's queues (SSE-SQS), each with its DLQ and a TLS-only policy.
  const queues = {
    messageProcessing: new MessageQueue(stack, 'message-processing-queue', {
      queueName: names.queues.messageProcessing,
      visibilityTimeoutSeconds: 60,
      messageRetentionSeconds: 14 * DAY,
      maxReceiveCount: 3,
      deadLetterQueueName: names.deadLetterQueues.messageProcessing,
    }),
    multimodalProcessing: new MessageQueue(stack, 'multimodal-processing-queue', {
      queueName: names.queues.multimodalProcessing,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 300,
      messageRetentionSeconds: 14 * DAY,
      maxReceiveCount: 2,
      deadLetterQueueName: names.deadLetterQueues.multimodalProcessing,
    }),
    highPriority: new MessageQueue(stack, 'high-priority-processing-queue', {
      queueName: names.queues.highPriority,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 7 * DAY,
      deadLetterQueueName: names.deadLetterQueues.highPriority,
    }),
  };

  // --- Topics: the event processor's notifications and the workflow's completion.
  const topic = (id: string, name: string, displayName: string): SnsTopic => {
    const created = new SnsTopic(stack, id, { name, displayName, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(stack, `${id}-policy`, { arn: created.arn, policy: policyJson({ Statement: [denyInsecureTransport('sns:Publish', [created.arn])] }) });
    return created;
  };
  const notificationsTopic = topic('notifications-topic', names.notificationsTopic, 'Bird agent notifications');
  const processingCompleteTopic = topic('processing-complete-topic', names.processingCompleteTopic, 'Multimodal analysis complete');

  // --- Layers built from this repository (the Powertools layer is public, from config).
  const layer = (id: string, name: string, description: string, code: string, licenseInfo: string) =>
    new LambdaLayer(stack, id, { layerName: `${prefix}-${name}`, description, code, compatibleRuntimes: [PYTHON_RUNTIME], compatibleArchitectures: [ARCHITECTURE], licenseInfo });
  const opencv = layer('opencv-layer', 'opencv', 'OpenCV (headless) and NumPy for the multimodal analysis', 'assets/lambda/opencv', 'Apache-2.0');
  const models = layer('custom-models-layer', 'custom-models', 'Custom AI model artifacts of the multimodal analysis', 'assets/lambda/custom-models', 'Proprietary');

  // --- Functions: Python bootstrap code until the application's pipeline publishes its own.
  const context = {
    region,
    eventsTable: { name: data.string('events_table_name'), arn: data.string('events_table_arn') },
    tablesKeyArn: data.string(TABLES_KEY_OUTPUT),
    mediaBucket: { name: data.string('media_bucket_name'), arn: data.string('media_bucket_arn') },
    eventBus: { name: names.bus, arn: busArn },
    notificationsTopicArn: notificationsTopic.arn,
    eventsKeyArn: key.arn,
    modelArns: (compute.bedrockModelIds ?? []).map((id) => `arn:aws:bedrock:${region}::foundation-model/${id}`),
    metricsNamespace: METRICS_NAMESPACE,
  };
  const functions = {} as Record<BirdAgentFunctionName, LambdaFunction>;
  for (const name of BIRD_AGENT_FUNCTION_NAMES) {
    const size = sizing[name];
    const access = functionAccess(name, context);
    const builtLayers = name === 'multimodal-analysis' ? [opencv.arn, models.arn] : [];
    functions[name] = new LambdaFunction(stack, `fn-${name}`, {
      functionName: names.function(name),
      description: BIRD_AGENT_FUNCTIONS[name].description,
      accountId: account,
      region,
      kmsKeyArn: key.arn,
      logKmsKeyArn: logsKey,
      runtime: PYTHON_RUNTIME,
      architecture: ARCHITECTURE,
      handler: 'bootstrap.handler',
      code: 'assets/lambda/python-bootstrap',
      ignoreCodeChanges: true,
      memorySize: size.memoryMb,
      timeoutSeconds: size.timeoutSeconds,
      reservedConcurrency: size.reservedConcurrency,
      provisionedConcurrency: size.provisionedConcurrency,
      layers: [...(size.layerArns ?? []), ...builtLayers],
      environment: access.environment,
      statements: access.statements,
      logRetentionDays: FUNCTION_LOG_RETENTION_DAYS,
      vpc,
      aliasName: LIVE_ALIAS,
      roleName: names.role(name),
    });
  }

  // --- The multimodal analysis workflow (EXPRESS), its task ARNs as Terraform references.
  const task = (name: BirdAgentFunctionName) => ({ functionArn: functions[name].arn, qualifier: LIVE_ALIAS, timeoutSeconds: sizing[name].timeoutSeconds });
  const stateMachine = new StateMachine(stack, 'multimodal-analysis-workflow', {
    name: names.stateMachine,
    type: 'EXPRESS',
    definition: multimodalWorkflow({
      contentClassifier: task('content-classifier'),
      imageAnalyzer: task('image-analyzer'),
      textExtractor: task('text-extractor'),
      metadataEnricher: task('metadata-enricher'),
      resultsAggregator: task('results-aggregator'),
      processingCompleteTopicArn: processingCompleteTopic.arn,
      topicKmsKeyArn: key.arn,
    }),
    accountId: account,
    region,
    kmsKeyArn: key.arn,
    logLevel: 'ALL',
    includeExecutionData: true,
    logGroupName: names.workflowLogGroup,
    logRetentionDays: WORKFLOW_LOG_RETENTION_DAYS,
    logKmsKeyArn: logsKey,
    tracing: true,
  });

  const stream = new DataStream(stack, 'analytics-stream', { streamName: names.stream, kmsKeyArn: key.arn });

  // --- The bus with the seed's rules; every target retries, then goes to the bus's DLQ.
  const bus = new EventBus(stack, 'event-bus', {
    busName: names.bus,
    description: `${prefix}: Bird.com messages, multimodal analysis requests and agent metrics`,
    accountId: account,
    kmsKeyArn: key.arn,
    deadLetterQueueKmsKeyArn: key.arn,
    retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: DAY },
    rules: {
      'agent-message-processing': {
        description: 'Messages received from Bird.com: the event processor and the message processing queue',
        pattern: { source: ['bird.com'], 'detail-type': ['Message Received'] },
        targets: {
          'event-processor': { kind: 'lambda', functionArn: functions['event-processor'].aliasArn },
          'message-processing-queue': { kind: 'sqs', queue: queues.messageProcessing },
        },
      },
      'multimodal-content-analysis': {
        description: 'Content that needs analysis: the multimodal analysis workflow',
        pattern: { source: ['agent.multimodal'], 'detail-type': ['Content Analysis Required'] },
        targets: { 'multimodal-analysis-workflow': { kind: 'step-functions', stateMachineArn: stateMachine.arn } },
      },
      'performance-metrics': {
        description: 'Agent metrics: the analytics stream, and the custom-metrics log group',
        pattern: { source: ['agent.metrics'] },
        targets: { 'analytics-stream': { kind: 'kinesis', streamArn: stream.arn, streamKmsKeyArn: key.arn } },
      },
    },
    // The seed's "agent.*" would match only that literal source: every agent.<x> source is a prefix match.
    archive: { name: names.archive, retentionDays: 30, pattern: { source: ['bird.com', { prefix: 'agent.' }] }, description: `${prefix}: Bird.com and agent events, replayable for 30 days` },
  });
  // Starting an execution of a state machine encrypted with a customer-managed key takes a data key.
  new IamRolePolicy(stack, 'event-bus-target-role-workflow-key', {
    name: 'workflow-key',
    role: bus.targetRole!.id,
    policy: policyJson({
      Statement: [
        {
          Sid: 'EncryptWorkflowInput',
          Effect: 'Allow',
          Action: 'kms:GenerateDataKey',
          Resource: key.arn,
          Condition: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': `arn:aws:states:${region}:${account}:stateMachine:${names.stateMachine}` } },
        },
      ],
    }),
  });
  addPerformanceMetrics(stack, bus, names.metricsLogGroup, logsKey);

  publishOutputs(stack, { key, functions, queues, stateMachine, bus, stream, notificationsTopic, processingCompleteTopic });
  return { key, functions, queues, notificationsTopic, processingCompleteTopic, stateMachine, bus, stream };
}

/** The data layer output of the key that encrypts the DynamoDB tables. */
export const TABLES_KEY_OUTPUT = 'rds_kms_key_arn';

/** Each function's configured size; validation (compute-events-validate.ts) reports a gap first, so a miss here is a programming error. */
function functionSizing(stack: LayerStack, configured: Readonly<Record<string, FunctionConfig>>): Record<BirdAgentFunctionName, FunctionConfig> {
  const sizing = {} as Record<BirdAgentFunctionName, FunctionConfig>;
  for (const name of BIRD_AGENT_FUNCTION_NAMES) {
    const size = configured[name];
    if (!size) throw new Error(`${stack.node.id}: config.compute.functions.${name} is missing; every bird-agent function needs its size (src/config/systems/bird-agent/functions.ts)`);
    sizing[name] = size;
  }
  return sizing;
}

/**
 * The seed's "CloudWatch: Custom Metrics" target, built from what exists: the performance-metrics
 * rule also delivers to a log group (EventBridge writes through a resource policy scoped to the
 * rule), whose metric filters publish PERFORMANCE_METRICS in the BirdAgent namespace.
 */
function addPerformanceMetrics(stack: LayerStack, bus: EventBus, logGroupName: string, logsKey: string): void {
  const { prefix } = stack;
  const ruleArn = bus.ruleArn('performance-metrics');
  const logGroup = new CloudwatchLogGroup(stack, 'performance-metrics-log-group', { name: logGroupName, retentionInDays: 30, kmsKeyId: logsKey });
  const policy = new CloudwatchLogResourcePolicy(stack, 'performance-metrics-log-policy', {
    policyName: `${prefix}-performance-metrics-events`,
    policyDocument: policyJson({
      Statement: [
        {
          Sid: 'PerformanceMetricsRuleWrites',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroup.arn}:*`,
          Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
        },
      ],
    }),
  });
  new CloudwatchEventTarget(stack, 'performance-metrics-log-target', {
    rule: bus.rules['performance-metrics'].name,
    eventBusName: bus.name,
    targetId: 'custom-metrics-log',
    arn: logGroup.arn,
    deadLetterConfig: { arn: bus.deadLetterQueueArn },
    retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: DAY },
    dependsOn: [policy],
  });
  for (const metric of PERFORMANCE_METRICS) {
    new CloudwatchLogMetricFilter(stack, `performance-metric-${metric.name}`, {
      name: `${prefix}-${metric.name}`,
      logGroupName: logGroup.name,
      pattern: `{ ($.detail.metricName = "${metric.name}") && ($.detail.value = *) && ($.detail.service = *) }`,
      metricTransformation: { name: metric.name, namespace: METRICS_NAMESPACE, value: '$.detail.value', unit: metric.unit, dimensions: { Service: '$.detail.service' } },
    });
  }
}

interface Published {
  readonly key: EncryptionKey;
  readonly functions: Readonly<Record<BirdAgentFunctionName, LambdaFunction>>;
  readonly queues: EventProcessing['queues'];
  readonly stateMachine: StateMachine;
  readonly bus: EventBus;
  readonly stream: DataStream;
  readonly notificationsTopic: SnsTopic;
  readonly processingCompleteTopic: SnsTopic;
}

/** The compute outputs of the event processing (docs/bird-agent.md lists them). */
function publishOutputs(stack: LayerStack, p: Published): void {
  const { prefix } = stack;
  const { accountId: account, region } = stack.config;
  const names = eventProcessingNames(prefix);
  const snake = (name: string) => name.replace(/-/g, '_');
  for (const name of BIRD_AGENT_FUNCTION_NAMES) {
    stack.publish(`${snake(name)}_function_name`, p.functions[name].name, { description: `Name of the ${name} function (invoke its ${LIVE_ALIAS} alias)`, sample: names.function(name) });
  }
  stack.publish('state_machine_arn', p.stateMachine.arn, {
    description: 'ARN of the multimodal analysis state machine (EXPRESS)',
    sample: sampleArn({ service: 'states', region, account, resource: `stateMachine:${names.stateMachine}` }),
  });
  stack.publish('event_bus_name', p.bus.name, { description: 'Name of the agent event bus', sample: names.bus });
  stack.publish('event_bus_arn', p.bus.arn, { description: 'ARN of the agent event bus', sample: sampleArn({ service: 'events', region, account, resource: `event-bus/${names.bus}` }) });
  const queueOutputs = [
    ['message_processing', p.queues.messageProcessing, names.queues.messageProcessing],
    ['multimodal_processing', p.queues.multimodalProcessing, names.queues.multimodalProcessing],
    ['high_priority', p.queues.highPriority, names.queues.highPriority],
  ] as const;
  for (const [output, queue, queueName] of queueOutputs) {
    stack.publish(`${output}_queue_url`, queue.url, { description: `URL of ${queueName}`, sample: `https://sqs.${region}.amazonaws.com/${account}/${queueName}` });
    stack.publish(`${output}_queue_arn`, queue.arn, { description: `ARN of ${queueName}`, sample: sampleArn({ service: 'sqs', region, account, resource: queueName }) });
  }
  stack.publish('analytics_stream_arn', p.stream.arn, { description: 'ARN of the analytics Kinesis stream', sample: sampleArn({ service: 'kinesis', region, account, resource: `stream/${names.stream}` }) });
  stack.publish('notifications_topic_arn', p.notificationsTopic.arn, { description: 'SNS topic of the event processor notifications (KMS)', sample: sampleArn({ service: 'sns', region, account, resource: names.notificationsTopic }) });
  stack.publish('processing_complete_topic_arn', p.processingCompleteTopic.arn, {
    description: 'SNS topic the multimodal analysis workflow notifies on completion (KMS)',
    sample: sampleArn({ service: 'sns', region, account, resource: names.processingCompleteTopic }),
  });
  stack.publish('events_kms_key_arn', p.key.arn, {
    description: 'KMS key of the event processing (bus, topics, workflow data, stream); consumers of the stream need kms:Decrypt on it',
    sample: sampleArn({ service: 'kms', region, account, resource: `key/${sampleUuid(`${stack.node.id}:events-key`)}` }),
  });
}
