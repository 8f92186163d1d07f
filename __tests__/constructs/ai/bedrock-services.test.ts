import { Testing } from 'cdktf';
import { DataAutomationProject } from '../../../src/constructs/ai/data-automation-project';
import { ModelInvocationLogging, invocationLogsBucketStatement } from '../../../src/constructs/ai/model-invocation-logging';
import { Json, onlyResource, parsed } from '../../helpers';

const ACCOUNT = '222222222222';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

describe('DataAutomationProject', () => {
  const synth = (): Json => JSON.parse(Testing.synthScope((scope) => new DataAutomationProject(scope, 'bda', {
    projectName: 'bidops-dev-documents', description: 'test', kmsKeyArn: KEY, tags: { System: 'bidops' },
  })));

  test('standard output for documents, images, audio and video, encrypted with the key, schema attached', () => {
    const r = onlyResource(synth(), 'aws_cloudcontrolapi_resource');
    expect(r.type_name).toBe('AWS::Bedrock::DataAutomationProject');
    expect(parsed(r.schema).typeName).toBe('AWS::Bedrock::DataAutomationProject');
    const state = parsed(r.desired_state);
    expect(state.KmsKeyId).toBe(KEY);
    expect(Object.keys(state.StandardOutputConfiguration).sort()).toEqual(['Audio', 'Document', 'Image', 'Video']);
    expect(state.StandardOutputConfiguration.Audio.Extraction.Category.Types).toContain('TRANSCRIPT');
    expect(state.Tags).toEqual([{ Key: 'System', Value: 'bidops' }]);
  });
});

describe('ModelInvocationLogging', () => {
  const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/66666666-2222-3333-4444-555555555555`;
  const synth = (): Json => JSON.parse(Testing.synthScope((scope) => new ModelInvocationLogging(scope, 'logging', {
    name: 'bidops-dev-bedrock-invocation-logging', accountId: ACCOUNT, region: 'us-east-1', logGroupName: '/aws/bedrock/model-invocations/bidops-dev',
    logRetentionDays: 365, logsKmsKeyArn: LOGS_KEY, bucketName: 'bidops-dev-logs-222222222222',
  })));

  test('to a KMS-encrypted log group with retention and to the logs bucket under a prefix', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 365, kms_key_id: LOGS_KEY });
    const config = onlyResource(json, 'aws_bedrock_model_invocation_logging_configuration').logging_config;
    expect(config.s3_config).toEqual({ bucket_name: 'bidops-dev-logs-222222222222', key_prefix: 'bedrock-invocation-logs' });
    expect(config.text_data_delivery_enabled).toBe(true);
  });

  test('the role Bedrock uses: trust with SourceAccount/SourceArn, write only to its log group', () => {
    const json = synth();
    expect(parsed(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:*` },
    });
    const [statement] = parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(statement.Resource).toEqual([
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock/model-invocations/bidops-dev`,
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock/model-invocations/bidops-dev:log-stream:*`,
    ]);
  });

  test('the statement the logs bucket must carry for S3 delivery', () => {
    expect(invocationLogsBucketStatement('arn:aws:s3:::bidops-dev-logs-222222222222', ACCOUNT, 'us-east-1')).toEqual({
      Sid: 'AllowBedrockModelInvocationLogs',
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::bidops-dev-logs-222222222222/bedrock-invocation-logs/AWSLogs/${ACCOUNT}/BedrockModelInvocationLogs/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:*` } },
    });
  });
});
