import {
  LAMBDA_INVOKE,
  SNS_PUBLISH,
  branch,
  catchAll,
  choice,
  definition,
  fail,
  lambdaInvoke,
  parallel,
  pass,
  snsPublish,
  succeed,
} from '../../../src/constructs/workflow/asl';
import { TOPIC_ARN, TOPIC_KEY, fnArn, seedDefinition } from './fixtures';

const LAMBDA_RETRY_JSON = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
    IntervalSeconds: 1,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];
const CATCH_TO_FAILED = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'AnalysisFailed' }];

const invokeOf = (name: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: LAMBDA_INVOKE,
  Parameters: { FunctionName: `${fnArn(name)}:live`, 'Payload.$': '$' },
  ResultSelector: { 'Payload.$': '$.Payload' },
  OutputPath: '$.Payload',
  Retry: LAMBDA_RETRY_JSON,
  ...extra,
});

describe('ASL builders: the seed multimodal analysis workflow', () => {
  test('renders the seed states: classification, a parallel of image/text/metadata, aggregation, SNS notification (End), and the Fail state', () => {
    expect(JSON.parse(seedDefinition().render())).toEqual({
      Comment: 'Multimodal analysis: classify, analyse image/text/metadata in parallel, aggregate, notify',
      StartAt: 'ContentClassification',
      States: {
        ContentClassification: invokeOf('content-classifier', { Catch: CATCH_TO_FAILED, Next: 'ParallelProcessing' }),
        ParallelProcessing: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'ImageAnalysis', States: { ImageAnalysis: invokeOf('image-analyzer', { End: true }) } },
            { StartAt: 'TextExtraction', States: { TextExtraction: invokeOf('text-extractor', { End: true }) } },
            { StartAt: 'MetadataEnrichment', States: { MetadataEnrichment: invokeOf('metadata-enricher', { End: true }) } },
          ],
          Catch: CATCH_TO_FAILED,
          Next: 'ResultsAggregation',
        },
        ResultsAggregation: invokeOf('results-aggregator', { Catch: CATCH_TO_FAILED, Next: 'NotificationDelivery' }),
        NotificationDelivery: {
          Type: 'Task',
          Resource: SNS_PUBLISH,
          Parameters: { TopicArn: TOPIC_ARN, 'Message.$': '$' },
          ResultPath: null,
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' }],
          End: true,
        },
        AnalysisFailed: {
          Type: 'Fail',
          Error: 'MultimodalAnalysisFailed',
          Cause: 'A step of the multimodal analysis failed; the error is at $.error of the failing state',
        },
      },
    });
  });

  test('the rendering is deterministic: same string every time, keys in ASL order, states in definition order', () => {
    const json = seedDefinition().render();
    expect(seedDefinition().render()).toBe(json);
    const parsedJson = JSON.parse(json);
    expect(Object.keys(parsedJson)).toEqual(['Comment', 'StartAt', 'States']);
    expect(Object.keys(parsedJson.States)).toEqual(['ContentClassification', 'ParallelProcessing', 'ResultsAggregation', 'NotificationDelivery', 'AnalysisFailed']);
    expect(Object.keys(parsedJson.States.ContentClassification)).toEqual(['Type', 'Resource', 'Parameters', 'ResultSelector', 'OutputPath', 'Retry', 'Catch', 'Next']);
    expect(json).not.toMatch(/\n/);
  });

  test('the functions and topics the tasks call, once each in order of first use', () => {
    const seed = seedDefinition();
    expect(seed.lambdaFunctionArns()).toEqual(['content-classifier', 'image-analyzer', 'text-extractor', 'metadata-enricher', 'results-aggregator'].map(fnArn));
    expect(seed.snsTopics()).toEqual([{ topicArn: TOPIC_ARN, kmsKeyArn: TOPIC_KEY }]);
    expect(seed.problems()).toEqual([]);

    const twice = definition({
      states: [
        lambdaInvoke('A', { functionArn: fnArn('f'), next: 'B' }),
        lambdaInvoke('B', { functionArn: fnArn('f'), next: 'C' }),
        snsPublish('C', { topicArn: TOPIC_ARN, next: 'D' }),
        snsPublish('D', { topicArn: TOPIC_ARN }),
      ],
    });
    expect(twice.lambdaFunctionArns()).toEqual([fnArn('f')]);
    expect(twice.snsTopics()).toEqual([{ topicArn: TOPIC_ARN }]);
  });
});

describe('ASL builders: states', () => {
  const stateOf = (state: ReturnType<typeof lambdaInvoke>) => JSON.parse(JSON.stringify(state));

  test('Lambda invoke: unqualified without a qualifier; a ResultPath keeps the input and drops the OutputPath; options rendered', () => {
    expect(stateOf(lambdaInvoke('A', { functionArn: fnArn('f') })).Parameters).toEqual({ FunctionName: fnArn('f'), 'Payload.$': '$' });
    expect(
      stateOf(
        lambdaInvoke('A', {
          functionArn: fnArn('f'),
          qualifier: '3',
          payloadPath: '$.detail',
          resultPath: '$.classification',
          timeoutSeconds: 60,
          comment: 'classify',
          retry: [{ errors: ['Lambda.TooManyRequestsException'], intervalSeconds: 2, maxAttempts: 6, backoffRate: 1.5, maxDelaySeconds: 30, jitter: 'NONE' }],
          next: 'B',
        }),
      ),
    ).toEqual({
      Type: 'Task',
      Comment: 'classify',
      Resource: LAMBDA_INVOKE,
      Parameters: { FunctionName: `${fnArn('f')}:3`, 'Payload.$': '$.detail' },
      ResultSelector: { 'Payload.$': '$.Payload' },
      ResultPath: '$.classification',
      TimeoutSeconds: 60,
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 1.5, MaxDelaySeconds: 30, JitterStrategy: 'NONE' }],
      Next: 'B',
    });
    expect(stateOf(lambdaInvoke('A', { functionArn: fnArn('f'), retry: [] })).Retry).toBeUndefined();
  });

  test('SNS publish: subject, message path, a ResultPath, catchers', () => {
    expect(stateOf(snsPublish('N', { topicArn: TOPIC_ARN, subject: 'done', messagePath: '$.summary', resultPath: '$.published', catch: [catchAll('Failed', null)], next: 'X' }))).toEqual({
      Type: 'Task',
      Resource: SNS_PUBLISH,
      Parameters: { TopicArn: TOPIC_ARN, 'Message.$': '$.summary', Subject: 'done' },
      ResultPath: '$.published',
      Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Failed' }],
      Next: 'X',
    });
  });

  test('Choice, Pass, Succeed and Fail', () => {
    expect(stateOf(choice('C', { choices: [{ Variable: '$.type', StringEquals: 'image', Next: 'I' }], default: 'D' }))).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.type', StringEquals: 'image', Next: 'I' }],
      Default: 'D',
    });
    expect(stateOf(pass('P', { result: { ok: true }, resultPath: '$.status', next: 'S' }))).toEqual({ Type: 'Pass', Result: { ok: true }, ResultPath: '$.status', Next: 'S' });
    expect(stateOf(succeed('S'))).toEqual({ Type: 'Succeed' });
    expect(stateOf(fail('F', { error: 'Boom' }))).toEqual({ Type: 'Fail', Error: 'Boom' });
  });

  test('Parallel: a branch may start at another state than its first; ResultSelector and ResultPath rendered', () => {
    const state = stateOf(
      parallel('P', {
        branches: [branch([pass('Second'), pass('First', { next: 'Second' })], 'First')],
        resultSelector: { 'image.$': '$[0]' },
        resultPath: '$.analysis',
        retry: [{ errors: ['States.ALL'] }],
      }),
    );
    expect(state).toEqual({
      Type: 'Parallel',
      Branches: [{ StartAt: 'First', States: { Second: { Type: 'Pass', End: true }, First: { Type: 'Pass', Next: 'Second' } } }],
      ResultSelector: { 'image.$': '$[0]' },
      ResultPath: '$.analysis',
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
      End: true,
    });
  });
});

describe('ASL builders: problems() names what Step Functions would reject', () => {
  const fn = fnArn('f');

  test('duplicate state names, at the top level and across a branch', () => {
    const top = definition({ states: [pass('A', { next: 'A' }), succeed('A')] });
    expect(top.problems()).toContain('state name "A" is used twice in the definition; state names are unique across the state machine, branches included');
    const acrossBranch = definition({ states: [parallel('P', { branches: [branch([succeed('Done')])], next: 'Done' }), succeed('Done')] });
    expect(acrossBranch.problems()).toEqual(['state name "Done" is used twice (in the definition and branch 1 of "P"); state names are unique across the state machine, branches included']);
  });

  test('a Next, Default or Catch target that does not exist, or that is in another scope', () => {
    expect(definition({ states: [lambdaInvoke('A', { functionArn: fn, next: 'Missing' })] }).problems()).toEqual([
      'state "A" Next goes to "Missing", which is not a state of the definition; transitions stay within their scope',
      'the definition has no terminal state (End, Succeed or Fail); its executions could never finish',
    ]);
    expect(definition({ states: [choice('C', { choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], default: 'Nowhere' }), succeed('S')] }).problems()).toEqual([
      'state "C" Default goes to "Nowhere", which is not a state of the definition; transitions stay within their scope',
    ]);
    expect(definition({ states: [lambdaInvoke('A', { functionArn: fn, catch: [catchAll('Oops')] })] }).problems()).toEqual([
      'state "A" Catch[0].Next goes to "Oops", which is not a state of the definition; transitions stay within their scope',
    ]);
    const intoTopLevel = definition({ states: [parallel('P', { branches: [branch([pass('B', { next: 'Out' })])], next: 'Out' }), succeed('Out')] });
    expect(intoTopLevel.problems()).toEqual([
      'state "B" Next goes to "Out", which is not a state of branch 1 of "P"; transitions stay within their scope',
      'branch 1 of "P" has no terminal state (End, Succeed or Fail); its executions could never finish',
    ]);
  });

  test('StartAt that is not a state; no states; unreachable states; a Parallel without branches', () => {
    expect(definition({ states: [succeed('S')], startAt: 'Begin' }).problems()).toEqual(['the definition starts at "Begin", which is not one of its states (S)']);
    expect(definition({ states: [] }).problems()).toEqual(['the definition has no states; add at least one']);
    expect(definition({ states: [succeed('S'), succeed('Orphan'), fail('Lost', { error: 'E' })] }).problems()).toEqual([
      '"Orphan", "Lost" in the definition cannot be reached from "S"; link or remove them',
    ]);
    expect(definition({ states: [parallel('P', { branches: [] })] }).problems()).toEqual(['Parallel state "P" has no branches; give it at least one']);
  });

  test('a loop without an end', () => {
    expect(definition({ states: [pass('A', { next: 'B' }), pass('B', { next: 'A' })] }).problems()).toEqual([
      'the definition has no terminal state (End, Succeed or Fail); its executions could never finish',
    ]);
  });

  test('state names longer than 80 characters; bad timeouts', () => {
    const long = 'S'.repeat(81);
    expect(definition({ states: [succeed(long)] }).problems()).toEqual([`state name "${long}" in the definition is not 1-80 characters`]);
    expect(definition({ states: [lambdaInvoke('A', { functionArn: fn, timeoutSeconds: 0 })], timeoutSeconds: 1.5 }).problems()).toEqual([
      'TimeoutSeconds 1.5 is not a whole number of seconds (1 or more)',
      'state "A" TimeoutSeconds 0 is not a whole number of seconds (1 or more)',
    ]);
  });

  test('retriers and catchers: States.ALL alone and last, sane numbers', () => {
    const state = lambdaInvoke('A', {
      functionArn: fn,
      retry: [{ errors: ['States.ALL', 'Lambda.ServiceException'], intervalSeconds: 0, maxAttempts: -1, backoffRate: 0.5, maxDelaySeconds: 0 }, { errors: [] }],
      catch: [catchAll('F'), { errors: ['States.Timeout'], next: 'F' }],
    });
    expect(definition({ states: [state, fail('F', { error: 'E' })] }).problems()).toEqual([
      'state "A" Retry[0] uses States.ALL with other errors or before another entry; States.ALL must be alone and last',
      'state "A" Retry[0] intervalSeconds 0 is not a whole number (1 or more)',
      'state "A" Retry[0] maxAttempts -1 is not a whole number (0 or more)',
      'state "A" Retry[0] backoffRate 0.5 is below 1; the interval cannot shrink',
      'state "A" Retry[0] maxDelaySeconds 0 is not a whole number (1 or more)',
      'state "A" Retry[1] matches no error names; list them or use States.ALL',
      'state "A" Catch[0] uses States.ALL with other errors or before another entry; States.ALL must be alone and last',
    ]);
  });

  test('literal ARNs: a qualified function ARN, something that is not a topic', () => {
    expect(definition({ states: [lambdaInvoke('A', { functionArn: `${fn}:live`, next: 'N' }), snsPublish('N', { topicArn: 'processing-complete' })] }).problems()).toEqual([
      `state "A" functionArn "${fn}:live" is not an unqualified Lambda function ARN; pass the alias or version as qualifier`,
      'state "N" topicArn "processing-complete" is not an SNS topic ARN',
    ]);
  });
});
