import { birdAgentConfig as configOf } from './helpers';
import { powertoolsLayerArn } from '../../../src/config/systems/bird-agent/functions';
import { EnvName, LayerName } from '../../../src/core/names';
import { LayerStack } from '../../../src/core/layer-stack';
import { evaluate } from '../../../src/policy';
import { BirdAgentComputeStack } from '../../../stacks/bird-agent/compute';
import { PERFORMANCE_METRICS } from '../../../stacks/bird-agent/compute-events';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

// The event-driven half of the compute layer (compute-events.ts) in the real compute stack.

const MODELS = configOf('prod').compute!.bedrockModelIds!;
const stacksOf = (env: EnvName): Record<LayerName, LayerStack> => birdAgentStacks(env, 'compute');

const cache = new Map<EnvName, { stacks: Record<LayerName, LayerStack>; json: Json }>();
const built = (env: EnvName) => {
  if (!cache.has(env)) {
    const stacks = stacksOf(env);
    cache.set(env, { stacks, json: synthJson(stacks.compute) });
  }
  return cache.get(env)!;
};
const json = (env: EnvName = 'prod') => built(env).json;
const all = (j: Json, type: string): Json[] => resourcesOf(j, type).map(([, r]) => r);
const named = (j: Json, type: string, name: string, field = 'name'): Json => {
  const found = all(j, type).filter((r) => r[field] === name);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${field} ${name}, found ${found.length}`);
  return found[0];
};
const addressOf = (j: Json, type: string, name: string, field = 'name'): string => resourcesOf(j, type).find(([, r]) => r[field] === name)![0];
const ref = (j: Json, type: string, name: string, attribute: string, field = 'name') => `\${${type}.${addressOf(j, type, name, field)}.${attribute}}`;
const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;
const statementsOfRole = (j: Json, roleName: string): Json[] => {
  const role = addressOf(j, 'aws_iam_role', roleName);
  return all(j, 'aws_iam_role_policy')
    .filter((p) => p.role === `\${aws_iam_role.${role}.id}`)
    .flatMap((p) => parsed(p.policy).Statement as Json[]);
};
const P = 'bird-agent-prod';
/** Addresses of what addEventProcessing builds (construct IDs of compute-events.ts). */
const EVENT_RESOURCE = /^aws_[a-z0-9_]+\.(events-key|message-processing-queue|multimodal-processing-queue|high-priority-processing-queue|notifications-topic|processing-complete-topic|opencv-layer|custom-models-layer|fn-|multimodal-analysis-workflow|analytics-stream|event-bus|performance-metric)/;
const DAY = 86400;

describe('bird-agent compute: event processing', () => {
  test('the compute stack reads network and data once each, shared with the services', () => {
    const { stacks } = built('dev');
    expect(stacks.compute).toBeInstanceOf(BirdAgentComputeStack);
    expect(stacks.compute.dependencies.map((d) => d.node.id)).toEqual(['bird-agent-dev-network', 'bird-agent-dev-data']);
    expect(Object.keys(json('dev').data.terraform_remote_state).sort()).toEqual(['data', 'network']);
  });

  test('the seed\'s queues: visibility, retention, redrive to their DLQs, FIFO with content-based deduplication, SSE-SQS', () => {
    const j = json();
    const queue = (name: string) => named(j, 'aws_sqs_queue', name);
    const redrive = (name: string) => parsed(queue(name).redrive_policy);
    const mp = queue(`${P}-message-processing-queue`);
    expect(mp).toMatchObject({ visibility_timeout_seconds: 60, message_retention_seconds: 14 * DAY, sqs_managed_sse_enabled: true });
    expect(mp.fifo_queue).toBeUndefined();
    expect(redrive(`${P}-message-processing-queue`)).toEqual({ deadLetterTargetArn: ref(j, 'aws_sqs_queue', `${P}-message-processing-dlq`, 'arn'), maxReceiveCount: 3 });

    expect(queue(`${P}-multimodal-processing-queue.fifo`)).toMatchObject({ fifo_queue: true, content_based_deduplication: true, visibility_timeout_seconds: 300, message_retention_seconds: 14 * DAY, sqs_managed_sse_enabled: true });
    expect(redrive(`${P}-multimodal-processing-queue.fifo`)).toEqual({ deadLetterTargetArn: ref(j, 'aws_sqs_queue', `${P}-multimodal-processing-dlq.fifo`, 'arn'), maxReceiveCount: 2 });
    expect(queue(`${P}-multimodal-processing-dlq.fifo`)).toMatchObject({ fifo_queue: true, message_retention_seconds: 14 * DAY });

    expect(queue(`${P}-high-priority-processing-queue.fifo`)).toMatchObject({ fifo_queue: true, content_based_deduplication: true, visibility_timeout_seconds: 30, message_retention_seconds: 7 * DAY });
    expect(redrive(`${P}-high-priority-processing-queue.fifo`).maxReceiveCount).toBe(3);
  });

  test('the message queue lets only the agent-message-processing rule send, over TLS', () => {
    const j = json();
    const policy = all(j, 'aws_sqs_queue_policy').find((p) => p.queue_url === ref(j, 'aws_sqs_queue', `${P}-message-processing-queue`, 'url'))!;
    const statements = parsed(policy.policy).Statement as Json[];
    expect(statements.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'AllowEventsSendMessage']);
    expect(statements[1].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': [ref(j, 'aws_cloudwatch_event_rule', 'agent-message-processing', 'arn')] } });
  });

  test('event-processor: the seed\'s python (3.13), x86_64, 1024 MB, 15 minutes, reserved 100, app subnets and the Lambda group, its environment and DLQ', () => {
    const j = json();
    const fn = named(j, 'aws_lambda_function', `${P}-event-processor`, 'function_name');
    expect(fn).toMatchObject({
      runtime: 'python3.13',
      architectures: ['x86_64'],
      handler: 'bootstrap.handler',
      memory_size: 1024,
      timeout: 900,
      reserved_concurrent_executions: 100,
      tracing_config: { mode: 'Active' },
      vpc_config: { subnet_ids: remote('network', 'private_app_subnet_ids'), security_group_ids: [remote('network', 'lambda_security_group_id')] },
    });
    expect(fn.environment.variables).toEqual({
      DYNAMODB_TABLE: remote('data', 'events_table_name'),
      SNS_TOPIC: ref(j, 'aws_sns_topic', `${P}-notifications`, 'arn'),
      EVENT_BUS_NAME: `${P}-events`,
    });
    expect(named(j, 'aws_sns_topic', `${P}-notifications`).kms_master_key_id).toMatch(/^\$\{aws_kms_key\.events-key_[A-F0-9]{8}\.arn\}$/);
    // The seed's event-processor-dlq: failed asynchronous invocations land there after Lambda's 2 retries (3 attempts).
    const dlq = named(j, 'aws_sqs_queue', `${P}-event-processor-dlq`);
    expect(dlq.kms_master_key_id).toMatch(/events-key/);
    const invoke = all(j, 'aws_lambda_function_event_invoke_config').find((c) => c.function_name === ref(j, 'aws_lambda_function', `${P}-event-processor`, 'function_name', 'function_name'))!;
    expect(invoke).toMatchObject({ qualifier: '${' + `aws_lambda_alias.${addressOf(j, 'aws_lambda_alias', `Published version of ${P}-event-processor that callers invoke`, 'description')}.name}`, maximum_retry_attempts: 2 });
    expect(invoke.destination_config.on_failure.destination).toBe(ref(j, 'aws_sqs_queue', `${P}-event-processor-dlq`, 'arn'));
    expect(named(j, 'aws_cloudwatch_log_group', `/aws/lambda/${P}-event-processor`)).toMatchObject({ name: `/aws/lambda/${P}-event-processor`, retention_in_days: 14, kms_key_id: remote('network', 'logs_kms_key_arn') });
  });

  test('multimodal-analysis: 3008 MB, 5 minutes, reserved 50, 10 provisioned on live; Powertools, OpenCV and custom-models layers; the seed\'s environment', () => {
    const j = json();
    const fn = named(j, 'aws_lambda_function', `${P}-multimodal-analysis`, 'function_name');
    expect(fn).toMatchObject({ runtime: 'python3.13', architectures: ['x86_64'], memory_size: 3008, timeout: 300, reserved_concurrent_executions: 50 });
    expect(fn.layers).toEqual([powertoolsLayerArn('us-east-1'), ref(j, 'aws_lambda_layer_version', `${P}-opencv`, 'arn', 'layer_name'), ref(j, 'aws_lambda_layer_version', `${P}-custom-models`, 'arn', 'layer_name')]);
    expect(fn.environment.variables).toMatchObject({ BEDROCK_REGION: 'us-east-1', S3_BUCKET: remote('data', 'media_bucket_name'), MODEL_CACHE: '/tmp/models' });
    const provisioned = all(j, 'aws_lambda_provisioned_concurrency_config');
    expect(provisioned).toHaveLength(1);
    expect(provisioned[0]).toMatchObject({ function_name: ref(j, 'aws_lambda_function', `${P}-multimodal-analysis`, 'function_name', 'function_name'), provisioned_concurrent_executions: 10 });
    for (const layer of ['opencv', 'custom-models']) {
      expect(named(j, 'aws_lambda_layer_version', `${P}-${layer}`, 'layer_name')).toMatchObject({ compatible_runtimes: ['python3.13'], compatible_architectures: ['x86_64'] });
    }
    // dev: the same sizes, a tenth of the concurrency, nothing provisioned.
    const dev = json('dev');
    expect(named(dev, 'aws_lambda_function', 'bird-agent-dev-multimodal-analysis', 'function_name')).toMatchObject({ memory_size: 3008, reserved_concurrent_executions: 5 });
    expect(all(dev, 'aws_lambda_provisioned_concurrency_config')).toEqual([]);
  });

  test('the five workflow task functions, each with its own log group (14 days), DLQ and role', () => {
    const j = json();
    const sizes = { 'content-classifier': [1024, 60], 'image-analyzer': [2048, 120], 'text-extractor': [1024, 120], 'metadata-enricher': [512, 60], 'results-aggregator': [512, 60] };
    for (const [name, [memory, timeout]] of Object.entries(sizes)) {
      expect(named(j, 'aws_lambda_function', `${P}-${name}`, 'function_name')).toMatchObject({ memory_size: memory, timeout, reserved_concurrent_executions: 20, runtime: 'python3.13' });
      expect(named(j, 'aws_cloudwatch_log_group', `/aws/lambda/${P}-${name}`).retention_in_days).toBe(14);
      named(j, 'aws_sqs_queue', `${P}-${name}-dlq`);
      named(j, 'aws_iam_role', `${P}-${name}-LambdaExecutionRole`);
    }
    expect(all(j, 'aws_lambda_function')).toHaveLength(7);
  });

  test('least privilege per function: each role holds only what its function calls', () => {
    const j = json();
    const sids = (name: string) => statementsOfRole(j, `${P}-${name}-LambdaExecutionRole`).map((s) => s.Sid);
    const common = ['WriteOwnLogGroup', 'WriteTraces', 'SendFailedEventsToDeadLetterQueue', 'EncryptDeadLetterMessages', 'DescribeNetworkInterfaces', 'CreateNetworkInterfaces', 'ManageNetworkInterfaces'];
    expect(sids('event-processor')).toEqual([...common, 'RecordAgentEvents', 'UseTheTablesKeyThroughDynamoDb', 'Notify', 'EncryptNotifications', 'PublishAgentEvents']);
    expect(sids('multimodal-analysis')).toEqual([...common, 'ListMedia', 'ReadMedia', 'WriteProcessedResults', 'InvokeTheConfiguredModels', 'PublishAgentMetrics']);
    expect(sids('content-classifier')).toEqual([...common, 'ReadMedia']);
    expect(sids('image-analyzer')).toEqual([...common, 'ReadMedia', 'InvokeTheConfiguredModels']);
    expect(sids('metadata-enricher')).toEqual([...common, 'ReadMedia', 'RecordMetadata', 'UseTheTablesKeyThroughDynamoDb']);
    expect(sids('results-aggregator')).toEqual([...common, 'WriteProcessedResults', 'RecordResults', 'UseTheTablesKeyThroughDynamoDb', 'PublishAgentEvents']);
    const statements = statementsOfRole(j, `${P}-results-aggregator-LambdaExecutionRole`);
    expect(statements.find((s) => s.Sid === 'PublishAgentEvents')!.Resource).toBe(`arn:aws:events:us-east-1:801000000003:event-bus/${P}-events`);
    expect(statements.find((s) => s.Sid === 'WriteProcessedResults')!.Resource).toBe(`${remote('data', 'media_bucket_arn')}/processed/*`);
    const models = statementsOfRole(j, `${P}-image-analyzer-LambdaExecutionRole`).find((s) => s.Sid === 'InvokeTheConfiguredModels')!;
    expect(models.Resource).toEqual(MODELS.map((id) => `arn:aws:bedrock:us-east-1::foundation-model/${id}`));
  });

  test('the seed\'s workflow: EXPRESS, ContentClassification, a Parallel of three, ResultsAggregation, NotificationDelivery; task ARNs are Terraform references', () => {
    const j = json();
    const machine = named(j, 'aws_sfn_state_machine', `${P}-multimodal-analysis-sm`);
    expect(machine.type).toBe('EXPRESS');
    expect(machine.tracing_configuration).toEqual({ enabled: true });
    expect(machine.logging_configuration).toEqual({ level: 'ALL', include_execution_data: true, log_destination: `${ref(j, 'aws_cloudwatch_log_group', `/aws/stepfunctions/${P}-multimodal-analysis`, 'arn')}:*` });
    expect(named(j, 'aws_cloudwatch_log_group', `/aws/stepfunctions/${P}-multimodal-analysis`)).toMatchObject({ retention_in_days: 7, kms_key_id: remote('network', 'logs_kms_key_arn') });
    const definition = parsed(machine.definition);
    expect(definition.StartAt).toBe('ContentClassification');
    expect(definition.TimeoutSeconds).toBe(300);
    expect(Object.keys(definition.States)).toEqual(['ContentClassification', 'ParallelProcessing', 'ResultsAggregation', 'NotificationDelivery', 'AnalysisFailed']);
    const fnRef = (name: string) => `${ref(j, 'aws_lambda_function', `${P}-${name}`, 'arn', 'function_name')}:live`;
    const states = definition.States;
    expect(states.ContentClassification).toMatchObject({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fnRef('content-classifier') }, Next: 'ParallelProcessing', TimeoutSeconds: 60 });
    expect(states.ParallelProcessing.Type).toBe('Parallel');
    expect(states.ParallelProcessing.Next).toBe('ResultsAggregation');
    expect(states.ParallelProcessing.Branches.map((b: Json) => [b.StartAt, b.States[b.StartAt].Parameters.FunctionName])).toEqual([
      ['ImageAnalysis', fnRef('image-analyzer')],
      ['TextExtraction', fnRef('text-extractor')],
      ['MetadataEnrichment', fnRef('metadata-enricher')],
    ]);
    expect(states.ResultsAggregation).toMatchObject({ Parameters: { FunctionName: fnRef('results-aggregator') }, Next: 'NotificationDelivery' });
    expect(states.NotificationDelivery).toMatchObject({ Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: ref(j, 'aws_sns_topic', `${P}-processing-complete`, 'arn') }, End: true });
    for (const state of ['ContentClassification', 'ParallelProcessing', 'ResultsAggregation']) expect(states[state].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'AnalysisFailed' }]);
    // The execution role invokes exactly the five functions (and their aliases) and publishes to the topic.
    const role = statementsOfRole(j, `${P}-multimodal-analysis-sm-role`);
    expect(role.find((s) => s.Sid === 'InvokeTaskFunctions')!.Resource).toHaveLength(10);
    expect(role.find((s) => s.Sid === 'PublishToTaskTopics')!.Resource).toEqual([ref(j, 'aws_sns_topic', `${P}-processing-complete`, 'arn')]);
  });

  test('the bus, its rules and targets: patterns as the seed, every target with retries and the bus DLQ, the archive with agent.* as a prefix', () => {
    const j = json();
    const bus = named(j, 'aws_cloudwatch_event_bus', `${P}-events`);
    expect(bus.kms_key_identifier).toMatch(/events-key/);
    const rule = (name: string) => named(j, 'aws_cloudwatch_event_rule', name);
    expect(parsed(rule('agent-message-processing').event_pattern)).toEqual({ source: ['bird.com'], 'detail-type': ['Message Received'] });
    expect(parsed(rule('multimodal-content-analysis').event_pattern)).toEqual({ source: ['agent.multimodal'], 'detail-type': ['Content Analysis Required'] });
    expect(parsed(rule('performance-metrics').event_pattern)).toEqual({ source: ['agent.metrics'] });
    const targets = all(j, 'aws_cloudwatch_event_target');
    const targetsOf = (name: string) => targets.filter((t) => t.rule === ref(j, 'aws_cloudwatch_event_rule', name, 'name')).map((t) => [t.target_id, t.arn]);
    expect(targetsOf('agent-message-processing')).toEqual([
      ['event-processor', ref(j, 'aws_lambda_alias', `Published version of ${P}-event-processor that callers invoke`, 'arn', 'description')],
      ['message-processing-queue', ref(j, 'aws_sqs_queue', `${P}-message-processing-queue`, 'arn')],
    ]);
    expect(targetsOf('multimodal-content-analysis')).toEqual([['multimodal-analysis-workflow', ref(j, 'aws_sfn_state_machine', `${P}-multimodal-analysis-sm`, 'arn')]]);
    expect(targetsOf('performance-metrics')).toEqual([
      ['analytics-stream', ref(j, 'aws_kinesis_stream', `${P}-analytics-stream`, 'arn')],
      ['custom-metrics-log', ref(j, 'aws_cloudwatch_log_group', `/aws/events/${P}-performance-metrics`, 'arn')],
    ]);
    const dlq = ref(j, 'aws_sqs_queue', `${P}-events-dlq`, 'arn');
    for (const target of targets) {
      expect(target.dead_letter_config).toEqual({ arn: dlq });
      expect(target.retry_policy).toEqual({ maximum_retry_attempts: 185, maximum_event_age_in_seconds: DAY });
    }
    expect(named(j, 'aws_cloudwatch_event_archive', `${P}-agent-events-archive`)).toMatchObject({ retention_days: 30, event_pattern: JSON.stringify({ source: ['bird.com', { prefix: 'agent.' }] }) });
    // The rule may invoke only the event processor's live alias.
    const permission = all(j, 'aws_lambda_permission')[0];
    expect(permission).toMatchObject({ principal: 'events.amazonaws.com', source_arn: ref(j, 'aws_cloudwatch_event_rule', 'agent-message-processing', 'arn') });
  });

  test('the analytics stream (events key) and the BirdAgent custom metrics from the performance-metrics log group', () => {
    const j = json();
    expect(named(j, 'aws_kinesis_stream', `${P}-analytics-stream`)).toMatchObject({ encryption_type: 'KMS', stream_mode_details: { stream_mode: 'ON_DEMAND' } });
    const filters = all(j, 'aws_cloudwatch_log_metric_filter');
    expect(filters.map((f) => f.metric_transformation.name).sort()).toEqual(PERFORMANCE_METRICS.map((m) => m.name).sort());
    expect(filters.find((f) => f.metric_transformation.name === 'ResponseTime')).toMatchObject({
      pattern: '{ ($.detail.metricName = "ResponseTime") && ($.detail.value = *) && ($.detail.service = *) }',
      metric_transformation: { namespace: 'BirdAgent', value: '$.detail.value', unit: 'Milliseconds', dimensions: { Service: '$.detail.service' } },
    });
    const policy = parsed(all(j, 'aws_cloudwatch_log_resource_policy')[0].policy_document).Statement[0];
    expect(policy.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': ref(j, 'aws_cloudwatch_event_rule', 'performance-metrics', 'arn') } });
  });

  test('publishes the compute contract\'s event outputs with realistic samples', () => {
    const { stacks } = built('dev');
    const samples = Object.fromEntries(stacks.compute.contract.map((o) => [o.name, o.sample]));
    for (const fn of ['event_processor', 'multimodal_analysis', 'content_classifier', 'image_analyzer', 'text_extractor', 'metadata_enricher', 'results_aggregator']) {
      expect(samples[`${fn}_function_name`]).toBe(`bird-agent-dev-${fn.replace(/_/g, '-')}`);
    }
    expect(samples).toMatchObject({
      state_machine_arn: 'arn:aws:states:us-east-1:801000000001:stateMachine:bird-agent-dev-multimodal-analysis-sm',
      event_bus_name: 'bird-agent-dev-events',
      message_processing_queue_url: 'https://sqs.us-east-1.amazonaws.com/801000000001/bird-agent-dev-message-processing-queue',
      multimodal_processing_queue_arn: 'arn:aws:sqs:us-east-1:801000000001:bird-agent-dev-multimodal-processing-queue.fifo',
      high_priority_queue_arn: 'arn:aws:sqs:us-east-1:801000000001:bird-agent-dev-high-priority-processing-queue.fifo',
      analytics_stream_arn: 'arn:aws:kinesis:us-east-1:801000000001:stream/bird-agent-dev-analytics-stream',
    });
  });

  test('a layer ARN that is not a layer version is rejected with one line', () => {
    expect(
      birdAgentConfigError((d) => {
        d.compute = { functions: { 'multimodal-analysis': { memoryMb: 3008, timeoutSeconds: 300, layerArns: ['arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64'] } } };
      }),
    ).toBe(
      'Invalid configuration for bird-agent/dev: compute.functions.multimodal-analysis.layerArns[0] = "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64" is not a Lambda layer version ARN. Fix: use arn:aws:lambda:<region>:<account>:layer:<name>:<version>, e.g. the Powertools ARN from its documentation.',
    );
    expect(birdAgentConfigError((d) => (d.compute = { functions: { 'event-processor': { memoryMb: 1024, timeoutSeconds: 900, layerArns: Array(6).fill(powertoolsLayerArn('us-east-1')) } } }))).toMatch(
      /compute\.functions\.event-processor\.layerArns = .* is not a list of at most 5 layer version ARNs/,
    );
  });

  test('compute.functions must name the seven functions, with layers of the region and task timeouts that fit an EXPRESS execution', () => {
    expect(birdAgentConfigError((d) => delete d.compute.functions['text-extractor'])).toBe(
      'Invalid configuration for bird-agent/dev: compute.functions = ["event-processor","multimodal-analysis","content-classifier","image-analyzer","metadata-enricher","results-aggregator"] lacks "text-extractor", which the seed defines. Fix: configure every bird-agent function (event-processor, multimodal-analysis, content-classifier, image-analyzer, text-extractor, metadata-enricher, results-aggregator); see src/config/systems/bird-agent/functions.ts.',
    );
    expect(birdAgentConfigError((d) => (d.compute.functions['audio-transcriber'] = { memoryMb: 512, timeoutSeconds: 60 }))).toMatch(/compute\.functions = "audio-transcriber" is not a bird-agent function/);
    expect(birdAgentConfigError((d) => (d.compute.functions['multimodal-analysis'].layerArns = [powertoolsLayerArn('us-west-2')]))).toMatch(
      /compute\.functions\.multimodal-analysis\.layerArns\[0\] = ".*:us-west-2:.*" is a layer in us-west-2; a function can only use layers of its own region \(us-east-1\)/,
    );
    expect(birdAgentConfigError((d) => (d.compute.functions['multimodal-analysis'].layerArns = Array(4).fill(powertoolsLayerArn('us-east-1'))))).toMatch(
      /layerArns = .* gives 4 layers; with the 2 the stack builds that exceeds the 5 Lambda attaches\. Fix: list at most 3\./,
    );
    expect(birdAgentConfigError((d) => (d.compute.functions['image-analyzer'].timeoutSeconds = 240))).toMatch(
      /compute\.functions = .* has workflow task timeouts that add up to 360 s \(classifier, slowest parallel branch, aggregator\), more than the 300 s an EXPRESS execution runs/,
    );
  });

  test.each(['dev', 'prod'] as const)('policy pack (%s): no open finding on the event processing resources', (env) => {
    const { stacks } = built(env);
    const report = evaluate(Object.values(stacks).map((s) => ({ name: s.node.id, json: synthJson(s) })));
    const findings = report.stacks.find((s) => s.stack === `bird-agent-${env}-compute`)!.findings.filter((f) => !f.suppressed && EVENT_RESOURCE.test(f.address));
    expect(findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    // The filter does select the event resources.
    const addresses = Object.entries<Json>(json(env).resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
    expect(addresses.filter((a) => EVENT_RESOURCE.test(a)).length).toBeGreaterThan(100);
  });

  test('terraform validates and plans the whole compute stack offline (prod; upstream outputs from their samples)', () => {
    const { stacks } = built('prod');
    // (The services' API Gateway account setting draws a provider deprecation warning; not asserted here.)
    expect(expectOfflinePlan(synthJson(stacks.compute), [stacks.network, stacks.data])).toContain('state_machine_arn');
  });
});
