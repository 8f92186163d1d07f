import { notEstimated } from './rule-helpers';
import { CostRule, RuleResult } from './types';

/** Usage-driven AI resources: billed per token, page or session, which the synthesized files cannot tell. */
function perRequest(why: string): (ctx: unknown) => RuleResult {
  return () => ({ usage: notEstimated(why) });
}

export const AI_RULES: Record<string, CostRule> = {
  aws_bedrockagent_agent: { class: 'usage', kind: 'Bedrock agent', estimate: perRequest('input/output token of the foundation model') },
  aws_bedrockagent_knowledge_base: { class: 'usage', kind: 'Bedrock knowledge base', estimate: perRequest('embedding and generation token; the vector store is priced on its collection') },
  aws_bedrockagent_data_source: { class: 'usage', kind: 'Bedrock knowledge base ingestion', estimate: perRequest('embedding token of the documents ingested') },
  aws_bedrock_guardrail: { class: 'usage', kind: 'Bedrock guardrail', estimate: perRequest('text unit evaluated by each enabled policy') },
};

/**
 * `aws_cloudcontrolapi_resource` is classified by its CloudFormation type (`type_name`); a type not
 * listed here is reported as unclassified, like an unknown Terraform type.
 */
export const CLOUD_CONTROL_RULES: Record<string, CostRule> = {
  'AWS::BedrockAgentCore::Runtime': { class: 'usage', kind: 'AgentCore runtime', estimate: perRequest('vCPU-hour and GB-hour while sessions are active') },
  'AWS::BedrockAgentCore::Memory': { class: 'usage', kind: 'AgentCore memory', estimate: perRequest('event stored and memory record retrieved') },
  'AWS::Bedrock::DataAutomationProject': { class: 'usage', kind: 'Bedrock Data Automation', estimate: perRequest('document page, image, audio and video minute processed') },
  'AWS::Bedrock::PromptVersion': { class: 'free', kind: 'Bedrock prompt version', why: 'prompt management has no charge; inference is billed where the prompt is used' },
  'AWS::OpenSearchServerless::Index': { class: 'free', kind: 'OpenSearch Serverless index', why: 'capacity and storage are billed on the collection' },
};
