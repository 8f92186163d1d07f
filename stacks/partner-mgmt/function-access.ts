import { PartnerFunctionName } from '../../src/config/systems/partner-mgmt/functions';
import { PolicyStatement } from '../../src/core/iam/policy-document';

/** Everything a function's permissions and environment are written against, in one region. */
export interface FunctionEnvironment {
  readonly system: string;
  readonly env: string;
  readonly region: string;
  readonly account: string;
  /** Table name and ARN by table key (`analysis-results`, ...). */
  readonly tables: Readonly<Record<string, { readonly name: string; readonly arn: string; readonly streamArn?: string }>>;
  /** TTL hours by table key, written by the application into `expiresAt`. */
  readonly ttlHours: Readonly<Record<string, number>>;
  readonly lakeBucket: { readonly name: string; readonly arn: string };
  readonly resultsBucket: { readonly name: string; readonly arn: string };
  readonly athenaWorkgroup: { readonly name: string; readonly arn: string };
  readonly glueDatabase: string;
  readonly integrationSecretArn: string;
  readonly dataKeyArn: string;
  readonly eventBus: { readonly name: string; readonly arn: string };
  /** Foundation-model and inference-profile ARNs the analysis functions may invoke. */
  readonly modelArns: readonly string[];
  readonly modelIds: Readonly<Record<string, string>>;
  /** SSM path under which the ai layer writes the agent's ID and alias ID. */
  readonly agentParameterPath: string;
  readonly metricsNamespace: string;
}

const ITEM_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const ITEM_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];

/** A table and its indexes as IAM resources. */
const withIndexes = (arn: string) => [arn, `${arn}/index/*`];

/**
 * Each function's own least-privilege statements (logs, X-Ray, VPC and its dead-letter queue come
 * from LambdaFunction) and its environment variables. The ai layer adds the orchestrator's
 * bedrock:InvokeAgent on the exact alias, and the prompt reads of the functions that use prompts.
 */
export function functionAccess(name: PartnerFunctionName, e: FunctionEnvironment): { statements: PolicyStatement[]; environment: Record<string, string> } {
  const results = e.tables['analysis-results'];
  const sessions = e.tables['user-sessions'];
  const history = e.tables['analysis-history'];
  const viaServices = (...services: string[]): PolicyStatement => ({
    Sid: 'UseTheDataKeyThroughItsServices',
    Effect: 'Allow',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: e.dataKeyArn,
    Condition: { StringEquals: { 'kms:ViaService': services.map((s) => `${s}.${e.region}.amazonaws.com`) } },
  });
  const invokeModels: PolicyStatement = { Sid: 'InvokeTheConfiguredModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [...e.modelArns] };
  const putEvents: PolicyStatement = { Sid: 'PublishWorkflowEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: e.eventBus.arn };
  const common: Record<string, string> = {
    APP_ENV: e.env,
    METRICS_NAMESPACE: e.metricsNamespace,
    NODE_OPTIONS: '--enable-source-maps',
  };
  const tableEnv = {
    RESULTS_TABLE: results.name,
    RESULTS_TTL_HOURS: String(e.ttlHours['analysis-results']),
    SESSIONS_TABLE: sessions.name,
    SESSIONS_TTL_HOURS: String(e.ttlHours['user-sessions']),
    HISTORY_TABLE: history.name,
    HISTORY_TTL_HOURS: String(e.ttlHours['analysis-history']),
  };
  switch (name) {
    case 'opportunity-analysis':
      // API mode: accept a job (PENDING item, AnalysisRequested event, 202 + jobId) and answer polls;
      // event mode: run the analysis through the agent and write the result with its TTL.
      return {
        statements: [
          { Sid: 'JobsAndResults', Effect: 'Allow', Action: [...ITEM_READ, ...ITEM_WRITE], Resource: [...withIndexes(results.arn), ...withIndexes(history.arn)] },
          { Sid: 'Sessions', Effect: 'Allow', Action: [...ITEM_READ, ...ITEM_WRITE, 'dynamodb:DeleteItem'], Resource: sessions.arn },
          putEvents,
          { Sid: 'ReadTheAgentIds', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: `arn:aws:ssm:${e.region}:${e.account}:parameter${e.agentParameterPath}*` },
          invokeModels,
          viaServices('dynamodb'),
        ],
        environment: { ...common, ...tableEnv, EVENT_BUS_NAME: e.eventBus.name, AGENT_PARAMETER_PATH: e.agentParameterPath, STANDARD_MODEL_ID: e.modelIds.standard, ENHANCED_MODEL_ID: e.modelIds.enhanced },
      };
    case 'query-generation':
      return {
        statements: [
          invokeModels,
          {
            Sid: 'ReadTheLakeSchema',
            Effect: 'Allow',
            Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables'],
            Resource: [`arn:aws:glue:${e.region}:${e.account}:catalog`, `arn:aws:glue:${e.region}:${e.account}:database/${e.glueDatabase}`, `arn:aws:glue:${e.region}:${e.account}:table/${e.glueDatabase}/*`],
          },
        ],
        environment: { ...common, GLUE_DATABASE: e.glueDatabase, STANDARD_MODEL_ID: e.modelIds.standard, ENHANCED_MODEL_ID: e.modelIds.enhanced },
      };
    case 'data-retrieval':
      return {
        statements: [
          { Sid: 'RunQueries', Effect: 'Allow', Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'], Resource: e.athenaWorkgroup.arn },
          {
            Sid: 'ReadTheCatalog',
            Effect: 'Allow',
            Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
            Resource: [`arn:aws:glue:${e.region}:${e.account}:catalog`, `arn:aws:glue:${e.region}:${e.account}:database/${e.glueDatabase}`, `arn:aws:glue:${e.region}:${e.account}:table/${e.glueDatabase}/*`],
          },
          { Sid: 'ListTheLake', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [e.lakeBucket.arn, e.resultsBucket.arn] },
          { Sid: 'ReadTheLake', Effect: 'Allow', Action: 's3:GetObject', Resource: `${e.lakeBucket.arn}/*` },
          { Sid: 'QueryResults', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: `${e.resultsBucket.arn}/athena/*` },
          viaServices('s3', 'athena'),
        ],
        environment: { ...common, ATHENA_WORKGROUP: e.athenaWorkgroup.name, GLUE_DATABASE: e.glueDatabase, LAKE_BUCKET: e.lakeBucket.name },
      };
    case 'funding-analysis':
    case 'follow-on-analysis':
      return {
        statements: [
          invokeModels,
          { Sid: 'CustomerHistory', Effect: 'Allow', Action: ITEM_READ, Resource: withIndexes(history.arn) },
          { Sid: 'PartnerPrograms', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: e.integrationSecretArn },
          viaServices('dynamodb', 'secretsmanager'),
        ],
        environment: { ...common, HISTORY_TABLE: history.name, INTEGRATION_SECRET_ARN: e.integrationSecretArn, STANDARD_MODEL_ID: e.modelIds.standard, ENHANCED_MODEL_ID: e.modelIds.enhanced },
      };
    case 'health-check':
      return {
        statements: [
          { Sid: 'DescribeTheTables', Effect: 'Allow', Action: 'dynamodb:DescribeTable', Resource: Object.values(e.tables).map((t) => t.arn) },
          // PutMetricData supports no resource; the namespace condition keeps it to this system's metrics.
          { Sid: 'PublishHealth', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': e.metricsNamespace } } },
        ],
        environment: { ...common, TABLES: Object.values(e.tables).map((t) => t.name).join(','), EVENT_BUS_NAME: e.eventBus.name },
      };
    case 'stream-processor':
      return {
        statements: [
          {
            Sid: 'ReadTheStreams',
            Effect: 'Allow',
            Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
            Resource: [results, history].map((t) => t.streamArn ?? `${t.arn}/stream/*`),
          },
          // ListStreams supports no resource-level permission.
          { Sid: 'ListStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' },
          putEvents,
          { Sid: 'PublishKpis', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': e.metricsNamespace } } },
          viaServices('dynamodb'),
        ],
        environment: { ...common, EVENT_BUS_NAME: e.eventBus.name },
      };
  }
}
