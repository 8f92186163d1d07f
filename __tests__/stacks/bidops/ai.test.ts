import { Testing } from 'cdktf';
import { readFileSync } from 'fs';
import * as path from 'path';
import { bidopsBlueprint } from '../../../stacks/bidops';
import { BidopsAiStack } from '../../../stacks/bidops/ai';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { ConfigError } from '../../../src/config/errors';
import { validateEnvironmentConfig } from '../../../src/config/validate';
import { schemaFileName } from '../../../src/constructs/ai/cloud-control-resource';
import { LayerGraph } from '../../../src/core/layer-graph';
import { EnvName } from '../../../src/core/names';
import { STATEFUL_RESOURCE_TYPES } from '../../../src/core/stateful';
import { DEFAULT_STATE, Json, PLATFORM, bidopsConfig, bidopsStacks, configErrorOf, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';

const ACCOUNT: Record<EnvName, string> = { dev: '222222222222', staging: '333333333333', prod: '444444444444' };

const stacks = new Map<EnvName, BidopsAiStack>();
const synths = new Map<EnvName, Json>();
function aiStack(env: EnvName): BidopsAiStack {
  if (!stacks.has(env)) stacks.set(env, bidopsStacks(env, 'ai').ai as BidopsAiStack);
  return stacks.get(env)!;
}
function ai(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(aiStack(env)));
  return synths.get(env)!;
}
const fromNetwork = (name: string) => `\${data.terraform_remote_state.network.outputs.${name}}`;
const fromData = (name: string) => `\${data.terraform_remote_state.data.outputs.${name}}`;
function cloudControl(json: Json, typeName: string): Json {
  const found = resourcesOf(json, 'aws_cloudcontrolapi_resource').filter(([, r]) => r.type_name === typeName);
  expect(found).toHaveLength(1);
  return found[0][1];
}
function rolePolicy(json: Json, roleName: string): Json[] {
  const [roleId] = resourcesOf(json, 'aws_iam_role').find(([, r]) => r.name === roleName)!;
  const [, policy] = resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`)!;
  return parsed(policy.policy).Statement;
}

describe('BidopsAiStack (bidops): contract', () => {
  test('publishes exactly the agreed outputs, with ARN-shaped samples in the env account and region', () => {
    const contract = aiStack('dev').contract;
    expect(contract.map((o) => o.name)).toEqual([
      'knowledge_base_id', 'knowledge_base_arn', 'knowledge_base_data_source_id', 'guardrail_id', 'guardrail_arn', 'guardrail_version',
      'agentcore_runtime_arn', 'agentcore_runtime_id', 'agentcore_runtime_endpoint_arn', 'agentcore_memory_id', 'agentcore_memory_arn',
      'bda_project_arn', 'model_invocation_log_group_name', 'agentcore_log_group_name',
    ]);
    const sample = (name: string) => contract.find((o) => o.name === name)!.sample as string;
    expect(sample('knowledge_base_arn')).toMatch(/^arn:aws:bedrock:us-east-1:222222222222:knowledge-base\/[A-Z0-9]{10}$/);
    expect(sample('guardrail_arn')).toMatch(/^arn:aws:bedrock:us-east-1:222222222222:guardrail\/[a-z0-9]{12}$/);
    expect(sample('agentcore_runtime_arn')).toMatch(/^arn:aws:bedrock-agentcore:us-east-1:222222222222:runtime\/bidops_dev_agent-[A-Z0-9]{10}$/);
    expect(sample('agentcore_runtime_endpoint_arn')).toBe(`${sample('agentcore_runtime_arn')}/runtime-endpoint/DEFAULT`);
    expect(sample('agentcore_memory_arn')).toMatch(/^arn:aws:bedrock-agentcore:us-east-1:222222222222:memory\/bidops_dev_memory-[A-Z0-9]{10}$/);
    expect(sample('bda_project_arn')).toMatch(/^arn:aws:bedrock:us-east-1:222222222222:data-automation-project\/[a-z0-9]{12}$/);
  });

  test('reads network and data only through their published outputs; fails clearly without them', () => {
    expect(aiStack('dev').dependencies.map((d) => d.node.id)).toEqual(['bidops-dev-network', 'bidops-dev-data']);
    const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
    const config = bidopsConfig('dev');
    const build = (layers: ('network' | 'ai')[]) => buildLayers(Testing.app(), { blueprint: bidopsBlueprint, graph, config, baseline: AccountBaseline.sole(config), layers }, DEFAULT_STATE, PLATFORM);
    expect(() => build(['network', 'ai'])).toThrow(/ai reads data, which is not built before it/);
    expect(() => build(['ai'])).toThrow(/ai reads network, which is not built before it/);
  });

  test('requires the deploy role (it creates the vector index)', () => {
    expect(configErrorOf((c) => { delete c.deployRoleArn; })).toMatch(/deployRoleArn = \(missing\) is required by the ai layer/);
  });
});

describe('BidopsAiStack (bidops): resources', () => {
  test('every Cloud Control resource carries its schema from src/schemas (offline plan)', () => {
    const all = resourcesOf(ai('prod'), 'aws_cloudcontrolapi_resource');
    expect(all.map(([, r]) => r.type_name).sort()).toEqual([
      'AWS::Bedrock::DataAutomationProject', 'AWS::BedrockAgentCore::Memory', 'AWS::BedrockAgentCore::Runtime', 'AWS::OpenSearchServerless::Index',
    ]);
    for (const [, r] of all) {
      const file = path.join(__dirname, '../../../src/schemas', schemaFileName(r.type_name));
      expect(parsed(r.schema)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }
  });

  test('knowledge base: Titan v2 over the OpenSearch Serverless collection; data source on the knowledge-base bucket with the data key', () => {
    const json = ai('dev');
    const kb = onlyResource(json, 'aws_bedrockagent_knowledge_base');
    expect(kb.name).toBe('bidops-dev-kb');
    expect(kb.storage_configuration[0].type).toBe('OPENSEARCH_SERVERLESS');
    expect(kb.knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_arn).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0');
    const ds = onlyResource(json, 'aws_bedrockagent_data_source');
    expect(ds.data_source_configuration[0].s3_configuration[0].bucket_arn).toBe(fromData('knowledge_base_bucket_arn'));
    expect(ds.server_side_encryption_configuration[0].kms_key_arn).toBe(fromData('data_kms_key_arn'));
    expect(ds.vector_ingestion_configuration[0].chunking_configuration[0].chunking_strategy).toBe('FIXED_SIZE');
    expect(onlyResource(json, 'aws_ssm_parameter')).toMatchObject({ name: '/bidops/dev/knowledge-base-id', type: 'String' });
    expect(onlyResource(json, 'aws_scheduler_schedule').schedule_expression).toBe('cron(0 3 * * ? *)');
  });

  test('vector collection: standby replicas off in dev only; private endpoint in the app subnets with the endpoint SG', () => {
    expect(onlyResource(ai('dev'), 'aws_opensearchserverless_collection').standby_replicas).toBe('DISABLED');
    expect(onlyResource(ai('prod'), 'aws_opensearchserverless_collection').standby_replicas).toBe('ENABLED');
    const vpce = onlyResource(ai('prod'), 'aws_opensearchserverless_vpc_endpoint');
    expect(vpce.subnet_ids).toEqual([0, 1, 2].map((i) => `\${element(data.terraform_remote_state.network.outputs.private_app_subnet_ids, ${i})}`));
    expect(vpce.security_group_ids).toEqual([fromNetwork('vpc_endpoint_security_group_id')]);
  });

  test('guardrail: PROMPT_ATTACK HIGH on input, PII covered, bid-collusion topic denied, data key, published version', () => {
    const json = ai('prod');
    const g = onlyResource(json, 'aws_bedrock_guardrail');
    expect(g.content_policy_config[0].filters_config).toContainEqual({ type: 'PROMPT_ATTACK', input_strength: 'HIGH', output_strength: 'NONE' });
    expect(g.sensitive_information_policy_config[0].pii_entities_config).toContainEqual({ type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' });
    expect(g.topic_policy_config[0].topics_config.map((t: Json) => t.name)).toEqual(['Bid rigging and collusion', 'Competitor confidential bid information']);
    expect(g.kms_key_arn).toBe(fromData('data_kms_key_arn'));
    expect(onlyResource(json, 'aws_bedrock_guardrail_version').skip_destroy).toBe(true);
  });

  test('AgentCore runtime: VPC mode in the private app subnets with the agentcore SG, image tag from config', () => {
    const state = parsed(cloudControl(ai('dev'), 'AWS::BedrockAgentCore::Runtime').desired_state);
    expect(state.NetworkConfiguration).toEqual({
      NetworkMode: 'VPC',
      NetworkModeConfig: {
        Subnets: [0, 1, 2].map((i) => `\${element(data.terraform_remote_state.network.outputs.private_app_subnet_ids, ${i})}`),
        SecurityGroups: [fromNetwork('agentcore_security_group_id')],
      },
    });
    expect(state.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri).toBe(`${fromData('ecr_agentcore_repository_url')}:dev-0.1.0`);
    expect(state.EnvironmentVariables.AURORA_SECRET_ARN).toBe(fromData('aurora_master_user_secret_arn'));
    expect(state.EnvironmentVariables.AURORA_PORT).toBe(fromData('aurora_port'));
    expect(state.Tags).toMatchObject({ System: 'bidops', Environment: 'dev', Layer: 'ai' });
  });

  test('AgentCore role: invokes ONLY the configured model ARNs; KB, guardrail, memory, secret and key scoped to this env', () => {
    const json = ai('prod');
    const statements = rolePolicy(json, 'bidops-prod-agentcore-runtime');
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.InvokeOnlyTheConfiguredModels.Resource).toEqual(bidopsConfig('prod').ai!.modelIds.map((id) => `arn:aws:bedrock:us-east-1::foundation-model/${id}`));
    expect(statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('bedrock:Invoke') && a.includes('Model')))).toHaveLength(1);
    const [kbId] = Object.keys(json.resource.aws_bedrockagent_knowledge_base);
    const [guardrailId] = Object.keys(json.resource.aws_bedrock_guardrail);
    expect(bySid.RetrieveFromTheKnowledgeBase).toMatchObject({ Action: 'bedrock:Retrieve', Resource: `\${aws_bedrockagent_knowledge_base.${kbId}.arn}` });
    expect(bySid.ApplyTheGuardrail).toMatchObject({ Action: 'bedrock:ApplyGuardrail', Resource: `\${aws_bedrock_guardrail.${guardrailId}.guardrail_arn}` });
    expect(bySid.ReadTheDatabaseSecret.Resource).toBe(fromData('aurora_master_user_secret_arn'));
    expect(bySid.ReadDocumentsAndKnowledge.Resource).toEqual([`${fromData('documents_bucket_arn')}/*`, `${fromData('knowledge_base_bucket_arn')}/*`]);
    expect(bySid.UseTheDataKey.Resource).toBe(fromData('data_kms_key_arn'));
  });

  test('a cross-region inference profile adds the profile ARN and its model in the profile\'s regions only', () => {
    const change = (c: any) => { c.ai.inferenceProfileIds = ['us.anthropic.claude-3-5-haiku-20241022-v1:0']; };
    validateEnvironmentConfig(bidopsConfig('dev', change));
    const json = synthJson(bidopsStacks('dev', 'ai', change).ai);
    const invoke = rolePolicy(json, 'bidops-dev-agentcore-runtime').find((s) => s.Sid === 'InvokeOnlyTheConfiguredModels')!;
    expect(invoke.Resource).toEqual(expect.arrayContaining([
      'arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
    ]));
    expect(invoke.Resource).toHaveLength(bidopsConfig('dev').ai!.modelIds.length + 4);
  });

  test('memory: 30-day event expiry, encrypted with the data key', () => {
    expect(parsed(cloudControl(ai('prod'), 'AWS::BedrockAgentCore::Memory').desired_state)).toMatchObject({
      Name: 'bidops_prod_memory', EventExpiryDuration: 30, EncryptionKeyArn: fromData('data_kms_key_arn'),
    });
  });

  test('Data Automation project encrypted with the data key', () => {
    expect(parsed(cloudControl(ai('dev'), 'AWS::Bedrock::DataAutomationProject').desired_state)).toMatchObject({ ProjectName: 'bidops-dev-documents', KmsKeyId: fromData('data_kms_key_arn') });
  });

  test('model invocation logging to the logs bucket under its prefix and a log group', () => {
    const config = onlyResource(ai('dev'), 'aws_bedrock_model_invocation_logging_configuration').logging_config;
    expect(config.s3_config).toEqual({ bucket_name: fromData('logs_bucket_name'), key_prefix: 'bedrock-invocation-logs' });
    expect(config.cloudwatch_config.log_group_name).toMatch(/^\$\{aws_cloudwatch_log_group\./);
  });

  test('every log group has retention (30 dev, 365 prod) and the network layer\'s logs key (LOG-01)', () => {
    for (const [env, days] of [['dev', 30], ['prod', 365]] as const) {
      const groups = resourcesOf(ai(env), 'aws_cloudwatch_log_group').map(([, g]) => g);
      expect(groups.map((g) => g.name).sort()).toEqual([`/aws/bedrock/agentcore/bidops-${env}-agent`, `/aws/bedrock/model-invocations/bidops-${env}`]);
      for (const g of groups) expect(g).toMatchObject({ retention_in_days: days, kms_key_id: fromNetwork('logs_kms_key_arn') });
    }
  });

  test('IAM: no wildcard actions anywhere; "*" resources only for unscopable actions; every trust has SourceAccount and SourceArn', () => {
    const json = ai('prod');
    for (const [, policy] of resourcesOf(json, 'aws_iam_role_policy')) {
      for (const s of parsed(policy.policy).Statement) {
        for (const action of [s.Action].flat()) expect(action).not.toMatch(/(^\*$|:\*$)/);
        if (s.Resource === '*') expect([s.Action].flat().every((a: string) => /^(ecr:GetAuthorizationToken|xray:|cloudwatch:PutMetricData)/.test(a))).toBe(true);
      }
    }
    for (const [, role] of resourcesOf(json, 'aws_iam_role')) {
      const [trust] = parsed(role.assume_role_policy).Statement;
      expect(trust.Condition.StringEquals['aws:SourceAccount']).toBe(ACCOUNT.prod);
      expect(trust.Condition.ArnLike['aws:SourceArn']).toContain(`:${ACCOUNT.prod}:`);
    }
  });
});

describe('BidopsAiStack (bidops): protection', () => {
  test('prod stateful resources get prevent_destroy; dev ones do not', () => {
    for (const [type, resources] of Object.entries<Json>(ai('prod').resource)) {
      if (!STATEFUL_RESOURCE_TYPES.has(type)) continue;
      for (const r of Object.values<Json>(resources)) expect(r.lifecycle?.prevent_destroy).toBe(true);
    }
    for (const [type, resources] of Object.entries<Json>(ai('dev').resource)) {
      if (!STATEFUL_RESOURCE_TYPES.has(type)) continue;
      for (const r of Object.values<Json>(resources)) expect(r.lifecycle?.prevent_destroy).toBeUndefined();
    }
    expect(cloudControl(ai('prod'), 'AWS::BedrockAgentCore::Memory').lifecycle).toEqual({ prevent_destroy: true });
    expect(cloudControl(ai('dev'), 'AWS::BedrockAgentCore::Memory').lifecycle).toBeUndefined();
  });

  test('stateful addresses are pinned (a rename needs a moved block)', () => {
    const json = ai('prod');
    const addresses = Object.entries<Json>(json.resource)
      .filter(([type]) => STATEFUL_RESOURCE_TYPES.has(type) || type === 'aws_cloudcontrolapi_resource')
      .flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}`))
      .sort();
    expect(addresses).toEqual([
      'aws_bedrockagent_knowledge_base.knowledge-base_BCE08DB9',
      'aws_cloudcontrolapi_resource.agentcore-memory_resource_8A0A923C',
      'aws_cloudcontrolapi_resource.agentcore-runtime_resource_321E8B48',
      'aws_cloudcontrolapi_resource.data-automation_project_resource_32568BF7',
      'aws_cloudcontrolapi_resource.knowledge-base_vector-store_index_resource_40852083',
      'aws_cloudwatch_log_group.agentcore-runtime_log-group_813B9245',
      'aws_cloudwatch_log_group.model-invocation-logging_log-group_9C55F61D',
      'aws_opensearchserverless_collection.knowledge-base_vector-store_collection_06A153E4',
    ]);
  });
});

describe('ai config validation', () => {
  const invalid = (change: (c: any) => void, field: RegExp) => {
    expect(() => validateEnvironmentConfig(bidopsConfig('dev', change))).toThrow(ConfigError);
    expect(() => validateEnvironmentConfig(bidopsConfig('dev', change))).toThrow(field);
  };
  test('the bidops configs are valid', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(() => validateEnvironmentConfig(bidopsConfig(env))).not.toThrow();
  });
  test('each ai field is checked', () => {
    invalid((c) => { c.ai.embeddingModelId = 'amazon.titan-embed-text-v1'; }, /ai.embeddingModelId/);
    invalid((c) => { c.ai.embeddingDimensions = 1536; }, /ai.embeddingDimensions/);
    invalid((c) => { c.ai.knowledgeBaseSyncSchedule = 'daily'; }, /ai.knowledgeBaseSyncSchedule/);
    invalid((c) => { c.ai.chunkMaxTokens = 5; }, /ai.chunkMaxTokens/);
    invalid((c) => { c.ai.chunkOverlapPercentage = 0; }, /ai.chunkOverlapPercentage/);
    invalid((c) => { c.ai.vectorStoreStandbyReplicas = 'yes'; }, /ai.vectorStoreStandbyReplicas/);
    invalid((c) => { c.ai.agentcoreImageTag = 'has space'; }, /ai.agentcoreImageTag/);
    invalid((c) => { c.ai.memoryEventExpiryDays = 400; }, /ai.memoryEventExpiryDays/);
    invalid((c) => { c.ai.logRetentionDays = 45; }, /ai.logRetentionDays/);
    invalid((c) => { c.ai.inferenceProfileIds = ['anthropic.claude-3-haiku-20240307-v1:0']; }, /ai.inferenceProfileIds\[0\]/);
    invalid((c) => { c.ai.modelIds = ['Claude 3']; }, /ai.modelIds\[0\]/);
  });
});

describe('BidopsAiStack (bidops): agent alarm', () => {
  test('the seed\'s AgentExecutionFailures: 5 or more BidOps/Agents/Failures in 10 minutes to the critical topic', () => {
    const [, alarm] = resourcesOf(ai('prod'), 'aws_cloudwatch_metric_alarm').find(([, a]) => a.alarm_name === 'bidops-prod-agent-execution-failures')!;
    expect(alarm).toMatchObject({
      namespace: 'BidOps', metric_name: 'Agents/Failures', statistic: 'Sum', period: 600, threshold: 5,
      comparison_operator: 'GreaterThanOrEqualToThreshold', treat_missing_data: 'notBreaching',
      alarm_actions: ['${data.terraform_remote_state.network.outputs.critical_alerts_topic_arn}'],
    });
  });
});
