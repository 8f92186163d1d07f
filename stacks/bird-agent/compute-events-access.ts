import { BirdAgentFunctionName } from '../../src/config/systems/bird-agent/functions';
import { PolicyStatement } from '../../src/core/iam/policy-document';

/** What the functions' permissions and environments are written against. */
export interface FunctionContext {
  readonly region: string;
  /** The agent-events table (the seed's DYNAMODB_TABLE). */
  readonly eventsTable: { readonly name: string; readonly arn: string };
  /** Customer-managed key of the tables: used through DynamoDB only. */
  readonly tablesKeyArn: string;
  /** The media bucket (the seed's S3_BUCKET, SSE-S3). */
  readonly mediaBucket: { readonly name: string; readonly arn: string };
  readonly eventBus: { readonly name: string; readonly arn: string };
  /** The notifications topic (the seed's SNS_TOPIC) and its key. */
  readonly notificationsTopicArn: string;
  readonly eventsKeyArn: string;
  /** Foundation-model ARNs the analysing functions may invoke (empty: no Bedrock access). */
  readonly modelArns: readonly string[];
  /** The seed's custom metric namespace. */
  readonly metricsNamespace: string;
}

/** Where results go in the media bucket (the seed's `processed/` folder). */
export const PROCESSED_PREFIX = 'processed/';
/** The seed's MODEL_CACHE. */
export const MODEL_CACHE = '/tmp/models';

const ITEM_READ = ['dynamodb:GetItem', 'dynamodb:Query'];
const ITEM_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * Each function's own least-privilege statements and environment (logs, X-Ray, ENIs and its
 * dead-letter queue come from LambdaFunction): the seed's BirdAgentLambdaExecutionRole policies
 * (DynamoDB, S3, EventBridge) split so each function holds only what it calls.
 */
export function functionAccess(name: BirdAgentFunctionName, c: FunctionContext): { statements: PolicyStatement[]; environment: Record<string, string> } {
  const table = c.eventsTable;
  const tableItems = (sid: string, actions: string[]): PolicyStatement => ({ Sid: sid, Effect: 'Allow', Action: actions, Resource: [table.arn, `${table.arn}/index/*`] });
  const viaDynamoDb: PolicyStatement = {
    Sid: 'UseTheTablesKeyThroughDynamoDb',
    Effect: 'Allow',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: c.tablesKeyArn,
    Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${c.region}.amazonaws.com` } },
  };
  const readMedia: PolicyStatement = { Sid: 'ReadMedia', Effect: 'Allow', Action: 's3:GetObject', Resource: `${c.mediaBucket.arn}/*` };
  const writeResults: PolicyStatement = { Sid: 'WriteProcessedResults', Effect: 'Allow', Action: 's3:PutObject', Resource: `${c.mediaBucket.arn}/${PROCESSED_PREFIX}*` };
  const putEvents: PolicyStatement = { Sid: 'PublishAgentEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: c.eventBus.arn };
  const invokeModels: PolicyStatement[] = c.modelArns.length > 0 ? [{ Sid: 'InvokeTheConfiguredModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [...c.modelArns] }] : [];
  // PutMetricData supports no resource; the namespace condition keeps it to the seed's namespace.
  const putMetrics: PolicyStatement = { Sid: 'PublishAgentMetrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': c.metricsNamespace } } };
  const media = { S3_BUCKET: c.mediaBucket.name };
  const bedrock = { BEDROCK_REGION: c.region };
  switch (name) {
    case 'event-processor':
      return {
        statements: [
          tableItems('RecordAgentEvents', [...ITEM_READ, ...ITEM_WRITE]),
          viaDynamoDb,
          { Sid: 'Notify', Effect: 'Allow', Action: 'sns:Publish', Resource: c.notificationsTopicArn },
          {
            Sid: 'EncryptNotifications',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: c.eventsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `sns.${c.region}.amazonaws.com` } },
          },
          putEvents,
        ],
        environment: { DYNAMODB_TABLE: table.name, SNS_TOPIC: c.notificationsTopicArn, EVENT_BUS_NAME: c.eventBus.name },
      };
    case 'multimodal-analysis':
      return {
        statements: [
          { Sid: 'ListMedia', Effect: 'Allow', Action: 's3:ListBucket', Resource: c.mediaBucket.arn },
          readMedia,
          writeResults,
          ...invokeModels,
          putMetrics,
        ],
        environment: {
          ...bedrock,
          ...media,
          MODEL_CACHE,
          POWERTOOLS_SERVICE_NAME: name,
          POWERTOOLS_METRICS_NAMESPACE: c.metricsNamespace,
        },
      };
    case 'content-classifier':
      return { statements: [readMedia], environment: { ...media } };
    case 'image-analyzer':
    case 'text-extractor':
      return { statements: [readMedia, ...invokeModels], environment: { ...media, ...bedrock } };
    case 'metadata-enricher':
      return { statements: [readMedia, tableItems('RecordMetadata', [...ITEM_READ, ...ITEM_WRITE]), viaDynamoDb], environment: { ...media, DYNAMODB_TABLE: table.name } };
    case 'results-aggregator':
      return {
        statements: [writeResults, tableItems('RecordResults', ['dynamodb:GetItem', 'dynamodb:UpdateItem']), viaDynamoDb, putEvents],
        environment: { ...media, DYNAMODB_TABLE: table.name, EVENT_BUS_NAME: c.eventBus.name, RESULTS_PREFIX: PROCESSED_PREFIX },
      };
  }
}
