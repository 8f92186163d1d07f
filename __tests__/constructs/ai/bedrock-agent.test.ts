import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AgentActionGroup, BedrockAgent, BedrockAgentProps } from '../../../src/constructs/ai/bedrock-agent';
import { evaluate } from '../../../src/policy';
import { doc, stackOf } from '../../policy/harness';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';

const ACCOUNT = '222222222222';
const REGION = 'us-east-1';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const GUARDRAIL_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-2222-3333-4444-555555555555`;
const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const PROFILE = `us.${MODEL}`;
const PROFILE_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/${PROFILE}`;
const MODEL_ARNS = ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/${MODEL}`);
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr0123456789`;
const KB_ARN = (id: string) => `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/${id}`;
const lambda = (name: string) => ({ aliasArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}:live`, functionName: name, qualifier: 'live' });
const INSTRUCTION = 'You analyse partner opportunities: score their fit, size the deal, flag risks and recommend the next step.';

const OPEN_API = {
  openapi: '3.0.0',
  info: { title: 'Scoring', version: '1.0.0' },
  paths: {
    '/opportunities/{id}/score': {
      post: {
        operationId: 'scoreOpportunity',
        description: 'Scores how well an opportunity fits the partner',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The score' } },
      },
    },
  },
};

const SCORING: AgentActionGroup = { description: 'Scores opportunities', lambda: lambda('pm-prod-scoring'), schema: { openApi: OPEN_API } };
const LOOKUP: AgentActionGroup = {
  description: 'Looks up partners',
  lambda: lambda('pm-prod-partners'),
  schema: {
    functions: [{
      name: 'getPartner',
      description: 'Reads a partner profile',
      parameters: { partnerId: { type: 'string', description: 'Partner ID', required: true }, includeHistory: { type: 'boolean', description: 'Also return past deals' } },
    }],
  },
};

const BASE: BedrockAgentProps = {
  agentName: 'pm-prod-opportunity-analysis',
  description: 'Opportunity Analysis Orchestrator',
  instruction: INSTRUCTION,
  foundationModel: PROFILE,
  modelArns: [PROFILE_ARN, ...MODEL_ARNS],
  accountId: ACCOUNT,
  region: REGION,
  customerEncryptionKeyArn: KEY,
  guardrail: { id: 'gr0123456789', version: '3', arn: GUARDRAIL_ARN },
  knowledgeBases: { playbooks: { id: 'KBPLAYBOOK', arn: KB_ARN('KBPLAYBOOK'), description: 'Partner playbooks and co-sell guidance' } },
  actionGroups: { 'opportunity-scoring': SCORING, 'partner-lookup': LOOKUP },
  alias: { name: 'prod', description: 'Production alias' },
};

function synth(props: Partial<BedrockAgentProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new BedrockAgent(scope, 'orchestrator', { ...BASE, ...props })));
}

/** The resource of `type` whose Terraform name contains `part`. */
function named(json: Json, type: string, part: string): [string, Json] {
  const found = resourcesOf(json, type).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${found.length}`);
  return found[0];
}

const agentRef = (json: Json, attribute: string) => `\${aws_bedrockagent_agent.${resourcesOf(json, 'aws_bedrockagent_agent')[0][0]}.${attribute}}`;
const policyOf = (json: Json) => parsed(onlyResource(json, 'aws_iam_role_policy').policy);
const statement = (json: Json, sid: string) => policyOf(json).Statement.find((s: Json) => s.Sid === sid);

describe('BedrockAgent', () => {
  test('agent: instruction, orchestration model, idle TTL (600 by default), customer-managed key, guardrail, prepared, role', () => {
    const json = synth();
    const agent = onlyResource(json, 'aws_bedrockagent_agent');
    const [roleName] = resourcesOf(json, 'aws_iam_role')[0];
    const [policyName] = resourcesOf(json, 'aws_iam_role_policy')[0];
    expect(agent).toMatchObject({
      agent_name: 'pm-prod-opportunity-analysis',
      description: 'Opportunity Analysis Orchestrator',
      instruction: INSTRUCTION,
      foundation_model: PROFILE,
      idle_session_ttl_in_seconds: 600,
      customer_encryption_key_arn: KEY,
      guardrail_configuration: [{ guardrail_identifier: 'gr0123456789', guardrail_version: '3' }],
      prepare_agent: true,
      agent_resource_role_arn: `\${aws_iam_role.${roleName}.arn}`,
      depends_on: [`aws_iam_role_policy.${policyName}`],
    });
    expect(onlyResource(synth({ idleSessionTtlSeconds: 1800 }), 'aws_bedrockagent_agent').idle_session_ttl_in_seconds).toBe(1800);
    expect(onlyResource(synth({ guardrail: undefined }), 'aws_bedrockagent_agent').guardrail_configuration).toBeUndefined();
  });

  test('action groups: the Lambda alias as executor, OpenAPI as a JSON payload, function details as blocks, enabled on the DRAFT and prepared', () => {
    const json = synth();
    const [, scoring] = named(json, 'aws_bedrockagent_agent_action_group', 'opportunity-scoring');
    expect(scoring).toMatchObject({
      agent_id: agentRef(json, 'agent_id'),
      agent_version: 'DRAFT',
      action_group_name: 'opportunity-scoring',
      description: 'Scores opportunities',
      action_group_state: 'ENABLED',
      action_group_executor: [{ lambda: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pm-prod-scoring:live` }],
      prepare_agent: true,
    });
    expect(typeof scoring.api_schema[0].payload).toBe('string');
    expect(JSON.parse(scoring.api_schema[0].payload)).toEqual(OPEN_API);
    expect(scoring.function_schema).toBeUndefined();

    const [, lookup] = named(json, 'aws_bedrockagent_agent_action_group', 'partner-lookup');
    expect(lookup.api_schema).toBeUndefined();
    expect(lookup.function_schema).toEqual([{
      member_functions: [{
        functions: [{
          name: 'getPartner',
          description: 'Reads a partner profile',
          parameters: [
            { map_block_key: 'partnerId', type: 'string', description: 'Partner ID', required: true },
            { map_block_key: 'includeHistory', type: 'boolean', description: 'Also return past deals', required: false },
          ],
        }],
      }],
    }]);
  });

  test('one Lambda permission per action group: bedrock.amazonaws.com, this account, this agent, the alias qualifier only', () => {
    const json = synth();
    const permissions = resourcesOf(json, 'aws_lambda_permission');
    expect(permissions).toHaveLength(2);
    const [, scoring] = named(json, 'aws_lambda_permission', 'opportunity-scoring');
    expect(scoring).toEqual({
      function_name: 'pm-prod-scoring',
      qualifier: 'live',
      action: 'lambda:InvokeFunction',
      principal: 'bedrock.amazonaws.com',
      source_account: ACCOUNT,
      source_arn: agentRef(json, 'agent_arn'),
    });
    expect(named(json, 'aws_lambda_permission', 'partner-lookup')[1]).toMatchObject({ function_name: 'pm-prod-partners', qualifier: 'live', source_arn: agentRef(json, 'agent_arn') });
  });

  test('service role `<agentName>-agent`: trusted by Bedrock for this account\'s agents only (SourceAccount + SourceArn)', () => {
    const role = onlyResource(synth(), 'aws_iam_role');
    expect(role.name).toBe('pm-prod-opportunity-analysis-agent');
    expect(parsed(role.assume_role_policy).Statement).toEqual([{
      Sid: 'ServiceAssumesRoleForThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:agent/*` } },
    }]);
  });

  test('role policy: exactly the given models, the profile, the guardrail, the knowledge bases and the key', () => {
    const json = synth({ knowledgeBases: { ...BASE.knowledgeBases, history: { id: 'KBHISTORY1', arn: KB_ARN('KBHISTORY1'), description: 'Past deals' } } });
    expect(policyOf(json).Statement).toEqual([
      { Sid: 'InvokeTheAgentModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [PROFILE_ARN, ...MODEL_ARNS] },
      { Sid: 'ResolveTheInferenceProfiles', Effect: 'Allow', Action: 'bedrock:GetInferenceProfile', Resource: [PROFILE_ARN] },
      { Sid: 'ApplyTheGuardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: GUARDRAIL_ARN },
      { Sid: 'QueryTheKnowledgeBases', Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: [KB_ARN('KBPLAYBOOK'), KB_ARN('KBHISTORY1')] },
      { Sid: 'UseTheAgentKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY },
    ]);
  });

  test('role policy without guardrail, knowledge bases or profile has no statement for them; a guardrail key gets kms:Decrypt', () => {
    const bare = synth({ foundationModel: MODEL, modelArns: [MODEL_ARNS[0]], guardrail: undefined, knowledgeBases: undefined });
    expect(policyOf(bare).Statement.map((s: Json) => s.Sid)).toEqual(['InvokeTheAgentModels', 'UseTheAgentKey']);
    expect(statement(bare, 'InvokeTheAgentModels').Resource).toEqual([MODEL_ARNS[0]]);
    expect(resourcesOf(bare, 'aws_bedrockagent_agent_knowledge_base_association')).toEqual([]);

    const keyed = synth({ guardrail: { ...BASE.guardrail!, kmsKeyArn: GUARDRAIL_KEY } });
    expect(statement(keyed, 'DecryptTheGuardrail')).toEqual({ Sid: 'DecryptTheGuardrail', Effect: 'Allow', Action: 'kms:Decrypt', Resource: GUARDRAIL_KEY });
    expect(statement(synth({ guardrail: { ...BASE.guardrail!, kmsKeyArn: KEY } }), 'DecryptTheGuardrail')).toBeUndefined();
  });

  test('knowledge-base association: enabled on the DRAFT with the description the agent reads', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_bedrockagent_agent_knowledge_base_association')).toMatchObject({
      agent_id: agentRef(json, 'agent_id'),
      agent_version: 'DRAFT',
      knowledge_base_id: 'KBPLAYBOOK',
      knowledge_base_state: 'ENABLED',
      description: 'Partner playbooks and co-sell guidance',
    });
  });

  test('action groups and associations prepare the agent one after another; the alias waits for all of them', () => {
    const json = synth();
    const [scoringName, scoring] = named(json, 'aws_bedrockagent_agent_action_group', 'opportunity-scoring');
    const [lookupName, lookup] = named(json, 'aws_bedrockagent_agent_action_group', 'partner-lookup');
    const [kbName, kb] = named(json, 'aws_bedrockagent_agent_knowledge_base_association', 'playbooks');
    expect(scoring.depends_on).toBeUndefined();
    expect(lookup.depends_on).toEqual([`aws_bedrockagent_agent_action_group.${scoringName}`]);
    expect(kb.depends_on).toEqual([`aws_bedrockagent_agent_action_group.${lookupName}`]);
    const alias = onlyResource(json, 'aws_bedrockagent_agent_alias');
    expect(alias.agent_id).toBe(agentRef(json, 'agent_id'));
    expect(alias.agent_alias_name).toBe('prod');
    expect(alias.routing_configuration).toBeUndefined();
    expect(alias.depends_on).toEqual([
      `aws_bedrockagent_agent_action_group.${scoringName}`,
      `aws_bedrockagent_agent_action_group.${lookupName}`,
      `aws_bedrockagent_agent_knowledge_base_association.${kbName}`,
    ]);
  });

  test('alias description carries a plan-time fingerprint of the agent, its action groups and associations (new version on any change)', () => {
    const json = synth();
    const [agentName] = resourcesOf(json, 'aws_bedrockagent_agent')[0];
    const [scoringName] = named(json, 'aws_bedrockagent_agent_action_group', 'opportunity-scoring');
    const [kbName] = named(json, 'aws_bedrockagent_agent_knowledge_base_association', 'playbooks');
    const description: string = onlyResource(json, 'aws_bedrockagent_agent_alias').description;
    expect(description).toMatch(/^Production alias \[definition \$\{substr\(sha256\(jsonencode\(\[.*\]\)\), 0, 12\)\}\]$/);
    for (const ref of [
      `aws_bedrockagent_agent.${agentName}.instruction`,
      `aws_bedrockagent_agent.${agentName}.foundation_model`,
      `aws_bedrockagent_agent.${agentName}.guardrail_configuration`,
      `aws_bedrockagent_agent_action_group.${scoringName}.api_schema`,
      `aws_bedrockagent_agent_action_group.${scoringName}.function_schema`,
      `aws_bedrockagent_agent_action_group.${scoringName}.action_group_executor`,
      `aws_bedrockagent_agent_knowledge_base_association.${kbName}.knowledge_base_id`,
    ]) expect(description).toContain(ref);
  });

  test('free text is a Terraform literal: ${ and %{ are escaped', () => {
    const json = synth({ instruction: `${INSTRUCTION} Quote prices as \${amount} and never use %{if} directives.` });
    expect(onlyResource(json, 'aws_bedrockagent_agent').instruction).toBe(`${INSTRUCTION} Quote prices as $\${amount} and never use %%{if} directives.`);
  });

  test('every resource goes on the given provider', () => {
    const stack = new TerraformStack(Testing.app(), 'partner-mgmt-dev-ai');
    new AwsProvider(stack, 'aws', { region: REGION });
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    const west2 = (arn: string) => arn.replace(`:${REGION}:`, ':us-west-2:');
    new BedrockAgent(stack, 'orchestrator', {
      ...BASE,
      region: 'us-west-2',
      foundationModel: MODEL,
      modelArns: [MODEL_ARNS[2]],
      guardrail: { ...BASE.guardrail!, arn: west2(GUARDRAIL_ARN) },
      knowledgeBases: { playbooks: { ...BASE.knowledgeBases!.playbooks, arn: west2(KB_ARN('KBPLAYBOOK')) } },
      actionGroups: { scoring: { ...SCORING, lambda: { ...SCORING.lambda, aliasArn: west2(SCORING.lambda.aliasArn) } } },
      provider: west,
    });
    const all = Object.values<Json>(synthJson(stack).resource).flatMap((byName) => Object.values<Json>(byName));
    expect(all).toHaveLength(7);
    expect(all.every((r) => r.provider === 'aws.us_west_2')).toBe(true);
  });

  test('rejects a short instruction and an idle TTL outside 60-3600', () => {
    expect(() => synth({ instruction: 'Analyse opportunities.' })).toThrow('BedrockAgent pm-prod-opportunity-analysis: instruction has 22 characters; Bedrock requires at least 40');
    expect(() => synth({ idleSessionTtlSeconds: 59 })).toThrow('idleSessionTtlSeconds 59 is outside 60-3600');
    expect(() => synth({ idleSessionTtlSeconds: 3601 })).toThrow('idleSessionTtlSeconds 3601 is outside 60-3600');
    expect(() => synth({ idleSessionTtlSeconds: 90.5 })).toThrow('idleSessionTtlSeconds 90.5 is outside 60-3600');
  });

  test('rejects an OpenAPI schema without paths, a wrong version, an operation without description or operationId', () => {
    const withSchema = (openApi: Record<string, unknown>) => () => synth({ actionGroups: { 'opportunity-scoring': { ...SCORING, schema: { openApi } } } });
    expect(withSchema({ openapi: '3.0.0', info: { title: 'x', version: '1' } })).toThrow('action group "opportunity-scoring": OpenAPI schema has no paths');
    expect(withSchema({ ...OPEN_API, paths: {} })).toThrow('OpenAPI schema has no paths');
    expect(withSchema({ ...OPEN_API, openapi: '2.0' })).toThrow('OpenAPI schema has openapi "2.0"; Bedrock agents read OpenAPI 3.0 documents');
    expect(withSchema({ ...OPEN_API, paths: { '/x': { get: { operationId: 'x' } } } })).toThrow('OpenAPI operation GET /x has no description');
    expect(withSchema({ ...OPEN_API, paths: { '/x': { get: { description: 'x' } } } })).toThrow('OpenAPI operation GET /x has no operationId');
    expect(withSchema({ ...OPEN_API, paths: { x: { get: { description: 'x', operationId: 'x' } } } })).toThrow('OpenAPI path "x" must begin with /');
  });

  test('rejects function schemas Bedrock would refuse', () => {
    const withFunctions = (functions: any[]) => () => synth({ actionGroups: { lookup: { ...LOOKUP, schema: { functions } } } });
    expect(withFunctions([])).toThrow('functions is empty');
    expect(withFunctions([{ name: 'get partner', description: 'x' }])).toThrow('function name "get partner" must be letters and digits');
    expect(withFunctions([{ name: 'a', description: 'x' }, { name: 'a', description: 'y' }])).toThrow('function "a" is listed twice');
    expect(withFunctions([{ name: 'a', description: 'x', parameters: { p: { type: 'object', description: 'x' } } }])).toThrow('parameter "p" has type "object"; use one of string, number, integer, boolean, array');
  });

  test('rejects models the role would not cover', () => {
    expect(() => synth({ modelArns: MODEL_ARNS })).toThrow(`foundationModel "${PROFILE}" is not covered by modelArns (the agent could not invoke its own model); add ${PROFILE_ARN}`);
    expect(() => synth({ foundationModel: 'amazon.nova-pro-v1:0' })).toThrow(`add arn:aws:bedrock:${REGION}::foundation-model/amazon.nova-pro-v1:0`);
    expect(() => synth({ modelArns: [PROFILE_ARN] })).toThrow(`modelArns has the inference profile ${PROFILE} but not the foundation model it routes to`);
    expect(() => synth({ modelArns: [...BASE.modelArns, 'arn:aws:bedrock:us-east-1::foundation-model/*'] })).toThrow('wildcards are not allowed');
    expect(() => synth({ modelArns: [] })).toThrow('modelArns is empty');
    expect(() => synth({ modelArns: [PROFILE_ARN.replace(ACCOUNT, '333333333333'), ...MODEL_ARNS] })).toThrow('names account 333333333333, but the agent is in 222222222222');
  });

  test('rejects Lambda executors the permission would not match, and other bad props', () => {
    const withLambda = (l: Partial<AgentActionGroup['lambda']>) => () => synth({ actionGroups: { scoring: { ...SCORING, lambda: { ...SCORING.lambda, ...l } } } });
    expect(withLambda({ qualifier: 'blue' })).toThrow('lambda aliasArn ends in alias "live" but qualifier is "blue"');
    expect(withLambda({ qualifier: '$LATEST' })).toThrow('never $LATEST');
    expect(withLambda({ functionName: 'other' })).toThrow('lambda functionName "other" is not the function of aliasArn (pm-prod-scoring)');
    expect(withLambda({ aliasArn: 'pm-prod-scoring:live' })).toThrow('is not a Lambda alias ARN');
    expect(() => synth({ agentName: 'a'.repeat(59) })).toThrow(`role name "${'a'.repeat(59)}-agent" has 65 characters (IAM allows 64); shorten agentName to at most 58 characters`);
    expect(() => synth({ actionGroups: {} })).toThrow('actionGroups is empty');
    expect(() => synth({ guardrail: { ...BASE.guardrail!, version: 'DRAFT' } })).toThrow('guardrail version "DRAFT" is not a published version number');
    expect(() => synth({ alias: { name: 'prod', description: 'x'.repeat(175) } })).toThrow('alias description has 175 characters; use 1-174');
    expect(() => synth({ customerEncryptionKeyArn: '' })).toThrow('customerEncryptionKeyArn is empty');
    expect(withLambda({ aliasArn: SCORING.lambda.aliasArn.replace(REGION, 'eu-west-1') })).toThrow(`lambda aliasArn "arn:aws:lambda:eu-west-1:${ACCOUNT}:function:pm-prod-scoring:live" is in eu-west-1, but the agent is in us-east-1`);
    expect(() => synth({ guardrail: { ...BASE.guardrail!, arn: GUARDRAIL_ARN.replace(REGION, 'eu-west-1') } })).toThrow('guardrail arn');
    expect(() => synth({ modelArns: [PROFILE_ARN.replace(REGION, 'us-west-2'), ...MODEL_ARNS] })).toThrow('an agent invokes inference profiles of its own region');
  });
});

describe('BedrockAgent and the policy pack', () => {
  test('a typical agent in a prod stack has no finding (BR-01/02, IAM-01/02, LAM-03 hold)', () => {
    const stack = stackOf('partner-mgmt-prod-ai');
    new BedrockAgent(stack, 'orchestrator', {
      ...BASE,
      knowledgeBases: { ...BASE.knowledgeBases, history: { id: 'KBHISTORY1', arn: KB_ARN('KBHISTORY1'), description: 'Past deals' } },
      actionGroups: {
        'opportunity-scoring': SCORING,
        'partner-lookup': LOOKUP,
        'deal-sizing': { description: 'Sizes deals', lambda: lambda('pm-prod-sizing'), schema: { functions: [{ name: 'estimateDealSize', description: 'Estimates ACV' }] } },
        'risk-assessment': { description: 'Flags risks', lambda: lambda('pm-prod-risk'), schema: { functions: [{ name: 'listRisks', description: 'Lists risks' }] } },
      },
    });
    const report = evaluate([doc(stack)]);
    const [stackReport] = report.stacks;
    expect(stackReport).toMatchObject({ stack: 'partner-mgmt-prod-ai', isProd: true });
    expect(stackReport.findings).toEqual([]);
    expect(report.passed).toBe(true);
    // Rules that looked at the agent's resources: BR-01/02 (agent), IAM-01..03 (role, policy), LAM-03 (x4).
    expect(stackReport.evaluated).toBeGreaterThanOrEqual(10);
  });

  test('without a guardrail BR-01 fires on the agent (high, blocking)', () => {
    const stack = stackOf('partner-mgmt-prod-ai');
    new BedrockAgent(stack, 'orchestrator', { ...BASE, guardrail: undefined });
    const report = evaluate([doc(stack)]);
    expect(report.blocking.map((f) => [f.ruleId, f.attribute])).toEqual([['BR-01', 'guardrail_configuration']]);
  });
});
