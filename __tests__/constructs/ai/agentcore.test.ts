import { Testing } from 'cdktf';
import { AgentCoreMemory, AgentCoreMemoryProps } from '../../../src/constructs/ai/agentcore-memory';
import { AgentCoreRuntime, AgentCoreRuntimeProps } from '../../../src/constructs/ai/agentcore-runtime';
import { Json, onlyResource, parsed } from '../../helpers';

const ACCOUNT = '222222222222';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/66666666-2222-3333-4444-555555555555`;
const REPO = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/bidops-dev-agentcore`;
const REPO_ARN = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/bidops-dev-agentcore`;
const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'];
const TAGS = { System: 'bidops', Environment: 'dev' };

const RUNTIME: AgentCoreRuntimeProps = {
  runtimeName: 'bidops_dev_agent',
  description: 'test',
  roleName: 'bidops-dev-agentcore-runtime',
  accountId: ACCOUNT,
  region: 'us-east-1',
  repositoryUrl: REPO,
  repositoryArn: REPO_ARN,
  imageTag: 'dev-0.1.0',
  subnetIds: SUBNETS,
  securityGroupIds: ['sg-0123456789abcdef0'],
  logGroupName: '/aws/bedrock/agentcore/bidops-dev-agent',
  logRetentionDays: 30,
  logsKmsKeyArn: LOGS_KEY,
  statements: [{ Sid: 'InvokeOnlyTheConfiguredModels', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0' }],
  environmentVariables: { KNOWLEDGE_BASE_ID: 'ABCDEFGHIJ' },
  tags: TAGS,
};
const synthRuntime = (props: Partial<AgentCoreRuntimeProps> = {}): Json => JSON.parse(Testing.synthScope((scope) => new AgentCoreRuntime(scope, 'runtime', { ...RUNTIME, ...props })));

describe('AgentCoreRuntime', () => {
  test('VPC network mode in the given subnets and security group, image from the agentcore repository at the configured tag', () => {
    const r = onlyResource(synthRuntime(), 'aws_cloudcontrolapi_resource');
    expect(r.type_name).toBe('AWS::BedrockAgentCore::Runtime');
    expect(parsed(r.schema).typeName).toBe('AWS::BedrockAgentCore::Runtime');
    const state = parsed(r.desired_state);
    expect(state.NetworkConfiguration).toEqual({ NetworkMode: 'VPC', NetworkModeConfig: { Subnets: SUBNETS, SecurityGroups: ['sg-0123456789abcdef0'] } });
    expect(state.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri).toBe(`${REPO}:dev-0.1.0`);
    expect(state.EnvironmentVariables).toEqual({ KNOWLEDGE_BASE_ID: 'ABCDEFGHIJ', LOG_GROUP_NAME: '/aws/bedrock/agentcore/bidops-dev-agent' });
    expect(state.Tags).toEqual(TAGS);
  });

  test('role: trust bedrock-agentcore with SourceAccount/SourceArn; ECR pull only from its repository; "*" only for unscopable actions', () => {
    const json = synthRuntime();
    expect(parsed(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:*` } },
    });
    const statements: Json[] = parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(statements.find((s) => s.Sid === 'PullTheAgentImage')!.Resource).toBe(REPO_ARN);
    const onStar = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(onStar.sort()).toEqual(['cloudwatch:PutMetricData', 'ecr:GetAuthorizationToken', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(statements.map((s) => s.Sid)).toContain('InvokeOnlyTheConfiguredModels');
  });

  test('observability log group with retention and the logs key', () => {
    expect(onlyResource(synthRuntime(), 'aws_cloudwatch_log_group')).toMatchObject({ name: '/aws/bedrock/agentcore/bidops-dev-agent', retention_in_days: 30, kms_key_id: LOGS_KEY });
  });

  test('rejects dashes in the name, no subnets, secret-looking variables and wildcard actions', () => {
    expect(() => synthRuntime({ runtimeName: 'bidops-dev-agent' })).toThrow(/no dashes/);
    expect(() => synthRuntime({ subnetIds: [] })).toThrow(/1-16 subnets/);
    expect(() => synthRuntime({ environmentVariables: { DB_PASSWORD: 'x' } })).toThrow(/looks like a secret/);
    expect(() => synthRuntime({ statements: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] })).toThrow(/wildcard/);
    expect(() => synthRuntime({ statements: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] })).toThrow(/scope it to resource ARNs/);
  });
});

const MEMORY: AgentCoreMemoryProps = { name: 'bidops_dev_memory', description: 'test', kmsKeyArn: KEY, tags: TAGS };
const synthMemory = (props: Partial<AgentCoreMemoryProps> = {}): Json => JSON.parse(Testing.synthScope((scope) => new AgentCoreMemory(scope, 'memory', { ...MEMORY, ...props })));

describe('AgentCoreMemory', () => {
  test('30-day event expiry by default, encrypted with the data key, schema attached', () => {
    const r = onlyResource(synthMemory(), 'aws_cloudcontrolapi_resource');
    expect(r.type_name).toBe('AWS::BedrockAgentCore::Memory');
    expect(parsed(r.schema).properties.EventExpiryDuration).toEqual({ type: 'integer', minimum: 7, maximum: 365 });
    const state = parsed(r.desired_state);
    expect(state).toMatchObject({ Name: 'bidops_dev_memory', EventExpiryDuration: 30, EncryptionKeyArn: KEY, Tags: TAGS });
    expect(state.MemoryStrategies.map((s: Json) => Object.keys(s)[0])).toEqual(['SummaryMemoryStrategy', 'SemanticMemoryStrategy']);
  });

  test('rejects expiry outside 7-365 days and dashed names', () => {
    expect(() => synthMemory({ eventExpiryDays: 3 })).toThrow(/outside 7-365/);
    expect(() => synthMemory({ name: 'bidops-dev-memory' })).toThrow(/no dashes/);
  });
});

describe('AgentCoreRuntime protocol', () => {
  test('HTTP (the service default) is left out; MCP is spelled out', () => {
    expect(parsed(onlyResource(synthRuntime(), 'aws_cloudcontrolapi_resource').desired_state)).not.toHaveProperty('ProtocolConfiguration');
    expect(parsed(onlyResource(synthRuntime({ protocol: 'MCP' }), 'aws_cloudcontrolapi_resource').desired_state).ProtocolConfiguration).toBe('MCP');
  });
});
