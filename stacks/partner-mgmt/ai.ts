import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AI_DEFAULTS } from '../../src/config/layers/ai';
import { BedrockAgent } from '../../src/constructs/ai/bedrock-agent';
import { Guardrail } from '../../src/constructs/ai/guardrail';
import { KnowledgeBase } from '../../src/constructs/ai/knowledge-base';
import { KnowledgeBaseSync } from '../../src/constructs/ai/knowledge-base-sync';
import { addModelInvocationLogging } from '../../src/components/model-invocation-logging';
import { PromptTemplate, templatePlaceholders } from '../../src/constructs/ai/prompt-template';
import { policyJson } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleToken } from '../../src/core/samples';
import { ACTION_GROUPS, ORCHESTRATOR_INSTRUCTION, PARTNER_DENIED_TOPICS, PROMPTS } from './agent-definition';
import { outputName } from './data';
import { agentParameterPath, modelArns } from './shared';

/** Where the knowledge base's documents live in the lake bucket. */
const KNOWLEDGE_PREFIX = 'knowledge/';

/**
 * Partner management AI layer: the Opportunity Analysis Orchestrator agent (Nova Premier through
 * its US inference profile, a guardrail, the knowledge base) with its four action groups on the
 * compute layer's functions, the environment's alias, the prompt templates with an A/B candidate
 * and published versions, model invocation logging where this environment owns it, and the grants
 * that let the compute layer's functions use them (written here, because this layer reads compute).
 */
export class PartnerAiStack extends LayerStack {
  readonly agent: BedrockAgent;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'ai', context);
    const { config, prefix } = this;
    const ai = this.section('ai');
    const network = this.upstream('network');
    const data = this.upstream('data');
    const compute = this.upstream('compute');
    const { accountId: account, region } = config;
    const protect = config.protectStatefulResources;
    const dataKey = data.string('data_kms_key_arn');
    const logsKey = network.string('logs_kms_key_arn');
    const azs = this.section('network').availabilityZones.length;
    const subnets = Array.from({ length: azs }, (_, i) => Token.asString(Fn.element(network.list('private_app_subnet_ids'), i)));

    // --- Knowledge base over the lake's knowledge/ prefix (OpenSearch Serverless vectors), daily sync.
    const knowledgeBase = new KnowledgeBase(this, 'knowledge-base', {
      name: `${prefix}-kb`,
      description: `${prefix}: partner program rules, funding guides and past wins`,
      accountId: account,
      region,
      embeddingModelId: ai.embeddingModelId ?? AI_DEFAULTS.embeddingModelId,
      embeddingDimensions: ai.embeddingDimensions ?? AI_DEFAULTS.embeddingDimensions,
      sourceBucketArn: data.string('data_lake_bucket_arn'),
      inclusionPrefixes: [KNOWLEDGE_PREFIX],
      kmsKeyArn: dataKey,
      chunkMaxTokens: ai.chunkMaxTokens ?? AI_DEFAULTS.chunkMaxTokens,
      chunkOverlapPercentage: ai.chunkOverlapPercentage ?? AI_DEFAULTS.chunkOverlapPercentage,
      vpcId: network.string('vpc_id'),
      subnetIds: subnets,
      securityGroupIds: [network.string('vpc_endpoint_security_group_id')],
      indexManagerArns: [config.deployRoleArn!],
      standbyReplicas: ai.vectorStoreStandbyReplicas ?? AI_DEFAULTS.vectorStoreStandbyReplicas,
      retainVectorsOnDelete: protect,
    });
    new KnowledgeBaseSync(this, 'knowledge-base-sync', {
      name: `${prefix}-kb-sync`,
      accountId: account,
      region,
      knowledgeBaseId: knowledgeBase.knowledgeBaseId,
      knowledgeBaseArn: knowledgeBase.arn,
      dataSourceId: knowledgeBase.dataSource.dataSourceId,
      scheduleExpression: ai.knowledgeBaseSyncSchedule ?? AI_DEFAULTS.knowledgeBaseSyncSchedule,
    });

    // --- Guardrail on the agent's input and output.
    const guardrail = new Guardrail(this, 'guardrail', {
      name: `${prefix}-guardrail`,
      description: `${prefix}: content, prompt-attack, PII and confidentiality filters of the orchestrator agent`,
      kmsKeyArn: dataKey,
      deniedTopics: PARTNER_DENIED_TOPICS,
      retainVersions: protect,
      blockedInputMessage: 'This request cannot be analysed under the partner data policy.',
      blockedOutputMessage: 'The analysis was withheld under the partner data policy.',
    });

    // --- The orchestrator agent, its action groups on compute's `live` aliases, and this env's alias.
    const models = modelArns(config, region);
    const enhanced = ai.inferenceProfileIds?.[0] ?? ai.modelIds[0];
    const fn = (name: string) => ({
      aliasArn: compute.string(`${outputName(name)}_function_alias_arn`),
      functionName: compute.string(`${outputName(name)}_function_name`),
      qualifier: 'live',
    });
    this.agent = new BedrockAgent(this, 'agent', {
      agentName: `${prefix}-orchestrator`,
      description: 'Opportunity Analysis Orchestrator: runs the multi-step partner opportunity analysis',
      instruction: ORCHESTRATOR_INSTRUCTION,
      foundationModel: enhanced,
      modelArns: models,
      accountId: account,
      region,
      idleSessionTtlSeconds: ai.agentIdleSessionTtlSeconds,
      customerEncryptionKeyArn: dataKey,
      guardrail: { id: guardrail.guardrailId, version: guardrail.versionNumber, arn: guardrail.arn, kmsKeyArn: dataKey },
      knowledgeBases: { partner: { id: knowledgeBase.knowledgeBaseId, arn: knowledgeBase.arn, description: 'Partner program rules, funding guides and past wins: cite it for program eligibility and precedent' } },
      actionGroups: Object.fromEntries(Object.entries(ACTION_GROUPS).map(([name, group]) => [name, { description: group.description, lambda: fn(group.fn), schema: group.schema }])),
      alias: { name: config.env, description: `${config.env} alias of the orchestrator (the seed's per-environment aliases)` },
    });

    // --- Prompt templates: a baseline and a candidate variant each, published as a version.
    const prompts: Record<string, PromptTemplate> = {};
    for (const [name, spec] of Object.entries(PROMPTS)) {
      prompts[name] = new PromptTemplate(this, `prompt-${name}`, {
        name: `${prefix}-${name}`,
        description: spec.description,
        customerEncryptionKeyArn: dataKey,
        variants: {
          baseline: { modelId: ai.modelIds[0], template: spec.baseline, inputVariables: templatePlaceholders(spec.baseline), inference: { temperature: 0.2, maxTokens: 1024 } },
          candidate: { modelId: ai.modelIds[0], template: spec.candidate, inputVariables: templatePlaceholders(spec.candidate), inference: { temperature: 0.2, maxTokens: 1024 } },
        },
        defaultVariant: 'baseline',
        publishVersion: true,
      });
    }

    // --- What the compute layer's functions may do here, and where they find the IDs at run time.
    const promptArns = Object.values(prompts).flatMap((p) => [p.promptArn, `${p.promptArn}:*`]);
    const grant = (id: string, role: string, statements: { Sid: string; Action: string[]; Resource: string[] }[], provider?: TerraformProvider) =>
      new IamRolePolicy(this, id, { name: `${prefix}-ai-access`, role, policy: policyJson({ Statement: statements.map((s) => ({ ...s, Effect: 'Allow' as const })) }), provider });
    const orchestratorGrants = [
      { Sid: 'InvokeTheOrchestratorAlias', Action: ['bedrock:InvokeAgent'], Resource: [this.agent.aliasArn] },
      { Sid: 'ReadThePrompts', Action: ['bedrock:GetPrompt'], Resource: promptArns },
    ];
    grant('grant-opportunity-analysis', compute.string('opportunity_analysis_function_role_name'), orchestratorGrants);
    grant('grant-query-generation', compute.string('query_generation_function_role_name'), [{ Sid: 'ReadThePrompts', Action: ['bedrock:GetPrompt'], Resource: promptArns }]);
    const regions: [string, string, TerraformProvider | undefined][] = [['', region, undefined]];
    if (config.compute?.standbyInSecondaryRegion) {
      // IAM is global: the standby's roles get the same grants (the agent itself stays in the primary region).
      grant('grant-dr-opportunity-analysis', compute.string('dr_opportunity_analysis_function_role_name'), orchestratorGrants);
      grant('grant-dr-query-generation', compute.string('dr_query_generation_function_role_name'), [{ Sid: 'ReadThePrompts', Action: ['bedrock:GetPrompt'], Resource: promptArns }]);
      regions.push(['dr-', config.secondaryRegion!, this.secondaryProvider]);
    }
    const path = agentParameterPath(config.system, config.env);
    for (const [label, , provider] of regions) {
      const parameter = (name: string, value: string, description: string) =>
        new SsmParameter(this, `${label}param-${name.replace(/\//g, '-')}`, { name: `${path}${name}`, type: 'String', value, description: `${prefix}: ${description}`, provider });
      parameter('id', this.agent.agentId, 'orchestrator agent ID');
      parameter('alias-id', this.agent.aliasId, `orchestrator alias ID (${config.env})`);
      parameter('alias-arn', this.agent.aliasArn, 'orchestrator alias ARN');
      parameter('prompt-candidate-percent', String(ai.promptCandidatePercent ?? 0), 'share of requests that use the candidate prompt variants (A/B)');
      for (const [name, prompt] of Object.entries(prompts)) parameter(`prompts/${name}`, prompt.versionArn ?? prompt.promptArn, `prompt ${name} (published version)`);
    }

    // --- Model invocation logging: one configuration per account and region (a singleton).
    addModelInvocationLogging(this, { logRetentionDays: ai.logRetentionDays, logsKmsKeyArn: logsKey, bucketName: data.string('logs_bucket_name') });

    this.publishOutputs(knowledgeBase, guardrail, prompts);
  }

  private publishOutputs(kb: KnowledgeBase, guardrail: Guardrail, prompts: Record<string, PromptTemplate>): void {
    const { region, accountId: account } = this.config;
    const seed = this.node.id;
    const id10 = (s: string) => sampleToken(`${seed}:${s}`, 10).toUpperCase();
    this.publish('agent_id', this.agent.agentId, { description: 'ID of the orchestrator agent', sample: id10('agent') });
    this.publish('agent_arn', this.agent.agentArn, { description: 'ARN of the orchestrator agent', sample: sampleArn({ service: 'bedrock', region, account, resource: `agent/${id10('agent')}` }) });
    this.publish('agent_alias_id', this.agent.aliasId, { description: `ID of the ${this.config.env} alias`, sample: id10('alias') });
    this.publish('agent_alias_arn', this.agent.aliasArn, { description: `ARN of the ${this.config.env} alias (InvokeAgent)`, sample: sampleArn({ service: 'bedrock', region, account, resource: `agent-alias/${id10('agent')}/${id10('alias')}` }) });
    this.publish('knowledge_base_id', kb.knowledgeBaseId, { description: 'ID of the knowledge base', sample: id10('kb') });
    this.publish('guardrail_arn', guardrail.arn, { description: 'ARN of the agent\'s guardrail', sample: sampleArn({ service: 'bedrock', region, account, resource: `guardrail/${sampleToken(`${seed}:guardrail`, 12)}` }) });
    for (const [name, prompt] of Object.entries(prompts)) {
      this.publish(`${outputName(name)}_prompt_arn`, prompt.promptArn, { description: `ARN of the ${name} prompt`, sample: sampleArn({ service: 'bedrock', region, account, resource: `prompt/${id10(`prompt-${name}`)}` }) });
    }
  }
}
