import { EnvName } from '../../../core/names';
import { AiLayerConfig } from '../../layers/ai';

/**
 * BidOps.ai ai layer: the models the seed enables (Claude 3 Haiku/Sonnet, Nova Micro/Lite, Titan
 * embeddings v2), a daily knowledge-base sync, 30-day AgentCore memory. dev runs the vector
 * collection without standby replicas (half the OCUs); staging and prod are multi-AZ.
 */
export function bidopsAi(env: EnvName): AiLayerConfig {
  return {
    modelIds: [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'anthropic.claude-3-sonnet-20240229-v1:0',
      'amazon.nova-micro-v1:0',
      'amazon.nova-lite-v1:0',
      'amazon.titan-embed-text-v2:0',
    ],
    embeddingModelId: 'amazon.titan-embed-text-v2:0',
    embeddingDimensions: 1024,
    knowledgeBaseSyncSchedule: 'cron(0 3 * * ? *)',
    chunkMaxTokens: 512,
    chunkOverlapPercentage: 20,
    vectorStoreStandbyReplicas: env !== 'dev',
    // ECR tags are immutable and CI pushes `<env>-<version or git sha>` (the repository lifecycle keeps
    // tags by env prefix); a release bumps this value, and AgentCore creates a new runtime version.
    agentcoreImageTag: `${env}-0.1.0`,
    memoryEventExpiryDays: 30,
    // Seed "Retention Policies": application logs 30 days; prod model-invocation logs are audit logs (1 year).
    logRetentionDays: env === 'prod' ? 365 : env === 'staging' ? 90 : 30,
  };
}
