import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { LambdaFunction } from '../../../src/constructs/compute/lambda-function';
import { definition, lambdaInvoke, snsPublish, succeed } from '../../../src/constructs/workflow/asl';
import { LOG_DELIVERY_ACTIONS, StateMachine, StateMachineProps, TRACING_ACTIONS } from '../../../src/constructs/workflow/state-machine';
import { denyInsecureTransport, policyJson } from '../../../src/core/iam/policy-document';
import { isUnscopableAction } from '../../../src/core/iam/unscopable-actions';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { ACCOUNT, KEY, REGION, TOPIC_ARN, TOPIC_KEY, fnArn, multimodalAnalysis, seedDefinition } from './fixtures';

const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/logs`;
const SM_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:agent-dev-multimodal-analysis`;

const base = (): StateMachineProps => ({
  name: 'agent-dev-multimodal-analysis',
  definition: seedDefinition(),
  accountId: ACCOUNT,
  region: REGION,
  kmsKeyArn: KEY,
});

function stack(name = 'agent-dev-compute'): TerraformStack {
  const s = new TerraformStack(Testing.app(), name);
  new AwsProvider(s, 'aws', { region: REGION });
  return s;
}

function synthMachine(props: Partial<StateMachineProps> = {}): { json: Json; machine: StateMachine } {
  const s = stack();
  const machine = new StateMachine(s, 'workflow', { ...base(), ...props });
  return { json: synthJson(s), machine };
}

const addressOf = (json: Json, type: string): string => `${type}.${resourcesOf(json, type)[0][0]}`;
const statementsOf = (json: Json): Json[] => parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;

describe('StateMachine resource', () => {
  test('defaults: STANDARD, the rendered definition, logging ALL with execution data to its log group (ARN with :*), X-Ray, customer-managed key', () => {
    const { json, machine } = synthMachine();
    const logGroup = addressOf(json, 'aws_cloudwatch_log_group');
    expect(onlyResource(json, 'aws_sfn_state_machine')).toEqual({
      name: 'agent-dev-multimodal-analysis',
      type: 'STANDARD',
      role_arn: `\${${addressOf(json, 'aws_iam_role')}.arn}`,
      definition: seedDefinition().render(),
      logging_configuration: { level: 'ALL', include_execution_data: true, log_destination: `\${${logGroup}.arn}:*` },
      tracing_configuration: { enabled: true },
      encryption_configuration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kms_key_id: KEY, kms_data_key_reuse_period_seconds: 300 },
      depends_on: [addressOf(json, 'aws_iam_role_policy')],
    });
    expect(machine.definitionJson).toBe(seedDefinition().render());
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/vendedlogs/states/agent-dev-multimodal-analysis', retention_in_days: 30, kms_key_id: KEY });
  });

  test('the seed settings: EXPRESS, /aws/stepfunctions/multimodal-analysis kept 7 days with the logs key', () => {
    const { json } = synthMachine({ type: 'EXPRESS', logGroupName: '/aws/stepfunctions/multimodal-analysis', logRetentionDays: 7, logKmsKeyArn: LOGS_KEY, kmsDataKeyReusePeriodSeconds: 900 });
    const machine = onlyResource(json, 'aws_sfn_state_machine');
    expect(machine.type).toBe('EXPRESS');
    expect(machine.encryption_configuration.kms_data_key_reuse_period_seconds).toBe(900);
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/stepfunctions/multimodal-analysis', retention_in_days: 7, kms_key_id: LOGS_KEY });
  });

  test('level ERROR and no execution data when asked; OFF (STANDARD only) builds no log group and no log permissions; tracing can be turned off', () => {
    const error = onlyResource(synthMachine({ logLevel: 'ERROR', includeExecutionData: false }).json, 'aws_sfn_state_machine');
    expect(error.logging_configuration).toMatchObject({ level: 'ERROR', include_execution_data: false });

    const { json } = synthMachine({ logLevel: 'OFF', includeExecutionData: false, tracing: false });
    expect(onlyResource(json, 'aws_sfn_state_machine')).toMatchObject({ logging_configuration: { level: 'OFF', include_execution_data: false }, tracing_configuration: { enabled: false } });
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toEqual([]);
    expect(statementsOf(json).map((s) => s.Sid)).toEqual(['InvokeTaskFunctions', 'PublishToTaskTopics', 'EncryptTopicMessages', 'EncryptStateMachineData']);
  });

  test('outputs: arn, name, role', () => {
    const s = stack();
    const machine = new StateMachine(s, 'workflow', base());
    new TerraformOutput(s, 'arn', { value: machine.arn });
    new TerraformOutput(s, 'name', { value: machine.name });
    new TerraformOutput(s, 'role', { value: machine.roleArn });
    const json = synthJson(s);
    const address = addressOf(json, 'aws_sfn_state_machine');
    expect(json.output).toEqual({
      arn: { value: `\${${address}.arn}` },
      name: { value: `\${${address}.name}` },
      role: { value: `\${${addressOf(json, 'aws_iam_role')}.arn}` },
    });
  });

  test('every resource on the given provider (another region)', () => {
    const s = stack();
    const west = new AwsProvider(s, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new StateMachine(s, 'workflow', { ...base(), region: 'us-west-2', provider: west });
    const json = synthJson(s);
    for (const type of ['aws_sfn_state_machine', 'aws_iam_role', 'aws_iam_role_policy', 'aws_cloudwatch_log_group']) {
      expect({ type, provider: onlyResource(json, type).provider }).toEqual({ type, provider: 'aws.us_west_2' });
    }
  });
});

describe('StateMachine execution role', () => {
  test('trust: only Step Functions of this account, for this state machine (and its versions/aliases)', () => {
    const role = onlyResource(synthMachine().json, 'aws_iam_role');
    expect(role.name).toBe('agent-dev-multimodal-analysis-role');
    expect(parsed(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'StepFunctionsAssumesRoleForThisStateMachine',
          Effect: 'Allow',
          Principal: { Service: 'states.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': [SM_ARN, `${SM_ARN}:*`] } },
        },
      ],
    });
  });

  test('allowed exactly: invoke the five task functions (and their aliases), publish to the topic (with its key through SNS), the state machine key for this machine, log delivery, X-Ray', () => {
    const functions = ['content-classifier', 'image-analyzer', 'text-extractor', 'metadata-enricher', 'results-aggregator'].map(fnArn);
    expect(statementsOf(synthMachine().json)).toEqual([
      { Sid: 'InvokeTaskFunctions', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functions.flatMap((arn) => [arn, `${arn}:*`]) },
      { Sid: 'PublishToTaskTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: [TOPIC_ARN] },
      {
        Sid: 'EncryptTopicMessages',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: [TOPIC_KEY],
        Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
      },
      {
        Sid: 'EncryptStateMachineData',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: KEY,
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': SM_ARN } },
      },
      {
        Sid: 'EncryptDeliveredLogs',
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: KEY,
        Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': `arn:aws:logs:${REGION}:${ACCOUNT}:*` } },
      },
      {
        Sid: 'SetUpLogDelivery',
        Effect: 'Allow',
        Action: [
          'logs:CreateLogDelivery',
          'logs:GetLogDelivery',
          'logs:UpdateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:ListLogDeliveries',
          'logs:PutResourcePolicy',
          'logs:DescribeResourcePolicies',
          'logs:DescribeLogGroups',
        ],
        Resource: '*',
      },
      { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], Resource: '*' },
    ]);
  });

  test('the "*" statements hold only unscopable actions (the shared list IAM-01 reads)', () => {
    for (const action of [...LOG_DELIVERY_ACTIONS, ...TRACING_ACTIONS]) expect({ action, unscopable: isUnscopableAction(action) }).toEqual({ action, unscopable: true });
  });

  test('no Lambda or SNS statement when the definition calls none; a topic without a key adds no KMS statement for it', () => {
    const onlySucceed = statementsOf(synthMachine({ definition: definition({ states: [succeed('Done')] }) }).json).map((s) => s.Sid);
    expect(onlySucceed).toEqual(['EncryptStateMachineData', 'EncryptDeliveredLogs', 'SetUpLogDelivery', 'WriteTraces']);
    const plainTopic = statementsOf(synthMachine({ definition: definition({ states: [snsPublish('Notify', { topicArn: TOPIC_ARN })] }) }).json).map((s) => s.Sid);
    expect(plainTopic).toEqual(['PublishToTaskTopics', 'EncryptStateMachineData', 'EncryptDeliveredLogs', 'SetUpLogDelivery', 'WriteTraces']);
  });

  test('roleName as given', () => {
    expect(onlyResource(synthMachine({ roleName: 'agent-dev-sfn' }).json, 'aws_iam_role').name).toBe('agent-dev-sfn');
  });
});

describe('StateMachine rejects bad props', () => {
  const build = (props: Partial<StateMachineProps>) => () => new StateMachine(stack(), 'workflow', { ...base(), ...props });
  const where = 'StateMachine agent-dev-multimodal-analysis';

  test('names: 1-80 letters, digits, - or _', () => {
    expect(build({ name: 'x'.repeat(81) })).toThrow(`StateMachine workflow: name "${'x'.repeat(81)}" is not a literal of 1-80 letters, digits, - or _ (logging accepts no other characters); pass a name like <system>-<env>-<workflow>`);
    expect(build({ name: 'multimodal analysis' })).toThrow(/name "multimodal analysis" is not a literal of 1-80/);
    expect(build({ name: '' })).toThrow(/name "" is not a literal of 1-80/);
    // 80 characters is fine; the default role name `<name>-role` then exceeds IAM's 64, so pass one.
    expect(() => new StateMachine(stack(), 'workflow', { ...base(), name: 'x'.repeat(80), roleName: 'x-sfn' })).not.toThrow();
    expect(build({ name: 'x'.repeat(80) })).toThrow(`StateMachine ${'x'.repeat(80)}: role name "${'x'.repeat(80)}-role" is longer than 64 characters; pass a shorter roleName`);
  });

  test('EXPRESS with logging OFF: no record of its executions', () => {
    expect(build({ type: 'EXPRESS', logLevel: 'OFF', includeExecutionData: false })).toThrow(
      `${where}: logLevel OFF on an EXPRESS state machine leaves no record of its executions (EXPRESS keeps no execution history); log ALL, or at least ERROR`,
    );
    expect(build({ logLevel: 'OFF' })).toThrow(`${where}: includeExecutionData is true with logLevel OFF; nothing is logged, set includeExecutionData false or pick a log level`);
  });

  test('retention, reuse period, log group name, role name, account, region, type', () => {
    expect(build({ logRetentionDays: 8 })).toThrow(`${where}: logRetentionDays 8 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30`);
    expect(build({ kmsDataKeyReusePeriodSeconds: 30 })).toThrow(`${where}: kmsDataKeyReusePeriodSeconds 30 is outside 60-900`);
    expect(build({ kmsDataKeyReusePeriodSeconds: 901 })).toThrow(/kmsDataKeyReusePeriodSeconds 901 is outside 60-900/);
    expect(build({ logGroupName: '/aws/step functions' })).toThrow(`${where}: logGroupName "/aws/step functions" is not 1-512 letters, digits, and . _ / # -`);
    expect(build({ roleName: 'r'.repeat(65) })).toThrow(/role name "r+" is longer than 64 characters/);
    expect(build({ accountId: '1234' })).toThrow(`${where}: accountId "1234" is not a 12-digit account ID`);
    expect(build({ region: 'east' })).toThrow(`${where}: region "east" is not an AWS region name such as us-east-1`);
    expect(build({ type: 'SYNC' as never })).toThrow(`${where}: type "SYNC" is not STANDARD or EXPRESS`);
    expect(build({ logLevel: 'DEBUG' as never })).toThrow(`${where}: logLevel "DEBUG" is not ALL, ERROR, FATAL or OFF`);
  });

  test('a bad definition, with every problem in one message', () => {
    const bad = definition({
      states: [lambdaInvoke('Classify', { functionArn: fnArn('c'), next: 'Analyse' }), lambdaInvoke('Classify', { functionArn: fnArn('d'), next: 'Classify' })],
    });
    expect(build({ definition: bad })).toThrow(
      `${where}: the definition is not valid: state name "Classify" is used twice in the definition; state names are unique across the state machine, branches included; ` +
        'state "Classify" Next goes to "Analyse", which is not a state of the definition; transitions stay within their scope; ' +
        'the definition has no terminal state (End, Succeed or Fail); its executions could never finish',
    );
  });

  test('an EXPRESS timeout beyond 5 minutes', () => {
    const slow = definition({ states: [succeed('Done')], timeoutSeconds: 600 });
    expect(build({ type: 'EXPRESS', definition: slow })).toThrow(`${where}: TimeoutSeconds 600 exceeds the 300 seconds an EXPRESS execution may run; lower it or use STANDARD`);
    expect(build({ type: 'STANDARD', definition: slow })).not.toThrow();
  });
});

/**
 * The seed's multimodal analysis: five task functions (LambdaFunction with the bootstrap handler), a
 * KMS-encrypted TLS-only processing-complete topic, and the EXPRESS state machine over them.
 */
function seedStack(name = 'agent-dev-compute'): { stack: TerraformStack; machine: StateMachine; functions: LambdaFunction[] } {
  const s = stack(name);
  const functions = ['content-classifier', 'image-analyzer', 'text-extractor', 'metadata-enricher', 'results-aggregator'].map(
    (purpose) =>
      new LambdaFunction(s, purpose, {
        functionName: `agent-dev-${purpose}`,
        description: `Multimodal analysis step: ${purpose}`,
        accountId: ACCOUNT,
        region: REGION,
        kmsKeyArn: KEY,
        reservedConcurrency: 10,
        logRetentionDays: 7,
      }),
  );
  const topic = new SnsTopic(s, 'processing-complete', { name: 'agent-dev-processing-complete', kmsMasterKeyId: TOPIC_KEY });
  new SnsTopicPolicy(s, 'processing-complete-policy', { arn: topic.arn, policy: policyJson({ Statement: [denyInsecureTransport('sns:Publish', [topic.arn])] }) });
  const [classifier, image, text, metadata, aggregator] = functions;
  const task = (fn: LambdaFunction) => ({ functionArn: fn.arn, qualifier: fn.alias.name });
  const machine = new StateMachine(s, 'multimodal-analysis', {
    name: 'agent-dev-multimodal-analysis',
    type: 'EXPRESS',
    // Each task invokes its function's `live` alias (provisioned concurrency and async config live there).
    definition: multimodalAnalysis({
      contentClassifier: task(classifier),
      imageAnalyzer: task(image),
      textExtractor: task(text),
      metadataEnricher: task(metadata),
      resultsAggregator: task(aggregator),
      processingCompleteTopicArn: topic.arn,
      topicKmsKeyArn: TOPIC_KEY,
    }),
    accountId: ACCOUNT,
    region: REGION,
    kmsKeyArn: KEY,
    logKmsKeyArn: LOGS_KEY,
    logGroupName: '/aws/stepfunctions/multimodal-analysis',
    logRetentionDays: 7,
  });
  return { stack: s, machine, functions };
}

describe('the seed stack: five functions, the topic and the state machine', () => {
  test('the definition invokes each function alias and publishes to the topic; the role is scoped to those resources', () => {
    const { stack: s } = seedStack();
    const json = synthJson(s);
    const definitionJson = JSON.parse(onlyResource(json, 'aws_sfn_state_machine').definition);
    const idOf = (type: string, purpose: string) => resourcesOf(json, type).find(([id]) => id.startsWith(`${purpose}_`))![0];
    const functionRef = (purpose: string) => `\${aws_lambda_function.${idOf('aws_lambda_function', purpose)}.arn}`;
    const aliasRef = (purpose: string) => `\${aws_lambda_alias.${idOf('aws_lambda_alias', purpose)}.name}`;
    expect(definitionJson.States.ContentClassification.Parameters.FunctionName).toBe(`${functionRef('content-classifier')}:${aliasRef('content-classifier')}`);
    expect(definitionJson.States.ParallelProcessing.Branches[2].States.MetadataEnrichment.Parameters.FunctionName).toBe(`${functionRef('metadata-enricher')}:${aliasRef('metadata-enricher')}`);
    expect(definitionJson.States.ParallelProcessing.Branches.map((b: Json) => b.StartAt)).toEqual(['ImageAnalysis', 'TextExtraction', 'MetadataEnrichment']);
    expect(definitionJson.States.NotificationDelivery.Parameters.TopicArn).toBe(`\${${addressOf(json, 'aws_sns_topic')}.arn}`);
    const role = resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.role.startsWith('${aws_iam_role.multimodal-analysis_'))![1];
    const invoke = parsed(role.policy).Statement.find((st: Json) => st.Sid === 'InvokeTaskFunctions');
    expect(invoke.Resource).toHaveLength(10);
    expect(invoke.Resource.slice(0, 2)).toEqual([functionRef('content-classifier'), `${functionRef('content-classifier')}:*`]);
  });

  test('policy pack: no finding in the stack, in dev and prod', () => {
    for (const name of ['agent-dev-compute', 'agent-prod-compute']) {
      const { stack: s } = seedStack(name);
      const report = evaluate([{ name, json: synthJson(s) }]);
      const findings = report.stacks.flatMap((r) => r.findings).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
      expect({ name, findings }).toEqual({ name, findings: [] });
      expect(report.stacks[0].evaluated).toBeGreaterThan(0);
    }
  });

  test('policy pack: SFN-01 reports a STANDARD machine with logging OFF and no tracing (the caller must then suppress it with a reason)', () => {
    const s = stack();
    new StateMachine(s, 'workflow', { ...base(), logLevel: 'OFF', includeExecutionData: false, tracing: false });
    const findings = evaluate([{ name: 'agent-dev-compute', json: synthJson(s) }]).stacks.flatMap((r) => r.findings);
    expect(findings.map((f) => [f.ruleId, f.attribute])).toEqual([
      ['SFN-01', 'logging_configuration.level, logging_configuration.include_execution_data, logging_configuration.log_destination, tracing_configuration.enabled'],
    ]);
  });

  test('offline terraform validate and plan against the real provider schema', () => {
    expectOfflinePlan(synthJson(seedStack().stack));
  });
});
