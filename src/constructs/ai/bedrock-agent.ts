import { BedrockagentAgent } from '@cdktf/provider-aws/lib/bedrockagent-agent';
import { BedrockagentAgentActionGroup } from '@cdktf/provider-aws/lib/bedrockagent-agent-action-group';
import { BedrockagentAgentAlias } from '@cdktf/provider-aws/lib/bedrockagent-agent-alias';
import { BedrockagentAgentKnowledgeBaseAssociation } from '@cdktf/provider-aws/lib/bedrockagent-agent-knowledge-base-association';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Fn, ITerraformDependable, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { ServiceRole } from '../security/service-role';

/** The Lambda alias an action group runs: the agent invokes exactly this alias. */
export interface AgentLambdaExecutor {
  /** Alias ARN (`arn:aws:lambda:<region>:<account>:function:<name>:<alias>`): the action group's executor. */
  readonly aliasArn: string;
  /** Function name or unqualified function ARN: the permission's `function_name`. */
  readonly functionName: string;
  /** Alias name: the permission's `qualifier`, so the permission covers that alias only. */
  readonly qualifier: string;
}

export type AgentParameterType = 'string' | 'number' | 'integer' | 'boolean' | 'array';

export interface AgentFunctionParameter {
  readonly type: AgentParameterType;
  /** What the agent must elicit (1-500 characters). */
  readonly description: string;
  /**
   * The agent must have a value before it calls the function.
   * @default false
   */
  readonly required?: boolean;
}

export interface AgentFunction {
  /** Function name: letters, digits, single `-`/`_` between them (at most 100). */
  readonly name: string;
  /** When the agent should call it (1-1200 characters). */
  readonly description: string;
  /**
   * Parameters keyed by name.
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, AgentFunctionParameter>>;
}

/**
 * What an action group offers: an OpenAPI 3.0 document (sent as the JSON `api_schema.payload`) or
 * function details (`function_schema.member_functions`).
 */
export type AgentActionGroupSchema =
  | { readonly openApi: Readonly<Record<string, unknown>> }
  | { readonly functions: readonly AgentFunction[] };

export interface AgentActionGroup {
  /** What the group does (1-200 characters). */
  readonly description: string;
  readonly lambda: AgentLambdaExecutor;
  readonly schema: AgentActionGroupSchema;
}

export interface AgentKnowledgeBase {
  /** Knowledge base ID (10 characters). */
  readonly id: string;
  /** Knowledge base ARN: the agent role's `bedrock:Retrieve` resource. */
  readonly arn: string;
  /** When the agent should query it (1-200 characters; the agent reads this). */
  readonly description: string;
}

export interface AgentGuardrail {
  /** Guardrail ID. */
  readonly id: string;
  /** Published guardrail version (a number, not DRAFT). */
  readonly version: string;
  /** Guardrail ARN: the agent role's `bedrock:ApplyGuardrail` resource. */
  readonly arn: string;
  /**
   * Customer-managed key the guardrail is encrypted with: the agent role gets `kms:Decrypt` on it
   * (Bedrock decrypts the guardrail with the agent's role when it applies it).
   * @default - none: the guardrail uses an AWS-owned key or `customerEncryptionKeyArn`
   */
  readonly kmsKeyArn?: string;
}

export interface AgentAliasProps {
  /** Alias name: letters, digits, single `-`/`_` between them (at most 100). */
  readonly name: string;
  /** Alias description; the construct appends ` [definition <12 hex>]`, a fingerprint of the agent's definition (1-174 characters). */
  readonly description: string;
}

export interface BedrockAgentProps extends ProviderScopedProps {
  /** Agent name: letters, digits, single `-`/`_` between them (at most 58, so the role `<agentName>-agent` fits 64). */
  readonly agentName: string;
  /** What the agent is for (1-200 characters). */
  readonly description: string;
  /** Orchestration instruction (at least 40 characters; Bedrock rejects shorter ones). */
  readonly instruction: string;
  /** Orchestration model: a foundation-model ID, or an inference-profile ID or ARN. Must be covered by `modelArns`. */
  readonly foundationModel: string;
  /**
   * Everything the agent role may invoke (`bedrock:InvokeModel*`), and nothing else: foundation-model
   * ARNs (`arn:aws:bedrock:<region>::foundation-model/<id>`) and/or inference-profile ARNs
   * (`arn:aws:bedrock:<region>:<account>:inference-profile/<id>`). A system-defined inference
   * profile also needs the foundation models it routes to (Bedrock authorizes both).
   */
  readonly modelArns: readonly string[];
  /** Account of the agent: the role trust's `aws:SourceAccount` and the Lambda permissions' `source_account`. */
  readonly accountId: string;
  /** Region of the agent (its provider's region): the role trust's `aws:SourceArn`. */
  readonly region: string;
  /**
   * Seconds an idle session is kept (60-3600).
   * @default 600
   */
  readonly idleSessionTtlSeconds?: number;
  /** Customer-managed KMS key encrypting the agent (BR-02); the role gets `kms:Decrypt`/`kms:GenerateDataKey` on it. */
  readonly customerEncryptionKeyArn: string;
  /**
   * Guardrail applied to every turn (BR-01: required for any agent the policy pack sees as public-facing).
   * @default - none (the policy pack reports BR-01)
   */
  readonly guardrail?: AgentGuardrail;
  /**
   * Knowledge bases the agent may query, keyed by a name used in construct IDs.
   * @default {}
   */
  readonly knowledgeBases?: Readonly<Record<string, AgentKnowledgeBase>>;
  /** Action groups keyed by action group name (letters, digits, single `-`/`_` between them; at most 100). */
  readonly actionGroups: Readonly<Record<string, AgentActionGroup>>;
  /** The alias callers invoke; it versions the agent whenever the agent's definition changes. */
  readonly alias: AgentAliasProps;
}

/** `^([0-9a-zA-Z][_-]?){1,100}$`: the name rule of agents, aliases, action groups and functions. */
const BEDROCK_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
const PARAMETER_TYPES: readonly AgentParameterType[] = ['string', 'number', 'integer', 'boolean', 'array'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const FOUNDATION_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*|\*)::foundation-model\/([A-Za-z0-9._:-]+)$/;
const INFERENCE_PROFILE_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):(\d{12}):(inference-profile|application-inference-profile)\/([A-Za-z0-9._:-]+)$/;
/** Geography prefixes of system-defined (cross-region) inference profile IDs, e.g. `us.anthropic.claude-...`. */
const PROFILE_GEO = /^(us|us-gov|eu|apac|jp|au|ca|global)\./;
const LAMBDA_ALIAS_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+):([A-Za-z0-9_$-]+)$/;
const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)$/;
const FINGERPRINT_SUFFIX_LENGTH = ' [definition 0123456789ab]'.length;

/**
 * Free text as a Terraform literal: cdktf writes strings verbatim and Terraform reads `${` and `%{`
 * in JSON strings as template sequences, so a literal one is doubled. Text holding cdktf tokens is
 * left alone (its `${` are the references).
 */
function literal(text: string): string {
  return Token.isUnresolved(text) ? text : text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Bedrock agent with its action groups (Lambda aliases, OpenAPI or function schemas, each alias
 * invocable by this agent only), knowledge-base associations, guardrail, customer-managed
 * encryption, a least-privilege service role and an alias that versions the agent.
 *
 * Ordering, because the provider (5.100) prepares the agent after each action group and each
 * knowledge-base association and Bedrock refuses a prepare while one runs (hashicorp/terraform-provider-aws
 * #42845): action groups and associations form one `depends_on` chain, each with `prepare_agent`
 * (so the DRAFT is prepared after the last change), and the alias `depends_on` all of them.
 * The provider calls UpdateAgentAlias (which snapshots the prepared DRAFT into a new version and
 * routes the alias to it) only when the alias itself changes, so the alias description carries a
 * fingerprint of the agent, its action groups and associations, computed by Terraform at plan.
 */
export class BedrockAgent extends Construct {
  readonly agent: BedrockagentAgent;
  readonly alias: BedrockagentAgentAlias;
  readonly role: ServiceRole;
  /** Action groups keyed by name. */
  readonly actionGroups: Readonly<Record<string, BedrockagentAgentActionGroup>>;
  /** The Lambda permission of each action group, keyed by action group name. */
  readonly lambdaPermissions: Readonly<Record<string, LambdaPermission>>;
  /** Knowledge-base associations keyed by name. */
  readonly knowledgeBaseAssociations: Readonly<Record<string, BedrockagentAgentKnowledgeBaseAssociation>>;

  constructor(scope: Construct, id: string, props: BedrockAgentProps) {
    super(scope, id);
    const idleSessionTtlSeconds = props.idleSessionTtlSeconds ?? 600;
    const knowledgeBases = props.knowledgeBases ?? {};
    const name = props.agentName;
    const where = `BedrockAgent ${name}`;

    if (!BEDROCK_NAME.test(name)) throw new Error(`BedrockAgent ${id}: agentName "${name}" must be letters and digits with single - or _ between them (at most 100)`);
    const roleName = `${name}-agent`;
    if (roleName.length > 64) throw new Error(`${where}: role name "${roleName}" has ${roleName.length} characters (IAM allows 64); shorten agentName to at most 58 characters`);
    if (props.description.length < 1 || props.description.length > 200) throw new Error(`${where}: description has ${props.description.length} characters; use 1-200`);
    if (props.instruction.length < 40) {
      throw new Error(`${where}: instruction has ${props.instruction.length} characters; Bedrock requires at least 40, so describe the agent's task, tone and limits in full`);
    }
    if (!Number.isInteger(idleSessionTtlSeconds) || idleSessionTtlSeconds < 60 || idleSessionTtlSeconds > 3600) {
      throw new Error(`${where}: idleSessionTtlSeconds ${idleSessionTtlSeconds} is outside 60-3600; pick a whole number of seconds in that range`);
    }
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID`);
    if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(props.region)) throw new Error(`${where}: region "${props.region}" is not an AWS region name (for example us-east-1)`);
    if (!props.customerEncryptionKeyArn) throw new Error(`${where}: customerEncryptionKeyArn is empty; pass the customer-managed data key (BR-02)`);
    const modelArns = [...new Set(props.modelArns)];
    checkModels(where, props.foundationModel, modelArns, props.accountId, props.region);
    if (props.guardrail) checkRegion(where, 'guardrail arn', props.guardrail.arn, props.region);
    if (props.guardrail && !Token.isUnresolved(props.guardrail.version) && !/^[1-9]\d{0,7}$/.test(props.guardrail.version)) {
      throw new Error(`${where}: guardrail version "${props.guardrail.version}" is not a published version number; pass the guardrail version resource's version (DRAFT is not allowed)`);
    }
    const groupNames = Object.keys(props.actionGroups);
    if (groupNames.length === 0) throw new Error(`${where}: actionGroups is empty; an agent needs at least one action group`);
    for (const [groupName, group] of Object.entries(props.actionGroups)) {
      checkActionGroup(where, groupName, group);
      checkRegion(where, `action group "${groupName}" lambda aliasArn`, group.lambda.aliasArn, props.region);
    }
    for (const [kbName, kb] of Object.entries(knowledgeBases)) {
      if (kb.description.length < 1 || kb.description.length > 200) throw new Error(`${where}: knowledge base "${kbName}" description has ${kb.description.length} characters; use 1-200 (the agent reads it to decide when to query)`);
      if (!Token.isUnresolved(kb.id) && !/^[0-9a-zA-Z]{10}$/.test(kb.id)) throw new Error(`${where}: knowledge base "${kbName}" id "${kb.id}" is not a 10-character knowledge base ID`);
      checkRegion(where, `knowledge base "${kbName}" arn`, kb.arn, props.region);
    }
    if (!BEDROCK_NAME.test(props.alias.name)) throw new Error(`${where}: alias name "${props.alias.name}" must be letters and digits with single - or _ between them (at most 100)`);
    const aliasDescriptionMax = 200 - FINGERPRINT_SUFFIX_LENGTH;
    if (props.alias.description.length < 1 || props.alias.description.length > aliasDescriptionMax) {
      throw new Error(`${where}: alias description has ${props.alias.description.length} characters; use 1-${aliasDescriptionMax} (the definition fingerprint takes the rest of Bedrock's 200)`);
    }

    const statements: PolicyStatement[] = [
      { Sid: 'InvokeTheAgentModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: modelArns },
    ];
    const profileArns = modelArns.filter((arn) => Token.isUnresolved(arn) || INFERENCE_PROFILE_ARN.test(arn));
    if (profileArns.length > 0) statements.push({ Sid: 'ResolveTheInferenceProfiles', Effect: 'Allow', Action: 'bedrock:GetInferenceProfile', Resource: profileArns });
    if (props.guardrail) statements.push({ Sid: 'ApplyTheGuardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: props.guardrail.arn });
    const guardrailKey = props.guardrail?.kmsKeyArn;
    if (guardrailKey && guardrailKey !== props.customerEncryptionKeyArn) statements.push({ Sid: 'DecryptTheGuardrail', Effect: 'Allow', Action: 'kms:Decrypt', Resource: guardrailKey });
    const kbArns = Object.values(knowledgeBases).map((kb) => kb.arn);
    if (kbArns.length > 0) statements.push({ Sid: 'QueryTheKnowledgeBases', Effect: 'Allow', Action: 'bedrock:Retrieve', Resource: kbArns });
    statements.push({ Sid: 'UseTheAgentKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.customerEncryptionKeyArn });

    this.role = new ServiceRole(this, 'role', {
      roleName,
      description: `Bedrock agent ${name}: invokes its models, applies its guardrail, queries its knowledge bases`,
      servicePrincipal: 'bedrock.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:bedrock:${props.region}:${props.accountId}:agent/*`,
      statements,
    });

    this.agent = new BedrockagentAgent(this, 'agent', {
      agentName: name,
      description: literal(props.description),
      instruction: literal(props.instruction),
      foundationModel: props.foundationModel,
      agentResourceRoleArn: this.role.arn,
      idleSessionTtlInSeconds: idleSessionTtlSeconds,
      customerEncryptionKeyArn: props.customerEncryptionKeyArn,
      guardrailConfiguration: props.guardrail ? [{ guardrailIdentifier: props.guardrail.id, guardrailVersion: props.guardrail.version }] : undefined,
      prepareAgent: true,
      // Bedrock checks the role when it prepares the agent.
      dependsOn: [this.role.policy],
    });

    // One chain: each resource below prepares the agent, and two prepares at once fail.
    const chain: TerraformResource[] = [];
    const after = (): ITerraformDependable[] | undefined => (chain.length > 0 ? [chain[chain.length - 1]] : undefined);
    const groups: Record<string, BedrockagentAgentActionGroup> = {};
    const permissions: Record<string, LambdaPermission> = {};
    for (const [groupName, group] of Object.entries(props.actionGroups)) {
      const schema = group.schema;
      const actionGroup = new BedrockagentAgentActionGroup(this, `action-group-${groupName}`, {
        agentId: this.agent.agentId,
        agentVersion: 'DRAFT',
        actionGroupName: groupName,
        description: literal(group.description),
        actionGroupState: 'ENABLED',
        actionGroupExecutor: [{ lambda: group.lambda.aliasArn }],
        apiSchema: 'openApi' in schema ? [{ payload: literal(JSON.stringify(schema.openApi)) }] : undefined,
        functionSchema: 'functions' in schema
          ? [{
            memberFunctions: [{
              functions: schema.functions.map((f) => ({
                name: f.name,
                description: literal(f.description),
                parameters: Object.entries(f.parameters ?? {}).map(([parameter, p]) => ({
                  mapBlockKey: parameter,
                  type: p.type,
                  description: literal(p.description),
                  required: p.required ?? false,
                })),
              })),
            }],
          }]
          : undefined,
        prepareAgent: true,
        dependsOn: after(),
      });
      chain.push(actionGroup);
      groups[groupName] = actionGroup;
      permissions[groupName] = new LambdaPermission(this, `invoke-${groupName}`, {
        functionName: group.lambda.functionName,
        qualifier: group.lambda.qualifier,
        action: 'lambda:InvokeFunction',
        principal: 'bedrock.amazonaws.com',
        sourceAccount: props.accountId,
        sourceArn: this.agent.agentArn,
      });
    }

    const associations: Record<string, BedrockagentAgentKnowledgeBaseAssociation> = {};
    for (const [kbName, kb] of Object.entries(knowledgeBases)) {
      const association = new BedrockagentAgentKnowledgeBaseAssociation(this, `knowledge-base-${kbName}`, {
        agentId: this.agent.agentId,
        agentVersion: 'DRAFT',
        knowledgeBaseId: kb.id,
        description: literal(kb.description),
        knowledgeBaseState: 'ENABLED',
        dependsOn: after(),
      });
      chain.push(association);
      associations[kbName] = association;
    }

    // What a new agent version must capture: planned values, so a change anywhere in the chain
    // changes the alias description in the same plan (and UpdateAgentAlias versions the agent).
    const definition = [
      ...['instruction', 'foundation_model', 'description', 'idle_session_ttl_in_seconds', 'customer_encryption_key_arn', 'guardrail_configuration']
        .map((attribute) => this.agent.interpolationForAttribute(attribute)),
      ...Object.values(groups).flatMap((g) => ['action_group_name', 'description', 'action_group_state', 'action_group_executor', 'api_schema', 'function_schema']
        .map((attribute) => g.interpolationForAttribute(attribute))),
      ...Object.values(associations).flatMap((a) => ['knowledge_base_id', 'description', 'knowledge_base_state']
        .map((attribute) => a.interpolationForAttribute(attribute))),
    ];
    const fingerprint = Fn.substr(Fn.sha256(Fn.jsonencode(definition.map((ref) => Token.asAny(ref)))), 0, 12);

    this.alias = new BedrockagentAgentAlias(this, 'alias', {
      agentId: this.agent.agentId,
      agentAliasName: props.alias.name,
      description: `${literal(props.alias.description)} [definition ${fingerprint}]`,
      dependsOn: [...chain],
    });

    this.actionGroups = groups;
    this.lambdaPermissions = permissions;
    this.knowledgeBaseAssociations = associations;
    useProvider(this, props.provider);
  }

  get agentId(): string {
    return this.agent.agentId;
  }

  get agentArn(): string {
    return this.agent.agentArn;
  }

  get aliasId(): string {
    return this.alias.agentAliasId;
  }

  get aliasArn(): string {
    return this.alias.agentAliasArn;
  }
}

/** A literal ARN must be in the agent's region (Bedrock does not reach across regions for these). */
function checkRegion(where: string, what: string, arn: string, region: string): void {
  if (Token.isUnresolved(arn)) return;
  const arnRegion = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):/.exec(arn)?.[1];
  if (arnRegion !== undefined && arnRegion !== region) throw new Error(`${where}: ${what} "${arn}" is in ${arnRegion}, but the agent is in ${region}; use the resource of the agent's region`);
}

/** The resource ID of a model ARN (after the last `/`), or undefined for a token. */
function modelIdOf(arn: string): { kind: 'foundation-model' | 'inference-profile' | 'application-inference-profile'; id: string } | undefined {
  const model = FOUNDATION_MODEL_ARN.exec(arn);
  if (model) return { kind: 'foundation-model', id: model[2] };
  const profile = INFERENCE_PROFILE_ARN.exec(arn);
  if (profile) return { kind: profile[3] as 'inference-profile' | 'application-inference-profile', id: profile[4] };
  return undefined;
}

function checkModels(where: string, foundationModel: string, modelArns: readonly string[], accountId: string, region: string): void {
  if (modelArns.length === 0) throw new Error(`${where}: modelArns is empty; list the foundation-model and/or inference-profile ARNs the agent may invoke`);
  for (const arn of modelArns) {
    if (Token.isUnresolved(arn)) continue;
    const parsed = modelIdOf(arn);
    if (!parsed) {
      throw new Error(`${where}: modelArns entry "${arn}" is neither a foundation-model ARN (arn:aws:bedrock:<region>::foundation-model/<id>) nor an inference-profile ARN (arn:aws:bedrock:<region>:<account>:inference-profile/<id>); wildcards are not allowed`);
    }
    const profile = INFERENCE_PROFILE_ARN.exec(arn);
    if (profile && profile[1] !== region) throw new Error(`${where}: modelArns entry "${arn}" is in ${profile[1]}, but the agent is in ${region}; an agent invokes inference profiles of its own region`);
    if (profile && profile[2] !== accountId) throw new Error(`${where}: modelArns entry "${arn}" names account ${profile[2]}, but the agent is in ${accountId}; inference-profile ARNs carry the caller's account`);
  }
  if (Token.isUnresolved(foundationModel) || modelArns.some((arn) => Token.isUnresolved(arn))) return;

  const covering = foundationModel.startsWith('arn:')
    ? modelArns.find((arn) => arn === foundationModel)
    : modelArns.find((arn) => modelIdOf(arn)?.id === foundationModel);
  if (!covering) {
    const suggestion = foundationModel.startsWith('arn:')
      ? foundationModel
      : PROFILE_GEO.test(foundationModel)
        ? `arn:aws:bedrock:${region}:${accountId}:inference-profile/${foundationModel}`
        : `arn:aws:bedrock:${region}::foundation-model/${foundationModel}`;
    throw new Error(`${where}: foundationModel "${foundationModel}" is not covered by modelArns (the agent could not invoke its own model); add ${suggestion}`);
  }
  const parsed = modelIdOf(covering)!;
  if (parsed.kind === 'inference-profile' && PROFILE_GEO.test(parsed.id)) {
    const underlying = parsed.id.replace(PROFILE_GEO, '');
    const routed = modelArns.some((arn) => { const m = modelIdOf(arn); return m?.kind === 'foundation-model' && m.id === underlying; });
    if (!routed) {
      throw new Error(`${where}: modelArns has the inference profile ${parsed.id} but not the foundation model it routes to; add arn:aws:bedrock:<region>::foundation-model/${underlying} for each region the profile routes to (Bedrock authorizes InvokeModel on both)`);
    }
  }
}

function checkActionGroup(where: string, groupName: string, group: AgentActionGroup): void {
  const at = `${where}: action group "${groupName}"`;
  if (!BEDROCK_NAME.test(groupName)) throw new Error(`${at}: the name must be letters and digits with single - or _ between them (at most 100)`);
  if (group.description.length < 1 || group.description.length > 200) throw new Error(`${at}: description has ${group.description.length} characters; use 1-200`);

  const lambda = group.lambda;
  if (lambda.qualifier === '$LATEST' || !/^[A-Za-z0-9_-]{1,128}$/.test(lambda.qualifier)) {
    throw new Error(`${at}: lambda qualifier "${lambda.qualifier}" is not an alias name; pass the alias the agent invokes (for example live), never $LATEST`);
  }
  if (!Token.isUnresolved(lambda.aliasArn)) {
    const alias = LAMBDA_ALIAS_ARN.exec(lambda.aliasArn);
    if (!alias) throw new Error(`${at}: lambda aliasArn "${lambda.aliasArn}" is not a Lambda alias ARN (arn:aws:lambda:<region>:<account>:function:<name>:<alias>)`);
    if (alias[2] !== lambda.qualifier) throw new Error(`${at}: lambda aliasArn ends in alias "${alias[2]}" but qualifier is "${lambda.qualifier}"; the permission must cover the alias the agent invokes`);
    if (!Token.isUnresolved(lambda.functionName)) {
      const fn = LAMBDA_FUNCTION_ARN.exec(lambda.functionName)?.[1] ?? lambda.functionName;
      if (fn !== alias[1]) throw new Error(`${at}: lambda functionName "${lambda.functionName}" is not the function of aliasArn (${alias[1]})`);
    }
  }

  const schema = group.schema;
  if ('openApi' in schema) {
    checkOpenApi(at, schema.openApi);
    return;
  }
  if (schema.functions.length === 0) throw new Error(`${at}: functions is empty; describe at least one function or pass an openApi schema`);
  const seen = new Set<string>();
  for (const fn of schema.functions) {
    if (!BEDROCK_NAME.test(fn.name)) throw new Error(`${at}: function name "${fn.name}" must be letters and digits with single - or _ between them (at most 100)`);
    if (seen.has(fn.name)) throw new Error(`${at}: function "${fn.name}" is listed twice`);
    seen.add(fn.name);
    if (fn.description.length < 1 || fn.description.length > 1200) throw new Error(`${at}: function "${fn.name}" description has ${fn.description.length} characters; use 1-1200`);
    for (const [parameter, p] of Object.entries(fn.parameters ?? {})) {
      if (!BEDROCK_NAME.test(parameter)) throw new Error(`${at}: function "${fn.name}" parameter "${parameter}" must be letters and digits with single - or _ between them`);
      if (!PARAMETER_TYPES.includes(p.type)) throw new Error(`${at}: function "${fn.name}" parameter "${parameter}" has type "${p.type}"; use one of ${PARAMETER_TYPES.join(', ')}`);
      if (p.description.length < 1 || p.description.length > 500) throw new Error(`${at}: function "${fn.name}" parameter "${parameter}" description has ${p.description.length} characters; use 1-500`);
    }
  }
}

/** The parts of an OpenAPI document Bedrock needs: version 3.0.x, paths, and a description and operationId per operation. */
function checkOpenApi(at: string, doc: Readonly<Record<string, unknown>>): void {
  const version = doc.openapi;
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    throw new Error(`${at}: OpenAPI schema has openapi ${JSON.stringify(version)}; Bedrock agents read OpenAPI 3.0 documents ("openapi": "3.0.0")`);
  }
  const paths = doc.paths;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths) || Object.keys(paths).length === 0) {
    throw new Error(`${at}: OpenAPI schema has no paths; describe each operation the agent may call under "paths" (for example "/opportunities/{id}": { "get": { ... } })`);
  }
  const operationIds = new Set<string>();
  for (const [route, item] of Object.entries(paths as Record<string, unknown>)) {
    if (!route.startsWith('/')) throw new Error(`${at}: OpenAPI path "${route}" must begin with /`);
    const operations = Object.entries((item ?? {}) as Record<string, any>).filter(([method]) => HTTP_METHODS.includes(method));
    if (operations.length === 0) throw new Error(`${at}: OpenAPI path "${route}" has no operation (get, post, ...)`);
    for (const [method, operation] of operations) {
      const op = `${method.toUpperCase()} ${route}`;
      if (typeof operation?.description !== 'string' || operation.description.length === 0) {
        throw new Error(`${at}: OpenAPI operation ${op} has no description; the agent reads it to decide when to call the operation`);
      }
      if (typeof operation.operationId !== 'string' || operation.operationId.length === 0) {
        throw new Error(`${at}: OpenAPI operation ${op} has no operationId; Bedrock requires one per operation for tool-use models`);
      }
      if (operationIds.has(operation.operationId)) throw new Error(`${at}: OpenAPI operationId "${operation.operationId}" is used twice`);
      operationIds.add(operation.operationId);
    }
  }
}
