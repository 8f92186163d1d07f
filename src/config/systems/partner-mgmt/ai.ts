import { EnvName } from '../../../core/names';
import { AiLayerConfig } from '../../layers/ai';

/**
 * The seed's model strategy: Titan for standard analysis, Nova Premier for enhanced reasoning (Nova
 * Premier is served through the US cross-region inference profile only); Titan Text Embeddings v2
 * for the knowledge base.
 */
export function partnerAi(env: EnvName): AiLayerConfig {
  return {
    modelIds: ['amazon.titan-text-express-v1', 'amazon.titan-embed-text-v2:0'],
    inferenceProfileIds: ['us.amazon.nova-premier-v1:0'],
    embeddingModelId: 'amazon.titan-embed-text-v2:0',
    vectorStoreStandbyReplicas: env === 'prod',
    agentIdleSessionTtlSeconds: 900,
    // A/B: staging tries the candidate prompts on half the traffic, prod on a tenth.
    promptCandidatePercent: env === 'dev' ? 0 : env === 'staging' ? 50 : 10,
    // Prod: a year, model invocation logs are audit-class (src/config/retention-classes.ts).
    logRetentionDays: env === 'prod' ? 365 : 30,
  };
}
