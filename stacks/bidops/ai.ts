import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AI_DEFAULTS, AiLayerConfig } from '../../src/config/layers/ai';
import { AgentCoreMemory } from '../../src/constructs/ai/agentcore-memory';
import { AgentCoreRuntime } from '../../src/constructs/ai/agentcore-runtime';
import { DataAutomationProject } from '../../src/constructs/ai/data-automation-project';
import { Guardrail } from '../../src/constructs/ai/guardrail';
import { KnowledgeBase, foundationModelArn } from '../../src/constructs/ai/knowledge-base';
import { KnowledgeBaseSync } from '../../src/constructs/ai/knowledge-base-sync';
import { addModelInvocationLogging } from '../../src/components/model-invocation-logging';
import { ModelInvocationLogging } from '../../src/constructs/ai/model-invocation-logging';
import { PolicyStatement } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../src/core/samples';
import { AgentFailureAlarm } from '../../src/constructs/ai/agent-failure-alarm';

/** CloudWatch namespace of the application's custom metrics (seed: `BidOps.*`, `Agents/Failures`). */
export const BIDOPS_METRICS_NAMESPACE = 'BidOps';

/** Regions a cross-region inference profile routes to, by its prefix. */
const PROFILE_REGIONS: Readonly<Record<string, readonly string[]>> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  'us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
};

/** Regions the `us.data-automation-v1` profile of Bedrock Data Automation runs in. */
const BDA_PROFILE_REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

/**
 * Denied topics of the BidOps guardrail: the seed's "Custom Filters: Business-specific rules" for a
 * bid-management product (procurement integrity, competitors' confidential bids).
 */
export const BIDOPS_DENIED_TOPICS = [
  {
    name: 'Bid rigging and collusion',
    definition: 'Coordinating prices, bids or market allocation with competitors, agreeing who wins or submitting cover bids to rig a procurement.',
    examples: [
      'Help me agree on bid prices with the other bidders',
      'Write an email proposing we submit a cover bid so they win this tender',
      'How can we split these contracts with our competitor?',
    ],
  },
  {
    name: 'Competitor confidential bid information',
    definition: 'Obtaining, guessing from leaks or using competitors\' confidential bid prices or proposals, or inside information from the buyer\'s evaluators.',
    examples: [
      'Find out what price our competitor submitted for this RFP',
      'Use the leaked competitor proposal to undercut them',
      'Ask the evaluator contact for the other bids before the deadline',
    ],
  },
];

/**
 * BidOps AI layer: Bedrock knowledge base (OpenSearch Serverless vectors, daily sync), guardrail, Data
 * Automation project, AgentCore runtime and memory, and model invocation logging.
 */
export class BidopsAiStack extends LayerStack {
  readonly knowledgeBase: KnowledgeBase;
  readonly guardrail: Guardrail;
  readonly dataAutomation: DataAutomationProject;
  readonly memory: AgentCoreMemory;
  readonly runtime: AgentCoreRuntime;
  /** Only in the environment that owns the account's model-invocation-logging singleton. */
  readonly invocationLogging?: ModelInvocationLogging;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'ai', context);
    const { config } = this;
    const ai: AiLayerConfig = this.section('ai');
    // Validation requires it: the vector index is created with the deploy role, which the
    // collection's data-access policy must name.
    const deployRoleArn = config.deployRoleArn!;
    const network = this.upstream('network');
    const data = this.upstream('data');
    const region = config.region;
    const account = config.accountId;
    const protect = config.protectStatefulResources;
    const azCount = this.section('network').availabilityZones.length;

    const dataKeyArn = data.string('data_kms_key_arn');
    const logsKeyArn = network.string('logs_kms_key_arn');
    const appSubnets = this.elements(network, 'private_app_subnet_ids', azCount);
    const tags = this.cloudControlTags();

    // --- Knowledge base over the knowledge-base bucket, with its vector collection and daily sync.
    this.knowledgeBase = new KnowledgeBase(this, 'knowledge-base', {
      name: `${this.prefix}-kb`,
      description: `${this.prefix}: bid knowledge (past proposals, company facts, templates)`,
      accountId: account,
      region,
      embeddingModelId: ai.embeddingModelId ?? AI_DEFAULTS.embeddingModelId,
      embeddingDimensions: ai.embeddingDimensions ?? AI_DEFAULTS.embeddingDimensions,
      sourceBucketArn: data.string('knowledge_base_bucket_arn'),
      kmsKeyArn: dataKeyArn,
      chunkMaxTokens: ai.chunkMaxTokens ?? AI_DEFAULTS.chunkMaxTokens,
      chunkOverlapPercentage: ai.chunkOverlapPercentage ?? AI_DEFAULTS.chunkOverlapPercentage,
      vpcId: network.string('vpc_id'),
      subnetIds: appSubnets,
      securityGroupIds: [network.string('vpc_endpoint_security_group_id')],
      indexManagerArns: [deployRoleArn],
      standbyReplicas: ai.vectorStoreStandbyReplicas ?? AI_DEFAULTS.vectorStoreStandbyReplicas,
      retainVectorsOnDelete: protect,
    });
    new KnowledgeBaseSync(this, 'knowledge-base-sync', {
      name: `${this.prefix}-kb-sync`,
      accountId: account,
      region,
      knowledgeBaseId: this.knowledgeBase.knowledgeBaseId,
      knowledgeBaseArn: this.knowledgeBase.arn,
      dataSourceId: this.knowledgeBase.dataSource.dataSourceId,
      scheduleExpression: ai.knowledgeBaseSyncSchedule ?? AI_DEFAULTS.knowledgeBaseSyncSchedule,
    });
    new SsmParameter(this, 'param-knowledge-base-id', {
      name: `/${config.system}/${config.env}/knowledge-base-id`,
      description: `${this.prefix}: Bedrock knowledge base ID`,
      type: 'String',
      value: this.knowledgeBase.knowledgeBaseId,
    });

    // --- Guardrail (content, prompt attacks, PII, bid-integrity topics, profanity) and its version.
    this.guardrail = new Guardrail(this, 'guardrail', {
      name: `${this.prefix}-guardrail`,
      description: `${this.prefix}: content, prompt-attack, PII and procurement-integrity filters for every model call`,
      kmsKeyArn: dataKeyArn,
      deniedTopics: BIDOPS_DENIED_TOPICS,
      blockedInputMessage: 'Sorry, this request is not allowed by the BidOps usage policy.',
      blockedOutputMessage: 'Sorry, the response was withheld by the BidOps usage policy.',
      retainVersions: protect,
    });

    // --- Bedrock Data Automation (documents, images, audio, video -> structured JSON).
    this.dataAutomation = new DataAutomationProject(this, 'data-automation', {
      projectName: `${this.prefix}-documents`,
      description: `${this.prefix}: parse bid documents (PDF, Word, Excel), transcribe audio, analyse video`,
      kmsKeyArn: dataKeyArn,
      tags,
    });

    // --- AgentCore memory (30-day session events) and runtime (VPC mode, private app subnets).
    const underscored = this.prefix.replace(/-/g, '_');
    this.memory = new AgentCoreMemory(this, 'agentcore-memory', {
      name: `${underscored}_memory`,
      description: `${this.prefix}: agent session memory`,
      kmsKeyArn: dataKeyArn,
      eventExpiryDays: ai.memoryEventExpiryDays ?? AI_DEFAULTS.memoryEventExpiryDays,
      tags,
      protect,
    });

    const agentLogGroupName = `/aws/bedrock/agentcore/${this.prefix}-agent`;
    this.runtime = new AgentCoreRuntime(this, 'agentcore-runtime', {
      runtimeName: `${underscored}_agent`,
      description: `${this.prefix}: BidOps agent (MCP tools for PostgreSQL, S3 and Bedrock)`,
      roleName: `${this.prefix}-agentcore-runtime`,
      accountId: account,
      region,
      repositoryUrl: data.string('ecr_agentcore_repository_url'),
      repositoryArn: data.string('ecr_agentcore_repository_arn'),
      imageTag: ai.agentcoreImageTag!, // required by stacks/bidops/validate.ts
      subnetIds: appSubnets,
      securityGroupIds: [network.string('agentcore_security_group_id')],
      logGroupName: agentLogGroupName,
      logRetentionDays: ai.logRetentionDays,
      logsKmsKeyArn: logsKeyArn,
      statements: this.agentStatements(ai, data),
      environmentVariables: {
        BIDOPS_ENV: config.env,
        KNOWLEDGE_BASE_ID: this.knowledgeBase.knowledgeBaseId,
        GUARDRAIL_ID: this.guardrail.guardrailId,
        GUARDRAIL_VERSION: this.guardrail.versionNumber,
        AGENTCORE_MEMORY_ID: this.memory.memoryId,
        BDA_PROJECT_ARN: this.dataAutomation.arn,
        BDA_PROFILE_ARN: `arn:aws:bedrock:${region}:${account}:data-automation-profile/us.data-automation-v1`,
        BDA_INPUT_BUCKET: data.string('bda_input_bucket_name'),
        BDA_OUTPUT_BUCKET: data.string('bda_output_bucket_name'),
        DOCUMENTS_BUCKET: data.string('documents_bucket_name'),
        KNOWLEDGE_BASE_BUCKET: data.string('knowledge_base_bucket_name'),
        AURORA_ENDPOINT: data.string('aurora_cluster_endpoint'),
        AURORA_PORT: Token.asString(data.number('aurora_port')),
        AURORA_DATABASE: data.string('aurora_database_name'),
        AURORA_SECRET_ARN: data.string('aurora_master_user_secret_arn'),
        MODEL_IDS: ai.modelIds.join(','),
      },
      tags,
    });

    new AgentFailureAlarm(this, 'agent-failure-alarm', {
      alarmName: `${this.prefix}-agent-execution-failures`,
      namespace: BIDOPS_METRICS_NAMESPACE,
      topicArn: network.string('critical_alerts_topic_arn'),
    });

    // --- Model invocation logging (one per account and region: an account singleton) to CloudWatch Logs and S3.
    this.invocationLogging = addModelInvocationLogging(this, { logRetentionDays: ai.logRetentionDays, logsKmsKeyArn: logsKeyArn, bucketName: data.string('logs_bucket_name') });

    this.publishOutputs();
  }

  /** The agent's own permissions: only the configured models, this KB, guardrail, memory, BDA project and data. */
  private agentStatements(ai: AiLayerConfig, data: RemoteLayer): PolicyStatement[] {
    const { region, accountId: account } = this.config;
    const modelArns = ai.modelIds.map((id) => foundationModelArn(region, id));
    for (const profile of ai.inferenceProfileIds ?? []) {
      const [prefix, ...rest] = profile.split('.');
      const modelId = rest.join('.');
      modelArns.push(`arn:aws:bedrock:${region}:${account}:inference-profile/${profile}`);
      for (const r of PROFILE_REGIONS[prefix] ?? [region]) modelArns.push(foundationModelArn(r, modelId));
    }
    const documents = data.string('documents_bucket_arn');
    const kbBucket = data.string('knowledge_base_bucket_arn');
    const bdaInput = data.string('bda_input_bucket_arn');
    const bdaOutput = data.string('bda_output_bucket_arn');
    const inAccount = { StringEquals: { 'aws:ResourceAccount': account } };
    return [
      { Sid: 'InvokeOnlyTheConfiguredModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [...new Set(modelArns)] },
      { Sid: 'RetrieveFromTheKnowledgeBase', Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: this.knowledgeBase.arn },
      { Sid: 'ApplyTheGuardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: this.guardrail.arn },
      {
        Sid: 'UseItsMemory',
        Effect: 'Allow',
        Action: [
          'bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:ListSessions',
          'bedrock-agentcore:ListActors', 'bedrock-agentcore:RetrieveMemoryRecords', 'bedrock-agentcore:ListMemoryRecords', 'bedrock-agentcore:GetMemoryRecord',
        ],
        Resource: this.memory.arn,
      },
      {
        Sid: 'RunDataAutomation',
        Effect: 'Allow',
        Action: 'bedrock:InvokeDataAutomationAsync',
        Resource: [this.dataAutomation.arn, ...BDA_PROFILE_REGIONS.map((r) => `arn:aws:bedrock:${r}:${account}:data-automation-profile/us.data-automation-v1`)],
      },
      { Sid: 'ReadDataAutomationStatus', Effect: 'Allow', Action: 'bedrock:GetDataAutomationStatus', Resource: `arn:aws:bedrock:${region}:${account}:data-automation-invocation/*` },
      { Sid: 'ReadTheDatabaseSecret', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: data.string('aurora_master_user_secret_arn') },
      { Sid: 'ListDocumentBuckets', Effect: 'Allow', Action: 's3:ListBucket', Resource: [documents, kbBucket, bdaInput, bdaOutput], Condition: inAccount },
      { Sid: 'ReadDocumentsAndKnowledge', Effect: 'Allow', Action: 's3:GetObject', Resource: [`${documents}/*`, `${kbBucket}/*`], Condition: inAccount },
      { Sid: 'StageDataAutomationJobs', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${bdaInput}/*`, `${bdaOutput}/*`], Condition: inAccount },
      // The data key encrypts the buckets, the database secret, the guardrail, the memory and the BDA project.
      { Sid: 'UseTheDataKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: data.string('data_kms_key_arn') },
    ];
  }

  /** A list output of known length, as one string token per element (safe inside JSON strings). */
  private elements(remote: RemoteLayer, name: string, count: number): string[] {
    const list = remote.list(name);
    return Array.from({ length: count }, (_, i) => Token.asString(Fn.element(list, i)));
  }

  /** The provider's default tags, spelled out for Cloud Control resources (default tags do not reach them). */
  private cloudControlTags(): Record<string, string> {
    const { config } = this;
    return {
      Project: config.project ?? config.system,
      System: config.system,
      Environment: config.env,
      Layer: this.layer,
      Owner: config.owner,
      CostCenter: config.costCenter,
      ManagedBy: 'terraform-cdktf',
    };
  }

  private publishOutputs(): void {
    const { region, accountId: account } = this.config;
    const seed = this.node.id;
    const kbId = sampleId10(`${seed}:kb`);
    const guardrailId = sampleUuid(`${seed}:guardrail`).replace(/-/g, '').slice(0, 12);
    const runtimeId = `${this.prefix.replace(/-/g, '_')}_agent-${sampleId10(`${seed}:runtime`)}`;
    const memoryId = `${this.prefix.replace(/-/g, '_')}_memory-${sampleId10(`${seed}:memory`)}`;
    const runtimeArn = sampleArn({ service: 'bedrock-agentcore', region, account, resource: `runtime/${runtimeId}` });

    this.publish('knowledge_base_id', this.knowledgeBase.knowledgeBaseId, { description: 'ID of the Bedrock knowledge base (bedrock-agent-runtime Retrieve / RetrieveAndGenerate)', sample: kbId });
    this.publish('knowledge_base_arn', this.knowledgeBase.arn, { description: 'ARN of the Bedrock knowledge base (IAM resource for bedrock:Retrieve)', sample: sampleArn({ service: 'bedrock', region, account, resource: `knowledge-base/${kbId}` }) });
    this.publish('knowledge_base_data_source_id', this.knowledgeBase.dataSource.dataSourceId, { description: 'ID of the knowledge base\'s S3 data source (StartIngestionJob)', sample: sampleId10(`${seed}:ds`) });
    this.publish('guardrail_id', this.guardrail.guardrailId, { description: 'ID of the Bedrock guardrail (guardrailIdentifier)', sample: guardrailId });
    this.publish('guardrail_arn', this.guardrail.arn, { description: 'ARN of the Bedrock guardrail (IAM resource for bedrock:ApplyGuardrail)', sample: sampleArn({ service: 'bedrock', region, account, resource: `guardrail/${guardrailId}` }) });
    this.publish('guardrail_version', this.guardrail.versionNumber, { description: 'Published guardrail version to pin (guardrailVersion)', sample: '1' });
    this.publish('agentcore_runtime_arn', this.runtime.arn, { description: 'ARN of the AgentCore runtime (InvokeAgentRuntime agentRuntimeArn)', sample: runtimeArn });
    this.publish('agentcore_runtime_id', this.runtime.runtimeId, { description: 'ID of the AgentCore runtime', sample: runtimeId });
    this.publish('agentcore_runtime_endpoint_arn', this.runtime.defaultEndpointArn, {
      description: 'ARN of the runtime\'s DEFAULT endpoint, which AgentCore creates and keeps on the latest version (InvokeAgentRuntime qualifier DEFAULT)',
      sample: `${runtimeArn}/runtime-endpoint/DEFAULT`,
    });
    this.publish('agentcore_memory_id', this.memory.memoryId, { description: 'ID of the AgentCore memory', sample: memoryId });
    this.publish('agentcore_memory_arn', this.memory.arn, { description: 'ARN of the AgentCore memory (IAM resource for bedrock-agentcore:*Event*)', sample: sampleArn({ service: 'bedrock-agentcore', region, account, resource: `memory/${memoryId}` }) });
    this.publish('bda_project_arn', this.dataAutomation.arn, {
      description: 'ARN of the Bedrock Data Automation project (InvokeDataAutomationAsync dataAutomationConfiguration)',
      sample: sampleArn({ service: 'bedrock', region, account, resource: `data-automation-project/${sampleUuid(`${seed}:bda`).replace(/-/g, '').slice(0, 12)}` }),
    });
    if (this.invocationLogging) {
      this.publish('model_invocation_log_group_name', this.invocationLogging.logGroup.name, { description: 'CloudWatch log group of Bedrock model invocation logs', sample: `/aws/bedrock/model-invocations/${this.prefix}` });
    }
    this.publish('agentcore_log_group_name', this.runtime.logGroup.name, { description: 'CloudWatch log group of the AgentCore agent (observability)', sample: `/aws/bedrock/agentcore/${this.prefix}-agent` });
  }
}

/** A 10-character upper-case alphanumeric ID, the shape of Bedrock resource IDs. */
function sampleId10(seed: string): string {
  return sampleUuid(seed).replace(/-/g, '').slice(0, 10).toUpperCase();
}
