import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, isSet, verdict } from '../helpers';
import { PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const AGENT = 'aws_bedrockagent_agent';
const GUARDRAIL = 'aws_bedrock_guardrail';
const DATA_SOURCE = 'aws_bedrockagent_data_source';
const CC = 'aws_cloudcontrolapi_resource';

/** Cloud Control resources of a CloudFormation type, with desired_state parsed once. */
function ccType(resource: PolicyResource): string {
  return String(resource.body.type_name ?? '');
}

function ccState(resource: PolicyResource): Record<string, any> {
  const state = resource.json('desired_state');
  return state && typeof state === 'object' ? state : {};
}

export const BEDROCK_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'BR-01',
    title: 'Every Bedrock agent uses a guardrail (identifier + version)',
    severity: 'high',
    pack: 'bedrock',
    mappings: { checkov: ['CKV_AWS_383'] },
    appliesTo: [AGENT, CC],
    check(resource) {
      if (resource.type === CC && ccType(resource) === 'AWS::BedrockAgentCore::Runtime') {
        // AgentCore runtimes run agent code that applies the guardrail itself: it must be handed one.
        const env = ccState(resource).EnvironmentVariables ?? {};
        const id = Object.keys(env).find((k) => /GUARDRAIL_?(ID|IDENTIFIER|ARN)$/i.test(k) && isSet(env[k]));
        const version = Object.keys(env).find((k) => /GUARDRAIL_?VERSION$/i.test(k) && isSet(env[k]));
        if (id && version) return COMPLIANT;
        return fail(resource, 'desired_state.EnvironmentVariables', 'does not pass a guardrail (GUARDRAIL_ID and GUARDRAIL_VERSION) to the agent runtime; create a guardrail version and apply it to every model call');
      }
      if (resource.type === CC) {
        if (ccType(resource) !== 'AWS::Bedrock::Agent') return NOT_APPLICABLE;
        const g = ccState(resource).GuardrailConfiguration ?? {};
        if (isSet(g.GuardrailIdentifier) && isSet(g.GuardrailVersion)) return COMPLIANT;
        return fail(resource, 'desired_state.GuardrailConfiguration', 'lacks GuardrailIdentifier and GuardrailVersion; attach a guardrail');
      }
      const g = block(resource.body.guardrail_configuration);
      if (isSet(g?.guardrail_identifier) && isSet(g?.guardrail_version)) return COMPLIANT;
      return fail(resource, 'guardrail_configuration', 'lacks guardrail_identifier and guardrail_version; attach a guardrail');
    },
  }),
  defineRule({
    id: 'BR-02',
    title: 'Agent, guardrail and KB data source encrypted with customer-managed keys',
    severity: 'medium',
    pack: 'bedrock',
    mappings: { checkov: ['CKV_AWS_373'] },
    appliesTo: [AGENT, GUARDRAIL, DATA_SOURCE, CC],
    check(resource) {
      switch (resource.type) {
        case AGENT:
          return isSet(resource.body.customer_encryption_key_arn) ? COMPLIANT : fail(resource, 'customer_encryption_key_arn', 'is not set; encrypt the agent with a customer-managed key');
        case GUARDRAIL:
          return isSet(resource.body.kms_key_arn) ? COMPLIANT : fail(resource, 'kms_key_arn', 'is not set; encrypt the guardrail with a customer-managed key');
        case DATA_SOURCE:
          return isSet(block(resource.body.server_side_encryption_configuration)?.kms_key_arn)
            ? COMPLIANT
            : fail(resource, 'server_side_encryption_configuration.kms_key_arn', 'is not set; encrypt ingestion with a customer-managed key');
        default: {
          const state = ccState(resource);
          switch (ccType(resource)) {
            case 'AWS::Bedrock::Agent':
              return isSet(state.CustomerEncryptionKeyArn) ? COMPLIANT : fail(resource, 'desired_state.CustomerEncryptionKeyArn', 'is not set');
            case 'AWS::Bedrock::Guardrail':
              return isSet(state.KmsKeyArn) ? COMPLIANT : fail(resource, 'desired_state.KmsKeyArn', 'is not set');
            case 'AWS::Bedrock::DataSource':
              return isSet(state.ServerSideEncryptionConfiguration?.KmsKeyArn) ? COMPLIANT : fail(resource, 'desired_state.ServerSideEncryptionConfiguration.KmsKeyArn', 'is not set');
            default:
              return NOT_APPLICABLE;
          }
        }
      }
    },
  }),
  defineRule({
    id: 'BR-03',
    title: 'Guardrail filters PROMPT_ATTACK at HIGH input strength and covers PII',
    severity: 'medium',
    pack: 'bedrock',
    mappings: {},
    appliesTo: [GUARDRAIL, CC],
    check(resource) {
      let filters: { type: unknown; input: unknown }[];
      let pii: boolean;
      if (resource.type === CC) {
        if (ccType(resource) !== 'AWS::Bedrock::Guardrail') return NOT_APPLICABLE;
        const state = ccState(resource);
        filters = (state.ContentPolicyConfig?.FiltersConfig ?? []).map((f: any) => ({ type: f?.Type, input: f?.InputStrength }));
        const sensitive = state.SensitiveInformationPolicyConfig ?? {};
        pii = (sensitive.PiiEntitiesConfig ?? []).length > 0 || (sensitive.RegexesConfig ?? []).length > 0;
      } else {
        filters = blocks(block(resource.body.content_policy_config)?.filters_config).map((f) => ({ type: f.type, input: f.input_strength }));
        const sensitive = block(resource.body.sensitive_information_policy_config);
        pii = blocks(sensitive?.pii_entities_config).length > 0 || blocks(sensitive?.regexes_config).length > 0;
      }
      const c = collector();
      c.expect(filters.some((f) => f.type === 'PROMPT_ATTACK' && f.input === 'HIGH'), 'content_policy_config.filters_config', 'has no PROMPT_ATTACK filter at HIGH input strength');
      c.expect(pii, 'sensitive_information_policy_config', 'has no PII entities (or regexes); anonymize or block PII');
      return verdict(resource, c.problems);
    },
  }),
];
