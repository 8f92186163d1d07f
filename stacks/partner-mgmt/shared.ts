import { EnvironmentConfig } from '../../src/config/types';

/** CloudWatch namespace of the system's business KPIs and health metric. */
export const PARTNER_METRICS_NAMESPACE = 'PartnerManagement';

/** Where the ai layer writes the agent's IDs for the orchestrator (read at run time, not deploy time). */
export function agentParameterPath(system: string, env: string): string {
  return `/${system}/${env}/agent/`;
}

/** Regions a US cross-region inference profile routes to. */
const US_PROFILE_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];

/**
 * The model ARNs the analysis functions and the agent may invoke: the configured on-demand models in
 * `region`, and for each `us.` inference profile the profile plus its model in every region it
 * routes to.
 */
export function modelArns(config: EnvironmentConfig, region: string): string[] {
  const ai = config.ai!;
  const arns = ai.modelIds.map((id) => `arn:aws:bedrock:${region}::foundation-model/${id}`);
  for (const profile of ai.inferenceProfileIds ?? []) {
    const model = profile.split('.').slice(1).join('.');
    arns.push(`arn:aws:bedrock:${region}:${config.accountId}:inference-profile/${profile}`);
    for (const r of US_PROFILE_REGIONS) arns.push(`arn:aws:bedrock:${r}::foundation-model/${model}`);
  }
  return [...new Set(arns)];
}

/** JSON schema of `POST /analyses` (API Gateway validates it before the orchestrator runs). */
export const ANALYSIS_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'customerName', 'opportunityName', 'region', 'closeDate', 'opportunityAmount', 'description'],
  properties: {
    customerId: { type: 'string', maxLength: 128 },
    customerName: { type: 'string', minLength: 1, maxLength: 256 },
    opportunityName: { type: 'string', minLength: 1, maxLength: 256 },
    region: { type: 'string', maxLength: 64 },
    closeDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    opportunityAmount: { type: 'number', minimum: 0 },
    description: { type: 'string', minLength: 1, maxLength: 10000 },
    analysisType: { type: 'string', enum: ['standard', 'nova-premier', 'funding', 'follow-on'] },
  },
} as const;
